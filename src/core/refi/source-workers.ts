// Worker threads that read and import a project's text sources (source-import.ts) from the parts of
// project.qde where they lie (project-layout.ts), while the main thread writes what comes back: the
// sources are most of a project, so a large import shares the machine's cores. Source i goes to
// worker i mod n; the import takes the results in the order of the sources, and they are the same
// whichever thread made them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArchiveLimits } from './archive';
import type { DetachedReading } from './read-project';
import type { CodingContext, ImportedSource, SourceOutline } from './source-import';

/** More workers than this gain little: writing the study is the main thread's. */
const MAX_WORKERS = 4;

/** Workers worth starting on this machine: one per core (the main thread mostly waits for them). */
export function defaultWorkerCount(): number {
  return Math.min(MAX_WORKERS, os.availableParallelism());
}

/**
 * What a worker made of an element under `<Sources>`: how it read it, and for a text source its
 * outline and, when the worker could tell everything it needs, the source imported. `unreadable`:
 * that part of the file is not well-formed on its own.
 */
export type SourceResult = { readonly reading: DetachedReading; readonly outline?: SourceOutline; readonly imported?: ImportedSource } | { readonly unreadable: string };

/**
 * The project the requests after this one are about; or read the element at [start, end) of its
 * project.qde; or answer once every request before this one is answered.
 */
export type SourceRequest = { readonly project: SourceProject } | { readonly id: number; readonly start: number; readonly end: number } | { readonly drain: true };

export type SourceAnswer = { readonly id: number; readonly error: string } | { readonly id: number; readonly result: SourceResult } | { readonly drained: true };

/** Data each worker starts with: it opens the archive while the main thread reads the rest of the project. */
export interface SourceWorkerData {
  readonly archiveBytes: Uint8Array;
  readonly limits: ArchiveLimits;
  /** Set to 1 when the import no longer wants the results: the requests still waiting are answered without doing them. */
  readonly stopped: Int32Array;
}

/** What the workers need of the project once the main thread has read all but its sources. */
export interface SourceProject {
  readonly projectBytes: Uint8Array;
  readonly projectFile: string;
  /** The code ids, coders and notes the whole project decides (coders: those of the project's users). */
  readonly context: CodingContext;
}

interface Pending {
  resolve(result: SourceResult): void;
  reject(error: Error): void;
}

export class SourceWorkers {
  private readonly workers: Worker[] = [];
  private readonly stopped = new Int32Array(new SharedArrayBuffer(4));
  /** Called when a worker has answered a drain request (or stopped). */
  private readonly drained = new Map<Worker, () => void>();
  /** Workers that have stopped: nothing is waited for from them. */
  private readonly exited = new Set<Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(count: number, data: Omit<SourceWorkerData, 'stopped'>) {
    for (let i = 0; i < count; i++) {
      const worker = startWorker({ ...data, stopped: this.stopped });
      if (worker === undefined) break;
      worker.on('message', (answer: SourceAnswer) => ('drained' in answer ? this.drained.get(worker)?.() : this.settle(answer)));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        this.exited.add(worker);
        this.drained.get(worker)?.();
        this.fail(new Error(`A worker importing the sources stopped (exit code ${code}).`));
      });
      this.workers.push(worker);
    }
  }

  /**
   * `count` workers sharing one copy of the archive (each would otherwise get its own), started
   * before the project is read so that they are ready when it is; undefined when none can start (no
   * worker script beside this code).
   */
  static start(count: number, data: Omit<SourceWorkerData, 'stopped'>): SourceWorkers | undefined {
    const workers = new SourceWorkers(count, { ...data, archiveBytes: shared(data.archiveBytes) });
    return workers.workers.length > 0 ? workers : undefined;
  }

  /** Tells the workers the project that the sources asked for next are in (its project.qde shared, not copied). */
  project(project: SourceProject): void {
    const request: SourceRequest = { project: { ...project, projectBytes: shared(project.projectBytes) } };
    for (const worker of this.workers) worker.postMessage(request);
  }

  /** Worker threads running. */
  get threads(): number {
    return this.workers.filter((worker) => !this.exited.has(worker)).length;
  }

  /** Reads and imports the element at [start, end) of project.qde, the `index`-th under `<Sources>`. */
  read(index: number, start: number, end: number): Promise<SourceResult> {
    const id = this.nextId++;
    const result = new Promise<SourceResult>((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.pending.set(id, { resolve, reject });
      this.workers[index % this.workers.length].postMessage({ id, start, end } satisfies SourceRequest);
    });
    // A result the import no longer waits for (it failed earlier) must not fail the process.
    result.catch(() => undefined);
    return result;
  }

  /**
   * Stops the workers; what they were asked and have not done is given up. Each is let answer what
   * it was asked first (at once, doing nothing): a worker stopped while it loads or reads can bring
   * the whole process down (seen under tsx with Node 20).
   */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.fail(new Error('The import has ended.'));
    Atomics.store(this.stopped, 0, 1);
    await Promise.all(
      workers.map(async (worker) => {
        await new Promise<void>((resolve) => {
          if (this.exited.has(worker)) return resolve();
          this.drained.set(worker, resolve);
          worker.postMessage({ drain: true } satisfies SourceRequest);
        });
        await worker.terminate();
      }),
    );
  }

  private settle(answer: Exclude<SourceAnswer, { drained: true }>): void {
    const pending = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ('error' in answer) pending?.reject(new Error(`Importing a source failed: ${answer.error}`));
    else pending?.resolve(answer.result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

function shared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/**
 * The built extension, command line and benchmark have the worker's script beside them
 * (esbuild.js, scripts/bench.mjs). Run from the TypeScript sources (unit tests, `npm run gloss`),
 * the worker loads its source through tsx, as the main thread does.
 */
function startWorker(workerData: SourceWorkerData): Worker | undefined {
  const built = path.join(__dirname, 'refi-source-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData });
  const source = path.join(__dirname, 'source-worker.ts');
  if (!__filename.endsWith('.ts') || !existsSync(source)) return undefined;
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
