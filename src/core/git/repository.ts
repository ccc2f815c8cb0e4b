// Whether a folder is in a Git repository, and making one: what "Create a Study" needs.
import { runGit } from './git';

export type RepositoryState = 'in a repository' | 'not in a repository' | 'no git';

export async function repositoryState(folder: string): Promise<RepositoryState> {
  if (!(await runGit(folder, ['--version'])).ok) return 'no git';
  return (await runGit(folder, ['rev-parse', '--git-dir'])).ok ? 'in a repository' : 'not in a repository';
}

/** `git init` in the folder; the error Git gave when it failed. */
export async function initRepository(folder: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const result = await runGit(folder, ['init', '--quiet']);
  return result.ok ? { ok: true } : { ok: false, error: result.stderr.trim() };
}
