// Code co-occurrence: for each pair of codes, how many pairs of segments (one of each code, two
// different codings) overlap or lie near each other in one document. "Near" is chosen: sharing
// at least one code point, lying in the same speaker turn, in the same paragraph, or at most N
// code points apart. By default both segments are one coder's: one coder's A next to another
// coder's B says nothing about how either reads the passage. With roll-up a segment also counts
// for the codes above its own, and a pair of segments counts once per pair of codes however many
// ways it connects them.
import type { Codebook } from '../codebook/codebook';
import { coderAccepted, type CoderFilter, type MatrixDocument, type MatrixInput, type MatrixSegment } from './input';
import { unitAt, unitStarts, type UnitKind } from './units';

export type Proximity =
  | { readonly kind: 'overlap' }
  | { readonly kind: 'turn' }
  | { readonly kind: 'paragraph' }
  | { readonly kind: 'distance'; readonly distance: number };

/** Whose segments pair up: one coder's with each other (the default), or any coder's with any. */
export type CoderPairs = 'within-coder' | 'across-coders';

export interface CooccurrenceOptions {
  readonly proximity: Proximity;
  readonly rollUp: boolean;
  readonly coders?: CoderFilter;
  /** 'within-coder' when not given. */
  readonly pairs?: CoderPairs;
}

export interface CooccurrenceMatrix {
  /** Row and column codes, codebook order. */
  readonly codes: readonly { readonly code: string; readonly name: string; readonly colour?: string; readonly parent?: string; readonly depth: number; readonly hasChildren: boolean }[];
  /** Symmetric: `counts[i][j]` pairs of segments of codes i and j; the diagonal is 0. */
  readonly counts: readonly (readonly number[])[];
  /** Segments of each code (with roll-up, of it and its sub-codes). */
  readonly segments: readonly number[];
  readonly proximity: Proximity;
  readonly rollUp: boolean;
  readonly pairs: CoderPairs;
}

/** Units of each document's text, computed once per text. */
const unitCache = new WeakMap<MatrixDocument, Map<UnitKind, number[]>>();

function unitsOf(document: MatrixDocument, kind: UnitKind): number[] {
  let byKind = unitCache.get(document);
  if (!byKind) unitCache.set(document, (byKind = new Map()));
  let starts = byKind.get(kind);
  if (!starts) byKind.set(kind, (starts = unitStarts(document.text, kind)));
  return starts;
}

/** A segment as the pair search sees it: an interval [low, high] in which "near" means intersecting. */
interface Interval {
  readonly segment: MatrixSegment;
  readonly low: number;
  readonly high: number;
  readonly row: number;
}

/**
 * Intervals of a document's accepted segments, sorted by `low`. For overlap, [start, end - 1]
 * (a shared code point); for N code points, [start, end + N] against [start, end] of the later one,
 * handled by widening `high`; for turns and paragraphs, the indices of the first and last unit.
 */
function intervals(document: MatrixDocument, options: CooccurrenceOptions, rowOf: ReadonlyMap<string, number>): Interval[] {
  const proximity = options.proximity;
  const starts = proximity.kind === 'turn' || proximity.kind === 'paragraph' ? unitsOf(document, proximity.kind) : undefined;
  const result: Interval[] = [];
  for (const segment of document.segments) {
    if (!coderAccepted(options.coders, segment.coder)) continue;
    const row = rowOf.get(segment.code);
    if (row === undefined) continue;
    const last = Math.max(segment.start, segment.end - 1);
    if (starts) {
      result.push({ segment, row, low: unitAt(starts, segment.start), high: unitAt(starts, last) });
    } else if (proximity.kind === 'distance') {
      result.push({ segment, row, low: segment.start, high: segment.end + Math.max(0, proximity.distance) });
    } else {
      // An empty segment covers no code point and overlaps nothing.
      if (segment.end <= segment.start) continue;
      result.push({ segment, row, low: segment.start, high: last });
    }
  }
  result.sort((a, b) => a.low - b.low || a.high - b.high);
  return result;
}

