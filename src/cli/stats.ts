// `gloss stats [study]`: documents, codes, codings per coder and how much of the text is coded,
// with the codings placed on the current texts as the editor places them.
import { documentProgress } from '../core/statistics/counts';
import { placeStudyDocuments } from '../core/study/place-all';
import { EXIT_FINDING, EXIT_SUCCESS } from './input-error';
import { openStudy } from './study-input';

export interface StudyStats {
  readonly documents: readonly { path: string; codings: number; orphans: number; codedLength: number; length: number; coverage: number }[];
  /** Documents named in cases.yaml or coded whose text could not be read: not counted. */
  readonly unreadable: readonly { path: string; reason: string }[];
  readonly codes: { readonly inCodebook: number; readonly used: number; readonly unknown: readonly string[] };
  readonly coders: readonly { coder: string; codings: number; orphans: number; documents: number }[];
  readonly codings: number;
  readonly orphans: number;
  /** Code points covered by some coding, over all code points of the documents read. */
  readonly coverage: { readonly codedLength: number; readonly length: number; readonly share: number };
}

export async function statsCommand(folder: string | undefined, json: boolean, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  const { study, versions } = await openStudy(folder);
  const { documents, unreadable } = await placeStudyDocuments(study, versions);
  const coders = new Map<string, { codings: number; orphans: number; documents: Set<string> }>();
  const used = new Set<string>();
  const unknown = new Set<string>();
  const rows = documents.map((document) => {
    for (const { coding, span } of document.codings) {
      const figures = coders.get(coding.coder) ?? { codings: 0, orphans: 0, documents: new Set<string>() };
      figures.codings++;
      if (span === undefined) figures.orphans++;
      figures.documents.add(document.path);
      coders.set(coding.coder, figures);
      if (study.codebook.has(coding.code)) used.add(study.codebook.resolve(coding.code));
      else unknown.add(coding.code);
    }
    const { codings, orphans, codedLength, length, coverage } = documentProgress(study.codebook, document);
    return { path: document.path, codings, orphans, codedLength, length, coverage };
  });
  const codedLength = rows.reduce((n, r) => n + r.codedLength, 0);
  const length = rows.reduce((n, r) => n + r.length, 0);
  const stats: StudyStats = {
    documents: rows,
    unreadable: unreadable.map((problem) => ({ path: problem.file, reason: problem.message })),
    codes: { inCodebook: study.codebook.size, used: used.size, unknown: [...unknown].sort() },
    coders: [...coders].sort(([a], [b]) => a.localeCompare(b)).map(([coder, f]) => ({ coder, codings: f.codings, orphans: f.orphans, documents: f.documents.size })),
    codings: rows.reduce((n, r) => n + r.codings, 0),
    orphans: rows.reduce((n, r) => n + r.orphans, 0),
    coverage: { codedLength, length, share: length === 0 ? 0 : codedLength / length },
  };
  write(json ? `${JSON.stringify(stats, null, 2)}\n` : statsText(stats));
  if (unreadable.length === 0) return EXIT_SUCCESS;
  warn(`${unreadable.length} document(s) could not be read and are not counted: ${unreadable.map((p) => p.file).join(', ')}.`);
  return EXIT_FINDING;
}

function statsText(stats: StudyStats): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  const table = (rows: string[][], numeric: (column: number) => boolean) => {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
    return rows.map((cells) => `  ${cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`.trimEnd());
  };
  const lines = [
    `Documents: ${stats.documents.length}${stats.unreadable.length > 0 ? ` (and ${stats.unreadable.length} that could not be read)` : ''}`,
    `Codes: ${stats.codes.inCodebook} in the codebook, ${stats.codes.used} used${stats.codes.unknown.length > 0 ? `; codings also name ${stats.codes.unknown.length} code(s) not in the codebook: ${stats.codes.unknown.join(', ')}` : ''}`,
    `Codings: ${stats.codings}${stats.orphans > 0 ? `, of which ${stats.orphans} orphans (not placed on the current text)` : ''}`,
    `Coverage: ${percent(stats.coverage.share)} of the text is coded (${stats.coverage.codedLength} of ${stats.coverage.length} characters)`,
    '',
    'Codings per coder:',
    ...table([['Coder', 'Codings', 'Orphans', 'Documents'], ...stats.coders.map((c) => [c.coder, String(c.codings), String(c.orphans), String(c.documents)])], (i) => i > 0),
    '',
    'Documents:',
    ...table([['Document', 'Codings', 'Orphans', 'Coded'], ...stats.documents.map((d) => [d.path, String(d.codings), String(d.orphans), percent(d.coverage)])], (i) => i > 0),
  ];
  return `${lines.join('\n')}\n`;
}
