// A writer killed at any moment (a crash, a power cut of the process, a closed laptop): the codings
// file holds either the text before a write or the text after it, never half of one; the lock it
// held is taken over by the next writer, and its temporary files are removed when the study opens.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { isTemporaryFileName } from '../../src/core/storage/files';
import { Study } from '../../src/core/study/study';

const DOCUMENT = 'transcripts/t1.txt';
const FILE = `codings/marike/${DOCUMENT}.jsonl`;
const KILLS = 12;

/** Starts the script writer (one write per coding), kills it after `delayMs`, resolves when it is gone. */
async function writeAndKill(root: string, prefix: string, delayMs: number): Promise<void> {
  const script = path.join(__dirname, 'helpers', 'write-codings.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, root, prefix, '100000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise((resolve) => child.stdout.once('data', resolve));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  await exited;
}

function ids(text: string): string[] {
  const parsed = parseCodingsFile(text, FILE);
  assert.deepEqual(parsed.invalidLines, [], 'every line of the file parses');
  return parsed.codings.map((c: Coding) => c.id);
}

describe('a writer killed at any moment', function () {
  this.timeout(120_000);
  let root: string;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-kills-'));
    await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: policy\n    name: Policy\n');
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it(`leaves whole files only, ${KILLS} kills in a row; the next writer takes the lock over and nothing is lost`, async () => {
    let kept: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // Kills at growing delays land at different steps of a write (lock, read, temporary file, rename).
      await writeAndKill(root, `run${kill}`, 40 + kill * 37);
      const text = await fs.readFile(path.join(root, FILE), 'utf8').catch(() => '');
      const now = ids(text);
      // What was there before the run is all still there: a killed write never takes codings away.
      for (const id of kept) assert.ok(now.includes(id), `${id} survived kill ${kill}`);
      // The run's own codings are a whole prefix of what it wrote: write i landed only after write i-1.
      const run = now.filter((id) => id.startsWith(`run${kill}-`));
      assert.deepEqual(run, run.map((_, i) => `run${kill}-${i}`), `run ${kill} wrote whole steps`);
      kept = now;
    }
    // A new writer after the last kill: the dead writer's lock does not stop it.
    const study = await Study.load(root);
    const last: Coding = { id: 'after', code: 'policy', start: 0, end: 4, quote: 'abcd', prefix: '', suffix: '', version: 'v1', coder: 'Marike', created: '2026-01-01T00:00:00.000Z' };
    await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, last]);
    assert.deepEqual(ids(await fs.readFile(path.join(root, FILE), 'utf8')).sort(), [...kept, 'after'].sort());
  });

  it('removes the temporary files the killed writers left when the study opens (once they are old enough not to be a running write)', async () => {
    const folder = path.dirname(path.join(root, FILE));
    // One made by hand too, so the test has something to remove whatever the kills left.
    await fs.writeFile(path.join(folder, `.${path.basename(FILE)}.0123456789ab.gloss-tmp`), '{"half": ');
    const leftovers = (await fs.readdir(folder)).filter(isTemporaryFileName);
    const old = new Date(Date.now() - 10 * 60_000);
    for (const name of leftovers) await fs.utimes(path.join(folder, name), old, old);
    await Study.load(root);
    assert.deepEqual((await fs.readdir(folder)).filter(isTemporaryFileName), []);
  });
});
