// Lanes of overlapping coded passages: each passage gets the lowest lane that no passage
// overlapping it and starting before it already holds. The outermost passage of a nest is lane 0,
// the one inside it lane 1, and so on; the highlights draw each lane differently so that
// overlapping codes stay apart. Pure: no editor API.

import type { Span } from '../core/model';

/**
 * The lane of each span (by input index). Spans are taken in order of start, longer first at the
 * same start; empty spans get lane 0 and hold none. O(n log n + n·k) for k lanes in use at once.
 */
export function assignLanes(spans: readonly Span[]): Uint8Array {
  const lanes = new Uint8Array(spans.length);
  const order = Array.from(spans.keys()).sort(
    (a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end || a - b,
  );
  /** End of the passage holding each lane, or -1 when the lane is free. */
  const laneEnds: number[] = [];
  for (const i of order) {
    const { start, end } = spans[i];
    if (end <= start) continue;
    let lane = 0;
    while (lane < laneEnds.length && laneEnds[lane] > start) lane++;
    laneEnds[lane] = end;
    lanes[i] = Math.min(lane, 255);
  }
  return lanes;
}

/**
 * The start of the next (or previous) passage after (before) `offset`, wrapping around the
 * document; undefined when there are no passages. `starts` must be sorted ascending.
 */
export function neighbourStart(starts: readonly number[], offset: number, direction: 'next' | 'previous'): number | undefined {
  if (starts.length === 0) return undefined;
  if (direction === 'next') return starts.find((s) => s > offset) ?? starts[0];
  for (let i = starts.length - 1; i >= 0; i--) if (starts[i] < offset) return starts[i];
  return starts[starts.length - 1];
}
