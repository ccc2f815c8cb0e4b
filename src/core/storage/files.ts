// File access for the core. Node's fs works in the desktop and the remote extension host alike,
// and in the command-line tool; virtual workspaces are not supported (package.json says so).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, so a crash or a full disk
 * leaves either the old file or the new one, never half of each. Returns false, writing nothing,
 * when the file already holds exactly this text.
 */
export async function writeTextAtomic(file: string, text: string): Promise<boolean> {
  if ((await readTextIfExists(file)) === text) return false;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await renameOver(await writeTemporaryBeside(file, text), file, async () => true);
  return true;
}

/** Writes `text` to a new temporary file in `file`'s folder, flushed to disk; returns its path. */
export async function writeTemporaryBeside(file: string, text: string): Promise<string> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
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

/** Every file below `folder` (recursively), as paths relative to it with `/`. Missing folder: none. */
export async function listFiles(folder: string, accept: (relativePath: string) => boolean = () => true): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(folder, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && accept(child)) found.push(child);
    }
  }
  await walk('');
  return found.sort();
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
