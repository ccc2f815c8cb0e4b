// One side of a comparison at a Git ref: a coder's codings files as committed at a branch, tag
// or commit. Git runs with argument arrays; the ref is checked to name a commit before anything
// else is read, and files are read as the blobs `git ls-tree` lists (what `git show <ref>:<path>`
// prints), regular files only: a symlink in the tree is reported, not followed.
import { readBlob, runGit } from '../git/git';
import { parseCodingsFile } from '../codings/format';
import { CODINGS_FOLDER, coderSlug, parseCodingsFilePath } from '../codings/paths';
import type { Coding, Problem } from '../model';

export interface CodingsAtRef {
  readonly ref: string;
  /** The commit the ref named when read. */
  readonly commit: string;
  readonly coder: string;
  /** Codings by document path (relative to the study root, with `/`). */
  readonly byDocument: ReadonlyMap<string, readonly Coding[]>;
  /** Files that did not parse or could not be read, with `file` as `<path> at <ref>`. */
  readonly problems: readonly Problem[];
}

/** Bad input for a side: an unknown ref, a coder with nothing at the ref. The message says which. */
export class SideError extends Error {}

const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/** The commit `ref` names in the repository at `root`; a SideError when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  // A leading '-' would be read as an option; control characters are in no ref name.
  if (ref === '' || ref.startsWith('-') || /[\u0000-\u001f\u007f]/.test(ref)) throw new SideError(`"${ref}" is not a Git ref.`);
  const result = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const commit = result.stdout.trim();
  if (!result.ok || !/^[0-9a-f]{40,64}$/.test(commit)) throw new SideError(`Unknown Git ref "${ref}": no branch, tag or commit of this repository has that name.`);
  return commit;
}

/** Every codings file of `coder` at `ref`, parsed. A SideError when the ref is unknown or the coder has no codings there. */
export async function readCodingsAtRef(root: string, ref: string, coder: string): Promise<CodingsAtRef> {
  const commit = await resolveCommit(root, ref);
  const folder = `${CODINGS_FOLDER}/${coderSlug(coder)}/`;
  const listing = await runGit(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', folder]);
  if (!listing.ok) throw new SideError(`Could not list ${folder} at "${ref}": ${listing.stderr.trim()}`);
  const byDocument = new Map<string, Coding[]>();
  const problems: Problem[] = [];
  for (const entry of listing.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, hash] = entry.slice(0, tab).split(' ');
    const path = entry.slice(tab + 1);
    const located = parseCodingsFilePath(path);
    if (type !== 'blob' || located === undefined) continue;
    const file = `${path} at ${ref}`;
    if (!REGULAR_FILE_MODES.has(mode)) {
      problems.push({ file, message: 'Not a regular file (a symlink?): not read.', severity: 'error' });
      continue;
    }
    const text = await readBlob(root, hash);
    if (text === undefined) {
      problems.push({ file, message: 'Git could not read this file.', severity: 'error' });
      continue;
    }
    // Git's output is decoded as UTF-8, bytes that are not become U+FFFD.
    if (text.includes('\uFFFD')) {
      problems.push({ file, message: 'Not valid UTF-8 (or holds U+FFFD): not read.', severity: 'error' });
      continue;
    }
    const parsed = parseCodingsFile(text, file);
    problems.push(...parsed.problems);
    byDocument.set(located.documentPath, parsed.codings);
  }
  if (byDocument.size === 0 && problems.length === 0) throw new SideError(`${coder} has no codings at "${ref}" (nothing in ${folder}).`);
  return { ref, commit, coder, byDocument, problems };
}
