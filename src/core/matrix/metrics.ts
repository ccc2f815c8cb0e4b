// The measures a code matrix cell can show, as numbers and as text, and the order of its rows.
// Shared by the extension (exports) and the webview (display, sorting); no imports beyond types.

export type Metric = 'segments' | 'documents' | 'coverage' | 'presence';

export const METRICS: readonly Metric[] = ['segments', 'documents', 'coverage', 'presence'];

/** One cell's measures and the length of its column's text. */
export interface CellMeasures {
  readonly segments: number;
  readonly documents: number;
  readonly covered: number;
  /** Code points of text in the column (or in all columns, for a total). */
  readonly length: number;
}

/** The cell's value for `metric`: a count, a share in [0, 1], or 0/1 for presence. */
export function metricValue(metric: Metric, cell: CellMeasures): number {
  switch (metric) {
    case 'segments':
      return cell.segments;
    case 'documents':
      return cell.documents;
    case 'coverage':
      return cell.length === 0 ? 0 : cell.covered / cell.length;
    case 'presence':
      return cell.segments > 0 ? 1 : 0;
  }
}

/** The mark shown in a cell where a code is present. */
export const PRESENT = '●';

/** The value as it is shown and exported: counts as integers, coverage as a percentage. */
export function formatMetric(metric: Metric, value: number): string {
  switch (metric) {
    case 'segments':
    case 'documents':
      return String(value);
    case 'coverage':
      return value === 0 ? '0%' : value < 0.001 ? '<0.1%' : `${(value * 100).toFixed(1)}%`;
    case 'presence':
      return value > 0 ? PRESENT : '';
  }
}

/** A row of the hierarchy, as much of it as ordering needs. */
export interface OrderableRow {
  readonly code: string;
  readonly parent?: string;
}

/**
 * Row indices in display order: the hierarchy kept (children right under their parent), siblings
 * sorted by `key` (descending or ascending, ties in codebook order) or left in codebook order when
 * `key` is undefined. Rows under a collapsed code are left out.
 */
export function orderRows(
  rows: readonly OrderableRow[],
  key: ((row: number) => number) | undefined,
  descending: boolean,
  collapsed: ReadonlySet<string> = new Set(),
): number[] {
  const children = new Map<string | undefined, number[]>();
  const known = new Set(rows.map((row) => row.code));
  rows.forEach((row, index) => {
    const parent = row.parent !== undefined && known.has(row.parent) ? row.parent : undefined;
    const list = children.get(parent);
    if (list) list.push(index);
    else children.set(parent, [index]);
  });
  const order: number[] = [];
  const visit = (parent: string | undefined) => {
    const siblings = [...(children.get(parent) ?? [])];
    if (key) siblings.sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)) || a - b);
    for (const index of siblings) {
      order.push(index);
      if (!collapsed.has(rows[index].code)) visit(rows[index].code);
    }
  };
  visit(undefined);
  return order;
}
