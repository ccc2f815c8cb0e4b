// A framework matrix as a Markdown table (cases down, themes across, each cell its rating and
// summary: the table that goes into the thesis) and as CSV in long form (one line per case and
// theme, for R or pandas).
import { markdownTable } from '../matrix/export';
import { csv } from '../util/csv';
import { cellOf, type FrameworkMatrix, type FrameworkRow, type FrameworkTheme } from './model';

export interface FrameworkLabels {
  /** The row's title: its own name, else the case's name. */
  readonly row: (row: FrameworkRow) => string;
  /** The column's title: its own name, else the code's name. */
  readonly theme: (theme: FrameworkTheme) => string;
  /** Header of the first column. */
  readonly caseHeader: string;
}

/** The cell's text: the rating, then the summary on a new line. */
function cellText(rating: string | undefined, summary: string | undefined): string {
  return [rating, summary?.trim()].filter((part) => part !== undefined && part !== '').join('\n');
}

/** The matrix as a table of text: a header row of themes, then each row's cells. */
export function frameworkTable(matrix: FrameworkMatrix, labels: FrameworkLabels): { header: string[]; rows: string[][] } {
  const header = [labels.caseHeader, ...matrix.themes.map(labels.theme)];
  const rows = matrix.rows.map((row) => [
    labels.row(row),
    ...matrix.themes.map((theme) => {
      const cell = cellOf(matrix, row.id, theme.code);
      return cell ? cellText(cell.rating, cell.summary) : '';
    }),
  ]);
  return { header, rows };
}

export function frameworkMarkdown(matrix: FrameworkMatrix, labels: FrameworkLabels): string {
  const { header, rows } = frameworkTable(matrix, labels);
  const title = matrix.title ? `**${matrix.title.trim()}**\n\n` : '';
  return title + markdownTable(header, rows);
}

export interface FrameworkCsvHeader {
  readonly caseId: string;
  readonly caseName: string;
  readonly themeId: string;
  readonly themeName: string;
  readonly rating: string;
  readonly summary: string;
  readonly evidence: string;
}

const CSV_HEADER: FrameworkCsvHeader = {
  caseId: 'case_id',
  caseName: 'case',
  themeId: 'theme_id',
  themeName: 'theme',
  rating: 'rating',
  summary: 'summary',
  evidence: 'evidence',
};

/** One line per row and theme, in the matrix's order; evidence ids separated by spaces. */
export function frameworkCsv(matrix: FrameworkMatrix, labels: FrameworkLabels, header: FrameworkCsvHeader = CSV_HEADER): string {
  const lines: string[][] = [[header.caseId, header.caseName, header.themeId, header.themeName, header.rating, header.summary, header.evidence]];
  for (const row of matrix.rows) {
    for (const theme of matrix.themes) {
      const cell = cellOf(matrix, row.id, theme.code);
      lines.push([row.id, labels.row(row), theme.code, labels.theme(theme), cell?.rating ?? '', cell?.summary?.trim() ?? '', (cell?.evidence ?? []).join(' ')]);
    }
  }
  return csv(lines);
}
