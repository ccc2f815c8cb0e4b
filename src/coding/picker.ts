// The code picker: a searchable quick pick of the codebook (name, with the parent path to search
// and read the hierarchy by), recently used codes first, and "Create code …" for a name that is
// not there yet. New codes are added to codebook.yaml by the codebook's text edits (comments and
// layout kept), with a colour from the codebook palette (a shade of the parent's for a sub-code).
import * as vscode from 'vscode';
import { addCode } from '../core/codebook/edit';
import { paletteColour } from '../core/codebook/palette';
import { isValidName, sameName, type Codebook } from '../core/codebook/codebook';
import type { Code } from '../core/model';
import type { StudyFeature } from '../study/register';
import { parentPathLabel, resolveCodeReference } from './selection';

interface CodeItem extends vscode.QuickPickItem {
  readonly code?: Code;
  readonly create?: { readonly name: string; readonly parentId: string | undefined; readonly parentKnown: boolean };
}

/** A small square in the code's colour, as a quick pick icon. */
export function colourIcon(colour: string | undefined): vscode.Uri | vscode.ThemeIcon {
  if (colour === undefined) return new vscode.ThemeIcon('circle-outline');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="2" y="2" width="12" height="12" rx="3" fill="${colour}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

function codeItem(codebook: Codebook, code: Code): CodeItem {
  const parents = parentPathLabel(codebook, code.id);
  return {
    label: code.name,
    description: parents === '' ? undefined : parents,
    iconPath: colourIcon(code.colour),
    code,
  };
}

export interface PickOptions {
  readonly title: string;
  readonly recent: readonly string[];
  /** Offer "Create code …" for names not in the codebook. */
  readonly allowCreate: boolean;
}

export type PickResult = { readonly code: Code } | { readonly create: string; readonly parentId: string | undefined; readonly parentKnown: boolean } | undefined;

/** Shows the picker; resolves with the chosen code, a name to create, or undefined. */
export function pickCode(codebook: Codebook, options: PickOptions): Promise<PickResult> {
  const quickPick = vscode.window.createQuickPick<CodeItem>();
  quickPick.title = options.title;
  quickPick.placeholder = options.allowCreate
    ? vscode.l10n.t('Type to search codes, or a new name to create a code (Parent › Name puts it under a parent)')
    : vscode.l10n.t('Type to search codes');
  quickPick.matchOnDescription = true;
  // A recent code merged into another since is that other code (once).
  const recent = [...new Set(options.recent.map((id) => codebook.get(id)).filter((c): c is Code => c !== undefined))];
  const recentIds = new Set(recent.map((c) => c.id));
  const all = codebook.codes.map((code) => codeItem(codebook, code));

  const update = (value: string): void => {
    const items: CodeItem[] = [];
    if (value.trim() === '') {
      if (recent.length > 0) {
        items.push({ label: vscode.l10n.t('recently used'), kind: vscode.QuickPickItemKind.Separator });
        items.push(...recent.map((code) => codeItem(codebook, code)));
        items.push({ label: vscode.l10n.t('all codes'), kind: vscode.QuickPickItemKind.Separator });
      }
      items.push(...all);
    } else {
      items.push(...recent.map((code) => codeItem(codebook, code)), ...all.filter((item) => !recentIds.has(item.code!.id)));
      const create = options.allowCreate ? creationOf(codebook, value) : undefined;
      if (create) {
        const where = create.parentId === undefined ? '' : ` ${vscode.l10n.t('under {0}', codebook.pathLabel(create.parentId))}`;
        items.push({ label: `$(add) ${vscode.l10n.t('Create code “{0}”', create.name)}${where}`, alwaysShow: true, create });
      }
    }
    quickPick.items = items;
  };
  update('');

  return new Promise<PickResult>((resolve) => {
    let result: PickResult;
    quickPick.onDidChangeValue(update);
    quickPick.onDidAccept(() => {
      const [item] = quickPick.selectedItems.length > 0 ? quickPick.selectedItems : quickPick.activeItems;
      if (item?.code) result = { code: item.code };
      else if (item?.create) result = { create: item.create.name, parentId: item.create.parentId, parentKnown: item.create.parentKnown };
      else if (options.allowCreate && quickPick.value.trim() !== '') {
        const create = creationOf(codebook, quickPick.value);
        if (create) result = { create: create.name, parentId: create.parentId, parentKnown: create.parentKnown };
      }
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

/**
 * What "Create code" would make of the typed text: a name, and a parent when the text is a path
 * whose parent exists ("Organisation › Partners"). Undefined when a code of that name exists there.
 */
function creationOf(codebook: Codebook, value: string): { name: string; parentId: string | undefined; parentKnown: boolean } | undefined {
  const parts = value.split(/\s*›\s*|\s+>\s+/u).map((p) => p.trim()).filter((p) => p !== '');
  const name = parts.pop();
  if (name === undefined || !isValidName(name)) return undefined;
  let parentId: string | undefined;
  if (parts.length > 0) {
    const parent = resolveCodeReference(codebook, parts.join(' › '));
    if (!parent) return undefined;
    parentId = parent.id;
  }
  if (codebook.children(parentId).some((c) => sameName(c.name, name))) return undefined;
  return { name, parentId, parentKnown: parts.length > 0 };
}

/** Asks where a new code goes: at the top level or under a code. Undefined when cancelled. */
export async function pickParent(codebook: Codebook, name: string): Promise<{ parentId: string | undefined } | undefined> {
  const top: CodeItem = { label: `$(list-tree) ${vscode.l10n.t('Top level')}`, description: vscode.l10n.t('a new theme') };
  const items: CodeItem[] = [top, { label: vscode.l10n.t('under a code'), kind: vscode.QuickPickItemKind.Separator }, ...codebook.codes.map((code) => codeItem(codebook, code))];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Where does “{0}” go?', name),
    placeHolder: vscode.l10n.t('Pick the parent code, or the top level'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  return { parentId: picked.code?.id };
}

/**
 * Adds a code to codebook.yaml (comment-preserving edit, atomic write) and returns it; the
 * colour is the palette's next one, a shade of the parent's for a sub-code.
 */
export async function createCode(feature: StudyFeature, name: string, parentId: string | undefined): Promise<Code> {
  const study = feature.study.current;
  if (!study) throw new Error(vscode.l10n.t('No study is open.'));
  const codebook = study.codebook;
  const colours = codebook.codes.map((c) => c.colour).filter((c): c is string => c !== undefined);
  const parentColour = parentId === undefined ? undefined : codebook.get(parentId)?.colour;
  const id = study.newCodeId(name);
  const colour = paletteColour(colours, parentColour);
  await feature.study.history.record(vscode.l10n.t('Add the code “{0}”', name), () => study.editCodebook((text) => addCode(text, { id, name, colour }, parentId)));
  feature.study.notify({ kind: 'codebook' });
  const created = study.codebook.get(id);
  if (!created) throw new Error(vscode.l10n.t('The new code did not reach the codebook.'));
  feature.study.log.info(`Added the code "${study.codebook.pathLabel(id)}" (${id}, ${colour}).`);
  return created;
}