/**
 * Calls `found` for every pair of intervals that intersect (each pair once), of two different
 * codings and, unless the options pair across coders, of one coder.
 */
function forEachPair(list: readonly Interval[], options: CooccurrenceOptions, found: (a: Interval, b: Interval) => void): void {
  const acrossCoders = options.pairs === 'across-coders';
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    for (let j = i + 1; j < list.length && list[j].low <= a.high; j++) {
      const b = list[j];
      if (a.segment.id !== b.segment.id && (acrossCoders || a.segment.coder === b.segment.coder)) found(a, b);
    }
  }
}

function rowTargets(codebook: Codebook, rollUp: boolean): { rowOf: Map<string, number>; targets: number[][] } {
  const rowOf = new Map<string, number>(codebook.codes.flatMap((code, index) => codebook.idsOf(code.id).map((id) => [id, index] as const)));
  const targets = codebook.codes.map((code) => (rollUp ? codebook.path(code.id).map((c) => rowOf.get(c.id)!) : [rowOf.get(code.id)!]));
  return { rowOf, targets };
}

export function computeCooccurrence(input: MatrixInput, options: CooccurrenceOptions): CooccurrenceMatrix {
  const { codebook } = input;
  const { rowOf, targets } = rowTargets(codebook, options.rollUp);
  const size = codebook.codes.length;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const segments = new Array<number>(size).fill(0);
  const seen = new Set<number>();
  for (const document of input.documents) {
    const list = intervals(document, options, rowOf);
    for (const interval of list) for (const target of targets[interval.row]) segments[target]++;
    forEachPair(list, options, (a, b) => {
      seen.clear();
      for (const x of targets[a.row]) {
        for (const y of targets[b.row]) {
          if (x === y) continue;
          const key = x < y ? x * size + y : y * size + x;
          if (seen.has(key)) continue;
          seen.add(key);
          counts[x][y]++;
          counts[y][x]++;
        }
      }
    });
  }
  return {
    codes: codebook.codes.map((code) => ({
      code: code.id,
      name: code.name,
      ...(code.colour === undefined ? {} : { colour: code.colour }),
      ...(code.parentId === undefined ? {} : { parent: code.parentId }),
      depth: codebook.path(code.id).length - 1,
      hasChildren: codebook.children(code.id).length > 0,
    })),
    counts,
    segments,
    proximity: options.proximity,
    rollUp: options.rollUp,
    pairs: options.pairs ?? 'within-coder',
  };
}

export interface CooccurringPair {
  readonly document: MatrixDocument;
  /** The segment counted for the first code. */
  readonly first: MatrixSegment;
  /** The segment counted for the second code. */
  readonly second: MatrixSegment;
}

/** The pairs of segments behind the cell of codes `a` and `b`, by document then position. */
export function cooccurringPairs(input: MatrixInput, options: CooccurrenceOptions, a: string, b: string): CooccurringPair[] {
  const { codebook } = input;
  const { rowOf, targets } = rowTargets(codebook, options.rollUp);
  const rowA = rowOf.get(codebook.resolve(a));
  const rowB = rowOf.get(codebook.resolve(b));
  if (rowA === undefined || rowB === undefined || rowA === rowB) return [];
  const result: CooccurringPair[] = [];
  for (const document of input.documents) {
    forEachPair(intervals(document, options, rowOf), options, (x, y) => {
      const xa = targets[x.row].includes(rowA);
      const xb = targets[x.row].includes(rowB);
      const ya = targets[y.row].includes(rowA);
      const yb = targets[y.row].includes(rowB);
      if (xa && yb) result.push({ document, first: x.segment, second: y.segment });
      else if (xb && ya) result.push({ document, first: y.segment, second: x.segment });
    });
  }
  return result;
}
