// Retrieval of coded segments: "show me everything coded X", narrowed by document, case,
// attribute and coder. Works on placed documents (codings on the current text), so line numbers,
// text and context are those the researcher sees now; orphans come along, marked, with their
// stored quote.
import { caseOfDocument, documentAttributes, type Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import type { AttributeValue, Case } from '../model';
import type { PlacedCoding, PlacedDocument } from '../study/placement';
import { TextPositions } from './text-positions';

/** Code points of context kept on each side of a segment. */
export const SEGMENT_CONTEXT = 80;

export interface Segment {
  readonly codingId: string;
  readonly codeId: string;
  /** The code's name, or its id when the codebook does not know it. */
  readonly codeName: string;
  /** "Organisation › Policy". */
  readonly codePath: string;
  readonly coder: string;
  readonly documentPath: string;
  readonly caseId?: string;
  readonly caseName?: string;
  /** The document's attributes (its case's, overridden by its own). */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Code points of the current text; an orphan's stored offsets. */
  readonly start: number;
  readonly end: number;
  /** 1-based lines of the start and the end; undefined for an orphan. */
  readonly line?: number;
  readonly endLine?: number;
  /** The page of an imported PDF the segment starts on. */
  readonly page?: number;
  /** The last timestamp written before the segment, e.g. "00:01:42". */
  readonly timestamp?: string;
  readonly text: string;
  readonly before: string;
  readonly after: string;
  readonly memo?: string;
  readonly created: string;
  /** True when the coding could not be placed on the current text. */
  readonly orphan: boolean;
}

export interface SegmentQuery {
  /** Codes whose segments are wanted; empty for all codes of the codebook. */
  readonly codeIds: readonly string[];
  /** Include the segments of every sub-code of the codes asked for. */
  readonly includeSubcodes: boolean;
  /** Each filter that is present and non-empty keeps only segments matching one of its values. */
  readonly documents?: readonly string[];
  readonly cases?: readonly string[];
  readonly coders?: readonly string[];
  /** Attribute name to the values kept (compared as text: `2025` matches 2025). */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
}

/** The code ids a query covers, in codebook order (unknown ids asked for by name come last). */
export function queriedCodes(codebook: Codebook, query: Pick<SegmentQuery, 'codeIds' | 'includeSubcodes'>): string[] {
  if (query.codeIds.length === 0) return codebook.codes.map((c) => c.id);
  const wanted = new Set<string>();
  for (const asked of query.codeIds) {
    const id = codebook.resolve(asked);
    wanted.add(id);
    if (query.includeSubcodes && codebook.has(id)) for (const d of codebook.descendants(id)) wanted.add(d.id);
  }
  const ordered = codebook.codes.map((c) => c.id).filter((id) => wanted.has(id));
  for (const id of query.codeIds) if (!codebook.has(id)) ordered.push(id);
  return ordered;
}

/**
 * The segments a query asks for, ordered by code (codebook order), then document, then position
 * (orphans after the placed segments of their document).
 */
export function retrieveSegments(
  codebook: Codebook,
  cases: Cases,
  documents: readonly PlacedDocument[],
  query: SegmentQuery,
): Segment[] {
  const codeOrder = new Map(queriedCodes(codebook, query).map((id, i) => [id, i]));
  const documentFilter = nonEmptySet(query.documents);
  const caseFilter = nonEmptySet(query.cases);
  const coderFilter = nonEmptySet(query.coders);
  const attributeFilters = Object.entries(query.attributes ?? {}).filter(([, values]) => values.length > 0);
  const found: Array<{ segment: Segment; order: number }> = [];
  for (const document of documents) {
    if (documentFilter && !documentFilter.has(document.path)) continue;
    const owner = caseOfDocument(cases, document.path);
    if (caseFilter && (!owner || !caseFilter.has(owner.id))) continue;
    const attributes = documentAttributes(cases, document.path);
    if (!attributeFilters.every(([name, values]) => name in attributes && values.includes(String(attributes[name])))) continue;
    let positions: TextPositions | undefined;
    for (const placed of document.codings) {
      const { coding } = placed;
      const order = codeOrder.get(codebook.resolve(coding.code));
      if (order === undefined) continue;
      if (coderFilter && !coderFilter.has(coding.coder)) continue;
      positions ??= new TextPositions(document.text);
      const segment = segmentFromPlaced(codebook, cases, document, placed, positions, owner, attributes);
      found.push({ segment, order });
    }
  }
  found.sort(
    (a, b) =>
      a.order - b.order ||
      compareText(a.segment.documentPath, b.segment.documentPath) ||
      Number(a.segment.orphan) - Number(b.segment.orphan) ||
      a.segment.start - b.segment.start ||
      a.segment.end - b.segment.end ||
      compareText(a.segment.codingId, b.segment.codingId),
  );
  return found.map((f) => f.segment);
}

/**
 * One placed coding as a segment. `positions` of the document's text, `owner` (its case) and
 * `attributes` may be passed when known, to save work over many segments of one document.
 */
export function segmentFromPlaced(
  codebook: Codebook,
  cases: Cases,
  document: PlacedDocument,
  placed: PlacedCoding,
  positions: TextPositions = new TextPositions(document.text),
  owner: Case | undefined = caseOfDocument(cases, document.path),
  attributes: Readonly<Record<string, AttributeValue>> = documentAttributes(cases, document.path),
): Segment {
  const { coding, span } = placed;
  const code = codebook.get(coding.code);
  // Plain object literals, no spreads: retrieval builds tens of thousands of these.
  const segment: Mutable<Segment> = {
    codingId: coding.id,
    codeId: code?.id ?? coding.code,
    codeName: code?.name ?? coding.code,
    codePath: code ? pathLabel(codebook, code.id) : coding.code,
    coder: coding.coder,
    documentPath: document.path,
    attributes,
    created: coding.created,
    start: coding.start,
    end: coding.end,
    text: coding.quote,
    before: coding.prefix,
    after: coding.suffix,
    orphan: true,
  };
  if (owner) {
    segment.caseId = owner.id;
    segment.caseName = owner.name;
  }
  if (coding.memo) segment.memo = coding.memo;
  if (span === undefined) return segment;
  segment.orphan = false;
  segment.start = span.start;
  segment.end = span.end;
  segment.line = positions.lineOf(span.start);
  segment.endLine = positions.lineOf(Math.max(span.start, span.end - 1));
  const page = positions.pageAt(span.start);
  if (page !== undefined) segment.page = page;
  const timestamp = positions.timestampAt(span.start);
  if (timestamp) segment.timestamp = timestamp;
  segment.text = positions.slice(span.start, span.end);
  const context = positions.context(span.start, span.end, SEGMENT_CONTEXT);
  segment.before = context.before;
  segment.after = context.after;
  return segment;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Path labels per codebook (codebooks are immutable), computed once per code. */
const pathLabels = new WeakMap<Codebook, Map<string, string>>();

function pathLabel(codebook: Codebook, id: string): string {
  let labels = pathLabels.get(codebook);
  if (!labels) pathLabels.set(codebook, (labels = new Map()));
  let label = labels.get(id);
  if (label === undefined) labels.set(id, (label = codebook.pathLabel(id)));
  return label;
}

/** The values each filter can take in a study: what a filter picker offers. */
export interface FilterChoices {
  readonly documents: readonly string[];
  readonly cases: readonly { readonly id: string; readonly name: string }[];
  readonly coders: readonly string[];
  /** Attribute name to its values in use (defined choices first, in their order), sorted otherwise. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

export function filterChoices(cases: Cases, documents: readonly PlacedDocument[]): FilterChoices {
  const coders = new Set<string>();
  for (const d of documents) for (const p of d.codings) coders.add(p.coding.coder);
  const values = new Map<string, Set<string>>();
  const paths = new Set(documents.map((d) => d.path));
  for (const c of cases.cases) for (const d of c.documents) paths.add(d.path);
  for (const path of paths) {
    for (const [name, value] of Object.entries(documentAttributes(cases, path))) {
      let set = values.get(name);
      if (!set) values.set(name, (set = new Set()));
      set.add(String(value));
    }
  }
  const attributes = new Map<string, string[]>();
  const definedOrder = cases.attributes.map((a) => a.name);
  const names = [...values.keys()].sort((a, b) => rank(definedOrder, a) - rank(definedOrder, b) || compareText(a, b));
  for (const name of names) {
    const defined = cases.attributes.find((a) => a.name === name)?.values ?? [];
    const used = values.get(name)!;
    attributes.set(name, [...defined.filter((v) => used.has(v)), ...[...used].filter((v) => !defined.includes(v)).sort(compareText)]);
  }
  return {
    documents: [...paths].sort(compareText),
    cases: cases.cases.map((c) => ({ id: c.id, name: c.name })),
    coders: [...coders].sort(compareText),
    attributes,
  };
}

/** Whether a query narrows anything beyond its codes. */
export function isFiltered(query: SegmentQuery): boolean {
  return (
    (query.documents?.length ?? 0) > 0 ||
    (query.cases?.length ?? 0) > 0 ||
    (query.coders?.length ?? 0) > 0 ||
    Object.values(query.attributes ?? {}).some((v) => v.length > 0)
  );
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length : i;
}

function nonEmptySet(values: readonly string[] | undefined): Set<string> | undefined {
  return values && values.length > 0 ? new Set(values) : undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
