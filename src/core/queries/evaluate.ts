// Running a coding query on the study's placed documents. A and B are the placed passages of the
// two codes (with their sub-codes unless the query says otherwise), of the coders kept, in the
// documents the case and attribute filters keep; orphans have no place and take no part. What each
// operator returns is written in docs/queries.md and tested one by one in test/unit/queries.test.ts.
import { textUnits } from '../agreement/units';
import { caseOfDocument, documentAttributes, type Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import { unitAt, unitStarts } from '../matrix/units';
import type { Span } from '../model';
import { queriedCodes, segmentFromPlaced, SEGMENT_CONTEXT, type Segment } from '../retrieval/segments';
import { TextPositions } from '../retrieval/text-positions';
import type { PlacedCoding, PlacedDocument } from '../study/placement';
import { REGION_OPERATORS, type CodingQuery, type Operator } from './query';
import { coverage, difference, distance, intersection, overlaps } from './spans';

/** Code id of a saved query when it stands for a code (the matrix rows, region results). */
export const QUERY_CODE_PREFIX = 'query:';

/** A query that cannot run (a code the codebook does not know): its message says why. */
export class QueryError extends Error {}

/** Resolves a code named in a query: its id, an alias, or its name (any case); throws QueryError when unknown or ambiguous. */
export function resolveQueryCode(codebook: Codebook, named: string): string {
  const id = codebook.resolve(named);
  if (codebook.has(id)) return id;
  const folded = named.normalize('NFC').toLocaleLowerCase();
  const byName = codebook.codes.filter((c) => c.name.normalize('NFC').toLocaleLowerCase() === folded);
  if (byName.length === 1) return byName[0].id;
  if (byName.length > 1) throw new QueryError(`The query names "${named}", which ${byName.length} codes are called (${byName.map((c) => c.id).join(', ')}): use the id.`);
  throw new QueryError(`The query names the code "${named}", which the codebook does not have.`);
}

/** Readable form of a query ("Policy NEAR Money within 200"), with code names. */
export function describeQuery(codebook: Codebook, query: CodingQuery): string {
  const name = (named: string) => {
    try {
      return codebook.get(resolveQueryCode(codebook, named))!.name;
    } catch {
      return named;
    }
  };
  const within = query.within === undefined ? '' : query.within === 'turn' ? ' in the same turn' : ` within ${query.within}`;
  return `${name(query.code)} ${query.operator.toUpperCase().replace('-', ' ')} ${name(query.other)}${within}`;
}

/**
 * The query's results as segments: A's passages for the passage operators (ordered as retrieval
 * orders them: by code, document, position), or regions of text for AND, OR and NOT (one group,
 * code id `query:<name>`, by document and position). Throws QueryError for an unknown code.
 */
export function runQuery(codebook: Codebook, cases: Cases, documents: readonly PlacedDocument[], query: CodingQuery, name: string): Segment[] {
  const codesA = codeSet(codebook, query.code, query.includeSubcodes);
  const codesB = codeSet(codebook, query.other, query.includeSubcodes);
  const coders = query.coders?.length ? new Set(query.coders) : undefined;
  const region = (REGION_OPERATORS as readonly string[]).includes(query.operator);
  const order = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const found: Segment[] = [];
  for (const document of [...documents].sort((a, b) => compareText(a.path, b.path))) {
    if (!documentKept(cases, document.path, query)) continue;
    const kept = (codes: ReadonlySet<string>) =>
      document.codings.filter((p) => p.span !== undefined && codes.has(codebook.resolve(p.coding.code)) && (!coders || coders.has(p.coding.coder)));
    const a = kept(codesA);
    const b = kept(codesB);
    const positions = new TextPositions(document.text);
    if (region) {
      for (const span of regionResult(query.operator, spansOf(a), spansOf(b))) found.push(regionSegment(codebook, cases, document, positions, span, [...a, ...b], query, name));
    } else {
      const matches = passageMatcher(query, document);
      for (const passage of a) if (matches(passage, b)) found.push(segmentFromPlaced(codebook, cases, document, passage, positions));
    }
  }
  if (!region) {
    found.sort((x, y) => (order.get(x.codeId) ?? Infinity) - (order.get(y.codeId) ?? Infinity) || compareText(x.documentPath, y.documentPath) || x.start - y.start || x.end - y.end || compareText(x.codingId, y.codingId));
  }
  return found;
}

/** The regions AND, OR and NOT return, from the spans of A's and B's passages in one document. */
export function regionResult(operator: Operator, a: readonly Span[], b: readonly Span[]): Span[] {
  switch (operator) {
    case 'and':
      return intersection(a, b);
    case 'or':
      return coverage([...a, ...b]);
    case 'not':
      return difference(a, b);
    default:
      throw new Error(`${operator} returns passages, not regions.`);
  }
}

type Matcher = (passage: PlacedCoding, others: readonly PlacedCoding[]) => boolean;

/** Whether an A passage meets the operator's condition with some B passage (never itself). */
function passageMatcher(query: CodingQuery, document: PlacedDocument): Matcher {
  const any = (test: (a: Span, b: Span) => boolean): Matcher => (passage, others) => others.some((o) => o.coding.id !== passage.coding.id && test(passage.span!, o.span!));
  switch (query.operator) {
    case 'overlapping':
      return any(overlaps);
    case 'not-overlapping': {
      const overlapping = any(overlaps);
      return (passage, others) => !overlapping(passage, others);
    }
    case 'near': {
      const within = typeof query.within === 'number' ? query.within : 0;
      return any((a, b) => distance(a, b) <= within);
    }
    case 'followed-by': {
      if (typeof query.within === 'number') {
        const within = query.within;
        return any((a, b) => b.start >= a.end && b.start - a.end <= within);
      }
      let starts: number[] | undefined;
      const turnOf = (offset: number) => unitAt((starts ??= unitStarts(document.text, 'turn')), offset);
      return any((a, b) => b.start >= a.end && turnOf(b.start) === turnOf(Math.max(a.start, a.end - 1)));
    }
    case 'same-turn':
    case 'same-paragraph': {
      let units: Span[] | undefined;
      const unitsOf = () => (units ??= textUnits(document.text, query.operator === 'same-turn' ? 'turn' : 'paragraph'));
      return any((a, b) => unitsOf().some((u) => overlaps(u, pointed(a)) && overlaps(u, pointed(b))));
    }
    default:
      throw new Error(`${query.operator} returns regions, not passages.`);
  }
}

/** An empty passage counts as the code point it sits before, so it still lies in a unit. */
function pointed(span: Span): Span {
  return span.end > span.start ? span : { start: span.start, end: span.start + 1 };
}

function codeSet(codebook: Codebook, named: string, includeSubcodes: boolean): Set<string> {
  return new Set(queriedCodes(codebook, { codeIds: [resolveQueryCode(codebook, named)], includeSubcodes }));
}

function spansOf(passages: readonly PlacedCoding[]): Span[] {
  return passages.map((p) => p.span!);
}

/** Whether the query's case and attribute filters keep a document. */
export function documentKept(cases: Cases, documentPath: string, query: Pick<CodingQuery, 'cases' | 'attributes'>): boolean {
  if (query.cases?.length) {
    const owner = caseOfDocument(cases, documentPath);
    if (!owner || !query.cases.includes(owner.id)) return false;
  }
  const filters = Object.entries(query.attributes ?? {}).filter(([, values]) => values.length > 0);
  if (filters.length === 0) return true;
  const attributes = documentAttributes(cases, documentPath);
  return filters.every(([name, values]) => name in attributes && values.includes(String(attributes[name])));
}

/** A region of text as a segment: the coders are those whose passages make it up. */
function regionSegment(
  codebook: Codebook,
  cases: Cases,
  document: PlacedDocument,
  positions: TextPositions,
  span: Span,
  passages: readonly PlacedCoding[],
  query: CodingQuery,
  name: string,
): Segment {
  const owner = caseOfDocument(cases, document.path);
  const coders = [...new Set(passages.filter((p) => overlaps(pointed(p.span!), pointed(span))).map((p) => p.coding.coder))].sort(compareText);
  const context = positions.context(span.start, span.end, SEGMENT_CONTEXT);
  const timestamp = positions.timestampAt(span.start);
  return {
    codingId: `${QUERY_CODE_PREFIX}${name}:${document.path}:${span.start}-${span.end}`,
    codeId: `${QUERY_CODE_PREFIX}${name}`,
    codeName: name,
    codePath: `${name}: ${describeQuery(codebook, query)}`,
    coder: coders.join(', '),
    documentPath: document.path,
    ...(owner ? { caseId: owner.id, caseName: owner.name } : {}),
    attributes: documentAttributes(cases, document.path),
    start: span.start,
    end: span.end,
    line: positions.lineOf(span.start),
    endLine: positions.lineOf(Math.max(span.start, span.end - 1)),
    ...(timestamp ? { timestamp } : {}),
    text: positions.slice(span.start, span.end),
    before: context.before,
    after: context.after,
    created: '',
    orphan: false,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
