// Positions of REFI-QDA text selections against the study's offsets (code points of the normalised
// text, docs/data-format.md). The standard counts code points of the source file from 0 with the
// end exclusive (section 10.2), but tools disagree on what they count in the file: UTF-16 units
// instead of code points, CRLF as one position or two, a leading BOM or not (docs/refi-qda.md).
// A SourceLayout finds, in one pass per source text, the few characters countings disagree on;
// each counting is read from it, and each conversion is then a binary search over those characters.

import { countBelow } from '../util/sorted';

/** How a file counts positions in a source text. */
export interface PositionCounting {
  /** What one position is: a Unicode code point (the standard) or a UTF-16 code unit. */
  readonly unit: 'codePoint' | 'utf16';
  /** Positions a `\r\n` takes: 1 (as the normalised `\n`) or 2. A lone `\r` always takes 1. */
  readonly crlf: 1 | 2;
  /** Whether a leading byte order mark takes position 0. */
  readonly bom: boolean;
}

/** The standard's counting, and what Gloss writes: code points, and the exported text is LF without a BOM. */
export const STANDARD_COUNTING: PositionCounting = { unit: 'codePoint', crlf: 2, bom: true };

/** Every counting found in the wild, the standard's first. */
export const KNOWN_COUNTINGS: readonly PositionCounting[] = [
  STANDARD_COUNTING,
  { unit: 'codePoint', crlf: 1, bom: true },
  { unit: 'codePoint', crlf: 2, bom: false },
  { unit: 'codePoint', crlf: 1, bom: false },
  { unit: 'utf16', crlf: 2, bom: true },
  { unit: 'utf16', crlf: 1, bom: true },
  { unit: 'utf16', crlf: 2, bom: false },
  { unit: 'utf16', crlf: 1, bom: false },
];

export type PositionRounding = 'down' | 'up';

const BYTE_ORDER_MARK = 0xfeff;
const CARRIAGE_RETURN = 13;

/**
 * Where a source's characters are that some countings count as two positions: each `\r\n` and each
 * character outside the BMP, as code point offsets of the normalised text. Found in one pass per
 * source; every counting of the source is then read from it without another pass.
 */
export class SourceLayout {
  private readonly byCounting = new Map<PositionCounting, SourcePositions>();

  private constructor(
    readonly hasBom: boolean,
    /** Length of the normalised text in code points. */
    readonly codePointLength: number,
    readonly crlfs: Int32Array,
    readonly astral: Int32Array,
  ) {}

  static of(rawText: string): SourceLayout {
    const hasBom = rawText.charCodeAt(0) === BYTE_ORDER_MARK;
    const first = hasBom ? 1 : 0;
    if (!MAY_HOLD_WIDE_CHARACTERS.test(rawText)) return new SourceLayout(hasBom, rawText.length - first, EMPTY, EMPTY);
    const crlfs: number[] = [];
    const astral: number[] = [];
    // The regex engine finds the few wide characters far faster than a loop over every character.
    const wide = WIDE_CHARACTERS;
    wide.lastIndex = first;
    /** Units before the current one that are not a code point of the normalised text of their own (a BOM, the second of a pair). */
    let extraUnits = first;
    for (let match = wide.exec(rawText); match !== null; match = wide.exec(rawText)) {
      (rawText.charCodeAt(match.index) === CARRIAGE_RETURN ? crlfs : astral).push(match.index - extraUnits);
      extraUnits++;
    }
    return new SourceLayout(hasBom, rawText.length - extraUnits, Int32Array.from(crlfs), Int32Array.from(astral));
  }

  /** The source's positions as `counting` counts them (kept: each counting is built once). */
  positions(counting: PositionCounting): SourcePositions {
    let positions = this.byCounting.get(counting);
    if (!positions) {
      const twoCounted = [...(counting.crlf === 2 ? [this.crlfs] : []), ...(counting.unit === 'utf16' ? [this.astral] : [])];
      const wide = twoCounted.length === 2 ? mergeSorted(twoCounted[0], twoCounted[1]) : (twoCounted[0] ?? EMPTY);
      positions = new SourcePositions(this.codePointLength, this.hasBom && counting.bom ? 1 : 0, wide);
      this.byCounting.set(counting, positions);
    }
    return positions;
  }
}

const MAY_HOLD_WIDE_CHARACTERS = /[\r\ud800-\udbff]/;
/** A CRLF or a surrogate pair: one code point of the normalised text, two units of the raw text. */
const WIDE_CHARACTERS = /\r\n|[\ud800-\udbff][\udc00-\udfff]/g;
const EMPTY = new Int32Array(0);

function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
  const merged = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) merged[k] = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
  return merged;
}

export class SourcePositions {
  /** Counted positions where the wide characters start: `wide[i] + i + start`. */
  private readonly wideCounted: Int32Array;

  /**
   * @param start the counted position of the first character (1 after a counted BOM).
   * @param wide code point offsets of the characters this counting counts as two positions, ascending.
   */
  constructor(
    /** Length of the normalised text in code points. */
    readonly codePointLength: number,
    private readonly start: number,
    private readonly wide: Int32Array,
  ) {
    this.wideCounted = wide.map((codePoint, i) => codePoint + i + start);
  }

  /** Positions of `rawText` (the source as in the file: a BOM and CRLF are fine) counted as `counting` says. */
  static of(rawText: string, counting: PositionCounting): SourcePositions {
    return SourceLayout.of(rawText).positions(counting);
  }

  /** Length of the source text in counted positions. */
  get countedLength(): number {
    return this.start + this.codePointLength + this.wide.length;
  }

  /** The counted position of a code point offset of the normalised text, in [0, codePointLength]. */
  toCounted(codePointOffset: number): number {
    if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > this.codePointLength) {
      throw new RangeError(`code point offset ${codePointOffset} is outside 0..${this.codePointLength}`);
    }
    return this.start + codePointOffset + countBelow(this.wide, codePointOffset);
  }

  /**
   * The code point offset of the normalised text at a counted position, or undefined when the
   * position is outside the text. A position inside a character (between the halves of a surrogate
   * pair, between `\r` and `\n`, on a counted BOM) rounds down to the character's start or up to its end.
   */
  toCodePoint(counted: number, rounding: PositionRounding = 'down'): number | undefined {
    if (!Number.isInteger(counted) || counted < 0 || counted > this.countedLength) return undefined;
    if (counted < this.start) return 0;
    const startingBelow = countBelow(this.wideCounted, counted);
    const offset = counted - this.start - startingBelow;
    const splitOne = startingBelow > 0 && this.wideCounted[startingBelow - 1] === counted - 1;
    return splitOne && rounding === 'up' ? offset + 1 : offset;
  }

  /** Whether a counted position falls on a character boundary of the normalised text. */
  isBoundary(counted: number): boolean {
    if (!Number.isInteger(counted) || counted < this.start || counted > this.countedLength) return false;
    const startingBelow = countBelow(this.wideCounted, counted);
    return !(startingBelow > 0 && this.wideCounted[startingBelow - 1] === counted - 1);
  }
}
