// The three matrices as grid models: what each cell shows, its shading, and what a cell means
// when it is activated. Cells are built when the grid shows them: a big matrix has 150,000.
import { formatMetric, metricValue, orderRows, type Metric } from '../../core/matrix/metrics';
import {
  counted,
  fill,
  type CodeMatrixData,
  type CooccurrenceData,
  type DrillTarget,
  type FrameworkCellData,
  type FrameworkData,
  type ViewState,
  type WebviewStrings,
} from '../../shared/comparison-protocol';
import { el } from '../shared/dom';
import type { GridCell, GridModel, GridRow } from './grid';

export interface MatrixModel {
  readonly grid: Omit<GridModel, 'onActivate' | 'onToggle'>;
  /** What activating a data cell drills into; undefined for cells that hold nothing to list. */
  readonly targetAt: (row: number, column: number) => DrillTarget | undefined;
  /** The code of a grid row, for collapsing. */
  readonly codeAt: (row: number) => string | undefined;
  /** The column key a header sorts by ('' for the total), null for codebook order. */
  readonly sortKeyAt?: (column: number) => string | null;
  readonly describe: (target: DrillTarget, count: number) => string;
}

const TOTAL_KEY = '';

function shadeOf(value: number, max: number): number {
  return max > 0 ? Math.min(1, value / max) : 0;
}

