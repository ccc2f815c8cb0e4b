// Re-anchoring gives the same result on a slow and a fast machine: the diff is bounded by a
// budget of work, never by time, and where it gives up the codings there are placed by their
// quote and context (or left as orphans), never guessed onto another copy of their text.
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { reanchorCodings, type ReanchorResult } from '../../src/core/anchoring/reanchor';
import type { Coding } from '../../src/core/model';
import { interviewCodings, interviewText, Random, TrackedText, type TrueSpan } from './helpers/tracked-text';

/** A large combined edit: typos, added sentences, deleted turns, a moved passage, scattered edits. */
function combinedEdit(seed: number): { oldText: string; newText: string; codings: Coding[]; truth: TrueSpan[] } {
  const random = new Random(seed);
  const oldText = interviewText(random, 600);
  const codings = interviewCodings(oldText, random, 400);
  const ids = codings.map((coding) => new TrackedText(oldText).idsOf(coding));
  const tracked = new TrackedText(oldText);
  const lineStarts = (): number[] => {
    const starts = [0];
    [...tracked.text].forEach((character, i) => {
      if (character === '\n' && i + 1 < tracked.length) starts.push(i + 1);
    });
    return starts;
  };
  for (let i = 0; i < 40; i++) {
    const at = random.below(tracked.length);
    tracked.replace(at, at + 1, random.pick(['e', 'a', 'o']));
  }
  for (let i = 0; i < 10; i++) {
    const starts = lineStarts();
    const line = random.below(starts.length - 1);
    tracked.replace(starts[line], starts[line + 1], '');
  }
  for (let i = 0; i < 10; i++) {
    const starts = lineStarts();
    const at = starts[random.below(starts.length)];
    tracked.replace(at, at, '[00:00:00] R: This is a sentence I added later. Yeah.\n');
  }
  const starts = lineStarts();
  const line = 20 + random.below(starts.length - 40);
  tracked.move(starts[line], starts[line + 4], starts[line - 15]);
  for (let i = 0; i < 300; i++) {
    const at = random.below(tracked.length);
    tracked.replace(at, Math.min(tracked.length, at + random.below(4)), random.pick(['', 'x', 'the ', ', ', 'Yeah. ']));
  }
  return { oldText, newText: tracked.text, codings, truth: ids.map((cells) => tracked.whereAre(cells)) };
}

/** Codings placed away from their own surviving characters, or placed although their text was deleted. */
function misplaced(results: readonly ReanchorResult[], truth: readonly TrueSpan[]): number {
  let count = 0;
  results.forEach((result, i) => {
    if (result.kind === 'orphan') return;
    const { span } = truth[i];
    if (span === undefined || !(result.span.start < span.end && span.start < result.span.end)) count++;
  });
  return count;
}

/** A tiny budget: the diff gives up on almost every changed region. */
const TINY_BUDGET = 50;

describe('re-anchoring does not depend on machine speed', function () {
  this.timeout(120_000);

  it('under a tiny work budget, misplaces nothing and agrees with the normal budget, apart from orphans', () => {
    let orphansTiny = 0;
    let orphansNormal = 0;
    for (const seed of [1, 2]) {
      const { oldText, newText, codings, truth } = combinedEdit(seed);
      const normal = reanchorCodings(oldText, newText, codings);
      const tiny = reanchorCodings(oldText, newText, codings, { diffWorkBudget: TINY_BUDGET });
      assert.equal(misplaced(normal, truth), 0, 'normal budget');
      assert.equal(misplaced(tiny, truth), 0, 'tiny budget');
      const differing: string[] = [];
      tiny.forEach((result, i) => {
        const other = normal[i];
        if (result.kind === 'orphan' || other.kind === 'orphan') return;
        // A quote whose own words were edited has edges found by a search: they may differ by a word.
        const same = result.score === 1 && other.score === 1
          ? result.span.start === other.span.start && result.span.end === other.span.end
          : result.span.start < other.span.end && other.span.start < result.span.end;
        if (!same) differing.push(`${i} "${codings[i].quote}" ${JSON.stringify(result.span)} ${result.method}/${result.score} vs ${JSON.stringify(other.span)} ${other.method}/${other.score}`);
      });
      assert.deepEqual(differing, [], 'placed elsewhere under the tiny budget');
      orphansTiny += tiny.filter((r) => r.kind === 'orphan').length;
      orphansNormal += normal.filter((r) => r.kind === 'orphan').length;
    }
    // The tiny budget costs some orphans, not most codings.
    assert.ok(orphansTiny <= orphansNormal + 0.25 * 800, `${orphansTiny} orphans under the tiny budget, ${orphansNormal} normally`);
  });

  it('gives the same result when the clock runs an hour per call (a machine too busy to keep up)', () => {
    const { oldText, newText, codings } = combinedEdit(3);
    const expected = reanchorCodings(oldText, newText, codings);
    const RealDate = Date;
    const realNow = performance.now.bind(performance);
    let fake = RealDate.now();
    const tick = (): number => (fake += 3_600_000);
    class SlowDate extends RealDate {
      constructor(...args: unknown[]) {
        super(...((args.length === 0 ? [tick()] : args) as [number]));
      }
      static now(): number {
        return tick();
      }
    }
    globalThis.Date = SlowDate as DateConstructor;
    performance.now = tick;
    try {
      assert.deepEqual(reanchorCodings(oldText, newText, codings), expected);
    } finally {
      globalThis.Date = RealDate;
      performance.now = realNow;
    }
  });
});

