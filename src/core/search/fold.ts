// The text a search runs over: a folded copy of a transcript (Unicode NFC, optionally lower case and
// without accents) and a map from offsets of the copy back to offsets of the original, so that a hit
// found in the copy selects the right characters of the document whatever its spelling: "Conceição"
// typed precomposed (NFC) or with combining marks (NFD) is found by either spelling.
//
// Offsets are UTF-16 units of the strings. Folding changes a text's length only around combining
// marks, U+0130 (İ, whose lower case is two units) and conjoining Hangul jamo; everywhere else it
// maps one unit to one unit. So the text between such clusters is folded natively, each cluster
// alone, and each cluster that folding changed is a breakpoint of the map.

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
/** Clusters whose folding may change their length: with marks or jamo, or İ. */
const RISKY = /[^\p{M}\u1160-\u11ff]?[\p{M}\u1160-\u11ff]+|\u0130/gsu;

/** Folds a string (a query, or a piece of text) without keeping a map. */
export function fold(text: string, options: FoldOptions): string {
  // Final sigma lower-cases to ς at the end of a word only: both forms are one letter to a search.
  let folded = options.lowerCase ? text.toLowerCase().replace(/ς/g, 'σ') : text;
  if (options.stripAccents) folded = folded.normalize('NFD').replace(ACCENT, '');
  return folded.normalize('NFC');
}

/** Text that folds unit for unit into itself but for lower case: nothing at or above U+0080. */
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Runs that may hold a risky cluster's marks, jamo or İ: a cheap scan (no Unicode properties)
 * narrows where RISKY must look, since every mark and jamo lies at or above U+0300.
 */
const MAY_BE_RISKY = /[\u0130\u0300-\uffff]+/g;

/** The risky clusters of a text, in order, as RISKY would find them over the whole text. */
function* riskyClusters(text: string): Generator<{ readonly index: number; readonly text: string }> {
  for (const run of text.matchAll(MAY_BE_RISKY)) {
    // The unit before a run is below U+0300 and no surrogate: the base of a cluster starting the run.
    const from = Math.max(0, run.index - 1);
    for (const risky of text.slice(from, run.index + run[0].length).matchAll(RISKY)) yield { index: from + risky.index, text: risky[0] };
  }
}

export class FoldedText {
  /**
   * Breakpoints, ascending: at folded offset foldedAt[i] the original offset is originalAt[i];
   * none when the text folded unit for unit.
   */
  private readonly foldedAt: Int32Array;
  private readonly originalAt: Int32Array;
  /** Whether the piece starting at a breakpoint maps unit for unit (else it is one folded cluster). */
  private readonly linear: Uint8Array;

  /** The folded copy: the original itself when folding changed nothing (no second copy kept). */
  readonly text: string;

  private constructor(
    readonly original: string,
    text: string,
    foldedAt: readonly number[] = [],
    originalAt: readonly number[] = [],
    linear: readonly boolean[] = [],
  ) {
    this.text = text === original ? original : text;
    const identity = linear.length === 1 && foldedAt[0] === 0 && originalAt[0] === 0;
    this.foldedAt = Int32Array.from(identity ? [] : foldedAt);
    this.originalAt = Int32Array.from(identity ? [] : originalAt);
    this.linear = Uint8Array.from(identity ? [] : linear, Number);
  }

  /** Bytes held besides the two strings: the map. */
  get mapBytes(): number {
    return this.foldedAt.byteLength + this.originalAt.byteLength + this.linear.byteLength;
  }

