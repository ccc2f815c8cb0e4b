// How a segment reads in a list (the Codebook view, the Segments view): its first words, and where
// it is and whose it is.
import type { Segment } from './segments';

/** One segment in a list: where it is and how it reads. */
export interface SegmentRow {
  readonly segment: Segment;
  /** The first words of the segment. */
  readonly label: string;
  /** "velden-official-01.txt:13 · Marike". */
  readonly description: string;
}

export function segmentRow(segment: Segment): SegmentRow {
  const file = segment.documentPath.slice(segment.documentPath.lastIndexOf('/') + 1);
  return {
    segment,
    label: firstWords(segment.text),
    description: `${file}${segment.line === undefined ? '' : `:${segment.line}`} · ${segment.coder}`,
  };
}

/** The first words of a text on one line, about `length` characters, cut at a word. */
export function firstWords(text: string, length = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${space > length / 2 ? cut.slice(0, space) : cut}…`;
}
