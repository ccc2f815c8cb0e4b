// Word frequencies and the comparison of two groups, as panel content: the person picks how to
// group documents (the whole study, each case, each document, or by an attribute) and, to compare,
// two of the groups. Documents are read as the Placements see them (open editors as typed).
import * as vscode from 'vscode';
import { caseOfDocument, documentAttributes } from '../core/cases/cases';
import { frequencyRows } from '../core/search/frequencies';
import { countByGroup, groupOfDocument, type Grouping } from '../core/search/groups';
import { compareCounts } from '../core/search/keyness';
import type { PanelContent } from '../shared/search-protocol';
import type { SearchService } from './service';

export interface FrequencyArguments {
  readonly grouping?: Grouping;
  /** For a comparison: the two groups' names (an attribute value, a case id, a document path). */
  readonly groupA?: string;
  readonly groupB?: string;
}

/** Rows sent to the webview per group: enough for any reading, few enough to stay quick. */
const ROWS_SHOWN = 500;

function settings() {
  const config = vscode.workspace.getConfiguration('gloss.wordFrequencies');
  return {
    removeStopWords: config.get<boolean>('removeStopWords', true),
    fallbackLanguage: config.get<string>('language', 'en'),
    prefixLength: Math.max(0, Math.floor(config.get<number>('prefixLength', 0))),
    per: config.get<number>('per', 1000) === 10000 ? 10000 : 1000,
  };
}

async function pickGrouping(search: SearchService, compare: boolean): Promise<Grouping | undefined> {
  const current = search.study.current;
  if (!current) return undefined;
  const attributes = new Set<string>();
  for (const path of current.documentPaths) for (const name of Object.keys(documentAttributes(current.cases, path))) attributes.add(name);
  const items: (vscode.QuickPickItem & { grouping: Grouping })[] = [
    ...(compare ? [] : [{ label: vscode.l10n.t('The whole study'), grouping: { kind: 'all' } as Grouping }]),
    ...[...attributes].sort().map((attribute) => ({ label: vscode.l10n.t('By attribute: {0}', attribute), grouping: { kind: 'attribute', attribute } as Grouping })),
    { label: vscode.l10n.t('Each case'), grouping: { kind: 'case' } },
    { label: vscode.l10n.t('Each document'), grouping: { kind: 'document' } },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: compare ? vscode.l10n.t('Compare word frequencies of groups made…') : vscode.l10n.t('Count words of…') });
  return picked?.grouping;
}

function groupingLabel(grouping: Grouping): string {
  switch (grouping.kind) {
    case 'all': return vscode.l10n.t('the whole study');
    case 'case': return vscode.l10n.t('each case');
    case 'document': return vscode.l10n.t('each document');
    case 'attribute': return grouping.attribute;
  }
}

/** The frequencies panel content, asking how to group when not told. */
/** countByGroup with its progress in the status bar (a large study takes a second or more). */
async function countWithProgress(...[documents, cases, options]: Parameters<typeof countByGroup>): ReturnType<typeof countByGroup> {
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Counting words') }, (progress) =>
    countByGroup(documents, cases, options, { onStep: (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1} documents', done, total) }) }),
  );
}

export async function frequencyContent(search: SearchService, args: FrequencyArguments = {}): Promise<PanelContent | undefined> {
  const grouping = args.grouping ?? (await pickGrouping(search, false));
  const study = await search.studyForSearch();
  if (!grouping || !study) return undefined;
  const options = settings();
  const groups = await countWithProgress(study.documents, study.cases, { grouping, ...options });
  return {
    kind: 'frequencies',
    title: vscode.l10n.t('Word Frequencies: {0}', groupingLabel(grouping)),
    per: options.per,
    groups: [...groups].map(([name, counts]) => ({ name, tokens: counts.tokens, rows: frequencyRows(counts, options.per).slice(0, ROWS_SHOWN) })),
  };
}

/** The comparison of two groups, asking for the grouping and the groups when not told. */
export async function comparisonContent(search: SearchService, args: FrequencyArguments = {}): Promise<{ content: PanelContent; documents: string[] } | undefined> {
  const grouping = args.grouping ?? (await pickGrouping(search, true));
  const study = await search.studyForSearch();
  if (!grouping || !study) return undefined;
  const names = [...new Set(study.documents.map((d) => groupOfDocument(study.cases, d.path, grouping)))].sort();
  const label = (name: string) => (grouping.kind === 'case' ? (study.cases.cases.find((c) => c.id === name)?.name ?? name) : name);
  let groupA = args.groupA;
  let groupB = args.groupB;
  if (groupA === undefined || groupB === undefined) {
    if (names.length < 2) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are fewer than two groups to compare.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      names.map((name) => ({ label: label(name), name })),
      { title: vscode.l10n.t('Compare which two groups? Tick two.'), canPickMany: true },
    );
    if (!picked) return undefined;
    if (picked.length !== 2) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Tick exactly two groups to compare.'));
      return undefined;
    }
    [groupA, groupB] = [picked[0].name, picked[1].name];
  }
  const options = settings();
  const inGroup = (name: string) => study.documents.filter((d) => groupOfDocument(study.cases, d.path, grouping) === name);
  const counts = await countWithProgress([...inGroup(groupA), ...inGroup(groupB)], study.cases, { grouping, ...options });
  const a = counts.get(groupA);
  const b = counts.get(groupB);
  if (!a || !b) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No document belongs to {0}.', !a ? groupA : groupB));
    return undefined;
  }
  const rows = compareCounts(a, b, options.per)
    .slice(0, ROWS_SHOWN)
    .map((r) => ({ ...r, percentDiff: Number.isFinite(r.percentDiff) ? r.percentDiff : null }));
  return {
    content: {
      kind: 'comparison',
      title: vscode.l10n.t('Word Frequencies: {0} and {1}', label(groupA), label(groupB)),
      per: options.per,
      groupA: label(groupA),
      groupB: label(groupB),
      tokensA: a.tokens,
      tokensB: b.tokens,
      rows,
    },
    documents: [...inGroup(groupA), ...inGroup(groupB)].map((d) => d.path),
  };
}

export function caseName(search: SearchService, path: string): string {
  const current = search.study.current;
  return current ? (caseOfDocument(current.cases, path)?.id ?? '') : '';
}
