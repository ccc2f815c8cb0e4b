// The messages between the comparison webview and the extension, shared by both sides (no
// `vscode` import here). The webview posts `ready` first; the extension answers with `init` and
// only then posts anything else. Requests carry an id; answers repeat it, so the webview ignores
// answers to requests it has since replaced.
import type { ColumnDimension } from '../core/matrix/columns';
import type { CoderPairs, Proximity } from '../core/matrix/cooccurrence';
import type { Metric } from '../core/matrix/metrics';

export type { CoderPairs, ColumnDimension, Metric, Proximity };

/** The webview panel's view type, also used by its serializer and the activation event. */
export const COMPARISON_VIEW_TYPE = 'gloss.comparison';

export type ComparisonTab = 'codes' | 'cooccurrence' | 'framework';

/** Everything the person chose; kept with the webview's state and restored after a reload. */
export interface ViewState {
  readonly tab: ComparisonTab;
  readonly columns: ColumnDimension;
  readonly metric: Metric;
  readonly rollUp: boolean;
  /** Coders whose codings count; null for all. */
  readonly coders: readonly string[] | null;
  /** Codes whose sub-codes are hidden. */
  readonly collapsed: readonly string[];
  /** Sort the code rows by a column (its key; '' for the total) or keep codebook order (null). */
  readonly sort: { readonly column: string | null; readonly descending: boolean };
  readonly proximity: Proximity;
  /** Co-occurrence: pairs of one coder's segments, or of any coders'. */
  readonly pairs: CoderPairs;
  /** The framework matrix shown: its path relative to the study root. */
  readonly framework: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  tab: 'codes',
  columns: { kind: 'case' },
  metric: 'segments',
  rollUp: false,
  coders: null,
  collapsed: [],
  sort: { column: null, descending: true },
  proximity: { kind: 'overlap' },
  pairs: 'within-coder',
  framework: null,
};

export interface StudyInfo {
  readonly open: boolean;
  readonly attributes: readonly string[];
  readonly coders: readonly string[];
  /** Framework matrix files, relative to the study root. */
  readonly frameworks: readonly string[];
}

export interface CodeInfo {
  readonly code: string;
  readonly name: string;
  readonly colour?: string;
  readonly parent?: string;
  readonly depth: number;
  readonly hasChildren: boolean;
}

export interface Totals {
  readonly segments: number;
  readonly documents: number;
  readonly covered: number;
}

export interface CodeRowData extends CodeInfo {
  /** Per column. */
  readonly segments: readonly number[];
  readonly documents: readonly number[];
  readonly covered: readonly number[];
  readonly total: Totals;
}

export interface ColumnData {
  readonly key: string;
  readonly label: string;
  /** A document column's study-relative path, for its tooltip (its label is the short name). */
  readonly path?: string;
  /** Number of documents in the column. */
  readonly documents: number;
  /** Code points of text in the column. */
  readonly length: number;
}

export interface Excluded {
  readonly orphans: number;
  readonly unknownCodes: number;
}

export interface CodeMatrixData {
  readonly kind: 'codes';
  readonly columns: readonly ColumnData[];
  readonly rows: readonly CodeRowData[];
  readonly all: Omit<CodeRowData, keyof CodeInfo>;
  readonly length: number;
  readonly excluded: Excluded;
  readonly documents: number;
  readonly milliseconds: number;
}

export interface CooccurrenceData {
  readonly kind: 'cooccurrence';
  readonly codes: readonly CodeInfo[];
  readonly counts: readonly (readonly number[])[];
  readonly segments: readonly number[];
  readonly excluded: Excluded;
  readonly documents: number;
  readonly milliseconds: number;
}

export interface FrameworkRowData {
  readonly id: string;
  readonly label: string;
  /** The cases the row pools, for a group. */
  readonly cases?: readonly string[];
}

export interface FrameworkThemeData {
  readonly code: string;
  readonly label: string;
  readonly colour?: string;
}

export interface FrameworkCellData {
  readonly case: string;
  readonly theme: string;
  readonly rating?: string;
  readonly summary?: string;
  readonly evidence: readonly string[];
  /** Segments of the row's cases with the theme's code (or one below it) not yet linked. */
  readonly suggestions: number;
}

