// How a QDA tool counted the positions of its text selections. The standard says code points of
// the file, but tools disagree: some count UTF-16 units (emoji count two), some count CRLF as one
// character, some count a leading BOM. Each plausible reading is tried on a source's selections;
// the one under which they line up best (with the text each tool stores for a selection, and with
// word boundaries) is taken, and the choice is reported.
//
// Positions are mapped onto the normalised text (BOM dropped, CRLF and lone CR as LF, counted in
// code points), which is what study files count.
import { normaliseText } from '../text/normalise';
import { TextIndex } from '../text/offsets';
import { KNOWN_COUNTINGS, SourceLayout, type PositionCounting } from './positions';

export type { PositionCounting } from './positions';

export interface ToolSelection {
  readonly start: number;
  readonly end: number;
  /** Text the tool stores with the selection (a name or description that may hold the quote). */
  readonly storedTexts?: readonly string[];
}

/** A source's text as the tool shipped it (BOM and CR still in it) and its normalised text. */
export class SourceText {
  /** The normalised text: BOM dropped, CRLF and lone CR turned into LF. */
  readonly normalised: string;
  readonly hasBom: boolean;
  readonly hasCrlf: boolean;
  readonly hasAstral: boolean;
  readonly index: TextIndex;
  private readonly layout: SourceLayout;

  constructor(raw: string) {
    this.layout = SourceLayout.of(raw);
    this.hasBom = this.layout.hasBom;
    this.hasCrlf = this.layout.crlfs.length > 0;
    this.hasAstral = this.layout.astral.length > 0;
    this.normalised = normaliseText(raw);
    this.index = TextIndex.forText(this.normalised);
  }

  /** Length of the normalised text in code points. */
  get length(): number {
    return this.index.codePointLength;
  }

  /** The countings that can differ for this text (only the features it has), the standard's first. */
  readings(): PositionCounting[] {
    const relevant = (c: PositionCounting) =>
      (this.hasAstral || c.unit === 'codePoint') && (this.hasCrlf || c.crlf === 2) && (this.hasBom || c.bom);
    return KNOWN_COUNTINGS.filter(relevant);
  }

  /**
   * The normalised code point offset of a tool's position, or undefined when it falls outside the
   * text or inside one of its characters (between CR and LF, inside a surrogate pair, on a counted BOM).
   */
  fromToolOffset(offset: number, counting: PositionCounting): number | undefined {
    const positions = this.layout.positions(counting);
    return positions.isBoundary(offset) ? positions.toCodePoint(offset) : undefined;
  }

  toToolOffset(offset: number, counting: PositionCounting): number {
    return this.layout.positions(counting).toCounted(offset);
  }

  /** The normalised text between two code point offsets. */
  slice(start: number, end: number): string {
    return this.normalised.slice(this.index.toUnitOffset(start), this.index.toUnitOffset(end));
  }

  /** Whether a code point offset is at a word boundary: not between two word characters. */
  atWordBoundary(offset: number): boolean {
    if (offset <= 0 || offset >= this.length) return true;
    const unit = this.index.toUnitOffset(offset);
    const text = this.normalised;
    // ASCII (most characters of most transcripts) is told apart without the Unicode regex.
    const last = text.charCodeAt(unit - 1);
    const wordBefore = last < 0x80 ? isAsciiWordCharacter(last) : WORD_CHARACTER.test(last >= 0xdc00 && last <= 0xdfff ? text.slice(unit - 2, unit) : text[unit - 1]);
    if (!wordBefore) return true;
    const next = text.charCodeAt(unit);
    return !(next < 0x80 ? isAsciiWordCharacter(next) : WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(unit) as number)));
  }
}

const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]/u;

