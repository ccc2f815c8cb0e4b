// Which commit added each coding of a codings file: one `git log -p` of the file, oldest commit
// first, and the first commit whose diff adds a line with the coding's id. A line rewritten later
// (a memo edited, offsets re-based) still names the commit that added it. Cached per file and HEAD
// so that hovering over many codings of one document runs Git once.
import { runGit } from '../git/git';

export interface CodingCommit {
  readonly commit: string;
  readonly shortCommit: string;
  readonly author: string;
  /** ISO 8601 author date. */
  readonly date: string;
  readonly subject: string;
}

/** A coding's commit; 'uncommitted' when no commit of HEAD's history added it. */
export type CodingOrigin = CodingCommit | 'uncommitted';

const COMMIT_MARK = '\u0001commit\u0001';
const FIELD = '\u0000';

/**
 * The commit that added each coding id of `codingsFile` (study-relative) in HEAD's history;
 * undefined when Git cannot tell (no repository, no commit yet, the file outside the repository).
 */
export async function codingCommits(root: string, codingsFile: string): Promise<Map<string, CodingCommit> | undefined> {
  const log = await runGit(root, [
    '--literal-pathspecs',
    'log',
    '--reverse',
    '--no-show-signature',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-renames',
    // The first commit's additions count even where log.showRoot is off.
    '--root',
    '-p',
    '-U0',
    `--format=${COMMIT_MARK}%H%x00%h%x00%an%x00%aI%x00%s`,
    'HEAD',
    '--',
    codingsFile,
  ]);
  if (!log.ok) return undefined;
  const commits = new Map<string, CodingCommit>();
  let current: CodingCommit | undefined;
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith(COMMIT_MARK)) {
      const [commit, shortCommit, author, date, subject] = line.slice(COMMIT_MARK.length).split(FIELD);
      current = { commit, shortCommit, author, date, subject: subject ?? '' };
      continue;
    }
    if (current === undefined || !line.startsWith('+{')) continue;
    const id = codingIdOf(line.slice(1));
    if (id !== undefined && !commits.has(id)) commits.set(id, current);
  }
  return commits;
}

function codingIdOf(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Files kept before the cache starts over (each holds one Map of ids). */
const CACHED_FILES = 200;

/** Coding origins by file, read once per file and HEAD commit. */
export class CodingOrigins {
  private readonly cache = new Map<string, Promise<Map<string, CodingCommit> | undefined>>();

  constructor(readonly root: string) {}

  /** Where a coding came from; undefined when Git cannot tell. */
  async of(codingsFile: string, codingId: string): Promise<CodingOrigin | undefined> {
    const head = await runGit(this.root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
    // No commit yet: nothing is committed.
    if (!head.ok) return (await runGit(this.root, ['rev-parse', '--git-dir'])).ok ? 'uncommitted' : undefined;
    const key = `${head.stdout.trim()}\u0000${codingsFile}`;
    let commits = this.cache.get(key);
    if (!commits) {
      if (this.cache.size >= CACHED_FILES) this.cache.clear();
      commits = codingCommits(this.root, codingsFile);
      this.cache.set(key, commits);
    }
    const found = await commits;
    if (found === undefined) return undefined;
    return found.get(codingId) ?? 'uncommitted';
  }
}
