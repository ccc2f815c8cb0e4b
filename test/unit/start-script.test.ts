// `npm start` is for a person: its code-server must show notifications and dialogs, which VS Code's
// smoke-test driver hides; the test launchers keep the driver (they need its URL payload and exit).
// A screenshot of a notification under `npm start` confirmed it when this changed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const repo = path.join(__dirname, '..', '..');
const DRIVER = 'enable-smoke-test-driver';

interface StartScript {
  SERVER_OPTIONS: object;
  scratchStudy(example: string, scratchDir: string, options?: { fresh?: boolean }): { study: string; created: boolean };
}

interface Workbench {
  codeServerArguments(options: object): string[];
}

describe('npm start', () => {
  const paths = { port: 8080, userDataDir: '/state/ud', extensionsDir: '/state/exts', config: '/state/config.yaml' };

  it('starts code-server without the smoke-test driver, which hides every notification; the tests keep it', async () => {
    const start = (await import(path.join(repo, 'scripts', 'start.mjs'))) as StartScript;
    const workbench = (await import(path.join(repo, 'scripts', 'host', 'workbench.mjs'))) as Workbench;
    assert.ok(!workbench.codeServerArguments({ ...paths, ...start.SERVER_OPTIONS }).includes(DRIVER), 'npm start: no driver');
    assert.ok(workbench.codeServerArguments(paths).includes(DRIVER), 'tests, screenshots and the benchmark: the driver');
  });

  it('opens a scratch copy of the example, committed once, so coding never changes the tracked files', async () => {
    const start = (await import(path.join(repo, 'scripts', 'start.mjs'))) as StartScript;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-start-'));
    try {
      const example = path.join(dir, 'example');
      fs.mkdirSync(path.join(example, 'transcripts'), { recursive: true });
      fs.writeFileSync(path.join(example, 'codebook.yaml'), 'codes: []\n');
      fs.writeFileSync(path.join(example, 'transcripts', 'a.txt'), 'Hello\n');
      const first = start.scratchStudy(example, path.join(dir, 'scratch'));
      assert.deepEqual(first, { study: path.join(dir, 'scratch', 'example'), created: true });
      const log = execFileSync('git', ['-C', first.study, 'log', '--format=%s'], { encoding: 'utf8' });
      assert.equal(log.trim(), 'The example study as shipped');
      fs.writeFileSync(path.join(first.study, 'transcripts', 'a.txt'), 'Coded here\n');
      assert.equal(start.scratchStudy(example, path.join(dir, 'scratch')).created, false, 'kept between starts');
      assert.equal(fs.readFileSync(path.join(first.study, 'transcripts', 'a.txt'), 'utf8'), 'Coded here\n');
      assert.equal(fs.readFileSync(path.join(example, 'transcripts', 'a.txt'), 'utf8'), 'Hello\n', 'the example is untouched');
      start.scratchStudy(example, path.join(dir, 'scratch'), { fresh: true });
      assert.equal(fs.readFileSync(path.join(first.study, 'transcripts', 'a.txt'), 'utf8'), 'Hello\n', '--fresh starts over');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
