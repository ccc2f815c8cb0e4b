// `npm start` is for a person: its code-server must show notifications and dialogs, which VS Code's
// smoke-test driver hides; the test launchers keep the driver (they need its URL payload and exit).
// A screenshot of a notification under `npm start` confirmed it when this changed.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');
const DRIVER = 'enable-smoke-test-driver';

interface Workbench {
  codeServerArguments(options: object): string[];
}

describe('npm start', () => {
  const paths = { port: 8080, userDataDir: '/state/ud', extensionsDir: '/state/exts', config: '/state/config.yaml' };

  it('starts code-server without the smoke-test driver, which hides every notification; the tests keep it', async () => {
    const start = (await import(path.join(repo, 'scripts', 'start.mjs'))) as { SERVER_OPTIONS: object };
    const workbench = (await import(path.join(repo, 'scripts', 'host', 'workbench.mjs'))) as Workbench;
    assert.ok(!workbench.codeServerArguments({ ...paths, ...start.SERVER_OPTIONS }).includes(DRIVER), 'npm start: no driver');
    assert.ok(workbench.codeServerArguments(paths).includes(DRIVER), 'tests, screenshots and the benchmark: the driver');
  });
});
