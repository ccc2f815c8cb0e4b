// How a QDA tool counted the positions of its text selections. The standard says code points of
// the file, but tools disagree: some count UTF-16 units (emoji count two), some count CRLF as one
// character, some count a leading BOM. Each plausible reading is tried on a source's selections;
// the one under which they line up best (with the text each tool stores for a selection, and with
// word boundaries) is taken, and the choice is reported.
//
// Positions are mapped onto the normalised text (BOM dropped, CRLF and lone CR as LF, counted in
// code points), which is what study files count.
import { countBelow } from '../util/sorted';
import { sameQuote } from '../anchoring/quote';

export interface Counting {
  /** `utf16`: characters outside the Basic Multilingual Plane count two. */
  readonly unit: 'codePoint' | 'utf16';
  /** `two`: CRLF counts as two characters, `one`: as one. */
  readonly crlf: 'two' | 'one';
  /** Whether a leading BOM counts as the first character. */
  readonly bomCounted: boolean;
}

/** The standard's reading: code points of the file as it is (CRLF two characters), no BOM. */
export const STANDARD_COUNTING: Counting = { unit: 'codePoint', crlf: 'two', bomCounted: false };

export interface ToolSelection {
  readonly start: number;
  readonly end: number;
  /** Text the tool stores with the selection (a name or description that may hold the quote). */
  readonly storedTexts?: readonly string[];
}

/** A source's raw text (decoded, BOM and CR still in it) and where its wide characters are. */
export class SourceText {
  /** The normalised text: BOM dropped, CRLF and lone CR turned into LF. */
  readonly normalised: string;
  readonly hasBom: boolean;
  /** Code point length of the normalised text. */
  readonly length: number;
  /** Normalised code point positions of characters outside the BMP, ascending. */
  private readonly astral: readonly number[];
  /** Normalised code point positions of line feeds that were CRLF, ascending. */
  private readonly crlfs: readonly number[];

  constructor(raw: string) {
    this.hasBom = raw.startsWith('\uFEFF');
    const body = this.hasBom ? raw.slice(1) : raw;
    const astral: number[] = [];
    const crlfs: number[] = [];
    let normalised = body;
    if (/[\r\ud800-\udbff]/.test(body)) {
      const out: string[] = [];
      let position = 0;
      for (let i = 0; i < body.length; i++, position++) {
        const unit = body.charCodeAt(i);
        if (unit === 13) {
          if (body.charCodeAt(i + 1) === 10) {
            crlfs.push(position);
            i++;
          }
          out.push('\n');
        } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < body.length) {
          astral.push(position);
          out.push(body.slice(i, i + 2));
          i++;
        } else out.push(body[i]);
      }
      normalised = out.join('');
    }
    this.normalised = normalised;
    this.astral = astral;
    this.crlfs = crlfs;
    this.length = normalised.length - astral.length;
  }

  /** Which readings can differ for this text: only the features it has. */
  readings(): Counting[] {
    const units: Counting['unit'][] = this.astral.length > 0 ? ['codePoint', 'utf16'] : ['codePoint'];
    const crlfs: Counting['crlf'][] = this.crlfs.length > 0 ? ['two', 'one'] : ['two'];
    const boms = this.hasBom ? [false, true] : [false];
    return units.flatMap((unit) => crlfs.flatMap((crlf) => boms.map((bomCounted) => ({ unit, crlf, bomCounted }))));
  }

  /** The tool's offset of a normalised code point position under a reading. */
  toToolOffset(position: number, counting: Counting): number {
    return (
      (counting.bomCounted && this.hasBom ? 1 : 0) +
      position +
      (counting.unit === 'utf16' ? countBelow(this.astral, position) : 0) +
      (counting.crlf === 'two' ? countBelow(this.crlfs, position) : 0)
    );
  }

  /**
   * The normalised code point position of a tool's offset, or undefined when the offset falls
   * outside the text or inside one character of the normalised text (between CR and LF, between
   * the halves of a surrogate pair, on a counted BOM).
   */
  fromToolOffset(offset: number, counting: Counting): number | undefined {
    if (!Number.isSafeInteger(offset) || offset < 0) return undefined;
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.toToolOffset(middle, counting) < offset) low = middle + 1;
      else high = middle;
    }
    return this.toToolOffset(low, counting) === offset ? low : undefined;
  }

  /** The normalised text between two code point positions. */
  slice(start: number, end: number): string {
    return this.normalised.slice(this.unitOffset(start), this.unitOffset(end));
  }

  private unitOffset(position: number): number {
    return position + countBelow(this.astral, position);
  }

  /** Whether a code point position is at a word boundary: not between two word characters. */
  atWordBoundary(position: number): boolean {
    if (position <= 0 || position >= this.length) return true;
    const unit = this.unitOffset(position);
    const last = this.normalised.charCodeAt(unit - 1);
    const before = last >= 0xdc00 && last <= 0xdfff ? this.normalised.slice(unit - 2, unit) : this.normalised[unit - 1];
    const after = String.fromCodePoint(this.normalised.codePointAt(unit) as number);
    return !(WORD_CHARACTER.test(before) && WORD_CHARACTER.test(after));
  }
}

