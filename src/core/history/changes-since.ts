// "What changed since <ref>" in the terms of the analysis rather than JSON lines: codings added,
// removed, moved, recoded or with a new memo, per document and per code; memos added, changed or
// removed; the codebook's changes. Only files Git reports as changed are read.
import type { Codebook } from '../codebook/codebook';
import { parseCodingsFile } from '../codings/format';
import { CODINGS_FOLDER, coderSlug, parseCodingsFilePath, sameFolderName } from '../codings/paths';
import { MEMOS_FOLDER } from '../memos/memos';
import type { Coding, Problem } from '../model';
import { pathsChangedSince, readFilesAtCommit, type FileAtCommit } from './at-commit';
import { codebookChanges, type CodebookChange } from './codebook-changes';
import { codebookAt, readAtVersion, WORKING_TREE, type StudyVersion } from './versions';

export type CodingChangeKind = 'added' | 'removed' | 'moved' | 'recoded' | 'memo';

/** The order coding changes are counted and listed in. */
export const CODING_CHANGE_KINDS: readonly CodingChangeKind[] = ['added', 'removed', 'moved', 'recoded', 'memo'];

export interface CodingChange {
  readonly kind: CodingChangeKind;
  readonly documentPath: string;
  /** The coding now; as it was for a removed one. */
  readonly coding: Coding;
  /** The coding as it was, for every kind but `added`. */
  readonly before?: Coding;
}

export interface MemoChange {
  readonly path: string;
  readonly status: 'added' | 'changed' | 'removed';
}

export interface AnalysisChanges {
  readonly since: StudyVersion;
  /** The coder whose codings are compared; undefined for every coder. */
  readonly coder?: string;
  /** In document order, then by position. */
  readonly codings: readonly CodingChange[];
  /** Codings whose offsets were only re-based on an edited transcript (same code, quote and memo). */
  readonly rebased: number;
  readonly memos: readonly MemoChange[];
  readonly codebook: readonly CodebookChange[];
  /** The codebook now and at the ref, to name codes (either may be missing: undefined). */
  readonly codebookNow?: Codebook;
  readonly codebookThen?: Codebook;
  readonly problems: readonly Problem[];
}

/** How one coding changed, or undefined when it did not (or was only re-based). */
export function codingChangeKind(before: Coding, after: Coding): CodingChangeKind | 'rebased' | undefined {
  if (before.code !== after.code) return 'recoded';
  // New offsets on a new version of the text with the same quote is re-anchoring, not a new segment.
  const sameSpan = before.start === after.start && before.end === after.end;
  if (before.quote !== after.quote || (!sameSpan && before.version === after.version)) return 'moved';
  if ((before.memo ?? '') !== (after.memo ?? '')) return 'memo';
  return sameSpan && before.version === after.version ? undefined : 'rebased';
}

