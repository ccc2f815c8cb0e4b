// The search box: a Quick Input with toggle buttons (match case, match accents, whole words,
// regular expression) and a button to narrow the search by case, attribute, document type, code
// or coder. It starts from the last search; Enter runs it.
import * as vscode from 'vscode';
import { documentAttributes } from '../core/cases/cases';
import type { SearchOptions } from '../core/search/match';
import { documentType, type SearchScope } from '../core/search/scope';
import type { SearchRequest } from './service';
import type { StudyService } from '../study/study-service';

type Toggle = 'matchCase' | 'matchAccents' | 'wholeWord' | 'regex';

const TOGGLES: readonly { key: Toggle; icon: string; label: () => string }[] = [
  { key: 'matchCase', icon: 'case-sensitive', label: () => vscode.l10n.t('Match Case') },
  { key: 'matchAccents', icon: 'symbol-key', label: () => vscode.l10n.t('Match Accents') },
  { key: 'wholeWord', icon: 'whole-word', label: () => vscode.l10n.t('Match Whole Word') },
  { key: 'regex', icon: 'regex', label: () => vscode.l10n.t('Use Regular Expression') },
];

interface ToggleButton extends vscode.QuickInputButton {
  readonly key?: Toggle;
  readonly narrow?: true;
}

export async function askForSearch(study: StudyService, start: SearchRequest): Promise<SearchRequest | undefined> {
  let options: SearchOptions = start.options;
  let scope: SearchScope = start.scope;
  for (;;) {
    const result = await searchBox(options, scope);
    if (result === undefined) return undefined;
    options = result.options;
    if (!result.narrow) return { options, scope };
    scope = (await askForScope(study, scope)) ?? scope;
  }
}

function searchBox(options: SearchOptions, scope: SearchScope): Promise<{ options: SearchOptions; narrow: boolean } | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Search the Study');
  box.placeholder = vscode.l10n.t('A word, a phrase or a regular expression (transcripts only)');
  box.value = options.query;
  let current = options;
  const render = () => {
    const buttons: ToggleButton[] = TOGGLES.map((t) => ({
      key: t.key,
      iconPath: new vscode.ThemeIcon(t.icon),
      tooltip: t.label(),
      location: vscode.QuickInputButtonLocation.Input,
      toggle: { checked: current[t.key] },
    }));
    buttons.push({ narrow: true, iconPath: new vscode.ThemeIcon(scopeSize(scope) > 0 ? 'filter-filled' : 'filter'), tooltip: vscode.l10n.t('Narrow the Search…') });
    box.buttons = buttons;
    const on = TOGGLES.filter((t) => current[t.key]).map((t) => t.label());
    box.prompt = [on.length > 0 ? on.join(' · ') : vscode.l10n.t('Any case, any accents, any part of a word'), scopeSize(scope) > 0 ? vscode.l10n.t('narrowed by {0} filter(s)', scopeSize(scope)) : '']
      .filter(Boolean)
      .join(' — ');
  };
  render();
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: { options: SearchOptions; narrow: boolean } | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidTriggerButton((button) => {
      const b = button as ToggleButton;
      current = { ...current, query: box.value };
      if (b.narrow) finish({ options: current, narrow: true });
      else if (b.key) {
        current = { ...current, [b.key]: !current[b.key] };
        render();
      }
    });
    box.onDidAccept(() => finish({ options: { ...current, query: box.value }, narrow: false }));
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

function scopeSize(scope: SearchScope): number {
  return (
    (scope.cases?.length ?? 0) +
    Object.values(scope.attributes ?? {}).reduce((n, v) => n + v.length, 0) +
    (scope.documentTypes?.length ?? 0) +
    (scope.coding ? scope.coding.codes.length + scope.coding.coders.length : 0)
  );
}

interface ScopeItem extends vscode.QuickPickItem {
  readonly apply?: (scope: MutableScope) => void;
}

interface MutableScope {
  cases: string[];
  attributes: Record<string, string[]>;
  documentTypes: string[];
  codes: string[];
  coders: string[];
  where: 'inside' | 'outside';
}

/** A multi-select list of every filter; what is ticked is the new scope. */
async function askForScope(study: StudyService, scope: SearchScope): Promise<SearchScope | undefined> {
  const current = study.current;
  if (!current) return undefined;
  const separator = (label: string): ScopeItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: ScopeItem[] = [];
  items.push(separator(vscode.l10n.t('Cases')));
  for (const c of current.cases.cases) {
    items.push({ label: c.name, description: c.id, picked: scope.cases?.includes(c.id) ?? false, apply: (s) => s.cases.push(c.id) });
  }
  const values = new Map<string, Set<string>>();
  for (const path of current.documentPaths) {
    for (const [name, value] of Object.entries(documentAttributes(current.cases, path))) {
      values.set(name, (values.get(name) ?? new Set()).add(String(value)));
    }
  }
  items.push(separator(vscode.l10n.t('Attributes')));
  for (const [name, set] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    for (const value of [...set].sort()) {
      items.push({
        label: `${name} = ${value}`,
        picked: scope.attributes?.[name]?.includes(value) ?? false,
        apply: (s) => (s.attributes[name] = [...(s.attributes[name] ?? []), value]),
      });
    }
  }
  items.push(separator(vscode.l10n.t('Document types')));
  for (const type of [...new Set(current.documentPaths.map(documentType))].sort()) {
    items.push({ label: `.${type}`, picked: scope.documentTypes?.includes(type) ?? false, apply: (s) => s.documentTypes.push(type) });
  }
  const where = scope.coding?.where ?? 'inside';
  items.push(separator(vscode.l10n.t('Coded passages')));
  items.push({
    label: vscode.l10n.t('Only hits outside the passages of the ticked codes and coders'),
    description: vscode.l10n.t('(else: only hits inside them)'),
    picked: where === 'outside',
    apply: (s) => (s.where = 'outside'),
  });
  for (const code of current.codebook.codes) {
    items.push({ label: `$(tag) ${current.codebook.pathLabel(code.id)}`, description: code.id, picked: scope.coding?.codes.includes(code.id) ?? false, apply: (s) => s.codes.push(code.id) });
  }
  const coders = [...new Set(current.codingsFileList.flatMap((f) => f.codings.map((c) => c.coder)))].sort();
  for (const coder of coders) {
    items.push({ label: `$(person) ${coder}`, picked: scope.coding?.coders.includes(coder) ?? false, apply: (s) => s.coders.push(coder) });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Narrow the Search'),
    placeHolder: vscode.l10n.t('Tick cases, attribute values, document types, codes or coders; nothing ticked: the whole study'),
    canPickMany: true,
    matchOnDescription: true,
  });
  if (picked === undefined) return undefined;
  const next: MutableScope = { cases: [], attributes: {}, documentTypes: [], codes: [], coders: [], where: 'inside' };
  for (const item of picked) item.apply?.(next);
  return {
    ...(next.cases.length ? { cases: next.cases } : {}),
    ...(Object.keys(next.attributes).length ? { attributes: next.attributes } : {}),
    ...(next.documentTypes.length ? { documentTypes: next.documentTypes } : {}),
    ...(next.codes.length || next.coders.length ? { coding: { codes: next.codes, coders: next.coders, where: next.where } } : {}),
  };
}
