// The matrices as CSV (RFC 4180, for R, pandas or a spreadsheet) and as Markdown tables (to paste
// into a thesis). Values are the ones the webview shows.
import { csv } from '../util/csv';
import type { CodeMatrix } from './code-matrix';
import type { CooccurrenceMatrix } from './cooccurrence';
import { formatMetric, metricValue, type Metric } from './metrics';

/** One Markdown table cell: pipes escaped, line breaks as `<br>`, no leading/trailing spaces. */
export function markdownCell(value: string): string {
  // Only ASCII whitespace is trimmed: leading non-breaking spaces indent sub-codes.
  return value
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\r?\n/g, '<br>');
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], alignRight: readonly boolean[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const rule = `| ${header.map((_, i) => (alignRight[i] ? '---:' : '---')).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}

export interface ExportLabels {
  readonly code: string;
  readonly codeId: string;
  readonly total: string;
  readonly allCodes: string;
}

const DEFAULT_LABELS: ExportLabels = { code: 'Code', codeId: 'Code id', total: 'Total', allCodes: 'All codes' };

function rowValues(matrix: CodeMatrix, metric: Metric, cells: CodeMatrix['all']['cells'], total: CodeMatrix['all']['total'], forCsv: boolean): string[] {
  const show = (segments: number, documents: number, covered: number, length: number) => {
    const v = metricValue(metric, { segments, documents, covered, length });
    if (!forCsv) return formatMetric(metric, v);
    // CSV keeps numbers machine-readable: coverage as a share, presence as 0/1.
    return metric === 'coverage' ? String(Math.round(v * 1e6) / 1e6) : String(v);
  };
  const values = matrix.columns.map((column, i) => show(cells.segments[i], cells.documents[i], cells.covered[i], column.length));
  values.push(
    metric === 'presence'
      ? String(cells.segments.filter((s) => s > 0).length)
      : show(total.segments, total.documents, total.covered, matrix.length),
  );
  return values;
}

export function codeMatrixCsv(matrix: CodeMatrix, metric: Metric, order: readonly number[], pathLabel: (code: string) => string, labels: ExportLabels = DEFAULT_LABELS): string {
  const header = [labels.codeId, labels.code, ...matrix.columns.map((c) => c.label), labels.total];
  const rows = order.map((index) => {
    const row = matrix.rows[index];
    return [row.code, pathLabel(row.code), ...rowValues(matrix, metric, row.cells, row.total, true)];
  });
  rows.push(['', labels.allCodes, ...rowValues(matrix, metric, matrix.all.cells, matrix.all.total, true)]);
  return csv([header, ...rows]);
}

export function codeMatrixMarkdown(matrix: CodeMatrix, metric: Metric, order: readonly number[], labels: ExportLabels = DEFAULT_LABELS): string {
  const header = [labels.code, ...matrix.columns.map((c) => c.label), labels.total];
  const rows = order.map((index) => {
    const row = matrix.rows[index];
    // Non-breaking spaces keep the hierarchy's indentation in rendered Markdown.
    return ['\u00a0\u00a0'.repeat(row.depth) + row.name, ...rowValues(matrix, metric, row.cells, row.total, false)];
  });
  rows.push([`**${labels.allCodes}**`, ...rowValues(matrix, metric, matrix.all.cells, matrix.all.total, false)]);
  return markdownTable(header, rows, [false, ...header.slice(1).map(() => true)]);
}

/**
 * The co-occurrence counts under a first row that says what they count (`caption`: which pairs of
 * segments, whose), padded to the table's width so that every row has as many fields.
 */
export function cooccurrenceCsv(matrix: CooccurrenceMatrix, order: readonly number[], pathLabel: (code: string) => string, caption: string, labels: ExportLabels = DEFAULT_LABELS): string {
  const header = [labels.codeId, labels.code, ...order.map((i) => pathLabel(matrix.codes[i].code))];
  const rows = order.map((i) => [matrix.codes[i].code, pathLabel(matrix.codes[i].code), ...order.map((j) => String(matrix.counts[i][j]))]);
  const title = [caption, ...header.slice(1).map(() => '')];
  return csv([title, header, ...rows]);
}

/** The co-occurrence counts under a paragraph that says what they count. */
export function cooccurrenceMarkdown(matrix: CooccurrenceMatrix, order: readonly number[], caption: string, labels: ExportLabels = DEFAULT_LABELS): string {
  const header = [labels.code, ...order.map((i) => matrix.codes[i].name)];
  const rows = order.map((i) => [
    '\u00a0\u00a0'.repeat(matrix.codes[i].depth) + matrix.codes[i].name,
    ...order.map((j) => (i === j ? '' : String(matrix.counts[i][j]))),
  ]);
  return `${markdownCell(caption)}\n\n${markdownTable(header, rows, [false, ...order.map(() => true)])}`;
}
