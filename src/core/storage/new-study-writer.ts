// Writes the files of a new study (an import) as they are made, several at a time: the import hands
// each file over as soon as it is ready and goes on with the next source while the disk works.
//
// Each file is created, never replaced: opening with O_CREAT | O_EXCL fails on anything already
// there, a link included, so nothing is overwritten or written through a link. Each folder on the
// way is made by the writer (or found to be a plain folder, never a link) once. Each file is
// flushed to disk before it counts as written, so what the import writes after `finish` (its
// report) is on disk only once the whole study is.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StudyFileError, studyPathProblem } from './study-files';

/** Files being written at once. */
const PARALLEL_WRITES = 32;
/** Files waiting beyond which the maker waits for the disk (so that memory stays bounded). */
const QUEUE_LIMIT = 64;

export class NewStudyWriter {
  /** Study paths handed over so far, lower case (macOS and Windows compare names without case). */
  readonly paths = new Set<string>();
  private readonly queue: [string, string | Uint8Array][] = [];
  private readonly folders = new Map<string, Promise<void>>();
  /** Files and folders this writer made, in the order made. */
  private readonly made: string[] = [];
  private running = 0;
  private failure: { error: unknown } | undefined;
  private waiting: (() => void)[] = [];

  /** `root`: an empty folder that exists, checked not to be a link. */
  constructor(private readonly root: string) {
    this.folders.set('', Promise.resolve());
  }

  /** Whether a file of this path (in any case) has been handed over. */
  has(relativePath: string): boolean {
    return this.paths.has(relativePath.toLowerCase());
  }

  /** Starts writing the file (text, or its UTF-8 bytes), or queues it. A failure is thrown by the next `room` or `finish`. */
  add(relativePath: string, text: string | Uint8Array): void {
    const problem = studyPathProblem(relativePath);
    if (problem !== undefined) throw new StudyFileError({ file: relativePath, message: problem, severity: 'error' });
    this.paths.add(relativePath.toLowerCase());
    this.queue.push([relativePath, text]);
    this.pump();
  }

  /** Resolves once the queue is short again, letting the writes go on meanwhile. */
  async room(): Promise<void> {
    // One turn of the event loop at least: the writes under way go on only between the maker's steps.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > QUEUE_LIMIT && this.failure === undefined) await this.next();
    this.throwFailure();
  }

  /** Resolves when every file handed over is on disk; throws the first failure. */
  async finish(): Promise<void> {
    while ((this.queue.length > 0 || this.running > 0) && this.failure === undefined) await this.next();
    // Writes still under way after a failure are let finish, so nothing is written after this returns.
    while (this.running > 0) await this.next();
    this.throwFailure();
    // The folders' entries of the new files, too (where the file system can flush a folder).
    for (const folder of this.folders.keys()) {
      const handle = await fs.open(path.join(this.root, folder), 'r').catch(() => undefined);
      await handle?.sync().catch(() => undefined);
      await handle?.close();
    }
  }

  /** Writes nothing more: drops the files waiting and resolves when those under way have ended. */
  async stop(): Promise<void> {
    this.queue.length = 0;
    while (this.running > 0) await this.next();
  }

  /**
   * Takes back everything this writer made (after `stop`): its files, then its folders, deepest
   * first. Only what it created itself is removed: files it opened as new, folders that were not
   * there. For an import that must start again another way.
   */
  async undo(): Promise<void> {
    await this.stop();
    for (const made of this.made.splice(0).reverse()) {
      const absolute = path.join(this.root, made);
      if (made.endsWith('/')) await fs.rmdir(absolute);
      else await fs.unlink(absolute);
    }
    this.paths.clear();
    this.folders.clear();
    this.folders.set('', Promise.resolve());
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private throwFailure(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  private pump(): void {
    while (this.running < PARALLEL_WRITES && this.queue.length > 0 && this.failure === undefined) {
      const [relativePath, text] = this.queue.shift()!;
      this.running++;
      this.create(relativePath, text).then(
        () => this.settled(),
        (error: unknown) => {
          this.failure ??= { error };
          this.settled();
        },
      );
    }
  }

  private async create(relativePath: string, text: string | Uint8Array): Promise<void> {
    const slash = relativePath.lastIndexOf('/');
    await this.folder(slash < 0 ? '' : relativePath.slice(0, slash));
    const file = path.join(this.root, relativePath);
    const handle = await fs.open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      throw new StudyFileError({ file: relativePath, message: 'Something is already there (a file or a link): the import writes only new files.', severity: 'error' });
    });
    this.made.push(relativePath);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Makes the folder (and those above it) once, refusing any that is a link or not a folder. */
  private folder(relativeFolder: string): Promise<void> {
    let ready = this.folders.get(relativeFolder);
    if (ready === undefined) {
      const slash = relativeFolder.lastIndexOf('/');
      const parent = slash < 0 ? '' : relativeFolder.slice(0, slash);
      ready = this.folder(parent).then(async () => {
        const absolute = path.join(this.root, relativeFolder);
        const made = await fs.mkdir(absolute).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EEXIST') throw error;
            return false;
          },
        );
        if (made) this.made.push(`${relativeFolder}/`);
        const stat = await fs.lstat(absolute);
        if (stat.isSymbolicLink() || !stat.isDirectory()) {
          throw new StudyFileError({ file: relativeFolder, message: 'This is a link or a file, not a folder: the import writes nothing through it.', severity: 'error' });
        }
      });
      this.folders.set(relativeFolder, ready);
    }
    return ready;
  }

  private settled(): void {
    this.running--;
    this.pump();
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