export function codeMatrixModel(data: CodeMatrixData, view: ViewState, s: WebviewStrings): MatrixModel {
  const metric: Metric = view.metric;
  const collapsed = new Set(view.collapsed);
  const width = data.columns.length;
  const columnIndex = view.sort.column === null ? undefined : view.sort.column === TOTAL_KEY ? -1 : data.columns.findIndex((c) => c.key === view.sort.column);
  const valueAt = (row: number, column: number) =>
    metricValue(metric, { segments: data.rows[row].segments[column], documents: data.rows[row].documents[column], covered: data.rows[row].covered[column], length: data.columns[column].length });
  const totalOf = (segments: readonly number[], total: { segments: number; documents: number; covered: number }) =>
    metric === 'presence' ? segments.filter((n) => n > 0).length : metricValue(metric, { ...total, length: data.length });
  const key = columnIndex === undefined ? undefined : columnIndex === -1 ? (row: number) => totalOf(data.rows[row].segments, data.rows[row].total) : (row: number) => valueAt(row, columnIndex);
  const order = orderRows(data.rows, key, view.sort.descending, collapsed);
  const allValue = (c: number) => metricValue(metric, { segments: data.all.segments[c], documents: data.all.documents[c], covered: data.all.covered[c], length: data.columns[c].length });
  // The largest value shades fully; the longest text sets a column's width.
  let max = 0;
  const columnMax = new Array<number>(width + 1).fill(0);
  for (const row of order) {
    for (let c = 0; c < width; c++) {
      const value = valueAt(row, c);
      if (value > max) max = value;
      if (value > columnMax[c]) columnMax[c] = value;
    }
    columnMax[width] = Math.max(columnMax[width], totalOf(data.rows[row].segments, data.rows[row].total));
  }
  for (let c = 0; c < width; c++) columnMax[c] = Math.max(columnMax[c], allValue(c));
  columnMax[width] = Math.max(columnMax[width], totalOf(data.all.segments, data.all.total));
  const totalText = (value: number) => (metric === 'presence' ? String(value) : formatMetric(metric, value));
  const chars = (c: number) => (c === width ? totalText(columnMax[c]) : formatMetric(metric, columnMax[c])).length + (metric === 'coverage' ? 1 : 0);
  const describeCell = (segments: number, documents: number, covered: number, length: number) =>
    `${counted(segments, s.oneSegment, s.segmentsCount)} · ${documents} ${s.metricDocuments.toLowerCase()} · ${formatMetric('coverage', length === 0 ? 0 : covered / length)}`;

  const rows: GridRow[] = order.map((index) => {
    const row = data.rows[index];
    return {
      header: { text: row.name, title: row.name, depth: row.depth, ...(row.colour ? { colour: row.colour } : {}), ...(row.hasChildren ? { expanded: !collapsed.has(row.code) } : {}) },
      cell: (c): GridCell => {
        if (c === width) {
          return { text: totalText(totalOf(row.segments, row.total)), className: 'total', title: () => `${row.name} · ${s.total}: ${describeCell(row.total.segments, row.total.documents, row.total.covered, data.length)}` };
        }
        const value = valueAt(index, c);
        const column = data.columns[c];
        return {
          text: formatMetric(metric, value),
          shade: shadeOf(value, max),
          title: () => `${row.name} · ${column.label}: ${describeCell(row.segments[c], row.documents[c], row.covered[c], column.length)}`,
          ...(metric === 'presence' && value > 0 ? { className: 'present' } : {}),
        };
      },
    };
  });
  rows.push({
    header: { text: s.allCodes },
    className: 'total-row',
    cell: (c): GridCell => {
      if (c === width) return { text: totalText(totalOf(data.all.segments, data.all.total)), className: 'total' };
      const column = data.columns[c];
      return { text: formatMetric(metric, allValue(c)), className: 'total', title: () => `${s.allCodes} · ${column.label}: ${describeCell(data.all.segments[c], data.all.documents[c], data.all.covered[c], column.length)}` };
    },
  });

  const sorted = (key: string): 'ascending' | 'descending' | undefined => (view.sort.column === key ? (view.sort.descending ? 'descending' : 'ascending') : undefined);
  const columnTitle = (label: string, documents: number) => `${label} · ${documents} ${s.columnsDocuments.toLowerCase()} · ${s.sortHint}`;
  return {
    grid: {
      label: s.gridLabel,
      corner: s.code,
      className: `codes metric-${metric}`,
      virtual: true,
      columns: [
        ...data.columns.map((c, i) => ({ text: c.label, title: columnTitle(c.path ?? c.label, c.documents), chars: chars(i), ...(sorted(c.key) ? { sorted: sorted(c.key) } : {}) })),
        { text: s.total, title: s.sortHint, chars: chars(width), ...(sorted(TOTAL_KEY) ? { sorted: sorted(TOTAL_KEY) } : {}) },
      ],
      rows,
    },
    targetAt: (row, column) => {
      if (row < 1 || column < 1) return undefined;
      const code = row <= order.length ? data.rows[order[row - 1]].code : null;
      const key = column <= width ? data.columns[column - 1].key : null;
      return { kind: 'codes', code, column: key };
    },
    codeAt: (row) => (row >= 1 && row <= order.length ? data.rows[order[row - 1]].code : undefined),
    sortKeyAt: (column) => (column === 0 ? null : column <= width ? data.columns[column - 1].key : TOTAL_KEY),
    describe: (target, count) => {
      if (target.kind !== 'codes') return '';
      const code = target.code === null ? s.allCodes : (data.rows.find((r) => r.code === target.code)?.name ?? target.code);
      const column = target.column === null ? s.total : (data.columns.find((c) => c.key === target.column)?.label ?? target.column);
      return fill(s.segmentsOf, code, column, count);
    },
  };
}

