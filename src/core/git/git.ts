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

/**
 * Hashes of the blobs committed at `filePath` (relative to `cwd`) on any branch, newest first,
 * at most `limit`: the versions a document had in history.
 */
export async function blobsAtPath(cwd: string, filePath: string, limit: number): Promise<string[]> {
  const result = await runGit(cwd, ['--literal-pathspecs', 'log', '--all', `--max-count=${limit}`, '--no-renames', '--raw', '--no-abbrev', '--format=', '--', filePath]);
  if (!result.ok) return [];
  const hashes = new Set<string>();
  // Raw lines: ":<old mode> <new mode> <old blob> <new blob> <status>\t<path>"; a deleted file's new blob is all zeros.
  for (const line of result.stdout.split('\n')) {
    const blob = line.startsWith(':') ? line.split(' ')[3] : undefined;
    if (blob !== undefined && /^[0-9a-f]{40}$/.test(blob) && !/^0+$/.test(blob)) hashes.add(blob);
    if (hashes.size >= limit) break;
  }
  return [...hashes];
}

/** The content of each blob this repository has, by hash, in one `git cat-file --batch`. */
export function readBlobs(cwd: string, hashes: readonly string[]): Promise<Map<string, string>> {
  const wanted = hashes.filter((hash) => /^[0-9a-f]{40}$/.test(hash));
  return new Promise((resolve) => {
    if (wanted.length === 0) {
      resolve(new Map());
      return;
    }
    const child = execFile('git', ['cat-file', '--batch'], { cwd, maxBuffer: MAX_OUTPUT, encoding: 'buffer', windowsHide: true }, (error, stdout) => {
      resolve(error ? new Map() : parseBatch(stdout));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(`${wanted.join('\n')}\n`);
  });
}

/** `git cat-file --batch` output: "<hash> blob <bytes>\n<content>\n" per object, "<hash> missing\n" otherwise. */
function parseBatch(output: Buffer): Map<string, string> {
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < output.length) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd === -1) break;
    const [hash, type, size] = output.subarray(at, headerEnd).toString('utf8').split(' ');
    at = headerEnd + 1;
    if (size === undefined) continue;
    const bytes = Number(size);
    if (type === 'blob') blobs.set(hash, output.subarray(at, at + bytes).toString('utf8'));
    at += bytes + 1;
  }
  return blobs;
}

/** `user.name` from Git's configuration, used as the default coder. */
export async function gitUserName(cwd: string): Promise<string | undefined> {
  const result = await runGit(cwd, ['config', 'user.name']);
  const name = result.stdout.trim();
  return result.ok && name !== '' ? name : undefined;
}
