// The search feature: study-wide search of the transcripts (a search box, the Search Results view,
// the keyword-in-context concordance and its CSV export), word frequencies and the comparison of
// two groups. Other features take the last hits through `gloss.search.lastHits` (auto-coding).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askExportTarget, csvByteOrderMark } from '../ui/export-target';
import { registerCommand } from '../util/commands';
import { webviewHost } from '../util/webview-page';
import { writeTextAtomic } from '../core/storage/files';
import { escapeRegExp, type SearchOptions } from '../core/search/match';
import { kwicCsv, kwicRows, sortKwic, type KwicRow, type KwicSort } from '../core/search/kwic';
import type { SearchScope } from '../core/search/scope';
import { hitSpans, type HitSpan } from '../core/search/study-search';
import type { PanelContent } from '../shared/search-protocol';
import type { StudyFeature } from '../study/register';
import { registerTestCommands } from '../util/test-mode';
import { caseName, comparisonContent, frequencyContent, type FrequencyArguments } from './frequencies';
import { askForSearch } from './input';
import { openHit, type HitPlace } from './open';
import { SearchPanel, type PanelHandlers } from './panel';
import { SearchService } from './service';
import { OPEN_HIT_COMMAND, SearchResultsTree } from './tree';

/** Arguments of gloss.searchStudy for a search without the search box (tests, other features). */
interface SearchArguments extends Partial<SearchOptions> {
  readonly query: string;
  readonly scope?: SearchScope;
  /** Show the concordance (default true). */
  readonly concordance?: boolean;
}

