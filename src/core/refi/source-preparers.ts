// Prepares an import's text sources (source-preparation.ts) on worker threads while the main
// thread goes on reading the project: the reading and the text work then share the machine's
// cores. Each source goes to the next worker in turn; what comes back is the same whichever
// thread did it, and the import takes the results in the order of the sources. Without a worker
// (one core, or the worker's script not beside this code) each source is prepared here, at once.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Archive, ArchiveLimits } from './archive';
import { prepareSource, type PreparedSource, type SourceJob } from './source-preparation';

/** Workers at most: the main thread reads the project meanwhile, and more than this gains little. */
const MAX_WORKERS = 3;

/** Workers worth starting on this machine: one core is the main thread's. */
export function defaultWorkerCount(): number {
  return Math.max(0, Math.min(MAX_WORKERS, os.availableParallelism() - 1));
}

interface Pending {
  resolve(prepared: PreparedSource): void;
  reject(error: Error): void;
}

export class SourcePreparers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  /** `workers`: how many to start (none: every source is prepared on this thread). */
  constructor(
    private readonly archive: Archive,
    archiveBytes: Uint8Array,
    limits: ArchiveLimits,
    workers: number,
  ) {
    // One copy of the archive that every worker reads (each would otherwise get its own copy).
    const shared = workers > 0 ? new Uint8Array(new SharedArrayBuffer(archiveBytes.length)) : undefined;
    shared?.set(archiveBytes);
    for (let i = 0; i < workers; i++) {
      const worker = startWorker({ archiveBytes: shared, limits });
      if (worker === undefined) break;
      worker.on('message', (message: { id: number; prepared?: PreparedSource; error?: string }) => this.settle(message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`A worker preparing the sources stopped (exit code ${code}).`)));
      this.workers.push(worker);
    }
  }

  /** Worker threads started (none: sources are prepared on this thread). */
  get threads(): number {
    return this.workers.length;
  }

  /** What the source's text and selections come to. Settles in any order; nothing is left unhandled. */
  prepare(job: SourceJob): Promise<PreparedSource> {
    const id = this.nextId++;
    const prepared = new Promise<PreparedSource>((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      if (this.workers.length === 0) {
        resolve(prepareSource(job, this.archive));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.workers[id % this.workers.length].postMessage({ id, job });
    });
    // A source the import no longer waits for (it failed earlier) must not fail the process.
    prepared.catch(() => undefined);
    return prepared;
  }

  /** Stops the workers; sources still being prepared are given up. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.fail(new Error('The import has ended.'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private settle({ id, prepared, error }: { id: number; prepared?: PreparedSource; error?: string }): void {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (error !== undefined) pending?.reject(new Error(`Preparing a source failed: ${error}`));
    else pending?.resolve(prepared!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

/**
 * The built extension, command line and benchmark have the worker's script beside them
 * (esbuild.js, scripts/bench.mjs). Run from the TypeScript sources (unit tests, `npm run gloss`),
 * the worker loads its source through tsx, as the main thread does.
 */
function startWorker(workerData: unknown): Worker | undefined {
  const built = path.join(__dirname, 'refi-source-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData });
  const source = path.join(__dirname, 'source-worker.ts');
  if (!__filename.endsWith('.ts') || !existsSync(source)) return undefined;
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
