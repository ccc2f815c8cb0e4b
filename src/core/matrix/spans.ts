// Span arithmetic for the matrices: how many code points a set of possibly overlapping spans
// covers (overlaps counted once), and the gap between two spans.
import type { Span } from '../model';

/** Code points covered by the union of `spans`. Sorts `spans` in place by start. */
export function unionLength(spans: Span[]): number {
  if (spans.length === 0) return 0;
  if (spans.length === 1) return Math.max(0, spans[0].end - spans[0].start);
  spans.sort((a, b) => a.start - b.start);
  let covered = 0;
  let runStart = spans[0].start;
  let runEnd = spans[0].end;
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i];
    if (span.start > runEnd) {
      covered += Math.max(0, runEnd - runStart);
      runStart = span.start;
      runEnd = span.end;
    } else if (span.end > runEnd) {
      runEnd = span.end;
    }
  }
  return covered + Math.max(0, runEnd - runStart);
}

/** Code points between two spans; 0 when they touch, negative when they overlap. */
export function gapBetween(a: Span, b: Span): number {
  return Math.max(a.start, b.start) - Math.min(a.end, b.end);
}
