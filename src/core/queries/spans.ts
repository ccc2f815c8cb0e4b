// Span arithmetic for coding queries: the text covered by a set of passages (merged runs), its
// intersection and difference, and the distances the proximity operators measure. Spans are
// half-open [start, end) in code points; empty spans cover nothing.
import type { Span } from '../model';

/** The maximal runs covered by `spans` (overlapping or touching spans join), sorted, none empty. */
export function coverage(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const runs: Span[] = [];
  for (const span of sorted) {
    const last = runs[runs.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) runs[runs.length - 1] = { start: last.start, end: span.end };
    } else {
      runs.push({ start: span.start, end: span.end });
    }
  }
  return runs;
}

/** The text covered by both `a` and `b`, as maximal runs. */
export function intersection(a: readonly Span[], b: readonly Span[]): Span[] {
  const left = coverage(a);
  const right = coverage(b);
  const result: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (start < end) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return coverage(result);
}

/** The text covered by `a` and not by `b`, as maximal runs. */
export function difference(a: readonly Span[], b: readonly Span[]): Span[] {
  const removed = coverage(b);
  const result: Span[] = [];
  let j = 0;
  for (const run of coverage(a)) {
    let start = run.start;
    while (j < removed.length && removed[j].end <= start) j++;
    for (let k = j; k < removed.length && removed[k].start < run.end; k++) {
      if (removed[k].start > start) result.push({ start, end: removed[k].start });
      start = Math.max(start, removed[k].end);
    }
    if (start < run.end) result.push({ start, end: run.end });
  }
  return result;
}

/** Whether two spans share at least one code point (an empty span shares none). */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end && a.start < a.end && b.start < b.end;
}

/** Code points between two spans: 0 when they touch or overlap. */
export function distance(a: Span, b: Span): number {
  return Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));
}

/**
 * `span` widened to the units (sentences, turns, paragraphs: sorted, not overlapping) it touches:
 * from the start of the first unit holding a code point of it to the end of the last. A span that
 * touches no unit (it lies in the white space between them) is returned as it is.
 */
export function widen(span: Span, units: readonly Span[]): Span {
  let low = 0;
  let high = units.length;
  // First unit ending after span.start.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (units[middle].end <= span.start) low = middle + 1;
    else high = middle;
  }
  let start: number | undefined;
  let end: number | undefined;
  const probe = span.end > span.start ? span : { start: span.start, end: span.start + 1 };
  for (let i = low; i < units.length && units[i].start < probe.end; i++) {
    if (!overlaps(units[i], probe)) continue;
    start ??= units[i].start;
    end = units[i].end;
  }
  return start === undefined || end === undefined ? span : { start: Math.min(start, span.start), end: Math.max(end, span.end) };
}
