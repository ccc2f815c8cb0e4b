// `gloss export csv|md|html [study] -o <file>`: a report for writing up (the codebook, the
// quotations of some codes, a case profile or the framework matrices) as Markdown or standalone
// HTML, or the codebook or the quotations as CSV. `-o -` writes to stdout. qdpx and qdc are the
// REFI-QDA exchange files (src/cli/export-refi.ts).
import * as path from 'node:path';
import { codebookCsv, buildReport, loadReportInput, renderReport, type ReportInput, type ReportKind } from '../core/reports';
import { segmentsToCsv } from '../core/retrieval/csv';
import { retrieveSegments } from '../core/retrieval/segments';
import { writeTextAtomic } from '../core/storage/files';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';
import { exportRefiCommand } from './export-refi';
import { openStudy } from './study-input';

export const EXPORT_FORMATS = ['csv', 'md', 'html', 'qdpx', 'qdc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly output: string;
  readonly report: ReportKind;
  /** Codes of the quotations (empty: all). */
  readonly codes: readonly string[];
  readonly caseId: string | undefined;
  readonly examples: number | undefined;
}

export async function exportCommand(format: ExportFormat, folder: string | undefined, options: ExportOptions, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  if (format === 'qdpx' || format === 'qdc') {
    if (options.output === '-') throw new InputError(`A .${format} file cannot go to stdout: give -o <file>.`);
    return exportRefiCommand(format, folder ?? '.', options.output, 'Gloss', write, warn);
  }
  checkOptions(format, options);
  const { study, versions, name } = await openStudy(folder);
  const unknown = options.codes.filter((id) => !study.codebook.has(id));
  if (unknown.length > 0) throw new InputError(`Not in the codebook: ${unknown.join(', ')}.`);
  if (options.caseId !== undefined && !study.cases.cases.some((c) => c.id === options.caseId)) throw new InputError(`"${options.caseId}" is not a case in cases.yaml.`);
  const input = await loadReportInput(study, name, versions);
  const { text, orphans } = exported(format, input, options);
  if (options.output === '-') write(text);
  else await writeOutput(options.output, text);
  if (input.unreadable.length > 0) warn(`${input.unreadable.length} document(s) could not be read; their codings are not exported: ${input.unreadable.map((p) => p.file).join(', ')}.`);
  if (orphans > 0) warn(`${orphans} coding(s) could not be placed on the current text: ${format === 'csv' ? 'rows with orphan=true hold their stored quote' : 'listed under Orphans'}.`);
  return orphans > 0 || input.unreadable.length > 0 ? EXIT_FINDING : EXIT_SUCCESS;
}

function checkOptions(format: ExportFormat, options: ExportOptions): void {
  if (format === 'csv' && options.report !== 'codebook' && options.report !== 'quotations') throw new InputError('CSV holds the codebook (--report codebook) or quotations (--report quotations).');
  if (options.codes.length > 0 && options.report !== 'quotations') throw new InputError('--codes chooses the codes of --report quotations.');
  if (options.report === 'case' && options.caseId === undefined) throw new InputError('--report case needs --case ID (a case id of cases.yaml).');
  if (options.caseId !== undefined && options.report !== 'case') throw new InputError('--case chooses the case of --report case.');
  if (options.examples !== undefined && options.report !== 'codebook') throw new InputError('--examples is for --report codebook.');
}

function exported(format: ExportFormat, input: ReportInput, options: ExportOptions): { text: string; orphans: number } {
  if (format === 'csv' && options.report === 'codebook') return { text: codebookCsv(input), orphans: 0 };
  if (format === 'csv') {
    const segments = retrieveSegments(input.codebook, input.cases, input.documents, { codeIds: options.codes, includeSubcodes: true });
    return { text: segmentsToCsv(segments, { attributes: input.cases.attributes }), orphans: segments.filter((s) => s.orphan).length };
  }
  const report = buildReport(input, { kind: options.report, codeIds: options.codes, caseId: options.caseId, examples: options.examples });
  return { text: renderReport(report, format === 'html' ? 'html' : 'markdown'), orphans: report.orphans };
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeTextAtomic(path.resolve(file), text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOTDIR' ? 'part of its path is a file, not a folder' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`Cannot write ${file}: ${reason}.`);
  }
}
