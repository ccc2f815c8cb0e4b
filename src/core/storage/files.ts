// File access for the core. Node's fs works in the desktop and the remote extension host alike,
// and in the command-line tool; virtual workspaces are not supported (package.json says so).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file's bytes, or undefined when it does not exist. */
export async function readBytesIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file's text, or undefined when it does not exist. Throws NotUtf8Error for other encodings. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  const bytes = await readBytesIfExists(file);
  return bytes === undefined ? undefined : decodeUtf8(bytes);
}

/** Bytes that are not UTF-8; `line` (1-based) holds the first invalid byte. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`Not UTF-8: the first invalid byte is on line ${line}.`);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly (a BOM is kept as U+FEFF), never with replacement characters, which
 * would be written back into the file for good by the next edit.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error(lineOfFirstInvalidByte(bytes));
  }
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  // Decoding each line strictly finds it: a line feed byte never occurs inside a multi-byte sequence.
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      strictUtf8.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line - 1;
}

/** Temporary files of writes are `.<file name>.<12 hex digits>.gloss-tmp` (`.tmp` in older versions). */
const TEMPORARY_SUFFIX = 'gloss-tmp';
/** The .gitignore pattern for them. */
export const TEMPORARY_FILE_PATTERN = `*.${TEMPORARY_SUFFIX}`;

/** Writers hold `.<file name>.gloss-lock` next to the file they write (storage/update.ts). */
export const LOCK_SUFFIX = 'gloss-lock';
export const LOCK_FILE_PATTERN = `*.${LOCK_SUFFIX}`;

export function isTemporaryFileName(name: string): boolean {
  return new RegExp(`^\\..+\\.[0-9a-f]{12}\\.(${TEMPORARY_SUFFIX}|tmp)$`).test(name);
}

/**
 * Writes through a temporary file in the same folder and a rename, so a crash or a full disk
 * leaves either the old file or the new one, never half of each. Returns false, writing nothing,
 * when the file already holds exactly this text.
 */
export async function writeTextAtomic(file: string, text: string): Promise<boolean> {
  const bytes = Buffer.from(text, 'utf8');
  const before = await readBytesIfExists(file);
  if (before !== undefined && before.equals(bytes)) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await renameOver(await writeTemporaryBeside(file, bytes), file, async () => true);
  return true;
}

/** Writes `bytes` to a new temporary file in `file`'s folder, flushed to disk; returns its path. */
export async function writeTemporaryBeside(file: string, bytes: string | Uint8Array): Promise<string> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.${TEMPORARY_SUFFIX}`);
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

/**
 * Renames a temporary file over `file` if `proceed()` still agrees right before (else, and on
 * failure, the temporary file is removed). Returns whether it was renamed.
 */
export async function renameOver(temporary: string, file: string, proceed: () => Promise<boolean>): Promise<boolean> {
  try {
    if (!(await proceed())) {
      await fs.rm(temporary, { force: true });
      return false;
    }
    await fs.rename(temporary, file);
    return true;
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Removes a file; a file already gone is fine. */
export async function removeFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/** The names of the folders right inside `folder` (not hidden ones), sorted. Missing folder: none. */
export async function listFolders(folder: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** `a/b` relative path from the study root to an absolute file, or undefined when outside it. */
export function studyRelativePath(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export function absolutePath(root: string, relativePath: string): string {
  return path.join(root, ...relativePath.split('/'));
}
