// The workspace copy of the example study as a real Git repository with two coders on two
// branches, as a team codes independently: `main` holds the study with Marike's codings only,
// the branch `joaquin` adds Joaquín's codings of three transcripts. The working tree is left on
// `main` with Joaquín's folder absent. `removeRepository` puts the workspace back as it was.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' };

export const CODER_BRANCH = 'joaquin';
export const JOAQUIN_FOLDER = 'codings/joaquin';

export async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Makes `root` a repository: main without Joaquín's folder, `joaquin` with it; returns the folder's saved copy. */
export async function makeTwoCoderRepository(root: string): Promise<void> {
  const joaquin = path.join(root, ...JOAQUIN_FOLDER.split('/'));
  const saved = `${root}.joaquin`;
  await fs.rm(saved, { recursive: true, force: true });
  await fs.cp(joaquin, saved, { recursive: true });
  await fs.rm(joaquin, { recursive: true, force: true });
  await git(root, 'init', '-q', '-b', 'main');
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', 'Study with Marike\'s coding');
  await git(root, 'checkout', '-q', '-b', CODER_BRANCH);
  await fs.cp(saved, joaquin, { recursive: true });
  await git(root, 'add', '-A');
  await git(root, 'commit', '-q', '-m', 'Joaquín codes three transcripts');
  await git(root, 'checkout', '-q', 'main');
  await fs.rm(saved, { recursive: true, force: true });
}

/** Removes the repository and restores Joaquín's folder in the working tree. */
export async function removeRepository(root: string): Promise<void> {
  const joaquin = path.join(root, ...JOAQUIN_FOLDER.split('/'));
  const listing = await git(root, 'ls-tree', '-r', '--name-only', CODER_BRANCH, '--', JOAQUIN_FOLDER);
  for (const file of listing.split('\n').filter(Boolean)) {
    const target = path.join(root, ...file.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, await git(root, 'show', `${CODER_BRANCH}:${file}`));
  }
  await fs.rm(path.join(root, '.git'), { recursive: true, force: true });
  await fs.access(joaquin);
}
