// The messages between the agreement webview and the extension, shared by both sides (no `vscode`
// import here). The webview posts `ready` first; the extension answers with `init`. Each request
// for figures carries an id; progress and results repeat it, and the webview ignores answers to
// requests it has since replaced (the extension stops computing those).
import type { AgreementUnit } from '../core/agreement/units';
import type { SideSpec } from '../core/agreement/study-sides';

export type { AgreementUnit, SideSpec };
export { counted, fill } from './comparison-protocol';
export { AGREEMENT_UNITS } from '../core/agreement/units';

/** The webview panel's view type, also used by its serializer and the activation event. */
export const AGREEMENT_VIEW_TYPE = 'gloss.agreement';

/** Which documents are compared. */
export type DocumentScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'cases'; readonly cases: readonly string[] }
  | { readonly kind: 'documents'; readonly documents: readonly string[] };

/** Everything the person chose; kept with the webview's state and restored after a reload. */
export interface AgreementChoice {
  /** Two or more sides: a coder in the working tree, or at a Git ref. */
  readonly sides: readonly SideSpec[];
  readonly scope: DocumentScope;
  readonly unit: AgreementUnit;
  /** Count each coding for its top-level code. */
  readonly rollUp: boolean;
  /** The codes reported; null for every code the sides used. */
  readonly codes: readonly string[] | null;
}

export const DEFAULT_CHOICE: AgreementChoice = { sides: [], scope: { kind: 'all' }, unit: 'word', rollUp: false, codes: null };

/** What the controls offer. */
export interface AgreementOptionsInfo {
  readonly open: boolean;
  /** Git refs are read only in a trusted workspace. */
  readonly trusted: boolean;
  /** Coders of the working tree, then coder folders found at the listed branches. */
  readonly coders: readonly string[];
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly cases: readonly { readonly id: string; readonly name: string }[];
  readonly documents: readonly string[];
  /** Codes in codebook order, with their depth (0: top level). */
  readonly codes: readonly { readonly id: string; readonly name: string; readonly depth: number; readonly colour?: string }[];
}

/** A coefficient's value; null when the data leave it undefined. */
export type Figure = number | null;

export interface UnitFigures {
  readonly units: number;
  readonly percentAgreement: Figure;
  /** Absent with more than two sides. */
  readonly cohenKappa?: Figure;
  readonly fleissKappa: Figure;
  readonly krippendorffAlpha: Figure;
}

export interface AgreementRow {
  /** The code id; null for all codes. */
  readonly code: string | null;
  readonly name: string;
  readonly colour?: string;
  readonly allUnits: UnitFigures;
  readonly codedUnits: UnitFigures;
  readonly unitizingAlpha: Figure;
  /** Per side, in the order of `sides`. */
  readonly codings: readonly number[];
}

export interface AgreementResult {
  readonly kind: 'result';
  /** The sides as the report names them ("Marike", "Joaquín at joaquin"). */
  readonly sides: readonly string[];
  readonly specs: readonly SideSpec[];
  readonly unit: AgreementUnit;
  readonly documents: number;
  readonly documentsCodedByAll: number;
  readonly rows: readonly AgreementRow[];
  readonly overall: AgreementRow;
  /** The paths compared, for "Show disagreements". */
  readonly documentPaths: readonly string[];
  /** Not counted, each listed. */
  readonly orphans: readonly { readonly path: string; readonly coder: string; readonly count: number }[];
  readonly missingTexts: readonly string[];
  /** Documents a side has not coded: missing values for that side, not disagreement. */
  readonly notCodedBy: readonly { readonly path: string; readonly sides: readonly string[] }[];
  /** Chosen documents no side coded. */
  readonly uncoded: readonly string[];
  readonly problems: readonly { readonly file: string; readonly line?: number; readonly message: string }[];
  readonly milliseconds: number;
}

/** Bad input (an unknown ref, a coder with no codings, fewer than two sides…): said, nothing computed. */
export interface AgreementRefusal {
  readonly kind: 'refused';
  readonly message: string;
}

export type AgreementOutcome = AgreementResult | AgreementRefusal;

export type WebviewCommand = 'exportCsv' | 'exportMarkdown' | 'copyMarkdown';

/** Webview → extension. */
export type WebviewMessage =
  | { readonly type: 'ready'; readonly choice: AgreementChoice | null }
  | { readonly type: 'compute'; readonly requestId: number; readonly choice: AgreementChoice }
  | { readonly type: 'command'; readonly command: WebviewCommand }
  | { readonly type: 'showDisagreements'; readonly code: string | null }
  | { readonly type: 'report'; readonly requestId: number; readonly report: AgreementWebviewReport }
  | { readonly type: 'acted'; readonly requestId: number; readonly error?: string };

