// Worker threads that read and import a project's text sources (source-import.ts) while the main
// thread reads the rest of the project and writes what comes back: the sources are most of a
// project, so a large import shares the machine's cores. Source i goes to worker i mod n and stays
// there between the two steps; the import takes the results in the order of the sources, and they
// are the same whichever thread made them.
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

/** What a worker made of an element under `<Sources>` (step 1), or why its part of the file could not be parsed alone. */
export type WorkerReading = { readonly reading: DetachedReading; readonly outline?: SourceOutline } | { readonly unreadable: string };

export type SourceRequest =
  | { readonly kind: 'read'; readonly id: number; readonly source: number; readonly start: number; readonly end: number }
  | { readonly kind: 'context'; readonly context: CodingContext }
  | { readonly kind: 'import'; readonly id: number; readonly source: number; readonly documentPath: string }
  | { readonly kind: 'forget'; readonly source: number };

export type SourceAnswer = { readonly id: number; readonly error: string } | { readonly id: number; readonly reading: WorkerReading } | { readonly id: number; readonly imported: ImportedSource };

/** Data each worker starts with. */
export interface SourceWorkerData {
  readonly archiveBytes: Uint8Array;
  readonly limits: ArchiveLimits;
  readonly projectBytes: Uint8Array;
  readonly projectFile: string;
}

interface Pending {
  resolve(answer: SourceAnswer): void;
  reject(error: Error): void;
}

export class SourceWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(count: number, data: SourceWorkerData) {
    for (let i = 0; i < count; i++) {
      const worker = startWorker(data);
      if (worker === undefined) break;
      worker.on('message', (answer: SourceAnswer) => this.settle(answer));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`A worker importing the sources stopped (exit code ${code}).`)));
      this.workers.push(worker);
    }
  }

  /**
   * `count` workers sharing one copy of the archive and of project.qde (each would otherwise get its
   * own); undefined when none can start (no worker script beside this code).
   */
  static start(count: number, archiveBytes: Uint8Array, limits: ArchiveLimits, projectBytes: Uint8Array, projectFile: string): SourceWorkers | undefined {
    const workers = new SourceWorkers(count, { archiveBytes: shared(archiveBytes), limits, projectBytes: shared(projectBytes), projectFile });
    return workers.workers.length > 0 ? workers : undefined;
  }

  /** Step 1 for source `source`, the element at [start, end) of project.qde. */
  async read(source: number, start: number, end: number): Promise<WorkerReading> {
    const answer = await this.ask(source, (id) => ({ kind: 'read', id, source, start, end }));
    return (answer as { reading: WorkerReading }).reading;
  }

  /** What every source's step 2 needs: sent once to each worker. */
  setContext(context: CodingContext): void {
    for (const worker of this.workers) worker.postMessage({ kind: 'context', context } satisfies SourceRequest);
  }

  /** Step 2 for a source read by `read`. */
  async import(source: number, documentPath: string): Promise<ImportedSource> {
    const answer = await this.ask(source, (id) => ({ kind: 'import', id, source, documentPath }));
    return (answer as { imported: ImportedSource }).imported;
  }

  /** Lets go of a source the import does not take from the worker (read on the main thread instead, or not imported). */
  forget(source: number): void {
    this.workerOf(source).postMessage({ kind: 'forget', source } satisfies SourceRequest);
  }

  /** Stops the workers; what they were doing is given up. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.fail(new Error('The import has ended.'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private workerOf(source: number): Worker {
    return this.workers[source % this.workers.length];
  }

  private ask(source: number, request: (id: number) => SourceRequest): Promise<SourceAnswer> {
    const id = this.nextId++;
    const answer = new Promise<SourceAnswer>((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.pending.set(id, { resolve, reject });
      this.workerOf(source).postMessage(request(id));
    });
    // An answer the import no longer waits for (it failed earlier) must not fail the process.
    answer.catch(() => undefined);
    return answer;
  }

  private settle(answer: SourceAnswer): void {
    const pending = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ('error' in answer) pending?.reject(new Error(`Importing a source failed: ${answer.error}`));
    else pending?.resolve(answer);
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
