// The refs a user is likely to compare with, for a picker: HEAD, branches and tags (most recent
// first), and recent commits.
import { runGit } from '../git/git';

export interface RefChoice {
  /** What is passed on as the ref: a branch or tag name, or a commit hash. */
  readonly ref: string;
  readonly kind: 'head' | 'branch' | 'tag' | 'commit';
  /** "3f449b5 Integration tests share…" */
  readonly summary: string;
}

const FIELD = '\u0000';

export async function refChoices(root: string, recentCommits = 20): Promise<RefChoice[]> {
  const [head, refs, log] = await Promise.all([
    runGit(root, ['log', '-1', '--no-show-signature', '--format=%h%x00%s', 'HEAD']),
    runGit(root, ['for-each-ref', '--sort=-creatordate', '--count=100', '--format=%(refname)%00%(refname:short)%00%(objectname:short)%00%(subject)', 'refs/heads', 'refs/tags']),
    runGit(root, ['log', `-${recentCommits}`, '--no-show-signature', '--format=%h%x00%s%x00%an, %ar', 'HEAD']),
  ]);
  const choices: RefChoice[] = [];
  if (head.ok && head.stdout.trim() !== '') {
    const [hash, subject] = head.stdout.trim().split(FIELD);
    choices.push({ ref: 'HEAD', kind: 'head', summary: `${hash} ${subject ?? ''}` });
  }
  for (const line of refs.ok ? refs.stdout.split('\n') : []) {
    const [full, name, hash, subject] = line.split(FIELD);
    if (name === undefined || hash === undefined) continue;
    choices.push({ ref: name, kind: full.startsWith('refs/tags/') ? 'tag' : 'branch', summary: `${hash} ${subject ?? ''}` });
  }
  for (const line of log.ok ? log.stdout.split('\n') : []) {
    const [hash, subject, by] = line.split(FIELD);
    if (subject === undefined) continue;
    choices.push({ ref: hash, kind: 'commit', summary: `${subject} (${by ?? ''})` });
  }
  return choices;
}