/** Extension → webview. */
export type HostMessage =
  | { readonly type: 'init'; readonly strings: AgreementStrings; readonly options: AgreementOptionsInfo; readonly choice: AgreementChoice }
  | { readonly type: 'options'; readonly options: AgreementOptionsInfo }
  /** A command asked for other sides or documents. */
  | { readonly type: 'choose'; readonly choice: Partial<AgreementChoice> }
  | { readonly type: 'progress'; readonly requestId: number; readonly message: string }
  | { readonly type: 'outcome'; readonly requestId: number; readonly outcome: AgreementOutcome }
  | { readonly type: 'query'; readonly requestId: number }
  | { readonly type: 'act'; readonly requestId: number; readonly action: TestAction };

/** Test-only: acts in the webview's DOM as a person would. */
export type TestAction =
  /** Sets a control (by its data-control name) and fires its change event. */
  | { readonly kind: 'control'; readonly control: string; readonly value: string | boolean; readonly index?: number }
  /** Clicks the element with this data-test id (the nth, when several). */
  | { readonly kind: 'click'; readonly testId: string; readonly index?: number };

/** Test-only: what the webview shows. */
export interface AgreementWebviewReport {
  /** When the page was loaded (performance.timeOrigin): another value after a reload. */
  readonly page: number;
  readonly choice: AgreementChoice;
  /** The request the figures answer, and whether a newer one is still computing. */
  readonly busy: boolean;
  readonly status: string;
  /** The refusal shown instead of figures, or ''. */
  readonly refusal: string;
  readonly sides: readonly string[];
  /** Column headers of the table, one per figure. */
  readonly columnHeaders: readonly string[];
  /** Per row (codes, then all codes): its name and the texts of its cells. */
  readonly rows: readonly { readonly name: string; readonly cells: readonly string[] }[];
  /** "Disagreements" buttons that can be pressed (one per row with two sides, none with more). */
  readonly disagreementButtons: number;
  /** The lines under the table: what was not counted, documents not coded by a side, problems. */
  readonly notices: readonly string[];
  readonly dom: { readonly images: number; readonly scripts: number; readonly iframes: number; readonly inlineHandlers: number };
}

/** Figures as the view shows them: the same rounding as the command line's text output. */
export function formatPercent(value: Figure): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

export function formatCoefficient(value: Figure): string {
  return value === null ? '—' : value.toFixed(3);
}

/** The cells of a row in column order: all units, coded units (each: units, %, Cohen's κ with two sides, Fleiss' κ, α), uα, codings per side. */
export function rowCells(row: AgreementRow, sides: number): string[] {
  const unitCells = (u: UnitFigures) => [String(u.units), formatPercent(u.percentAgreement), ...(sides === 2 ? [formatCoefficient(u.cohenKappa ?? null)] : []), formatCoefficient(u.fleissKappa), formatCoefficient(u.krippendorffAlpha)];
  return [...unitCells(row.allUnits), ...unitCells(row.codedUnits), formatCoefficient(row.unitizingAlpha), ...row.codings.map(String)];
}

/** The webview's user-facing strings, translated by the extension (vscode.l10n). */
export const STRING_KEYS = [
  'title',
  'sides',
  'side',
  'coder',
  'ref',
  'workingTree',
  'branches',
  'tags',
  'addSide',
  'removeSide',
  'untrusted',
  'documents',
  'allDocuments',
  'byCase',
  'chosenDocuments',
  'unit',
  'unitCharacter',
  'unitWord',
  'unitSentence',
  'unitParagraph',
  'unitTurn',
  'unitDocument',
  'rollUp',
  'codes',
  'allCodesUsed',
  'chooseCodes',
  'compute',
  'exportCsv',
  'exportMarkdown',
  'copyMarkdown',
  'code',
  'allCodes',
  'allUnits',
  'codedUnits',
  'allUnitsExplained',
  'codedUnitsExplained',
  'unitizingExplained',
  'units',
  'percentAgreement',
  'cohenKappa',
  'fleissKappa',
  'krippendorffAlpha',
  'unitizingAlpha',
  'percentShort',
  'cohenShort',
  'fleissShort',
  'alphaShort',
  'unitizingShort',
  'codings',
  'showDisagreements',
  'showDisagreementsTwoSides',
  'status',
  'oneDocument',
  'documentsCount',
  'computing',
  'noStudy',
  'needTwoSides',
  'orphans',
  'missingText',
  'notCodedBy',
  'uncoded',
  'problem',
  'problemAtLine',
  'notCounted',
  'tableLabel',
] as const;

export type StringKey = (typeof STRING_KEYS)[number];
export type AgreementStrings = Readonly<Record<StringKey, string>>;
