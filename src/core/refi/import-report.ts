// What an import did and did not take over, as data and as the Markdown file written into the new
// study (import-report.md), so that nothing is left out without the researcher seeing it.
import type { Finding } from './read-project';
import { count } from '../text/count';

export const IMPORT_REPORT_FILE = 'import-report.md';

export interface ImportedTranscript {
  readonly path: string;
  /** The source's name in the other tool. */
  readonly sourceName: string;
  readonly guid: string;
  /** How the tool counted positions in this source, as the report says it. */
  readonly counting: string;
  /** Whether another counting fit the selections as well and would have placed some elsewhere. */
  readonly ambiguous: boolean;
  readonly selections: number;
  readonly codings: number;
}

export interface ImportReport {
  readonly file: string;
  readonly projectName: string;
  readonly origin?: string;
  readonly coders: readonly string[];
  readonly codes: number;
  readonly transcripts: readonly ImportedTranscript[];
  readonly codings: number;
  readonly cases: number;
  readonly memos: number;
  /** Everything not imported as it was, and why. */
  readonly findings: readonly Finding[];
}

/** The report while the import runs: what an interrupted import leaves, instead of a study that looks whole. */
export function formatUnfinishedImport(file: string): string {
  return [
    `# Import of ${file}: not finished`,
    '',
    'Gloss was importing this project into this folder and did not finish (it was stopped, or a file could not be written).',
    'The study here is incomplete: delete the folder and import again.',
    '',
  ].join('\n');
}

export function formatImportReport(report: ImportReport): string {
  const lines = [
    `# Import of ${report.file}`,
    '',
    `Project “${report.projectName}”${report.origin ? `, exported by ${report.origin}` : ''}.`,
    '',
    `- ${count(report.codes, 'code')}, ${count(report.transcripts.length, 'transcript')}, ${count(report.codings, 'coding')} by ${count(report.coders.length, 'coder')} (${report.coders.join(', ') || 'none'})`,
    `- ${count(report.cases, 'case')}, ${count(report.memos, 'memo')}`,
    report.findings.length === 0 ? '- everything imported as it was' : `- ${count(report.findings.length, 'thing')} not imported as ${report.findings.length === 1 ? 'it was' : 'they were'} (below)`,
    '',
    '## Transcripts and how positions were counted',
    '',
  ];
  if (report.transcripts.length === 0) lines.push('No text source was imported.');
  else {
    lines.push('| transcript | source | counting | selections | codings |', '| --- | --- | --- | ---: | ---: |');
    for (const t of report.transcripts) {
      const counting = t.ambiguous ? `${t.counting} (the selections fit another counting as well; this one is the standard's)` : t.counting;
      lines.push(`| ${cell(t.path)} | ${cell(t.sourceName)} | ${cell(counting)} | ${t.selections} | ${t.codings} |`);
    }
  }
  lines.push('', '## Not imported, or changed on the way', '');
  if (report.findings.length === 0) lines.push('Nothing: everything in the project was imported.');
  else for (const finding of report.findings) lines.push(`- ${finding.subject} ${finding.message}`);
  return lines.join('\n') + '\n';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