export function cooccurrenceModel(data: CooccurrenceData, view: ViewState, s: WebviewStrings): MatrixModel {
  const collapsed = new Set(view.collapsed);
  const order = orderRows(data.codes, undefined, false, collapsed);
  let max = 0;
  for (const i of order) for (const j of order) if (i !== j) max = Math.max(max, data.counts[i][j]);
  const rows: GridRow[] = order.map((i) => {
    const code = data.codes[i];
    return {
      header: { text: code.name, depth: code.depth, ...(code.colour ? { colour: code.colour } : {}), ...(code.hasChildren ? { expanded: !collapsed.has(code.code) } : {}), title: `${code.name}: ${counted(data.segments[i], s.oneSegment, s.segmentsCount)}` },
      cell: (c): GridCell => {
        const j = order[c];
        return i === j
          ? { text: '', disabled: true, className: 'diagonal', title: () => `${code.name}: ${counted(data.segments[i], s.oneSegment, s.segmentsCount)}` }
          : { text: String(data.counts[i][j]), shade: shadeOf(data.counts[i][j], max), title: () => fill(s.pairsOf, code.name, data.codes[j].name, data.counts[i][j]) };
      },
    };
  });
  return {
    grid: {
      label: s.gridLabel,
      corner: s.code,
      className: 'cooccurrence',
      virtual: true,
      columns: order.map((j) => ({ text: data.codes[j].name, title: data.codes[j].name, vertical: true, chars: String(max).length, ...(data.codes[j].colour ? { colour: data.codes[j].colour } : {}) })),
      rows,
    },
    targetAt: (row, column) => {
      if (row < 1 || column < 1 || row === column) return undefined;
      return { kind: 'cooccurrence', a: data.codes[order[row - 1]].code, b: data.codes[order[column - 1]].code };
    },
    codeAt: (row) => (row >= 1 && row <= order.length ? data.codes[order[row - 1]].code : undefined),
    describe: (target, count) => {
      if (target.kind !== 'cooccurrence') return '';
      const name = (code: string) => data.codes.find((c) => c.code === code)?.name ?? code;
      return fill(s.pairsOf, name(target.a), name(target.b), count);
    },
  };
}

/** Positive, negative, mixed or neutral, read from the rating's own signs (++, +, -, +/-). */
export function ratingTone(rating: string | undefined): string {
  if (!rating) return 'none';
  const plus = [...rating].filter((c) => c === '+').length;
  const minus = [...rating].filter((c) => c === '-' || c === '−').length;
  if (plus > 0 && minus > 0) return 'mixed';
  if (plus > 1) return 'strong-positive';
  if (plus === 1) return 'positive';
  if (minus > 1) return 'strong-negative';
  if (minus === 1) return 'negative';
  return 'neutral';
}

export function frameworkCellText(cell: FrameworkCellData | undefined): string {
  return [cell?.rating ?? '', cell?.summary?.trim() ?? ''].filter((part) => part !== '').join(' — ');
}

export function frameworkModel(data: FrameworkData, s: WebviewStrings): MatrixModel {
  const cellAt = (caseId: string, theme: string) => data.cells.find((c) => c.case === caseId && c.theme === theme);
  const rows: GridRow[] = data.rows.map((row) => {
    const cells = data.themes.map((theme): GridCell => {
      const cell = cellAt(row.id, theme.code);
      return {
        text: frameworkCellText(cell),
        className: 'framework-cell',
        title: fill(s.cellTitle, row.label, theme.label),
        content: () => [
          el('div', { className: 'cell-head' }, [
            cell?.rating ? el('span', { className: `rating tone-${ratingTone(cell.rating)}`, text: cell.rating }) : el('span', { className: 'rating tone-none', text: '·', attrs: { 'aria-hidden': 'true' } }),
            el('span', { className: 'counts', text: !cell || cell.evidence.length === 0 ? '' : counted(cell.evidence.length, s.oneSegment, s.segmentsCount) }),
          ]),
          el('div', { className: 'summary', text: cell?.summary?.trim() ?? '' }),
        ],
      };
    });
    return { header: { text: row.label, title: row.cases ? `${row.label}: ${row.cases.join(', ')}` : row.label }, className: row.cases ? 'group-row' : '', cell: (c) => cells[c] };
  });
  return {
    grid: {
      label: data.title ?? s.tabFramework,
      corner: s.case,
      className: 'framework',
      columns: data.themes.map((theme) => ({ text: theme.label, title: theme.code, ...(theme.colour ? { colour: theme.colour } : {}) })),
      rows,
    },
    targetAt: (row, column) => (row < 1 || column < 1 ? undefined : { kind: 'framework', case: data.rows[row - 1].id, theme: data.themes[column - 1].code }),
    codeAt: () => undefined,
    describe: (target) => {
      if (target.kind !== 'framework') return '';
      return fill(s.cellTitle, data.rows.find((r) => r.id === target.case)?.label ?? target.case, data.themes.find((t) => t.code === target.theme)?.label ?? target.theme);
    },
  };
}
