// Study files as a commit holds them, by study-relative path: the study folder may be a sub-folder
// of its repository, so Git runs in the study root and paths stay relative to it. Git runs with
// argument arrays and literal pathspecs; a symlink in the tree is reported, never followed.
import { readBlobs, runGit } from '../git/git';
import type { Problem } from '../model';

const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/** A file at a commit: its text, or the problem that kept it from being read. */
export type FileAtCommit = { readonly text: string } | { readonly problem: Problem };

/**
 * The files at `commit` among `paths` (study-relative), read in one listing of `pathspec` (a folder
 * holding them all, or one file) and one batch read. A path the commit does not have is absent.
 */
export async function readFilesAtCommit(root: string, commit: string, pathspec: string, paths: ReadonlySet<string>, label: string): Promise<Map<string, FileAtCommit>> {
  const files = new Map<string, FileAtCommit>();
  const problem = (path: string, message: string): FileAtCommit => ({ problem: { file: `${path} at ${label}`, message, severity: 'error' } });
  const listing = await runGit(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', commit, '--', pathspec]);
  if (!listing.ok) {
    for (const path of paths) files.set(path, problem(path, `Git could not list it: ${listing.stderr.trim()}`));
    return files;
  }
  const blobs = new Map<string, string>();
  for (const entry of listing.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    const path = entry.slice(tab + 1);
    if (tab === -1 || !paths.has(path)) continue;
    const [mode, type, hash] = entry.slice(0, tab).split(' ');
    if (type !== 'blob') continue;
    if (REGULAR_FILE_MODES.has(mode)) blobs.set(path, hash);
    else files.set(path, problem(path, 'Not a regular file (a symlink?): not read.'));
  }
  const texts = await readBlobs(root, [...new Set(blobs.values())]);
  for (const [path, hash] of blobs) {
    const text = texts.get(hash);
    if (text === undefined) files.set(path, problem(path, 'Git could not read this file.'));
    // Git's output is decoded as UTF-8; bytes that are not become U+FFFD.
    else if (text.includes('\uFFFD')) files.set(path, problem(path, 'Not valid UTF-8 (or holds U+FFFD): not read.'));
    else files.set(path, { text });
  }
  return files;
}

/**
 * Study-relative paths below `folders` that differ between `commit` and the working tree,
 * untracked files included (a new coder's first file, a new memo).
 */
export async function pathsChangedSince(root: string, commit: string, folders: readonly string[]): Promise<string[]> {
  const [tracked, untracked] = await Promise.all([
    runGit(root, ['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--relative', commit, '--', ...folders]),
    runGit(root, ['--literal-pathspecs', 'ls-files', '--others', '--exclude-standard', '-z', '--', ...folders]),
  ]);
  if (!tracked.ok) throw new Error(`git diff failed: ${tracked.stderr.trim()}`);
  if (!untracked.ok) throw new Error(`git ls-files failed: ${untracked.stderr.trim()}`);
  const paths = [...tracked.stdout.split('\0'), ...untracked.stdout.split('\0')].filter((p) => p !== '');
  return [...new Set(paths)].sort();
}
