// The codebook for a methods chapter or an appendix: every code with its definition (description),
// its counts (codings, documents, coders) and a few example quotations from the current texts;
// and the same codebook as CSV.
import { retrieveSegments, type Segment } from '../retrieval/segments';
import { sourceReference } from '../retrieval/markdown';
import { countCodings, NO_COUNT } from '../statistics/counts';
import { csv } from '../util/csv';
import { codeLabel, coderList, groupBy, orphansOf, orphanSection, unreadableSection, type ReportInput } from './input';
import type { Block, Report } from './model';
import { count } from '../text/count';

export interface CodebookReportOptions {
  /** Example quotations per code, at most (default 3). */
  readonly examples?: number;
}

export const DEFAULT_EXAMPLES = 3;

/** Counts of every code: codings, documents and coders of the code itself and with its sub-codes. */
interface CodebookFigures {
  readonly own: (id: string) => { codings: number; documents: number };
  readonly total: (id: string) => { codings: number; documents: number };
  readonly coders: (id: string) => string;
  /** Codings whose code is not in the codebook, by code id. */
  readonly unknown: ReadonlyMap<string, { codings: number; documents: number; coders: string }>;
}

/** Stored codings count, orphans too (as in the codebook view); codings of aliases count for their code. */
function codebookFigures(input: ReportInput): CodebookFigures {
  const { codebook } = input;
  const counts = countCodings(
    codebook,
    input.documents.map((d) => ({ documentPath: d.path, codings: d.codings.map((p) => p.coding) })),
  );
  const coders = new Map<string, Set<string>>();
  for (const document of input.documents) {
    for (const { coding } of document.codings) {
      const code = codebook.resolve(coding.code);
      coders.set(code, (coders.get(code) ?? new Set()).add(coding.coder));
    }
  }
  const codersOf = (id: string) => coderList(coders.get(codebook.resolve(id)) ?? []);
  return {
    own: (id) => counts.own.get(id) ?? NO_COUNT,
    total: (id) => counts.total.get(id) ?? NO_COUNT,
    coders: codersOf,
    unknown: new Map([...counts.unknown].map(([id, c]) => [id, { ...c, coders: codersOf(id) }])),
  };
}

export function codebookReport(input: ReportInput, options: CodebookReportOptions = {}): Report {
  const { codebook } = input;
  const examples = options.examples ?? DEFAULT_EXAMPLES;
  const figures = codebookFigures(input);
  const byCode = groupBy(retrieveSegments(codebook, input.cases, input.documents, { codeIds: [], includeSubcodes: false }).filter((s) => !s.orphan), (s) => s.codeId);
  const codings = input.documents.reduce((n, d) => n + d.codings.length, 0);
  const allCoders = coderList(input.documents.flatMap((d) => d.codings.map((p) => p.coding.coder)));
  const blocks: Block[] = [
    {
      kind: 'table',
      header: ['Code', 'Codings', 'With sub-codes', 'Documents', 'Coders'],
      numeric: [false, true, true, true, false],
      rows: codebook.codes.map((code) => {
        const depth = codebook.path(code.id).length - 1;
        return ['\u00a0\u00a0'.repeat(depth) + code.name, String(figures.own(code.id).codings), String(figures.total(code.id).codings), String(figures.total(code.id).documents), figures.coders(code.id)];
      }),
    },
  ];
  for (const code of codebook.codes) {
    const depth = codebook.path(code.id).length - 1;
    const own = figures.own(code.id);
    const total = figures.total(code.id);
    blocks.push(
      { kind: 'heading', level: depth === 0 ? 2 : depth === 1 ? 3 : 4, text: codebook.pathLabel(code.id), ...(code.colour ? { colour: code.colour } : {}) },
      { kind: 'paragraph', text: code.description?.trim() || 'No description yet.' },
      {
        kind: 'facts',
        facts: [
          ['Id', code.id],
          ...(code.colour ? [['Colour', code.colour] as const] : []),
          ['Codings', total.codings === own.codings ? String(own.codings) : `${own.codings} (${total.codings} with sub-codes)`],
          ['Documents', total.documents === own.documents ? String(own.documents) : `${own.documents} (${total.documents} with sub-codes)`],
          ['Coders', figures.coders(code.id) || '—'],
        ],
      },
      ...examplesOf(byCode.get(code.id) ?? [], examples).map((segment): Block => ({ kind: 'quotation', segment, source: sourceReference(segment, 'full') })),
    );
  }
  if (figures.unknown.size > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: 'Codes not in the codebook' },
      { kind: 'paragraph', text: 'Codings name these codes, which the codebook does not have (removed, renamed by hand, or from another branch):' },
      {
        kind: 'table',
        header: ['Code id', 'Codings', 'Documents', 'Coders'],
        numeric: [false, true, true, false],
        rows: [...figures.unknown].sort(([a], [b]) => a.localeCompare(b)).map(([id, c]) => [id, String(c.codings), String(c.documents), c.coders]),
      },
    );
  }
  const orphans = orphansOf(input.documents, () => true);
  blocks.push(...orphanSection(codebook, orphans), ...unreadableSection(input.unreadable));
  return {
    title: `Codebook: ${input.studyName}`,
    subtitle: `${count(codebook.size, 'code')}; ${count(codings, 'coding')} by ${allCoders || 'no coder'} in ${count(input.documents.length, 'document')}. Quotations are from the current texts.`,
    blocks,
    orphans: orphans.length,
  };
}

/** Up to `n` segments, one from each document in turn, so the examples show the code's range. */
function examplesOf(segments: readonly Segment[], n: number): Segment[] {
  const queues = [...groupBy(segments, (s) => s.documentPath).values()];
  const chosen: Segment[] = [];
  for (let round = 0; chosen.length < n && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) if (round < queue.length && chosen.length < n) chosen.push(queue[round]);
  }
  return chosen;
}

/** The codebook as CSV, one row per code in codebook order: definitions and counts for R, pandas or a spreadsheet. */
export function codebookCsv(input: ReportInput, options: { byteOrderMark?: boolean } = {}): string {
  const { codebook } = input;
  const figures = codebookFigures(input);
  const header = ['id', 'path', 'name', 'parent_id', 'colour', 'description', 'codings', 'codings_with_subcodes', 'documents', 'documents_with_subcodes', 'coders'];
  const rows = codebook.codes.map((code) => {
    const own = figures.own(code.id);
    const total = figures.total(code.id);
    return [code.id, codeLabel(codebook, code.id), code.name, code.parentId ?? '', code.colour ?? '', code.description ?? '', String(own.codings), String(total.codings), String(own.documents), String(total.documents), figures.coders(code.id)];
  });
  return csv([header, ...rows], { byteOrderMark: options.byteOrderMark !== false });
}
