// Reports for writing up (codebook, quotations, case profile, framework matrices) as Markdown or
// standalone HTML, and the codebook as CSV.
import { caseReport } from './case';
import { codebookReport } from './codebook';
import { reportHtml } from './html';
import type { ReportInput } from './input';
import { reportMarkdown } from './markdown';
import { matricesReport } from './matrices';
import type { Report, ReportFormat, ReportKind } from './model';
import { quotationsReport } from './quotations';

export { UnknownCaseError } from './case';
export { codebookCsv, DEFAULT_EXAMPLES } from './codebook';
export { escapeHtml, reportHtml } from './html';
export { loadReportInput, type ReportInput } from './input';
export { reportMarkdown } from './markdown';
export { REPORT_KINDS, type Report, type ReportFormat, type ReportKind } from './model';

export interface ReportRequest {
  readonly kind: ReportKind;
  /** quotations: the codes (empty: all). */
  readonly codeIds?: readonly string[];
  /** case: the case's id. */
  readonly caseId?: string;
  /** codebook: example quotations per code. */
  readonly examples?: number;
}

export function buildReport(input: ReportInput, request: ReportRequest): Report {
  switch (request.kind) {
    case 'codebook':
      return codebookReport(input, { examples: request.examples });
    case 'quotations':
      return quotationsReport(input, { codeIds: request.codeIds ?? [] });
    case 'case':
      return caseReport(input, request.caseId ?? '');
    case 'matrices':
      return matricesReport(input);
  }
}

export function renderReport(report: Report, format: ReportFormat): string {
  return format === 'html' ? reportHtml(report) : reportMarkdown(report);
}
