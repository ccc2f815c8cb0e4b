// The write protocol: a change to a study file is a function of the file's text on disk now,
// never of a copy read earlier. Read, apply, write atomically, and right before the rename check
// that the file still holds what was read (another window, a script or a pull may have written
// it meanwhile): if not, read and apply again, a bounded number of times, then refuse.
// Writers that follow this protocol (every Gloss window, the scripts) also take a lock file next to
// the target, so two of them never interleave between that check and the rename.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCK_SUFFIX, readTextIfExists, renameOver, writeTemporaryBeside } from './files';

/** A write that was not made, with the reason for the researcher. Nothing was written. */
export class WriteRefusedError extends Error {}

/**
 * The new text for the file's current text (undefined: no file). Returning `undefined` removes the
 * file; returning the current text writes nothing. Throws WriteRefusedError to refuse.
 */
export type TextChange = (current: string | undefined) => string | undefined;

export interface FileUpdate {
  readonly before: string | undefined;
  readonly after: string | undefined;
}

/** How often a change is applied again when the file changed between reading and writing it. */
const ATTEMPTS = 5;
/** How many times a held lock is waited for (growing waits, about 10 s in all) before refusing. */
const LOCK_WAITS = 100;

/** Runs the tasks given for one key one after another; tasks of different keys run side by side. */
export class WriteQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/**
 * Applies `change` to the file's text on disk and writes the result atomically (see the top of
 * this file). Returns the text before and after (equal when nothing was written). `label` names
 * the file in messages.
 */
export async function updateFile(file: string, change: TextChange, label = path.basename(file)): Promise<FileUpdate> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const release = await lock(file, label);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const before = await readTextIfExists(file);
      const after = change(before);
      if (after === before) return { before, after };
      if (await replaceIfUnchanged(file, before, after)) return { before, after };
    }
  } finally {
    await release();
  }
  throw new WriteRefusedError(`${label} kept changing on disk while it was being written (another program is writing it); nothing was written. Try again.`);
}

/** Writes `after` (removes the file when undefined) only if the file still holds `before`. */
async function replaceIfUnchanged(file: string, before: string | undefined, after: string | undefined): Promise<boolean> {
  const unchanged = async () => (await readTextIfExists(file)) === before;
  if (after !== undefined) return renameOver(await writeTemporaryBeside(file, after), file, unchanged);
  if (!(await unchanged())) return false;
  await fs.rm(file, { force: true });
  return true;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/**
 * Takes the lock file `.<name>.gloss-lock` next to `file`, waiting while another writer holds it. A
 * lock left by a process of this machine that no longer runs (a crash) is taken over.
 */
async function lock(file: string, label: string): Promise<() => Promise<void>> {
  const lockFile = path.join(path.dirname(file), `.${path.basename(file)}.${LOCK_SUFFIX}`);
  const me: LockOwner = { pid: process.pid, host: os.hostname() };
  let owner: LockOwner | undefined;
  for (let wait = 0; wait <= LOCK_WAITS; wait++) {
    if (await createWhole(lockFile, JSON.stringify(me))) return () => fs.rm(lockFile, { force: true });
    owner = await lockOwner(lockFile);
    if (owner && owner.host === me.host && !isRunning(owner.pid)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + wait * 2, 200)));
  }
  const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another program';
  throw new WriteRefusedError(
    `${label} is being written by ${who}; nothing was written. Try again, or delete ${path.basename(lockFile)} if no Gloss window or script is running.`,
  );
}

/**
 * Creates `file` holding `text` unless it exists, in one step: the text goes to a temporary file
 * that is then hard-linked to the name. A writer killed at any moment so never leaves an empty or
 * half-written lock, whose owner could not be read and which would then never be taken over.
 */
async function createWhole(file: string, text: string): Promise<boolean> {
  const temporary = await writeTemporaryBeside(file, text);
  try {
    await fs.link(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network shares): create it in place instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') return createInPlace(file, text);
    throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

async function createInPlace(file: string, text: string): Promise<boolean> {
  try {
    await fs.writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function lockOwner(lockFile: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(lockFile, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    // Gone meanwhile, or being written: wait and look again.
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
