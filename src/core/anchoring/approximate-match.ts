// Approximate string matching with Myers' bit-parallel algorithm (Myers 1999; blocks of 32 rows
// for long patterns as in Hyyrö 2003): O(⌈m/32⌉·n) for a pattern of m units over n units of text.
// Written here because approx-string-match is ESM-only and diff-match-patch's match_main refuses
// patterns longer than 32 characters. Works on UTF-16 units, like the strings it is given.

const WORD = 32;

export interface ApproximateMatch {
  readonly start: number;
  readonly end: number;
  /** Edit distance (insertions, deletions, substitutions) between the pattern and text[start, end). */
  readonly errors: number;
}

/** Per-character bit masks of a pattern: bit i of block b is set where pattern[32b + i] is that character. */
class PatternMasks {
  readonly blocks: number;
  readonly lastRowBit: Int32Array;
  private readonly masks = new Map<number, Int32Array>();
  private readonly none: Int32Array;

  constructor(readonly pattern: string) {
    this.blocks = Math.max(1, Math.ceil(pattern.length / WORD));
    this.none = new Int32Array(this.blocks);
    this.lastRowBit = new Int32Array(this.blocks).fill(1 << 31);
    this.lastRowBit[this.blocks - 1] = 1 << ((pattern.length - 1) & (WORD - 1));
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let mask = this.masks.get(unit);
      if (mask === undefined) {
        mask = new Int32Array(this.blocks);
        this.masks.set(unit, mask);
      }
      mask[i >>> 5] |= 1 << (i & (WORD - 1));
    }
  }

  of(unit: number): Int32Array {
    return this.masks.get(unit) ?? this.none;
  }
}

/**
 * Runs over text[from, to) column by column and reports, for each end position (exclusive), the
 * edit distance between the whole pattern and the text before it: with `freeStart` the best over
 * all starts (searching), otherwise the distance to text[from, end) (global alignment).
 */
function scanColumns(
  text: string,
  from: number,
  to: number,
  masks: PatternMasks,
  freeStart: boolean,
  onColumn: (end: number, distance: number) => void,
): void {
  const { blocks, lastRowBit } = masks;
  const positive = new Int32Array(blocks).fill(-1); // vertical +1 deltas: D[i][0] = i
  const negative = new Int32Array(blocks);
  const topRowDelta = freeStart ? 0 : 1; // D[0][j] is 0 when searching, j when aligning globally
  let distance = masks.pattern.length;
  for (let column = from; column < to; column++) {
    const columnMasks = masks.of(text.charCodeAt(column));
    let carry = topRowDelta;
    for (let block = 0; block < blocks; block++) {
      const carryIsNegative = carry < 0 ? 1 : 0;
      const equal = columnMasks[block] | carryIsNegative;
      const pv = positive[block];
      const mv = negative[block];
      const xv = equal | mv;
      const xh = (((equal & pv) + pv) ^ pv) | equal;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const out = ((ph & lastRowBit[block]) !== 0 ? 1 : 0) - ((mh & lastRowBit[block]) !== 0 ? 1 : 0);
      ph = (ph << 1) | (carry > 0 ? 1 : 0);
      mh = (mh << 1) | carryIsNegative;
      positive[block] = mh | ~(xv | ph);
      negative[block] = ph & xv;
      carry = out;
    }
    distance += carry;
    onColumn(column + 1, distance);
  }
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let result = a.length;
  scanColumns(b, 0, b.length, new PatternMasks(a), false, (_, distance) => {
    result = distance;
  });
  return result;
}

/** 1 for equal strings, falling to 0 as the edit distance reaches the longer one's length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * The fewest edits turning `pattern` into some text that ends exactly at `end` (start free), looking
 * back at most `reach` units: how well a stored prefix fits the text before a place.
 */
export function distanceEndingAt(text: string, pattern: string, end: number, reach: number): number {
  if (pattern.length === 0) return 0;
  const from = Math.max(0, end - reach);
  let result = pattern.length;
  scanColumns(text, from, end, new PatternMasks(pattern), true, (_, distance) => {
    result = distance;
  });
  return Math.min(result, pattern.length);
}

/** The same for text starting exactly at `start` (end free): how well a stored suffix fits. */
export function distanceStartingAt(text: string, pattern: string, start: number, reach: number): number {
  if (pattern.length === 0) return 0;
  const window = reverse(text.slice(start, Math.min(text.length, start + reach)));
  return distanceEndingAt(window, reverse(pattern), window.length, reach);
}

/**
 * The places in text[from, to) where `pattern` occurs with at most `maxErrors` edits: one per
 * local minimum of the distance, each with the start that gives that distance.
 */
export function findApproximateMatches(
  text: string,
  pattern: string,
  maxErrors: number,
  from = 0,
  to: number = text.length,
): ApproximateMatch[] {
  if (pattern.length === 0 || from >= to) return [];
  const ends: { end: number; errors: number }[] = [];
  let previous = Number.POSITIVE_INFINITY;
  let falling: { end: number; errors: number } | undefined;
  scanColumns(text, from, to, new PatternMasks(pattern), true, (end, errors) => {
    // Keep the first end of each run of lowest distances: a local minimum.
    if (errors < previous) falling = errors <= maxErrors ? { end, errors } : undefined;
    else if (errors > previous && falling !== undefined) {
      ends.push(falling);
      falling = undefined;
    }
    previous = errors;
  });
  if (falling !== undefined) ends.push(falling);
  return ends.map(({ end, errors }) => ({ start: startOf(text, pattern, end, errors, from), end, errors }));
}

/** The start of the best alignment of `pattern` ending at `end`, found by aligning backwards. */
function startOf(text: string, pattern: string, end: number, errors: number, from: number): number {
  const reach = Math.min(end - from, pattern.length + errors);
  const window = reverse(text.slice(end - reach, end));
  let bestLength = 0;
  let bestDistance = pattern.length;
  scanColumns(window, 0, window.length, new PatternMasks(reverse(pattern)), false, (length, distance) => {
    const closerToPattern = Math.abs(length - pattern.length) < Math.abs(bestLength - pattern.length);
    if (distance < bestDistance || (distance === bestDistance && closerToPattern)) {
      bestDistance = distance;
      bestLength = length;
    }
  });
  return end - bestLength;
}

function reverse(text: string): string {
  let result = '';
  for (let i = text.length - 1; i >= 0; i--) result += text[i];
  return result;
}
