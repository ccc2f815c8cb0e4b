// The text a search runs over: a folded copy of a transcript (Unicode NFC, optionally lower case and
// without accents) and a map from offsets of the copy back to offsets of the original, so that a hit
// found in the copy selects the right characters of the document whatever its spelling: "Conceição"
// typed precomposed (NFC) or with combining marks (NFD) is found by either spelling.
//
// Offsets are UTF-16 units of the strings. Folding changes a text's length only around combining
// marks, U+0130 (İ, whose lower case is two units) and conjoining Hangul jamo; everywhere else it
// maps one unit to one unit. So the copy is folded natively in chunks, and only a chunk whose
// length changes is folded again cluster by cluster, each cluster a breakpoint of the map.

export interface FoldOptions {
  /** Lower-case the text (for a case-insensitive search). */
  readonly lowerCase: boolean;
  /** Remove accents: Latin, Greek and Cyrillic diacritics, Arabic harakat, Hebrew points. */
  readonly stripAccents: boolean;
}

/** Combining marks an accent-insensitive search ignores; vowel signs of Indic scripts stay. */
const ACCENT = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/** Characters around which folding may change the length. */
const LENGTH_MAY_CHANGE = /[\p{M}\u0130\u1100-\u11ff]/u;
/** A cluster: a character with the marks and jamo that follow it, or a run of them alone. */
const CLUSTER = /[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/gsu;
const CHUNK = 8192;

/** Folds a string (a query, or a piece of text) without keeping a map. */
export function fold(text: string, options: FoldOptions): string {
  // Final sigma lower-cases to ς at the end of a word only: both forms are one letter to a search.
  let folded = options.lowerCase ? text.toLowerCase().replace(/ς/g, 'σ') : text;
  if (options.stripAccents) folded = folded.normalize('NFD').replace(ACCENT, '');
  return folded.normalize('NFC');
}

export class FoldedText {
  /** Breakpoints, ascending: at folded offset foldedAt[i] the original offset is originalAt[i]. */
  private readonly foldedAt: number[];
  private readonly originalAt: number[];
  /** Whether the piece starting at a breakpoint maps unit for unit (else it is one folded cluster). */
  private readonly linear: boolean[];

  private constructor(
    readonly original: string,
    readonly text: string,
    foldedAt: number[],
    originalAt: number[],
    linear: boolean[],
  ) {
    this.foldedAt = foldedAt;
    this.originalAt = originalAt;
    this.linear = linear;
  }

  static of(original: string, options: FoldOptions): FoldedText {
    const whole = fold(original, options);
    if (whole.length === original.length && !LENGTH_MAY_CHANGE.test(original)) return new FoldedText(original, whole, [0], [0], [true]);
    const parts: string[] = [];
    const foldedAt = [0];
    const originalAt = [0];
    const linear = [true];
    let foldedLength = 0;
    const linearFrom = (originalOffset: number) => {
      if (linear[linear.length - 1] && originalAt[originalAt.length - 1] - foldedAt[foldedAt.length - 1] === originalOffset - foldedLength) return;
      foldedAt.push(foldedLength);
      originalAt.push(originalOffset);
      linear.push(true);
    };
    for (let start = 0; start < original.length; ) {
      const end = chunkEnd(original, start);
      const piece = original.slice(start, end);
      const folded = fold(piece, options);
      if (folded.length === piece.length && !LENGTH_MAY_CHANGE.test(piece)) {
        linearFrom(start);
        parts.push(folded);
        foldedLength += folded.length;
      } else {
        for (const cluster of piece.matchAll(CLUSTER)) {
          const clusterStart = start + cluster.index;
          const foldedCluster = fold(cluster[0], options);
          if (foldedCluster === cluster[0]) linearFrom(clusterStart);
          else {
            foldedAt.push(foldedLength);
            originalAt.push(clusterStart);
            linear.push(false);
          }
          parts.push(foldedCluster);
          foldedLength += foldedCluster.length;
          if (foldedCluster !== cluster[0]) linearFrom(clusterStart + cluster[0].length);
        }
      }
      start = end;
    }
    return new FoldedText(original, parts.join(''), foldedAt, originalAt, linear);
  }

  /**
   * The original offset of a folded offset. Inside a folded cluster a start maps to the cluster's
   * start and an end to its end, so a hit always covers whole characters of the original.
   */
  toOriginal(foldedOffset: number, side: 'start' | 'end'): number {
    let low = 0;
    let high = this.foldedAt.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.foldedAt[middle] <= foldedOffset) low = middle + 1;
      else high = middle;
    }
    const i = low - 1;
    if (this.linear[i]) return this.originalAt[i] + (foldedOffset - this.foldedAt[i]);
    if (side === 'start' || foldedOffset === this.foldedAt[i]) return this.originalAt[i];
    return i + 1 < this.originalAt.length ? this.originalAt[i + 1] : this.original.length;
  }
}

/** A chunk boundary near start + CHUNK that no cluster spans: before a character that is no mark. */
function chunkEnd(text: string, start: number): number {
  let end = Math.min(text.length, start + CHUNK);
  while (end < text.length && (LENGTH_MAY_CHANGE.test(text[end]) || isLowSurrogate(text.charCodeAt(end)))) end++;
  return end;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
