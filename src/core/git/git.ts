// Git through execFile with argument arrays: nothing from the study's data ever reaches a shell.
import { execFile } from 'node:child_process';

export interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

export function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout: stdout ?? '', stderr: stderr ?? (error ? String(error.message) : '') });
    });
  });
}

/** The blob's content when this repository has it; undefined otherwise (no Git, no repo, no blob). */
export async function readBlob(cwd: string, hash: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{40}$/.test(hash)) return undefined;
  const result = await runGit(cwd, ['cat-file', 'blob', hash]);
  return result.ok ? result.stdout : undefined;
}

/** `user.name` from Git's configuration, used as the default coder. */
export async function gitUserName(cwd: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['config', 'user.name']);
  const name = result.stdout.trim();
  return result.ok && name !== '' ? name : undefined;
}
