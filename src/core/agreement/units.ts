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
      return segmentUnits(text, words, true);
    case 'sentence':
      return segmentUnits(text, sentences, false);
    case 'paragraph':
    case 'turn':
      return lineUnits(text, kind);
  }
}

/** Word-like segments (letters, digits, ideographs: every script), or every segment that is not only white space. */
function segmentUnits(text: string, segmenter: Intl.Segmenter, wordLikeOnly: boolean): Span[] {
  const index = TextIndex.forText(text);
  const units: Span[] = [];
  for (const segment of segmenter.segment(text)) {
    if (wordLikeOnly ? segment.isWordLike !== true : segment.segment.trim() === '') continue;
    const end = segment.index + segment.segment.length;
    units.push(index.isIdentity ? { start: segment.index, end } : { start: index.toCodePointOffset(segment.index), end: index.toCodePointOffset(end) });
  }
  return units;
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
