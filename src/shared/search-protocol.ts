// The messages between the search webview (concordance, word frequencies, comparison of two groups)
// and the extension, shared by both sides (no `vscode` import here). The webview posts `ready`;
// the extension answers with `show`, and again whenever the content changes.
import type { KwicSort } from '../core/search/kwic';

export type { KwicSort };

export const SEARCH_VIEW_TYPE = 'gloss.search';

export interface ConcordanceRow {
  readonly path: string;
  readonly line: number;
  readonly left: string;
  readonly keyword: string;
  readonly right: string;
}

export interface FrequencyGroup {
  readonly name: string;
  readonly tokens: number;
  readonly rows: readonly { readonly word: string; readonly count: number; readonly relative: number }[];
}

export interface KeynessRow {
  readonly word: string;
  readonly countA: number;
  readonly countB: number;
  readonly relativeA: number;
  readonly relativeB: number;
  readonly logLikelihood: number;
  readonly direction: 1 | -1 | 0;
  /** null: the word is absent from group B (infinite %DIFF). */
  readonly percentDiff: number | null;
  readonly logRatio: number;
}

export type PanelContent =
  | { readonly kind: 'concordance'; readonly title: string; readonly rows: readonly ConcordanceRow[]; readonly sort: KwicSort; readonly descending: boolean }
  | { readonly kind: 'frequencies'; readonly title: string; readonly per: number; readonly groups: readonly FrequencyGroup[] }
  | {
      readonly kind: 'comparison';
      readonly title: string;
      readonly per: number;
      readonly groupA: string;
      readonly groupB: string;
      readonly tokensA: number;
      readonly tokensB: number;
      readonly rows: readonly KeynessRow[];
    };

export type SearchStrings = Record<
  | 'document' | 'line' | 'left' | 'keyword' | 'right' | 'sortBy' | 'sortDocument' | 'sortLeft2' | 'sortLeft1' | 'sortKeyword' | 'sortRight1' | 'sortRight2'
  | 'descending' | 'exportCsv' | 'hits' | 'noHits' | 'word' | 'count' | 'perThousand' | 'group' | 'words' | 'chart' | 'logLikelihood' | 'logRatio'
  | 'percentDiff' | 'moreFrequentIn' | 'significant' | 'showInContext' | 'concordanceLabel' | 'tableLabel' | 'moreIn',
  string
>;

export type HostMessage =
  | { readonly type: 'show'; readonly content: PanelContent; readonly strings: SearchStrings }
  | { readonly type: 'query'; readonly requestId: number };

/** What the webview shows, read back from its DOM for the integration tests. */
export interface SearchWebviewReport {
  readonly kind: PanelContent['kind'] | 'empty';
  readonly title: string;
  /** Concordance: path, line, left, keyword, right of each row as shown; tables: their cells. */
  readonly rows: readonly (readonly string[])[];
}

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly index: number }
  | { readonly type: 'sort'; readonly sort: KwicSort; readonly descending: boolean }
  | { readonly type: 'exportCsv' }
  | { readonly type: 'word'; readonly word: string }
  | { readonly type: 'report'; readonly requestId: number; readonly report: SearchWebviewReport };
