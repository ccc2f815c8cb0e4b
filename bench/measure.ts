// Timing helpers for the benchmark table: medians of several runs, after a warm-up run.
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  readonly task: string;
  /** Median milliseconds; NaN for rows that report something else in `note`. */
  readonly ms: number;
  readonly baselineName: string;
  readonly baselineMs: number;
  readonly target?: string;
  /** Whether the target is met, when there is one. */
  readonly met?: boolean;
  readonly note?: string;
}

export async function timeMedian(run: () => unknown, repetitions: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
