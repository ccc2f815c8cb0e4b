// The one way to read, write, remove and list a study's files by study-relative path. Nothing is
// read or written outside the study folder or through a symbolic link, a file that is not UTF-8
// is never rewritten, and each refusal is a Problem with the file (and line) it is about.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../model';
import { decodeUtf8, isTemporaryFileName, NotUtf8Error, readBytesIfExists, removeFile, writeTextAtomic } from './files';

/** A study file that Gloss refuses to read or write; `problem` says which and why. */
export class StudyFileError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
  }
}

/** Why a study-relative path (with `/`) cannot name a file of the study, or undefined when it can. */
export function studyPathProblem(relativePath: string): string | undefined {
  const outside = 'Paths must stay inside the study folder';
  if (relativePath === '' || relativePath.startsWith('/') || /^[A-Za-z]:/.test(relativePath)) return `${outside}: "${relativePath}" is not a relative path.`;
  if (relativePath.includes('\\')) return `${outside}: "${relativePath}" holds a backslash (use "/").`;
  if (relativePath.includes('\0')) return `${outside}: "${relativePath}" holds a NUL character.`;
  if (relativePath.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return `${outside}: "${relativePath}" holds an empty, "." or ".." part.`;
  }
  return undefined;
}

function refuse(file: string, message: string, line?: number): never {
  throw new StudyFileError({ file, ...(line === undefined ? {} : { line }), message, severity: 'error' });
}

/**
 * The absolute path of a study file after checking that the path stays inside the study and that
 * no part of it below the root is a symbolic link (so its real path is inside the real root).
 * Parts that do not exist yet are fine: writing creates them as plain folders.
 */
export async function checkedStudyPath(root: string, relativePath: string): Promise<string> {
  const problem = studyPathProblem(relativePath);
  if (problem !== undefined) refuse(relativePath, problem);
  const parts = relativePath.split('/');
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    current = path.join(current, parts[i]);
    let stat: import('node:fs').Stats;
    try {
      stat = await sharedLstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw error;
    }
    if (stat.isSymbolicLink()) {
      refuse(parts.slice(0, i + 1).join('/'), 'This is a symbolic link: Gloss reads and writes nothing through a link. Replace it with a plain file or folder.');
    }
  }
  return path.join(root, ...parts);
}

const pendingLstats = new Map<string, Promise<import('node:fs').Stats>>();

/**
 * lstat, with simultaneous calls for one path sharing a single call: loading a study checks the
 * same folders for each of its files at once. Nothing is kept once the call has returned.
 */
function sharedLstat(file: string): Promise<import('node:fs').Stats> {
  let pending = pendingLstats.get(file);
  if (!pending) {
    pending = fs.lstat(file).finally(() => pendingLstats.delete(file));
    pendingLstats.set(file, pending);
  }
  return pending;
}

/** The file's text, or undefined when it does not exist. Throws StudyFileError (link, outside, not UTF-8). */
export async function readStudyFile(root: string, relativePath: string): Promise<string | undefined> {
  const bytes = await readStudyBytes(root, relativePath);
  return bytes === undefined ? undefined : decodeStudyText(relativePath, bytes);
}

/** The file's bytes, or undefined when it does not exist. Throws StudyFileError (link, outside). */
export async function readStudyBytes(root: string, relativePath: string): Promise<Buffer | undefined> {
  return readBytesIfExists(await checkedStudyPath(root, relativePath));
}

/** The bytes of a study file decoded as UTF-8 (a BOM kept); StudyFileError with the line when they are not UTF-8. */
export function decodeStudyText(relativePath: string, bytes: Uint8Array): string {
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) {
      refuse(
        relativePath,
        'This file is not UTF-8 (its first invalid byte is on this line): Gloss neither reads nor changes it. ' +
          'Convert it to UTF-8 (in VS Code: Reopen with Encoding, then Save with Encoding).',
        error.line,
      );
    }
    throw error;
  }
}

/**
 * Writes a study file atomically. Refuses, writing nothing, to write through or over a symbolic
 * link, outside the study, or over a file that is not UTF-8. Returns false when the file already
 * holds this text.
 */
export async function writeStudyFile(root: string, relativePath: string, text: string): Promise<boolean> {
  return writeTextAtomic(await replaceablePath(root, relativePath), text);
}

/** Removes a study file (a file already gone is fine), with the same checks as writing. */
export async function removeStudyFile(root: string, relativePath: string): Promise<void> {
  await removeFile(await replaceablePath(root, relativePath));
}

/** The checked path of a file that may be replaced: what it holds now must be UTF-8 (or nothing). */
async function replaceablePath(root: string, relativePath: string): Promise<string> {
  const file = await checkedStudyPath(root, relativePath);
  const bytes = await readBytesIfExists(file);
  if (bytes !== undefined) decodeStudyText(relativePath, bytes);
  return file;
}

/**
 * Every plain file below a study folder, as study-relative paths, sorted; hidden entries are
 * skipped. Symbolic links (to files or folders) are not followed: each is a problem.
 */
export async function listStudyFiles(
  root: string,
  folder: string,
  accept: (relativePath: string) => boolean = () => true,
): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  async function walk(relative: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(root, ...relative.split('/')), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        problems.push({ file: child, message: 'This is a symbolic link: Gloss does not follow it. Replace it with a plain file or folder.', severity: 'error' });
      } else if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && accept(child)) files.push(child);
    }
  }
  try {
    await checkedStudyPath(root, folder);
  } catch (error) {
    if (error instanceof StudyFileError) return { files, problems: [error.problem] };
    throw error;
  }
  await walk(folder);
  return { files: files.sort(), problems };
}

/** Where Gloss writes: temporary files of interrupted writes can only be left there. */
const WRITTEN_FOLDERS = ['codings', 'memos', 'matrices'];
/** A temporary file older than this cannot belong to a write still running (in another window). */
const LEFTOVER_AGE_MS = 60_000;

/** Removes temporary files that interrupted writes left in the study. Never follows a link. */
export async function removeLeftoverTemporaryFiles(root: string, now = Date.now()): Promise<void> {
  async function sweep(folder: string, recursive: boolean): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory() && recursive) await sweep(child, true);
      else if (entry.isFile() && isTemporaryFileName(entry.name)) {
        const stat = await fs.lstat(child).catch(() => undefined);
        if (stat && now - stat.mtimeMs > LEFTOVER_AGE_MS) await removeFile(child);
      }
    }
  }
  await sweep(root, false);
  for (const folder of WRITTEN_FOLDERS) {
    const stat = await fs.lstat(path.join(root, folder)).catch(() => undefined);
    if (stat?.isDirectory()) await sweep(path.join(root, folder), true);
  }
}
