// The code matrix: codes (rows, hierarchical) against documents, cases or attribute values
// (columns). Each cell holds the number of segments, the number of documents they are in, and the
// code points they cover (overlapping segments of one row counted once); the metrics shown are
// computed from those. Totals are the same measures over the union, not sums of rows, so a row
// that rolls up its sub-codes and the "all codes" row never count one segment twice.
import type { Codebook } from '../codebook/codebook';
import type { Span } from '../model';
import { matrixColumns, type ColumnDimension, type ColumnLabels, type MatrixColumn } from './columns';
import { coderAccepted, codersOf, type CoderFilter, type MatrixDocument, type MatrixInput, type MatrixSegment } from './input';
import { unionLength } from './spans';

export interface CodeMatrixOptions {
  readonly columns: ColumnDimension;
  /** A code's row also counts the segments of every code below it. */
  readonly rollUp: boolean;
  readonly coders?: CoderFilter;
  readonly labels?: ColumnLabels;
}

/** The three measures of a row in each column; arrays are indexed by column. */
export interface MatrixMeasures {
  readonly segments: number[];
  readonly documents: number[];
  readonly covered: number[];
}

export interface MatrixTotals {
  readonly segments: number;
  readonly documents: number;
  readonly covered: number;
}

export interface CodeMatrixRow {
  readonly code: string;
  readonly name: string;
  readonly colour?: string;
  readonly parent?: string;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly cells: MatrixMeasures;
  /** The row over all documents. */
  readonly total: MatrixTotals;
}

export interface CodeMatrix {
  readonly columns: readonly MatrixColumn[];
  /** Codebook order: a parent before its children. */
  readonly rows: readonly CodeMatrixRow[];
  /** Every segment of a known code, as one row. */
  readonly all: { readonly cells: MatrixMeasures; readonly total: MatrixTotals };
  /** Code points of text in all documents. */
  readonly length: number;
  readonly rollUp: boolean;
  /** Codings left out: not placed (orphans) or naming a code the codebook lacks; after the coder filter. */
  readonly excluded: { readonly orphans: number; readonly unknownCodes: number };
  /** Every coder in the input, for the filter. */
  readonly coders: readonly string[];
}

export function computeCodeMatrix(input: MatrixInput, options: CodeMatrixOptions): CodeMatrix {
  const { codebook, documents } = input;
  const columns = matrixColumns(documents, input.cases, options.columns, options.labels);
  const columnOf = new Int32Array(documents.length).fill(-1);
  columns.forEach((column, index) => {
    for (const d of column.documents) columnOf[d] = index;
  });
  const codes = codebook.codes;
  const rowOf = new Map<string, number>(codes.flatMap((code, index) => codebook.idsOf(code.id).map((id) => [id, index] as const)));
  // The rows a segment of each code counts in: itself, and with roll-up its ancestors.
  const targets: number[][] = codes.map((code) =>
    options.rollUp ? codebook.path(code.id).map((c) => rowOf.get(c.id)!).reverse() : [rowOf.get(code.id)!],
  );
  const width = columns.length;
  const measures = (): MatrixMeasures => ({ segments: new Array(width).fill(0), documents: new Array(width).fill(0), covered: new Array(width).fill(0) });
  const rowCells = codes.map(measures);
  const allCells = measures();
  let orphans = 0;
  let unknownCodes = 0;

  const buckets: Span[][] = codes.map(() => []);
  const touched: number[] = [];
  documents.forEach((document, documentIndex) => {
    const column = columnOf[documentIndex];
    for (const orphan of document.orphans) if (coderAccepted(options.coders, orphan.coder)) orphans++;
    if (column === -1) return;
    const everything: Span[] = [];
    for (const segment of document.segments) {
      if (!coderAccepted(options.coders, segment.coder)) continue;
      const row = rowOf.get(segment.code);
      if (row === undefined) {
        unknownCodes++;
        continue;
      }
      if (!input.derivedCodes?.has(segment.code)) everything.push(segment);
      for (const target of targets[row]) {
        if (buckets[target].length === 0) touched.push(target);
        buckets[target].push(segment);
      }
    }
    for (const row of touched) {
      const spans = buckets[row];
      const cells = rowCells[row];
      cells.segments[column] += spans.length;
      cells.documents[column] += 1;
      cells.covered[column] += unionLength(spans);
      buckets[row] = [];
    }
    touched.length = 0;
    if (everything.length > 0) {
      allCells.segments[column] += everything.length;
      allCells.documents[column] += 1;
      allCells.covered[column] += unionLength(everything);
    }
  });

  const rows: CodeMatrixRow[] = codes.map((code, index) => ({
    code: code.id,
    name: code.name,
    ...(code.colour === undefined ? {} : { colour: code.colour }),
    ...(code.parentId === undefined ? {} : { parent: code.parentId }),
    depth: codebook.path(code.id).length - 1,
    hasChildren: codebook.children(code.id).length > 0,
    cells: rowCells[index],
    total: sumOf(rowCells[index]),
  }));
  return {
    columns,
    rows,
    all: { cells: allCells, total: sumOf(allCells) },
    length: documents.reduce((sum, d) => sum + d.length, 0),
    rollUp: options.rollUp,
    excluded: { orphans, unknownCodes },
    coders: codersOf(documents),
  };
}

/** A document is in one column only, so the totals over all columns are sums. */
function sumOf(cells: MatrixMeasures): MatrixTotals {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return { segments: sum(cells.segments), documents: sum(cells.documents), covered: sum(cells.covered) };
}

/** Which segments a cell holds, for drilling down: a code (and with roll-up its sub-codes) in a column. */
export interface CellSelection {
  /** A code id, or undefined for the "all codes" row. */
  readonly code: string | undefined;
  /** A column key, or undefined for the total column. */
  readonly column: string | undefined;
}

export interface CellSegment {
  readonly document: MatrixDocument;
  readonly segment: MatrixSegment;
}

/** The segments behind a cell, by document path then position. */
export function cellSegments(input: MatrixInput, options: CodeMatrixOptions, selection: CellSelection): CellSegment[] {
  const codes = codesOfRow(input.codebook, selection.code, options.rollUp);
  let documentIndices: Iterable<number>;
  if (selection.column === undefined) {
    documentIndices = input.documents.keys();
  } else {
    const column = matrixColumns(input.documents, input.cases, options.columns, options.labels).find((c) => c.key === selection.column);
    documentIndices = column?.documents ?? [];
  }
  const result: CellSegment[] = [];
  for (const index of [...documentIndices].sort((a, b) => a - b)) {
    const document = input.documents[index];
    for (const segment of document.segments) {
      if (coderAccepted(options.coders, segment.coder) && codes.has(segment.code)) result.push({ document, segment });
    }
  }
  return result;
}

/** The codes a row counts: one code, with roll-up its descendants too, or all codes. */
export function codesOfRow(codebook: Codebook, code: string | undefined, rollUp: boolean): Set<string> {
  // Aliases too: codings that name a code merged into one of these count with it.
  if (code === undefined) return new Set(codebook.codes.flatMap((c) => codebook.idsOf(c.id)));
  const codes = new Set(codebook.idsOf(code));
  if (rollUp) for (const d of codebook.descendants(code)) for (const id of codebook.idsOf(d.id)) codes.add(id);
  return codes;
}

