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

/** The middle value (the upper one of the two middle values of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export async function timeMedian(run: () => unknown, repetitions: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Medians of several runs of each task, the tasks taking turns (after one warm-up run of each), so
 * that a machine busier during one part of the measurement weighs on every task alike. `between`
 * runs untimed before each timed run (to flush what the previous task left to the disk, say).
 */
export async function timeMediansTakingTurns<K extends string>(
  tasks: Readonly<Record<K, () => unknown>>,
  repetitions: number,
  between: () => unknown = () => undefined,
): Promise<Record<K, number>> {
  const names = Object.keys(tasks) as K[];
  const times = new Map<K, number[]>(names.map((name) => [name, []]));
  for (const name of names) await tasks[name]();
  for (let i = 0; i < repetitions; i++) {
    for (const name of names) {
      await between();
      const started = performance.now();
      await tasks[name]();
      times.get(name)!.push(performance.now() - started);
    }
  }
  const medians = {} as Record<K, number>;
  for (const name of names) medians[name] = median(times.get(name)!);
  return medians;
}

/**
 * Runs `run` and returns what it resolved to and the longest the thread went without a 1 ms
 * timer's tick meanwhile: the longest stretch it was busy without letting other work in.
 */
export async function withLongestBusyStretch<T>(run: () => Promise<T>): Promise<{ result: T; longestMs: number }> {
  let tick = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - tick);
    tick = now;
  }, 1);
  try {
    const result = await run();
    return { result, longestMs: Math.max(longest, performance.now() - tick) };
  } finally {
    clearInterval(timer);
  }
}
