// Conversion between the offsets stored on disk (code points of the normalised text) and the
// UTF-16 code units JavaScript strings and VS Code count.
//
// A code point takes two units in the counted text when it is outside the Basic Multilingual Plane
// (emoji, CJK Extension B) or, in a CRLF editor text, when it is a line break (`\r\n` stands for the
// normalised `\n`). The index keeps the sorted code point positions of those "wide" characters
// once per text version; each conversion is then a binary search. A text without wide characters
// (the common case: LF, no emoji) keeps no array and converts at no cost.

import type { Span } from '../model';
import { countBelow } from '../util/sorted';

export type Rounding = 'down' | 'up';

const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;
const LOW_SURROGATE_FIRST = 0xdc00;
const LOW_SURROGATE_LAST = 0xdfff;
const CARRIAGE_RETURN = 13;
const LINE_FEED = 10;
const MAY_HOLD_WIDE_CHARACTERS = /[\ud800-\udbff\r]/;

export class TextIndex {
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** Code point positions of the wide characters, ascending. */
  private readonly wideCodePoints: Int32Array;
  /** Unit positions of the same characters: `wideCodePoints[i] + i`. */
  private readonly wideUnits: Int32Array;

  private constructor(
    wideCodePoints: readonly number[],
    /** Length of the counted string in UTF-16 units. */
    readonly unitLength: number,
  ) {
    this.wideCodePoints = Int32Array.from(wideCodePoints);
    this.wideUnits = this.wideCodePoints.map((position, i) => position + i);
    this.codePointLength = unitLength - wideCodePoints.length;
  }

  /** Code points of `text` against UTF-16 units of the same `text` (no line-ending translation). */
  static forText(text: string): TextIndex {
    return TextIndex.build(text, false);
  }

  /**
   * Code points of the normalised text against UTF-16 units of the text as VS Code holds it
   * (`document.getText()`: no BOM, one line ending throughout). Each `\r\n` is one code point of
   * the normalised text and two units of `editorText`.
   */
  static forEditorText(editorText: string): TextIndex {
    return TextIndex.build(editorText, true);
  }

  private static build(text: string, crlfIsOneCodePoint: boolean): TextIndex {
    if (!MAY_HOLD_WIDE_CHARACTERS.test(text)) return new TextIndex([], text.length);
    const wide: number[] = [];
    let codePoint = 0;
    for (let unit = 0; unit < text.length; unit++, codePoint++) {
      const current = text.charCodeAt(unit);
      const next = text.charCodeAt(unit + 1);
      const isSurrogatePair =
        current >= HIGH_SURROGATE_FIRST && current <= HIGH_SURROGATE_LAST &&
        next >= LOW_SURROGATE_FIRST && next <= LOW_SURROGATE_LAST;
      const isCrlf = crlfIsOneCodePoint && current === CARRIAGE_RETURN && next === LINE_FEED;
      if (isSurrogatePair || isCrlf) {
        wide.push(codePoint);
        unit++;
      }
    }
    return new TextIndex(wide, text.length);
  }

  /** True when code point and unit offsets are the same for this text. */
  get isIdentity(): boolean {
    return this.wideCodePoints.length === 0;
  }

  /** The unit offset of a code point offset in [0, codePointLength]. */
  toUnitOffset(codePointOffset: number): number {
    checkOffset(codePointOffset, this.codePointLength, 'code point');
    if (this.wideCodePoints.length === 0) return codePointOffset;
    return codePointOffset + countBelow(this.wideCodePoints, codePointOffset);
  }

  /** The unit offset of any code point offset, moved into [0, codePointLength] first (a stored offset of another version). */
  toUnitOffsetWithin(codePointOffset: number): number {
    return this.toUnitOffset(Math.min(Math.max(0, codePointOffset), this.codePointLength));
  }

  /**
   * The code point offset of a unit offset in [0, unitLength]. A unit offset inside a wide
   * character (between the halves of a surrogate pair, or between `\r` and `\n`) rounds down to
   * the start of that character, or up to its end.
   */
  toCodePointOffset(unitOffset: number, rounding: Rounding = 'down'): number {
    checkOffset(unitOffset, this.unitLength, 'unit');
    if (this.wideUnits.length === 0) return unitOffset;
    // Wide characters starting before the offset: each one that ends at or before it counts
    // one unit more than its code point; one that the offset splits counts fully when rounding down.
    const startingBefore = countBelow(this.wideUnits, unitOffset);
    const splitOne = startingBefore > 0 && this.wideUnits[startingBefore - 1] === unitOffset - 1;
    if (splitOne && rounding === 'up') return unitOffset - startingBefore + 1;
    return unitOffset - startingBefore;
  }

  toUnitSpan(span: Span): Span {
    return { start: this.toUnitOffset(span.start), end: this.toUnitOffset(span.end) };
  }

  /** Rounds a start inside a wide character down and an end inside one up, so no character is cut. */
  toCodePointSpan(span: Span): Span {
    return { start: this.toCodePointOffset(span.start, 'down'), end: this.toCodePointOffset(span.end, 'up') };
  }
}

function checkOffset(offset: number, length: number, unitName: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > length) {
    throw new RangeError(`${unitName} offset ${offset} is outside 0..${length}`);
  }
}

/** The code points of `text` in [start, end). Builds an index: for one-off slices. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const index = TextIndex.forText(text);
  return text.slice(index.toUnitOffset(start), index.toUnitOffset(end));
}
