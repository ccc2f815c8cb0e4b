// A report for writing up, as plain data: headings, paragraphs, facts, tables and quotations of
// plain text. Each report is built once and rendered as Markdown or as HTML, so the two say the
// same; every piece of text is escaped by the renderer, never by the report.
import type { Segment } from '../retrieval/segments';

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3 | 4; readonly text: string; readonly colour?: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Label and value pairs, e.g. a case's attributes or a code's counts. */
  | { readonly kind: 'facts'; readonly facts: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly numeric?: readonly boolean[] }
  /** A segment's text (the current text, or an orphan's stored quote) and where it comes from. */
  | { readonly kind: 'quotation'; readonly segment: Segment; readonly source: string };

export interface Report {
  readonly title: string;
  /** What the report covers, one line. */
  readonly subtitle: string;
  readonly blocks: readonly Block[];
  /** Codings the report could not place on the current text (listed in its Orphans section). */
  readonly orphans: number;
}

export type ReportKind = 'codebook' | 'quotations' | 'case' | 'matrices';
export const REPORT_KINDS: readonly ReportKind[] = ['codebook', 'quotations', 'case', 'matrices'];

export type ReportFormat = 'markdown' | 'html';
