// The columns of a code matrix: one per document, per case, or per value of an attribute.
import { documentAttributes, type Cases } from '../cases/cases';
import type { AttributeValue } from '../model';
import type { MatrixDocument } from './input';

export type ColumnDimension =
  | { readonly kind: 'document' }
  | { readonly kind: 'case' }
  | { readonly kind: 'attribute'; readonly attribute: string };

export interface MatrixColumn {
  /** Stable key: the document path, the case id, or the attribute value (`NO_VALUE` for none). */
  readonly key: string;
  readonly label: string;
  /** Indices into the input's documents. */
  readonly documents: readonly number[];
  /** Code points of text in the column's documents. */
  readonly length: number;
}

/** Key of the column for documents without a case or without a value of the attribute. */
export const NO_VALUE = '\u0000none';

/** Labels the caller may translate; the defaults are English. */
export interface ColumnLabels {
  readonly noCase: string;
  readonly noValue: string;
}

const DEFAULT_LABELS: ColumnLabels = { noCase: '(no case)', noValue: '(none)' };

export function matrixColumns(
  documents: readonly MatrixDocument[],
  cases: Cases,
  dimension: ColumnDimension,
  labels: ColumnLabels = DEFAULT_LABELS,
): MatrixColumn[] {
  switch (dimension.kind) {
    case 'document':
      return documents.map((document, index) => ({ key: document.path, label: document.path, documents: [index], length: document.length }));
    case 'case':
      return caseColumns(documents, cases, labels);
    case 'attribute':
      return attributeColumns(documents, cases, dimension.attribute, labels);
  }
}

function caseColumns(documents: readonly MatrixDocument[], cases: Cases, labels: ColumnLabels): MatrixColumn[] {
  const caseOf = new Map<string, string>();
  for (const c of cases.cases) for (const d of c.documents) caseOf.set(d.path, c.id);
  const members = new Map<string, number[]>(cases.cases.map((c) => [c.id, []]));
  const none: number[] = [];
  documents.forEach((document, index) => {
    const id = caseOf.get(document.path);
    if (id === undefined) none.push(index);
    else members.get(id)!.push(index);
  });
  const columns = cases.cases.map((c) => column(c.id, c.name, members.get(c.id)!, documents));
  if (none.length > 0) columns.push(column(NO_VALUE, labels.noCase, none, documents));
  return columns;
}

function attributeColumns(documents: readonly MatrixDocument[], cases: Cases, attribute: string, labels: ColumnLabels): MatrixColumn[] {
  const byValue = new Map<string, number[]>();
  const none: number[] = [];
  documents.forEach((document, index) => {
    const value: AttributeValue | undefined = documentAttributes(cases, document.path)[attribute];
    if (value === undefined) {
      none.push(index);
      return;
    }
    const key = String(value);
    const list = byValue.get(key);
    if (list) list.push(index);
    else byValue.set(key, [index]);
  });
  const definition = cases.attributes.find((a) => a.name === attribute);
  const declared = definition?.values ?? [];
  const keys = [...byValue.keys()].sort((a, b) => {
    const ia = declared.indexOf(a);
    const ib = declared.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    if (definition?.type === 'number') return Number(a) - Number(b);
    return a.localeCompare(b);
  });
  const columns = keys.map((key) => column(key, key, byValue.get(key)!, documents));
  if (none.length > 0) columns.push(column(NO_VALUE, labels.noValue, none, documents));
  return columns;
}

function column(key: string, label: string, members: number[], documents: readonly MatrixDocument[]): MatrixColumn {
  let length = 0;
  for (const index of members) length += documents[index].length;
  return { key, label, documents: members, length };
}
