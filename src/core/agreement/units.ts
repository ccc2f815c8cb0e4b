// The units a unit-based coefficient counts in: each unit is coded by a coder when any code point
// of it is inside one of that coder's codings of the code. Units are spans in code points of the
// normalised text, ascending and not overlapping; characters are not listed (they are counted by
// length, see unit-values.ts).
import { unitStarts } from '../matrix/units';
import type { Span } from '../model';
import { TextIndex } from '../text/offsets';

export type AgreementUnit = 'character' | 'word' | 'sentence' | 'paragraph' | 'turn' | 'document';

export const AGREEMENT_UNITS: readonly AgreementUnit[] = ['character', 'word', 'sentence', 'paragraph', 'turn', 'document'];

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const sentences = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** The units of `text` (normalised), for every kind but 'character'. */
export function textUnits(text: string, kind: Exclude<AgreementUnit, 'character'>): Span[] {
  switch (kind) {
    case 'document':
      return text.length > 0 ? [{ start: 0, end: TextIndex.forText(text).codePointLength }] : [];
    case 'word':
      return wordUnits(text);
    case 'sentence':
      return sentenceUnits(text);
    case 'paragraph':
    case 'turn':
      return lineUnits(text, kind);
  }
}

// Unicode word boundaries (UAX #29) never join across a line break, so each line is segmented on
// its own. A line of only Latin, Greek and Cyrillic letters (of the BMP), ASCII digits, spaces and common
// punctuation follows a few of its rules, which a regular expression applies far faster than
// Intl.Segmenter does (tests check both agree): letters and digits join, and so do letter-[:.'‘’]-letter
// (WB6, WB7) and digit-[.,;'‘’]-digit (WB11, WB12). Every other line goes to Intl.Segmenter.
const SIMPLE_LINE = /^(?:(?=\p{L})(?![\u{10000}-\u{10FFFF}])[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}]|[0-9 \t:.'‘’,;!?()"“”\-–—/[\]&%+=*#…])*$/u;
const SIMPLE_WORD = /[\p{L}0-9]+(?:(?:(?<=\p{L})[:.'‘’](?=\p{L})|(?<=[0-9])[.,;'‘’](?=[0-9]))[\p{L}0-9]+)*/gu;

function wordUnits(text: string): Span[] {
  const index = TextIndex.forText(text);
  const units: Span[] = [];
  for (const { start: lineStart, line } of lines(text)) {
    if (SIMPLE_LINE.test(line)) {
      for (const match of line.matchAll(SIMPLE_WORD)) units.push(index.toCodePointSpan({ start: lineStart + match.index, end: lineStart + match.index + match[0].length }));
    } else {
      for (const segment of words.segment(line)) {
        if (segment.isWordLike === true) units.push(index.toCodePointSpan({ start: lineStart + segment.index, end: lineStart + segment.index + segment.segment.length }));
      }
    }
  }
  return units;
}

/** Each line of `text` without its line break, with where it starts and where the next one starts (UTF-16 units). */
function* lines(text: string): Generator<{ start: number; line: string; next: number }> {
  for (let start = 0; start < text.length; ) {
    const breakAt = text.indexOf('\n', start);
    const next = breakAt === -1 ? text.length : breakAt + 1;
    yield { start, line: text.slice(start, breakAt === -1 ? text.length : breakAt), next };
    start = next;
  }
}

// Sentence boundaries (UAX #29) always fall after a line break, so lines are segmented one by one
// as well; a simple line (as for words) follows these rules, checked against Intl.Segmenter by
// the tests: a sentence ends after . ! or ? with any closing quotes or brackets and spaces after
// it (SB9-SB11), unless a digit follows the full stop (SB6), a capital follows a full stop that
// follows a letter (SB7), a lower-case letter comes before the next letter or terminator after a
// full stop (SB8), or a comma-like mark or another terminator comes next (SB8a).
const TERMINATOR = /[.!?]/;
const CLOSE = /["'“”‘’()[\]]/;
const SPACE = /[ \t]/;
const CONTINUE = /[,;:\-–—]/;
const LOWER = /\p{Lowercase}/u;
const UPPER = /[\p{Uppercase}\p{Lt}]/u;
const DIGIT = /[0-9]/;

function sentenceUnits(text: string): Span[] {
  const index = TextIndex.forText(text);
  const units: Span[] = [];
  const add = (start: number, end: number) => {
    if (text.slice(start, end).trim() !== '') units.push(index.toCodePointSpan({ start, end }));
  };
  for (const { start: lineStart, line, next } of lines(text)) {
    // Intl.Segmenter sees the line break too: after another paragraph separator (U+2029) it stands alone.
    const ends = SIMPLE_LINE.test(line) ? simpleSentenceEnds(line) : [...sentences.segment(text.slice(lineStart, next))].map((s) => s.index + s.segment.length).slice(0, -1);
    let start = lineStart;
    for (const end of ends) {
      add(start, lineStart + end);
      start = lineStart + end;
    }
    add(start, next);
  }
  return units;
}

/** Offsets in a simple line after which a sentence ends, the line's end excluded. */
function simpleSentenceEnds(line: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (!TERMINATOR.test(line[i])) continue;
    const fullStop = line[i] === '.';
    let after = i + 1;
    while (after < line.length && CLOSE.test(line[after])) after++;
    while (after < line.length && SPACE.test(line[after])) after++;
    if (after >= line.length) break;
    const following = line[after];
    if (fullStop && after === i + 1 && DIGIT.test(following)) continue;
    if (fullStop && after === i + 1 && i > 0 && (LOWER.test(line[i - 1]) || UPPER.test(line[i - 1])) && UPPER.test(following)) continue;
    if (fullStop && lowerComesFirst(line, after)) continue;
    if (CONTINUE.test(following) || TERMINATOR.test(following)) continue;
    ends.push(after);
    i = after - 1;
  }
  return ends;
}

/** Whether, skipping what is neither a letter nor a terminator, a lower-case letter comes first. */
function lowerComesFirst(line: string, from: number): boolean {
  for (let k = from; k < line.length; k++) {
    const c = line[k];
    if (LOWER.test(c)) return true;
    if (/\p{L}/u.test(c) || TERMINATOR.test(c)) return false;
  }
  return false;
}

/** Paragraphs and speaker turns as the comparison matrices find them, without units that are only white space. */
function lineUnits(text: string, kind: 'paragraph' | 'turn'): Span[] {
  const starts = unitStarts(text, kind);
  const index = TextIndex.forText(text);
  const units: Span[] = [];
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : index.codePointLength;
    const unitText = index.isIdentity ? text.slice(starts[i], end) : text.slice(index.toUnitOffset(starts[i]), index.toUnitOffset(end));
    if (unitText.trim() !== '') units.push({ start: starts[i], end });
  }
  return units;
}

/** Index of the first unit ending after `offset` (units ascending and disjoint). */
export function firstUnitEndingAfter(units: readonly Span[], offset: number): number {
  let low = 0;
  let high = units.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (units[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