export interface ProblemData {
  readonly line?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface FrameworkData {
  readonly kind: 'framework';
  /** Relative path, or null when the study has no framework matrix yet. */
  readonly file: string | null;
  readonly title?: string;
  readonly description?: string;
  readonly scale: readonly string[];
  readonly rows: readonly FrameworkRowData[];
  readonly themes: readonly FrameworkThemeData[];
  readonly cells: readonly FrameworkCellData[];
  readonly problems: readonly ProblemData[];
  /** False when the file cannot be read as a matrix: nothing is edited until it is fixed. */
  readonly editable: boolean;
}

export interface NoStudyData {
  readonly kind: 'none';
}

export type ViewData = CodeMatrixData | CooccurrenceData | FrameworkData | NoStudyData;

/** A segment as listed in a drill-down. Offsets are code points of the current text. */
export interface SegmentData {
  readonly id: string;
  readonly document: string;
  readonly caseName?: string;
  readonly code: string;
  readonly codeLabel: string;
  readonly coder: string;
  readonly start: number;
  readonly end: number;
  /** 1-based line of the start. */
  readonly line: number;
  /** The segment's text, cut after a limit. */
  readonly text: string;
  readonly truncated: boolean;
  /** Not placed on the current text: shown with its stored quote, cannot be opened. */
  readonly orphan?: boolean;
  /** An evidence id that no coding shown has. */
  readonly missing?: boolean;
  /** Of those, one of another coder's codings, hidden while blind coding is on. */
  readonly hidden?: boolean;
}

/** What a drill-down is about. A null code is the "all codes" row; a null column the total. */
export type DrillTarget =
  | { readonly kind: 'codes'; readonly code: string | null; readonly column: string | null }
  | { readonly kind: 'cooccurrence'; readonly a: string; readonly b: string }
  | { readonly kind: 'framework'; readonly case: string; readonly theme: string };

/** A change to a framework cell as the webview sends it. */
export interface CellEdit {
  readonly rating?: string | null;
  readonly summary?: string | null;
  /** The full evidence list afterwards. */
  readonly evidence?: readonly string[];
}

export type WebviewCommand = 'exportCsv' | 'exportMarkdown' | 'newFramework' | 'addRow' | 'addTheme' | 'openFrameworkFile' | 'openAgreement';

/** Webview → extension. */
export type WebviewMessage =
  | { readonly type: 'ready'; readonly view: ViewState | null }
  | { readonly type: 'view'; readonly requestId: number; readonly view: ViewState }
  /** A change shown without new data (metric, sorting, collapsed codes): for exports and restoring. */
  | { readonly type: 'viewShown'; readonly view: ViewState }
  | { readonly type: 'drill'; readonly requestId: number; readonly view: ViewState; readonly target: DrillTarget }
  | { readonly type: 'open'; readonly document: string; readonly start: number; readonly end: number }
  | { readonly type: 'editCell'; readonly requestId: number; readonly file: string; readonly case: string; readonly theme: string; readonly edit: CellEdit }
  | { readonly type: 'command'; readonly command: WebviewCommand; readonly view: ViewState }
  | { readonly type: 'report'; readonly requestId: number; readonly report: WebviewReport }
  | { readonly type: 'acted'; readonly requestId: number; readonly error?: string };

/** Extension → webview. */
export type HostMessage =
  | { readonly type: 'init'; readonly strings: WebviewStrings; readonly study: StudyInfo; readonly view: ViewState }
  | { readonly type: 'study'; readonly study: StudyInfo }
  /** Data for a view; requestId null when pushed because the study changed. */
  | { readonly type: 'data'; readonly requestId: number | null; readonly view: ViewState; readonly data: ViewData }
  | {
      readonly type: 'drilled';
      readonly requestId: number;
      readonly target: DrillTarget;
      /** One segment per item for a code matrix cell, a pair for co-occurrence. */
      readonly items: readonly (readonly SegmentData[])[];
      readonly evidence?: readonly SegmentData[];
      readonly suggestions?: readonly SegmentData[];
      /** Items left out of a very long list. */
      readonly omitted: number;
    }
  | { readonly type: 'edited'; readonly requestId: number; readonly error?: string }
  /** A command asked for another view (e.g. open this framework matrix). */
  | { readonly type: 'showView'; readonly view: Partial<ViewState> }
  /** `summary`: without the cell texts and DOM checks, cheap enough to poll on a big matrix. */
  | { readonly type: 'query'; readonly requestId: number; readonly summary: boolean }
  | { readonly type: 'act'; readonly requestId: number; readonly action: TestAction };

/** Test-only: acts in the webview's DOM as a person would (used by the integration tests). */
export type TestAction =
  /** Sets a toolbar control (by its data-control name) and fires its change event. */
  | { readonly kind: 'control'; readonly control: string; readonly value: string | boolean }
  /** Focuses the grid cell at a position (0: header row / row header column). */
  | { readonly kind: 'focusCell'; readonly row: number; readonly column: number }
  /** Presses a key on the focused element. */
  | { readonly kind: 'key'; readonly key: string; readonly ctrlKey?: boolean }
  /** Clicks the element with this data-test id (the nth, when several). */
  | { readonly kind: 'click'; readonly testId: string; readonly index?: number }
  /** Scrolls the grid to a fraction (0 to 1) of its height and width, as a mouse wheel would. */
  | { readonly kind: 'scroll'; readonly top: number; readonly left: number }
  /** Types into the input or textarea with this data-test id. */
  | { readonly kind: 'type'; readonly testId: string; readonly text: string }
  /** Sends a message to the extension as the webview's code would: whatever it holds (a hostile webview). */
  | { readonly kind: 'post'; readonly message: WebviewMessage };

/** Test-only: what the webview shows. */
export interface WebviewReport {
  readonly view: ViewState;
  readonly tab: ComparisonTab;
  readonly status: string;
  readonly columnHeaders: readonly string[];
  /** The column header cells in the page (a big grid renders those in view): grid column, label and tooltip. */
  readonly headerCells: readonly { readonly column: number; readonly text: string; readonly title: string }[];
  readonly rowHeaders: readonly string[];
  /** Text of each data cell, row by row (total column included), as the grid shows it. */
  readonly cells: readonly (readonly string[])[];
  /** Cells in the page (big matrices render what is in view), and how many of them show another text than `cells`. */
  readonly renderedCells: number;
  readonly mismatches: number;
  /** Rows in the page, and in the matrix. */
  readonly renderedRows: number;
  readonly totalRows: number;
  /**
   * Milliseconds: the longest render of the rows and columns in view, the longest task the browser
   * reported meanwhile (style and layout included), grid creation to first render, data received to rows shown.
   */
  readonly rendering: { readonly longestChunk: number; readonly longestTask: number; readonly complete: number; readonly firstRows: number };
  readonly focused: { readonly row: number; readonly column: number } | null;
  readonly drill: {
    readonly title: string;
    readonly items: readonly string[];
    readonly evidence: readonly string[];
    readonly suggestions: readonly string[];
  } | null;
  readonly editor: { readonly rating: string; readonly summary: string } | null;
  /** Elements that data could smuggle in: images, scripts beyond the page's own, frames, `on…` attributes. */
  readonly dom: { readonly images: number; readonly scripts: number; readonly iframes: number; readonly inlineHandlers: number };
  readonly bodyText: string;
}

/** The webview's user-facing strings, translated by the extension (vscode.l10n). */
export const STRING_KEYS = [
  'tabCodes',
  'tabCooccurrence',
  'tabFramework',
  'columns',
  'columnsDocuments',
  'columnsCases',
  'columnsAttribute',
  'metric',
  'metricSegments',
  'metricDocuments',
  'metricCoverage',
  'metricPresence',
  'rollUp',
  'coders',
  'allCoders',
  'proximity',
  'proximityOverlap',
  'proximityTurn',
  'proximityParagraph',
  'proximityDistance',
  'distance',
  'pairs',
  'pairsWithinCoder',
  'pairsAcrossCoders',
  'exportCsv',
  'exportMarkdown',
  'openAgreement',
  'code',
  'total',
  'allCodes',
  'case',
  'matrixFile',
  'newFramework',
  'addRow',
  'addTheme',
  'openFile',
  'noStudy',
  'noFramework',
  'loading',
  'statusCodes',
  'oneDocument',
  'documentsCount',
  'statusExcluded',
  'statusCooccurrence',
  'segmentsOf',
  'pairsOf',
  'noSegments',
  'open',
  'orphan',
  'missing',
  'hidden',
  'line',
  'rating',
  'noRating',
  'summary',
  'evidence',
  'suggestions',
  'noSuggestions',
  'noEvidence',
  'link',
  'unlink',
  'save',
  'revert',
  'saved',
  'saving',
  'close',
  'segmentsCount',
  'oneSegment',
  'problems',
  'notEditable',
  'cellTitle',
  'sortHint',
  'collapse',
  'expand',
  'gridLabel',
] as const;

export type StringKey = (typeof STRING_KEYS)[number];
export type WebviewStrings = Readonly<Record<StringKey, string>>;

/** `{0}`, `{1}`… in a translated string, as vscode.l10n writes them. */
/** A counted noun with its own string for one ("1 segment") and for more ("{0} segments"). */
export function counted(n: number, one: string, other: string): string {
  return n === 1 ? fill(one, n) : fill(other, n);
}

export function fill(template: string, ...values: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : match));
}
