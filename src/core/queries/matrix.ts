// Saved queries in the comparison matrices: each query that runs becomes a code of its own
// (`query:<name>`, after the codebook's codes) whose passages are the query's results, so it is a
// row of the code matrix and a row and column of the co-occurrence matrix like any code, but its
// passages are not counted again in the "all codes" row.
import type { Cases } from '../cases/cases';
import { Codebook } from '../codebook/codebook';
import type { MatrixInput, MatrixSegment } from '../matrix/input';
import type { PlacedDocument } from '../study/placement';
import { QUERY_CODE_PREFIX, runQuery } from './evaluate';
import type { CodingQuery } from './query';

export interface NamedQuery {
  readonly name: string;
  readonly query: CodingQuery;
}

/**
 * The matrix input with one more code per query. A query that cannot run (an unknown code) is
 * left out and named in `failed`, with its message.
 */
export function withQueryCodes(
  input: MatrixInput,
  placed: readonly PlacedDocument[],
  queries: readonly NamedQuery[],
  label: (name: string) => string = (name) => `Query: ${name}`,
): { input: MatrixInput; failed: { name: string; message: string }[] } {
  if (queries.length === 0) return { input, failed: [] };
  const cases: Cases = input.cases;
  const added = new Map<string, MatrixSegment[]>();
  const codes = [...input.codebook.codes];
  const failed: { name: string; message: string }[] = [];
  for (const { name, query } of queries) {
    const id = `${QUERY_CODE_PREFIX}${name}`;
    if (input.codebook.has(id) || codes.some((c) => c.id === id)) continue;
    let segments;
    try {
      segments = runQuery(input.codebook, cases, placed, query, name);
    } catch (error) {
      failed.push({ name, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    codes.push({ id, name: label(name) });
    for (const s of segments) {
      const list = added.get(s.documentPath) ?? [];
      list.push({ id: `${id}:${s.codingId}`, code: id, coder: s.coder, start: s.start, end: s.end });
      added.set(s.documentPath, list);
    }
  }
  const documents = input.documents.map((document) => {
    const extra = added.get(document.path);
    if (!extra) return document;
    const segments = [...document.segments, ...extra].sort((a, b) => a.start - b.start || a.end - b.end);
    return { ...document, segments };
  });
  const derivedCodes = new Set([...(input.derivedCodes ?? []), ...codes.slice(input.codebook.codes.length).map((c) => c.id)]);
  return { input: { codebook: new Codebook(codes), cases: input.cases, documents, derivedCodes }, failed };
}
