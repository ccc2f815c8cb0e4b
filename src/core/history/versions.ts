// The two ends of a history comparison: a Git ref (checked to name a commit first, so an unknown
// ref is bad input before anything is read) or the working tree, and the codebook at each.
import { resolveCommit, SideError } from '../agreement/sides';
import type { Codebook } from '../codebook/codebook';
import { parseCodebook } from '../codebook/parse';
import { runGit } from '../git/git';
import type { Problem } from '../model';
import { readStudyFile, StudyFileError } from '../storage/study-files';
import { CODEBOOK_FILE } from '../study/study';
import { readFilesAtCommit } from './at-commit';

/** One end of a comparison: a commit a ref named, or the working tree (`commit` undefined). */
export interface StudyVersion {
  /** What the user gave ("HEAD", "main", a hash), or undefined for the working tree. */
  readonly ref?: string;
  readonly commit?: string;
  /** "HEAD (3f449b5 Integration tests share…)" or "the working tree". */
  readonly label: string;
}

export const WORKING_TREE: StudyVersion = { label: 'the working tree' };

/** The version a ref names; a SideError (from resolveCommit) when it names no commit. */
export async function versionAt(root: string, ref: string): Promise<StudyVersion> {
  if (!(await runGit(root, ['rev-parse', '--git-dir'])).ok) throw new SideError(`${root} is not in a Git repository: there is no "${ref}" to compare with.`);
  const commit = await resolveCommit(root, ref);
  const log = await runGit(root, ['log', '-1', '--no-show-signature', '--format=%h %s', commit]);
  const summary = log.ok ? log.stdout.trim() : commit.slice(0, 7);
  // A hash given as the ref is named once.
  return { ref, commit, label: commit.startsWith(ref.toLowerCase()) ? summary : `${ref} (${summary})` };
}

/** A study file at a version: its text, undefined when absent; unreadable ones become problems. */
export async function readAtVersion(root: string, version: StudyVersion, relativePath: string, problems: Problem[]): Promise<string | undefined> {
  if (version.commit !== undefined) {
    const read = (await readFilesAtCommit(root, version.commit, relativePath, new Set([relativePath]), version.ref ?? version.commit)).get(relativePath);
    if (read === undefined) return undefined;
    if ('problem' in read) {
      problems.push(read.problem);
      return undefined;
    }
    return read.text;
  }
  try {
    return await readStudyFile(root, relativePath);
  } catch (error) {
    if (!(error instanceof StudyFileError)) throw error;
    problems.push(error.problem);
    return undefined;
  }
}

/** The codebook at a version; undefined (and a problem) when it is missing or unreadable. */
export async function codebookAt(root: string, version: StudyVersion, problems: Problem[]): Promise<Codebook | undefined> {
  const text = await readAtVersion(root, version, CODEBOOK_FILE, problems);
  const file = version.commit === undefined ? CODEBOOK_FILE : `${CODEBOOK_FILE} at ${version.ref ?? version.commit}`;
  if (text === undefined) {
    if (!problems.some((p) => p.file === file)) problems.push({ file, message: `There is no ${CODEBOOK_FILE} in ${version.label}.`, severity: 'warning' });
    return undefined;
  }
  const parsed = parseCodebook(text, file);
  problems.push(...parsed.problems);
  return parsed.ok ? parsed.codebook : undefined;
}