  static of(original: string, options: FoldOptions): FoldedText {
    if (!NON_ASCII.test(original)) return new FoldedText(original, options.lowerCase ? original.toLowerCase() : original);
    const whole = fold(original, options);
    if (whole.length === original.length && !LENGTH_MAY_CHANGE.test(original)) return new FoldedText(original, whole);
    // Folding is local to clusters: the whole text folded at once is the clusters folded alone with
    // the text between them unchanged in length, unless a decomposition outside them brought a
    // mark back (then the map is built piece by piece).
    const foldedAt = [0];
    const originalAt = [0];
    const linear = [true];
    const foldedClusters = new Map<string, string>();
    let shift = 0;
    for (const risky of riskyClusters(original)) {
      let folded = foldedClusters.get(risky.text);
      if (folded === undefined) {
        folded = fold(risky.text, options);
        foldedClusters.set(risky.text, folded);
      }
      // A cluster changed but not in length (marks reordered, a capital lowered) maps as a whole too.
      if (folded === risky.text) continue;
      foldedAt.push(risky.index + shift);
      originalAt.push(risky.index);
      linear.push(false);
      shift += folded.length - risky.text.length;
      foldedAt.push(risky.index + risky.text.length + shift);
      originalAt.push(risky.index + risky.text.length);
      linear.push(true);
    }
    if (whole.length === original.length + shift) return new FoldedText(original, whole, foldedAt, originalAt, linear);
    return FoldedText.pieceByPiece(original, options);
  }

  /**
   * The general way, without shortcuts: every risky cluster and the text between them folded
   * alone. `of` gives the same text and map faster when it can.
   */
  static pieceByPiece(original: string, options: FoldOptions): FoldedText {
    const map = new MapBuilder(original, options);
    let last = 0;
    for (const risky of original.matchAll(RISKY)) {
      map.plain(last, risky.index);
      map.cluster(risky.index, risky.index + risky[0].length);
      last = risky.index + risky[0].length;
    }
    map.plain(last, original.length);
    return new FoldedText(original, map.parts.join(''), map.foldedAt, map.originalAt, map.linear);
  }

  /**
   * The original offset of a folded offset. Inside a folded cluster a start maps to the cluster's
   * start and an end to its end, so a hit always covers whole characters of the original.
   */
  toOriginal(foldedOffset: number, side: 'start' | 'end'): number {
    if (this.linear.length === 0) return foldedOffset;
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

/** Builds the folded text and its breakpoints piece by piece, in order. */
class MapBuilder {
  readonly parts: string[] = [];
  readonly foldedAt = [0];
  readonly originalAt = [0];
  readonly linear = [true];
  private foldedLength = 0;

  constructor(
    private readonly original: string,
    private readonly options: FoldOptions,
  ) {}

  /** Text without marks, İ or jamo: folded natively, one unit for one unless a decomposition brings a mark back. */
  plain(start: number, end: number): void {
    if (end <= start) return;
    const piece = this.original.slice(start, end);
    const folded = fold(piece, this.options);
    if (folded.length !== piece.length) {
      for (const cluster of piece.matchAll(CLUSTER)) this.cluster(start + cluster.index, start + cluster.index + cluster[0].length);
      return;
    }
    this.linearFrom(start);
    this.push(folded);
  }

  /** One cluster folded alone: a breakpoint when folding changed it. */
  cluster(start: number, end: number): void {
    const piece = this.original.slice(start, end);
    const folded = fold(piece, this.options);
    if (folded === piece) {
      this.linearFrom(start);
      this.push(folded);
      return;
    }
    this.foldedAt.push(this.foldedLength);
    this.originalAt.push(start);
    this.linear.push(false);
    this.push(folded);
    this.linearFrom(end);
  }

  private push(folded: string): void {
    this.parts.push(folded);
    this.foldedLength += folded.length;
  }

  /** Continues unit for unit from `originalOffset`, adding a breakpoint only when the shift changes. */
  private linearFrom(originalOffset: number): void {
    const i = this.linear.length - 1;
    if (this.linear[i] && this.originalAt[i] - this.foldedAt[i] === originalOffset - this.foldedLength) return;
    this.foldedAt.push(this.foldedLength);
    this.originalAt.push(originalOffset);
    this.linear.push(true);
  }
}
