// The text selectors stored with each coding: its quote and up to CONTEXT_LENGTH code points of
// context on each side, all cut at code point boundaries of the normalised text.

import { CONTEXT_LENGTH, type Coding, type Span } from '../model';
import { TextIndex } from '../text/offsets';

export interface QuoteSelectors {
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Quote, prefix and suffix of a span given in code points of `text`. Pass the text's index when
 * calling this for many spans of one text.
 */
export function quoteSelectors(text: string, span: Span, index: TextIndex = TextIndex.forText(text)): QuoteSelectors {
  const units = index.toUnitSpan(span);
  const prefixStart = index.toUnitOffset(Math.max(0, span.start - CONTEXT_LENGTH));
  const suffixEnd = index.toUnitOffset(Math.min(index.codePointLength, span.end + CONTEXT_LENGTH));
  return {
    quote: text.slice(units.start, units.end),
    prefix: text.slice(prefixStart, units.start),
    suffix: text.slice(units.end, suffixEnd),
  };
}

/** The coding moved onto `span` of the text of `version`, with its selectors taken from that text. */
export function rebaseCoding(coding: Coding, text: string, span: Span, version: string, index?: TextIndex): Coding {
  return { ...coding, start: span.start, end: span.end, ...quoteSelectors(text, span, index), version };
}

/** Compares two quotes as the reader sees them: NFC and NFD spellings of the same words are equal. */
export function sameQuote(a: string, b: string): boolean {
  return a === b || a.normalize('NFC') === b.normalize('NFC');
}

/** A quote on one line, shortened to about 60 characters: for messages that name a coding. */
export function shortQuote(quote: string): string {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