export function registerSearch(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study, placements } = feature;
  const search = new SearchService(study, placements, context.workspaceState);
  const tree = new SearchResultsTree(search);
  const view = vscode.window.createTreeView('gloss.searchResults', { treeDataProvider: tree, showCollapseAll: true });
  /** The concordance as shown: its rows in their order, which `open` indexes. */
  let concordance: { rows: KwicRow[]; sort: KwicSort; descending: boolean } = { rows: [], sort: 'document', descending: false };
  /** The documents behind the frequencies shown, where a clicked word is searched. */
  let frequencyScope: SearchScope = {};

  const concordanceContent = (): PanelContent => ({
    kind: 'concordance',
    title: vscode.l10n.t('Concordance: {0}', search.lastRequest?.options.query ?? ''),
    rows: concordance.rows.map((r) => ({ path: r.path, line: r.line, left: r.left, keyword: r.keyword, right: r.right })),
    sort: concordance.sort,
    descending: concordance.descending,
  });

  const handlers: PanelHandlers = {
    open: async (index) => {
      const row = concordance.rows[index];
      if (row) await openHit(study, row, { preview: true });
    },
    sort: async ({ sort, descending }) => {
      concordance = { rows: sortKwic(concordance.rows, sort, descending), sort, descending };
      SearchPanel.current?.setContent(concordanceContent());
    },
    exportCsv: async () => {
      await exportCsv(undefined);
    },
    word: async (word) => {
      await runSearch({ ...wordSearch(word), scope: frequencyScope });
    },
  };

  const showConcordance = () => {
    concordance = { rows: sortKwic(kwicRows(search.lastHits), concordance.sort, concordance.descending), sort: concordance.sort, descending: concordance.descending };
    SearchPanel.show(webviewHost(context), handlers, concordanceContent());
  };

  async function runSearch(args: SearchArguments | undefined): Promise<HitSpan[] | undefined> {
    if (!study.current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No study is open. Open a folder that holds a codebook.yaml.'));
      return undefined;
    }
    let request;
    if (args && typeof args.query === 'string') {
      const options: SearchOptions = { ...search.remembered.options };
      for (const key of ['query', 'regex', 'matchCase', 'matchAccents', 'wholeWord'] as const) if (args[key] !== undefined) Object.assign(options, { [key]: args[key] });
      request = { options, scope: args.scope ?? {} };
    } else {
      request = await askForSearch(study, search.remembered);
    }
    if (!request) return undefined;
    const hits = await search.run(request, args === undefined);
    if (!hits) return undefined;
    view.message = hits.length === 0 ? vscode.l10n.t('No hits for "{0}".', request.options.query) : vscode.l10n.t('{0} hits for "{1}".', hits.length, request.options.query);
    if (args?.concordance !== false) showConcordance();
    return hitSpans(hits);
  }

  async function exportCsv(target: string | undefined): Promise<string | undefined> {
    const current = study.current;
    if (!current || concordance.rows.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Search first: there are no hits to export.'));
      return undefined;
    }
    let destination = target;
    if (!destination) {
      destination = await askExportTarget({
        title: vscode.l10n.t('Export {0} hits as CSV', concordance.rows.length),
        fileName: 'concordance.csv',
        suggestedFolder: current.root,
        filters: { CSV: ['csv'] },
      });
      if (!destination) return undefined;
    }
    await writeTextAtomic(destination, kwicCsv(concordance.rows, (p) => caseName(search, p), csvByteOrderMark() !== ''));
    if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} hits to {1}.', concordance.rows.length, path.basename(destination)));
    return destination;
  }

  context.subscriptions.push(
    search,
    view,
    { dispose: () => SearchPanel.current?.dispose() },
    registerCommand('gloss.searchStudy', (args?: SearchArguments) => runSearch(args)),
    registerCommand('gloss.search.showConcordance', () => showConcordance()),
    registerCommand('gloss.search.exportCsv', (args?: { target?: string }) => exportCsv(typeof args?.target === 'string' ? args.target : undefined)),
    registerCommand('gloss.search.clear', () => {
      search.clear();
      view.message = undefined;
    }),
    // For other features (auto-coding of hits): the last search's hits as { path, start, end } in code points.
    registerCommand('gloss.search.lastHits', (): HitSpan[] => hitSpans(search.lastHits)),
    // Auto-coding belongs to the queries feature: it previews the hits and writes the codings.
    // Its options (code, widening) pass through, so a caller can skip those questions.
    registerCommand('gloss.search.autoCodeHits', (options?: object) => {
      const hits = hitSpans(search.lastHits);
      if (hits.length === 0) return vscode.window.showInformationMessage(vscode.l10n.t('Search the study first: there are no hits to code.'));
      return vscode.commands.executeCommand('gloss.autoCode.hits', { ...options, hits });
    }),
    registerCommand(OPEN_HIT_COMMAND, (hit: HitPlace) => openHit(study, hit)),
    registerCommand('gloss.wordFrequencies', async (args?: FrequencyArguments) => {
      const content = await frequencyContent(search, args);
      if (!content) return;
      frequencyScope = {};
      SearchPanel.show(webviewHost(context), handlers, content);
    }),
    registerCommand('gloss.compareWordFrequencies', async (args?: FrequencyArguments) => {
      const compared = await comparisonContent(search, args);
      if (!compared) return;
      frequencyScope = { documents: compared.documents };
      SearchPanel.show(webviewHost(context), handlers, compared.content);
    }),
  );
  registerTestCommands(context, {
    'gloss.test.search.query': () => SearchPanel.current?.query(),
    'gloss.test.search.openRow': (index: number) => handlers.open(index),
    'gloss.test.search.clickWord': (word: string) => handlers.word(word),
  });
}

/** A word of the frequency table as a search: itself as a whole word, or every word a prefix group holds. */
function wordSearch(word: string): SearchArguments {
  if (word.endsWith('…')) return { query: `${escapeRegExp(word.slice(0, -1))}[\\p{L}\\p{M}\\p{N}]*`, regex: true, matchCase: false, matchAccents: true, wholeWord: true };
  return { query: word, regex: false, matchCase: false, matchAccents: true, wholeWord: true };
}
