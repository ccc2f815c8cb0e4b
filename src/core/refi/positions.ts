// Positions of REFI-QDA text selections against the study's offsets (code points of the normalised
// text, docs/data-format.md). The standard counts code points of the source file from 0 with the
// end exclusive (section 10.2), but tools disagree on what they count in the file: UTF-16 units
// instead of code points, CRLF as one position or two, a leading BOM or not (docs/refi-qda.md).
// A SourcePositions is built once per source text in one pass; each conversion is then a lookup
// or a binary search.

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
const LINE_FEED = 10;

export class SourcePositions {
  /**
   * @param countedStarts for each code point of the normalised text, the counted position where it
   *   starts; one more entry holds the counted length. Strictly ascending.
   */
  private constructor(private readonly countedStarts: Int32Array) {}

  /** Positions of `rawText` (the source as in the file: a BOM and CRLF are fine) counted as `counting` says. */
  static of(rawText: string, counting: PositionCounting): SourcePositions {
    const starts: number[] = [];
    let unit = 0;
    let counted = 0;
    if (rawText.charCodeAt(0) === BYTE_ORDER_MARK) {
      unit = 1;
      if (counting.bom) counted = 1;
    }
    while (unit < rawText.length) {
      starts.push(counted);
      const current = rawText.charCodeAt(unit);
      if (current === CARRIAGE_RETURN && rawText.charCodeAt(unit + 1) === LINE_FEED) {
        unit += 2;
        counted += counting.crlf;
        continue;
      }
      const width = (rawText.codePointAt(unit) as number) > 0xffff ? 2 : 1;
      unit += width;
      counted += counting.unit === 'utf16' ? width : 1;
    }
    starts.push(counted);
    return new SourcePositions(Int32Array.from(starts));
  }

  /** Length of the normalised text in code points. */
  get codePointLength(): number {
    return this.countedStarts.length - 1;
  }

  /** Length of the source text in counted positions. */
  get countedLength(): number {
    return this.countedStarts[this.countedStarts.length - 1];
  }

  /** The counted position of a code point offset of the normalised text, in [0, codePointLength]. */
  toCounted(codePointOffset: number): number {
    if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > this.codePointLength) {
      throw new RangeError(`code point offset ${codePointOffset} is outside 0..${this.codePointLength}`);
    }
    return this.countedStarts[codePointOffset];
  }

  /**
   * The code point offset of the normalised text at a counted position, or undefined when the
   * position is outside the text. A position inside a character (between the halves of a surrogate
   * pair, between `\r` and `\n`, on a counted BOM) rounds down to the character's start or up to its end.
   */
  toCodePoint(counted: number, rounding: PositionRounding = 'down'): number | undefined {
    if (!Number.isInteger(counted) || counted < 0 || counted > this.countedLength) return undefined;
    const startingBelow = countBelow(this.countedStarts, counted);
    if (startingBelow < this.countedStarts.length && this.countedStarts[startingBelow] === counted) return startingBelow;
    // Inside the character starting at index startingBelow - 1 (or on a counted BOM, before index 0).
    return rounding === 'down' ? Math.max(0, startingBelow - 1) : startingBelow;
  }

  /** Whether a counted position falls on a character boundary of the normalised text. */
  isBoundary(counted: number): boolean {
    const offset = this.toCodePoint(counted);
    return offset !== undefined && this.countedStarts[offset] === counted;
  }
}
