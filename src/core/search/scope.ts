// What a search or a word count covers: the documents of some cases, with some attribute values or
// of some document types (file extensions), and, for hits, inside or outside the passages coded
// with some codes (by some coders). Each filter present and non-empty keeps what matches one of
// its values; filters combine with AND.
import { caseOfDocument, documentAttributes, type Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import type { Span } from '../model';
import type { PlacedDocument } from '../study/placement';

export interface CodingFilter {
  /** Codes (with their sub-codes); empty: any code. */
  readonly codes: readonly string[];
  /** Coders whose codings count; empty: every coder. */
  readonly coders: readonly string[];
  /** Hits lying wholly inside one such passage, or touching none. */
  readonly where: 'inside' | 'outside';
}

export interface SearchScope {
  /** Document paths. */
  readonly documents?: readonly string[];
  readonly cases?: readonly string[];
  /** Attribute name to the values kept (compared as text: `2025` matches 2025). */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** File extensions without the dot, lower case: `txt`, `md`. */
  readonly documentTypes?: readonly string[];
  readonly coding?: CodingFilter;
}

export function documentType(documentPath: string): string {
  const name = documentPath.slice(documentPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether a document is within the case, attribute and type filters. */
export function documentInScope(cases: Cases, documentPath: string, scope: SearchScope): boolean {
  if (scope.documents?.length && !scope.documents.includes(documentPath)) return false;
  if (scope.cases?.length && !scope.cases.includes(caseOfDocument(cases, documentPath)?.id ?? '')) return false;
  if (scope.documentTypes?.length && !scope.documentTypes.includes(documentType(documentPath))) return false;
  const filters = Object.entries(scope.attributes ?? {}).filter(([, values]) => values.length > 0);
  if (filters.length > 0) {
    const attributes = documentAttributes(cases, documentPath);
    if (!filters.every(([name, values]) => name in attributes && values.includes(String(attributes[name])))) return false;
  }
  return true;
}

/**
 * The passages of a document a coding filter names, in code points of its current text (orphans
 * have no place and count nowhere).
 */
export function filteredPassages(codebook: Codebook, document: PlacedDocument, filter: CodingFilter): Span[] {
  const wanted = new Set<string>();
  for (const asked of filter.codes) {
    const id = codebook.resolve(asked);
    wanted.add(id);
    if (codebook.has(id)) for (const sub of codebook.descendants(id)) wanted.add(sub.id);
  }
  const coders = new Set(filter.coders.map((c) => c.toLowerCase()));
  const spans: Span[] = [];
  for (const placed of document.codings) {
    if (!placed.span) continue;
    if (wanted.size > 0 && !wanted.has(codebook.resolve(placed.coding.code))) continue;
    if (coders.size > 0 && !coders.has(placed.coding.coder.toLowerCase())) continue;
    spans.push(placed.span);
  }
  return spans;
}

/** Whether a hit passes a coding filter, given the filter's passages. */
export function hitPassesCoding(hit: Span, passages: readonly Span[], where: CodingFilter['where']): boolean {
  if (where === 'inside') return passages.some((p) => p.start <= hit.start && hit.end <= p.end);
  return !passages.some((p) => p.start < hit.end && hit.start < p.end);
}