/** The changes of one codings file. */
export function codingsFileChanges(documentPath: string, before: readonly Coding[], after: readonly Coding[]): { changes: CodingChange[]; rebased: number } {
  const old = new Map(before.map((coding) => [coding.id, coding]));
  const changes: CodingChange[] = [];
  let rebased = 0;
  for (const coding of after) {
    const was = old.get(coding.id);
    old.delete(coding.id);
    if (was === undefined) {
      changes.push({ kind: 'added', documentPath, coding });
      continue;
    }
    const kind = codingChangeKind(was, coding);
    if (kind === 'rebased') rebased++;
    else if (kind !== undefined) changes.push({ kind, documentPath, coding, before: was });
  }
  for (const coding of old.values()) changes.push({ kind: 'removed', documentPath, coding, before: coding });
  return { changes: changes.sort(byDocumentAndPlace), rebased };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Document by document, then as the codings follow each other in the text. */
function byDocumentAndPlace(a: CodingChange, b: CodingChange): number {
  return compareText(a.documentPath, b.documentPath) || a.coding.start - b.coding.start || a.coding.end - b.coding.end || compareText(a.coding.coder, b.coding.coder);
}

/**
 * What changed between `since` (a commit) and the working tree, for `coder` (a name; every coder
 * when undefined). Memos and the codebook belong to the whole study and are always compared.
 */
export async function changesSince(root: string, since: StudyVersion, coder?: string): Promise<AnalysisChanges> {
  if (since.commit === undefined) throw new Error('changesSince compares a commit with the working tree');
  const problems: Problem[] = [];
  const changed = await pathsChangedSince(root, since.commit, [CODINGS_FOLDER, MEMOS_FOLDER]);
  const slug = coder === undefined ? undefined : coderSlug(coder);
  const codingsPaths = changed.filter((path) => {
    const located = parseCodingsFilePath(path);
    return located !== undefined && (slug === undefined || sameFolderName(located.coderSlug, slug));
  });
  const memoPaths = changed.filter((path) => path.startsWith(`${MEMOS_FOLDER}/`));
  const label = since.ref ?? since.commit;
  const [then, thenMemos] = await Promise.all([
    readFilesAtCommit(root, since.commit, CODINGS_FOLDER, new Set(codingsPaths), label),
    readFilesAtCommit(root, since.commit, MEMOS_FOLDER, new Set(memoPaths), label),
  ]);

  const codings: CodingChange[] = [];
  let rebased = 0;
  const nowTexts = await inBatches(codingsPaths, (path) => readNow(root, path, problems));
  for (const [i, path] of codingsPaths.entries()) {
    const before = parsedCodings(path, then.get(path), label, problems);
    const now = nowTexts[i];
    if (before === undefined || now === null) continue;
    const after = now === undefined ? [] : parse(now, path, problems);
    const file = codingsFileChanges(parseCodingsFilePath(path)!.documentPath, before, after);
    codings.push(...file.changes);
    rebased += file.rebased;
  }
  codings.sort(byDocumentAndPlace);

  const memos: MemoChange[] = [];
  for (const path of memoPaths) {
    const was = thenMemos.get(path);
    if (was !== undefined && 'problem' in was) {
      problems.push(was.problem);
      continue;
    }
    const now = await readNow(root, path, problems);
    if (now === null) continue;
    const status = was === undefined ? (now === undefined ? undefined : 'added') : now === undefined ? 'removed' : 'changed';
    if (status !== undefined) memos.push({ path, status });
  }

  const [codebookThen, codebookNow] = [await codebookAt(root, since, problems), await codebookAt(root, WORKING_TREE, problems)];
  const codebook = codebookThen && codebookNow ? codebookChanges(codebookThen, codebookNow) : [];
  return { since, ...(coder === undefined ? {} : { coder }), codings, rebased, memos, codebook, codebookNow, codebookThen, problems };
}

/** Files read at once: many changed files are read in parallel without opening them all at once. */
const READ_BATCH = 32;

async function inBatches<T>(paths: readonly string[], read: (path: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < paths.length; i += READ_BATCH) results.push(...(await Promise.all(paths.slice(i, i + READ_BATCH).map(read))));
  return results;
}

/** A file in the working tree: undefined when absent, null when it could not be read (a problem says why). */
async function readNow(root: string, path: string, problems: Problem[]): Promise<string | undefined | null> {
  const known = problems.length;
  const text = await readAtVersion(root, WORKING_TREE, path, problems);
  return problems.length > known ? null : text;
}

/** The codings a file held at the commit: none when it did not exist, undefined when unreadable. */
function parsedCodings(path: string, file: FileAtCommit | undefined, label: string, problems: Problem[]): Coding[] | undefined {
  if (file === undefined) return [];
  if ('problem' in file) {
    problems.push(file.problem);
    return undefined;
  }
  return parse(file.text, `${path} at ${label}`, problems);
}

function parse(text: string, file: string, problems: Problem[]): Coding[] {
  const parsed = parseCodingsFile(text, file);
  problems.push(...parsed.problems);
  return parsed.codings;
}
