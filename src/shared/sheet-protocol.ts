// Messages between the classification sheet's webview and the extension. No `vscode` here: the
// webview bundle imports this file too.
import type { AttributeType } from '../core/model';

export const SHEET_VIEW_TYPE = 'gloss.sheet';

/** Rows are the documents (each with its own values over its case's) or the cases. */
export type SheetMode = 'documents' | 'cases';

export interface SheetColumn {
  readonly name: string;
  readonly type: AttributeType;
  /** A choice attribute's values. */
  readonly values?: readonly string[];
}

export interface SheetCell {
  readonly text: string;
  /** False: a document shows its case's value (it has none of its own). */
  readonly own: boolean;
}

export interface SheetRow {
  /** The case id or the document's path: what an edit names. */
  readonly key: string;
  readonly label: string;
  /** The case of a document row. */
  readonly group?: string;
  readonly cells: Readonly<Record<string, SheetCell>>;
}

export interface SheetData {
  readonly mode: SheetMode;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly SheetRow[];
  /** Why nothing can be edited now (cases.yaml does not parse), or undefined. */
  readonly problem?: string;
  /** Documents of the study in no case (not shown: their attributes have nowhere to go). */
  readonly looseDocuments: number;
}

export interface SheetStrings {
  readonly documents: string;
  readonly cases: string;
  readonly rowsLabel: string;
  readonly document: string;
  readonly case: string;
  readonly addAttribute: string;
  readonly importCsv: string;
  readonly openFile: string;
  readonly empty: string;
  readonly inherited: string;
  readonly looseDocuments: string;
  readonly help: string;
  readonly saving: string;
  readonly saved: string;
  readonly yes: string;
  readonly no: string;
}

/** What the test commands do inside the webview, as a person would with the keyboard. */
export type TestAction =
  | { readonly kind: 'focus'; readonly row: string; readonly column: string }
  | { readonly kind: 'key'; readonly key: string; readonly shift?: boolean }
  | { readonly kind: 'type'; readonly text: string }
  | { readonly kind: 'mode'; readonly mode: SheetMode };

export interface SheetReport {
  readonly mode: SheetMode;
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  /** Rendered cell texts, row by row. */
  readonly cells: readonly (readonly string[])[];
  readonly active: { readonly row: string; readonly column: string } | null;
  /** The open editor's kind, or null. */
  readonly editor: 'input' | 'select' | null;
  readonly message: string;
  readonly pending: number;
}

export type HostMessage =
  | { readonly type: 'init'; readonly strings: SheetStrings; readonly data: SheetData }
  | { readonly type: 'data'; readonly data: SheetData }
  | { readonly type: 'edited'; readonly requestId: number; readonly error?: string }
  | { readonly type: 'act'; readonly requestId: number; readonly action: TestAction }
  | { readonly type: 'query'; readonly requestId: number };

export type WebviewMessage =
  | { readonly type: 'ready'; readonly mode: SheetMode | null }
  | { readonly type: 'mode'; readonly mode: SheetMode }
  | { readonly type: 'edit'; readonly requestId: number; readonly mode: SheetMode; readonly key: string; readonly attribute: string; readonly text: string }
  | { readonly type: 'command'; readonly command: 'addAttribute' | 'importCsv' | 'openFile' }
  | { readonly type: 'report'; readonly requestId: number; readonly report: SheetReport }
  | { readonly type: 'acted'; readonly requestId: number; readonly error?: string };
