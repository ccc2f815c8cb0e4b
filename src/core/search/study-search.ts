// A search over the transcripts of a study (never its codings files): the documents in scope,
// each searched on its current normalised text, hits kept or dropped by the coding filter.
// Hits are given in code points of that text, as codings are, so they open at their place and can
// be coded as they are.
import { caseOfDocument, type Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import { TextPositions } from '../retrieval/text-positions';
import type { PlacedDocument } from '../study/placement';
import { TextIndex } from '../text/offsets';
import type { FoldCache } from './fold-cache';
import type { CompiledSearch } from './match';
import { documentInScope, filteredPassages, hitPassesCoding, type SearchScope } from './scope';
import { forEachInSteps, type Steps } from '../util/steps';

/** Code points of context kept on each side of a hit. */
export const HIT_CONTEXT = 80;

export interface SearchHit {
  readonly path: string;
  readonly caseId?: string;
  /** Code points of the document's current normalised text. */
  readonly start: number;
  readonly end: number;
  /** 1-based line. */
  readonly line: number;
  readonly before: string;
  readonly text: string;
  readonly after: string;
}

/** A hit as other features take it (auto-coding): the document and the span in code points. */
export interface HitSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface StudyForSearch {
  readonly codebook: Codebook;
  readonly cases: Cases;
  readonly documents: readonly PlacedDocument[];
}

/** The documents a scope covers (case, attribute and type filters), in the given order. */
export function documentsInScope(study: StudyForSearch, scope: SearchScope): PlacedDocument[] {
  return study.documents.filter((d) => documentInScope(study.cases, d.path, scope));
}

interface Positions {
  readonly index: TextIndex;
  readonly positions: TextPositions;
}

/**
 * Code points and lines of each document searched, kept with the document (each change of a
 * document is a new object) and checked against its text: each costs a scan of the whole text.
 */
const kept = new WeakMap<PlacedDocument, Positions>();

function positionsOf(document: PlacedDocument): Positions {
  const known = kept.get(document);
  if (known && known.positions.text === document.text) return known;
  const positions = new TextPositions(document.text);
  const made = { index: TextIndex.forText(document.text), positions };
  kept.set(document, made);
  return made;
}

/** Every hit of a search in one document, after the scope's coding filter; `cache`: folded copies kept by path. */
export function searchDocument(search: CompiledSearch, study: StudyForSearch, document: PlacedDocument, scope: SearchScope, cache?: FoldCache): SearchHit[] {
  const matches = search.find(document.text, cache && { cache, key: document.path });
  if (matches.length === 0) return [];
  const { index, positions } = positionsOf(document);
  const passages = scope.coding ? filteredPassages(study.codebook, document, scope.coding) : undefined;
  const caseId = caseOfDocument(study.cases, document.path)?.id;
  const hits: SearchHit[] = [];
  for (const match of matches) {
    const start = index.toCodePointOffset(match.start, 'down');
    const end = index.toCodePointOffset(match.end, 'up');
    if (passages && !hitPassesCoding({ start, end }, passages, scope.coding!.where)) continue;
    const { before, after } = positions.context(start, end, HIT_CONTEXT);
    hits.push({ path: document.path, ...(caseId === undefined ? {} : { caseId }), start, end, line: positions.lineOf(start), before, text: document.text.slice(match.start, match.end), after });
  }
  return hits;
}

/**
 * Every hit over the study's documents in scope, by document path then position, found a few
 * documents at a time (`steps`): the first search of a large study folds every transcript, seconds
 * of work, which other work must not wait for.
 */
export async function searchStudy(search: CompiledSearch, study: StudyForSearch, scope: SearchScope, cache?: FoldCache, steps?: Steps): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  await forEachInSteps(documentsToSearch(study, scope), (document) => {
    for (const hit of searchDocument(search, study, document, scope, cache)) hits.push(hit);
  }, steps);
  return hits;
}

function documentsToSearch(study: StudyForSearch, scope: SearchScope): PlacedDocument[] {
  return documentsInScope(study, scope).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function hitSpans(hits: readonly SearchHit[]): HitSpan[] {
  return hits.map((h) => ({ path: h.path, start: h.start, end: h.end }));
}
