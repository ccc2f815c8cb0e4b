// Snapping a selection to grapheme clusters and words, so that a coding never splits what a reader
// sees as one character (`क्षत्रिय` is 8 code points and 3 graphemes; 👩🏽‍🔬 is 7 code points).
// Offsets here are UTF-16 units of the given string, as Intl.Segmenter and editors count.

import type { Span } from '../model';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * How far around an offset to segment when its line is very long. Boundaries depend only on a few
 * neighbouring characters, so segmenting a window gives the same boundaries near its middle while
 * keeping the cost independent of the document's size.
 */
const WINDOW_REACH = 512;

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly isWordLike: boolean;
}

/**
 * The segment containing `offset` (which must be < text.length). Segments a window around the
 * offset: from the start of its line (a line feed always ends a grapheme and a word), or from
 * WINDOW_REACH units before it when the line is longer.
 */
function segmentAt(segmenter: Intl.Segmenter, text: string, offset: number): Segment {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const windowStart = Math.max(lineStart, offset - WINDOW_REACH);
  const lineEnd = text.indexOf('\n', offset);
  const windowEnd = Math.min(lineEnd === -1 ? text.length : lineEnd + 1, offset + WINDOW_REACH);
  const found = segmenter.segment(text.slice(windowStart, windowEnd)).containing(offset - windowStart);
  if (found === undefined) return { start: offset, end: offset + 1, isWordLike: false };
  const start = windowStart + found.index;
  return { start, end: start + found.segment.length, isWordLike: found.isWordLike === true };
}

/** The grapheme boundary at or before `offset`. */
export function graphemeStartAtOrBefore(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  return segmentAt(graphemes, text, offset).start;
}

/** The grapheme boundary at or after `offset`. */
export function graphemeEndAtOrAfter(text: string, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= text.length) return text.length;
  const segment = segmentAt(graphemes, text, offset - 1);
  return segment.end;
}

/**
 * Widens a span to whole grapheme clusters: the start moves back and the end forward to the
 * nearest boundary. An empty span stays empty, at the boundary at or before its start.
 */
export function snapToGraphemes(text: string, span: Span): Span {
  const start = graphemeStartAtOrBefore(text, span.start);
  if (span.end <= span.start) return { start, end: start };
  return { start, end: Math.max(start, graphemeEndAtOrAfter(text, span.end)) };
}

/**
 * Widens a span to whole words (a start or end inside a word moves to that word's edge) and then
 * drops white space at either edge, as a double-click selection would. Uses the locale-independent
 * Unicode word rules, which also segment scripts written without spaces (CJK, Thai) by dictionary.
 * A span holding only white space comes back empty at its snapped start.
 */
export function snapToWords(text: string, span: Span): Span {
  const snapped = snapToGraphemes(text, span);
  let start = snapped.start;
  let end = snapped.end;
  if (start < text.length) {
    const word = segmentAt(words, text, start);
    if (word.isWordLike) start = word.start;
  }
  if (end > 0) {
    const word = segmentAt(words, text, end - 1);
    if (word.isWordLike) end = Math.max(end, word.end);
  }
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