const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]/u;

export interface CountingChoice {
  readonly counting: Counting;
  /** Selections that map onto the text under this reading (inside it, not inside a character). */
  readonly placed: number;
  /** Of those, how many have both ends on word boundaries. */
  readonly onWordBoundaries: number;
  /** Selections whose stored text (name, description) matches their quote under this reading. */
  readonly quotesMatched: number;
  /** Selections that store some text (so could match). */
  readonly quotesStored: number;
  /** Another reading scored the same and would place some selection elsewhere. */
  readonly ambiguous: boolean;
}

/** Picks the reading under which the selections line up best; ties keep the standard's reading. */
export function detectCounting(text: SourceText, selections: readonly ToolSelection[]): CountingChoice {
  const readings = text.readings();
  const scored = readings.map((counting) => ({ counting, ...score(text, selections, counting) }));
  // Quotes are strong evidence; boundaries and placement decide the rest. Readings come standard first.
  const value = (s: (typeof scored)[number]) => s.quotesMatched * 1000 + s.placed * 10 + s.onWordBoundaries;
  const best = scored.reduce((a, b) => (value(b) > value(a) ? b : a));
  const ambiguous = scored.some(
    (other) => other !== best && value(other) === value(best) && selections.some((s) => differ(text, s, best.counting, other.counting)),
  );
  return { ...best, ambiguous };
}

function differ(text: SourceText, selection: ToolSelection, a: Counting, b: Counting): boolean {
  return text.fromToolOffset(selection.start, a) !== text.fromToolOffset(selection.start, b) || text.fromToolOffset(selection.end, a) !== text.fromToolOffset(selection.end, b);
}

function score(text: SourceText, selections: readonly ToolSelection[], counting: Counting) {
  let placed = 0;
  let onWordBoundaries = 0;
  let quotesMatched = 0;
  let quotesStored = 0;
  for (const selection of selections) {
    const stored = (selection.storedTexts ?? []).filter((t) => t.trim().length >= 2);
    if (stored.length > 0) quotesStored++;
    const start = text.fromToolOffset(selection.start, counting);
    const end = text.fromToolOffset(selection.end, counting);
    if (start === undefined || end === undefined || end < start) continue;
    placed++;
    if (text.atWordBoundary(start) && text.atWordBoundary(end)) onWordBoundaries++;
    if (stored.length > 0) {
      const quote = text.slice(start, end);
      if (stored.some((s) => storedTextMatches(s, quote))) quotesMatched++;
    }
  }
  return { placed, onWordBoundaries, quotesMatched, quotesStored };
}

/**
 * Whether a tool's stored text is the quote: equal after normalising line breaks, spaces at the
 * ends and Unicode form, or its beginning when the tool shortened it (ATLAS.ti names a quotation
 * by its first words, sometimes ending in "…").
 */
export function storedTextMatches(stored: string, quote: string): boolean {
  const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim().normalize('NFC');
  const s = clean(stored).replace(/(…|\.\.\.)$/, '').trimEnd();
  const q = clean(quote);
  if (s === '') return false;
  return sameQuote(s, q) || (s.length >= 10 && q.startsWith(s));
}

/** How a reading reads in the import report. */
export function describeCounting(counting: Counting, text: SourceText): string {
  const parts = [counting.unit === 'codePoint' ? 'code points' : 'UTF-16 units'];
  if (text.readings().some((r) => r.crlf === 'one')) parts.push(counting.crlf === 'two' ? 'CRLF as two characters' : 'CRLF as one character');
  if (text.hasBom) parts.push(counting.bomCounted ? 'the BOM counted' : 'the BOM not counted');
  return parts.join(', ');
}