/** WORD_CHARACTER for an ASCII character: a letter or a digit. */
function isAsciiWordCharacter(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export interface CountingChoice {
  readonly counting: PositionCounting;
  /** Selections that map onto the text under this reading (inside it, not inside a character). */
  readonly placed: number;
  /** Of those, how many have both ends on word boundaries. */
  readonly onWordBoundaries: number;
  /** Selections whose stored text (name, description) matches their quote under this reading. */
  readonly quotesMatched: number;
  /** How closely: 3 per identical quote, 2 equal but for spaces at the ends, 1 its shortened beginning. */
  readonly quoteStrength: number;
  /** Selections that store some text (so could match). */
  readonly quotesStored: number;
  /** Another reading scored the same and would place some selection elsewhere. */
  readonly ambiguous: boolean;
}

/** Picks the reading under which the selections line up best; ties keep the standard's reading. */
export function detectCounting(text: SourceText, selections: readonly ToolSelection[]): CountingChoice {
  const readings = text.readings();
  // Each selection's stored texts are prepared once, not once per reading.
  const stored = selections.map((selection) => (selection.storedTexts ?? []).filter((t) => t.trim().length >= 2).map(prepareStored));
  const scored = readings.map((counting) => ({ counting, ...score(text, selections, stored, counting) }));
  // Quotes are strong evidence; boundaries and placement decide the rest. Readings come standard first.
  const value = (s: (typeof scored)[number]) => s.quoteStrength * 1_000_000 + s.placed * 1000 + s.onWordBoundaries;
  const best = scored.reduce((a, b) => (value(b) > value(a) ? b : a));
  const ambiguous = scored.some(
    (other) => other !== best && value(other) === value(best) && selections.some((s) => differ(text, s, best.counting, other.counting)),
  );
  return { ...best, ambiguous };
}

function differ(text: SourceText, selection: ToolSelection, a: PositionCounting, b: PositionCounting): boolean {
  return text.fromToolOffset(selection.start, a) !== text.fromToolOffset(selection.start, b) || text.fromToolOffset(selection.end, a) !== text.fromToolOffset(selection.end, b);
}

function score(text: SourceText, selections: readonly ToolSelection[], storedTexts: readonly (readonly StoredText[])[], counting: PositionCounting) {
  let placed = 0;
  let onWordBoundaries = 0;
  let quotesMatched = 0;
  let quoteStrength = 0;
  let quotesStored = 0;
  selections.forEach((selection, i) => {
    const stored = storedTexts[i];
    if (stored.length > 0) quotesStored++;
    const start = text.fromToolOffset(selection.start, counting);
    const end = text.fromToolOffset(selection.end, counting);
    if (start === undefined || end === undefined || end < start) return;
    placed++;
    if (text.atWordBoundary(start) && text.atWordBoundary(end)) onWordBoundaries++;
    if (stored.length > 0) {
      const quote = cleanQuote(text.slice(start, end));
      let strength = 0;
      for (const s of stored) strength = Math.max(strength, storedMatch(s, quote));
      if (strength > 0) quotesMatched++;
      quoteStrength += strength;
    }
  });
  return { placed, onWordBoundaries, quotesMatched, quoteStrength, quotesStored };
}

/** A tool's stored text in the forms quoteMatch compares. */
interface StoredText {
  /** Line breaks as LF, NFC. */
  readonly clean: string;
  readonly trimmed: string;
  /** Trimmed, without a final "…" or "...". */
  readonly shortened: string;
}

function prepareStored(stored: string): StoredText {
  const clean = cleanQuote(stored);
  const trimmed = clean.trim();
  return { clean, trimmed, shortened: trimmed.replace(/(…|\.\.\.)$/, '').trimEnd() };
}

/** Line breaks as LF and Unicode's NFC, so that a quote compares as the reader sees it. */
function cleanQuote(text: string): string {
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).normalize('NFC');
}

/**
 * How well a tool's stored text matches a quote: 3 identical (line breaks and Unicode form aside),
 * 2 equal but for spaces at the ends, 1 its beginning when the tool shortened it (ATLAS.ti names a
 * quotation by its first words, sometimes ending in "…"), 0 not at all.
 */
export function quoteMatch(stored: string, quote: string): number {
  return storedMatch(prepareStored(stored), cleanQuote(quote));
}

/** quoteMatch of a prepared stored text and a cleaned quote (both NFC, so equal strings are the same quote). */
function storedMatch(stored: StoredText, quote: string): number {
  if (stored.trimmed === '') return 0;
  if (stored.clean === quote) return 3;
  if (stored.trimmed === quote.trim()) return 2;
  return stored.shortened.length >= 10 && quote.trimStart().startsWith(stored.shortened) ? 1 : 0;
}

/** How a reading reads in the import report. */
export function describeCounting(counting: PositionCounting, text: SourceText): string {
  const parts = [counting.unit === 'codePoint' ? 'code points' : 'UTF-16 units'];
  if (text.hasCrlf) parts.push(counting.crlf === 2 ? 'CRLF as two characters' : 'CRLF as one character');
  if (text.hasBom) parts.push(counting.bom ? 'the BOM counted' : 'the BOM not counted');
  return parts.join(', ');
}
