// Work over many items (documents) done a few at a time, so that the thread, the extension host's
// in the editor, can do other work in between. `forEachInSteps` ends each step once it has run
// STEP_MS: where the steps fall depends on how fast the machine is, what the work computes does not.

/** Work stopped between two steps because a newer request replaced it. */
export class StepsCancelled extends Error {}

/** What the caller is told, and asked, between steps. */
export interface StepCalls {
  /** Checked after each pause: true stops the work (StepsCancelled). */
  readonly cancelled?: () => boolean;
  /** Items done so far, of how many, told before each pause. */
  readonly onStep?: (done: number, total: number) => void;
}

export interface Steps extends StepCalls {
  /** How long a step may run before other work is let in (0: one item per step); STEP_MS by default. */
  readonly stepMs?: number;
}

/** A step this long is not felt; a whole large study in one go (seconds) is. */
const STEP_MS = 15;

/** Lets other work run, then stops (StepsCancelled) when a newer request has replaced this one. */
export async function pause(steps: StepCalls): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (steps.cancelled?.()) throw new StepsCancelled('A newer request replaced this one.');
}

/** Calls `work` on each item in order, pausing between items whenever a step has run long enough. */
export async function forEachInSteps<T>(items: readonly T[], work: (item: T) => void, steps: Steps = {}): Promise<void> {
  const stepMs = steps.stepMs ?? STEP_MS;
  let stepStarted = performance.now();
  for (const [done, item] of items.entries()) {
    if (done > 0 && performance.now() - stepStarted >= stepMs) {
      steps.onStep?.(done, items.length);
      await pause(steps);
      stepStarted = performance.now();
    }
    work(item);
  }
}
