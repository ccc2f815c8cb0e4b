// The `gloss` command line run as a user runs it: a child process with an argument array, its
// stdout, stderr and exit code (0 success, 1 a finding, 2 bad input in one line).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = path.join(__dirname, '..', '..', '..');
/** tsx's loader by its URL, so that the command runs from any folder. */
const TSX = pathToFileURL(require.resolve('tsx')).href;
export const EXAMPLE = path.join(repo, 'examples', 'city-partnerships');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `gloss` with `args` in `cwd` (default: the checkout). */
export function glossIn(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, path.join(repo, 'src', 'cli', 'main.ts'), ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export function gloss(...args: string[]): Promise<Run> {
  return glossIn(repo, ...args);
}

/** Bad input: exit code 2, nothing on stdout, one line on stderr matching `reason`. */
export function assertBadInput(run: Run, reason: RegExp): void {
  assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.match(run.stderr, reason);
}

/** A fresh copy of the example study in a temporary folder; `remove` deletes it. */
export async function exampleCopy(): Promise<{ root: string; remove: () => Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-study-'));
  const root = path.join(folder, 'city-partnerships');
  await fs.cp(EXAMPLE, root, { recursive: true });
  return { root, remove: () => fs.rm(folder, { recursive: true, force: true }) };
}
