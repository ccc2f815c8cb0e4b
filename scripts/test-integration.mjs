// npm run test:integration — the integration tier: the bundled extension and
// test/integration/*.test.ts run inside a real VS Code on a copy of the example study.
//
// The conventional @vscode/test-electron runTests() drives the run. On these machines (no
// internet but npm and apt) its vscodeExecutablePath is scripts/host/code-server-launcher.mjs,
// which runs VS Code's server build in headless Chromium (see scripts/host/).
// With GLOSS_TEST_DESKTOP=1, runTests instead downloads a desktop VS Code as usual (needs
// internet and, on Linux without a display, xvfb-run); the same tests and output apply.
//
// Prints the extension host's mocha output, then `N passed, N failed` as the last line.
// Environment: GLOSS_TEST_GREP=<text> runs only matching tests; GLOSS_TEST_TIMEOUT=<s> fails
// a run that reports nothing for that long (default 120); GLOSS_TEST_DESKTOP=1 as above.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { ensureHost } from './host/install.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcher = path.join(repo, 'scripts', 'host', 'code-server-launcher.mjs');
const testsDir = path.join(repo, 'dist', 'test', 'integration');
const example = path.join(repo, 'examples', 'city-partnerships');
const desktop = process.env.GLOSS_TEST_DESKTOP === '1';
const SUMMARY = /^(\d+) passed, (\d+) failed$/;

function build() {
  // A deleted test file must not leave its old bundle behind to be run.
  fs.rmSync(testsDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.join(repo, 'esbuild.js'), '--tests'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed (node esbuild.js --tests)');
}

/** Tests may change files, so they get a copy of the example study. */
function makeWorkspace(scratch) {
  const workspace = path.join(scratch, 'city-partnerships');
  if (fs.existsSync(path.join(example, 'codebook.yaml'))) {
    fs.cpSync(example, workspace, { recursive: true });
  } else {
    // Until the example study is complete, a bare study folder keeps the tier runnable.
    console.log(`[integration] ${path.relative(repo, example)}/codebook.yaml missing: using an empty study`);
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'codebook.yaml'), '');
  }
  return workspace;
}

function lastSummary(text) {
  const line = text.split('\n').map((l) => l.trim()).filter((l) => SUMMARY.test(l)).pop();
  if (!line) return undefined;
  const [, passed, failed] = SUMMARY.exec(line);
  return { passed: Number(passed), failed: Number(failed) };
}

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-integration-'));
  const outputFile = path.join(scratch, 'test-output.txt');
  fs.writeFileSync(outputFile, '');
  let runError;
  const t0 = Date.now();
  try {
    build();
    const workspace = makeWorkspace(scratch);
    const options = {
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(testsDir, 'index.js'),
      launchArgs: [workspace],
      extensionTestsEnv: {
        GLOSS_TEST_OUTPUT: outputFile,
        GLOSS_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
      },
    };
    if (!desktop) {
      await ensureHost();
      options.vscodeExecutablePath = launcher;
      try {
        fs.accessSync(launcher, fs.constants.X_OK);
      } catch {
        throw new Error(`${launcher} is not executable (runTests spawns it directly): chmod +x it`);
      }
    }
    await runTests(options);
  } catch (err) {
    runError = err;
  }
  const output = fs.readFileSync(outputFile, 'utf8');
  if (desktop) process.stdout.write(output); // the launcher prints it in the code-server case
  fs.rmSync(scratch, { recursive: true, force: true });

  // A run that failed without reporting results (build error, host crash) counts as one failure.
  const summary = lastSummary(output) ?? { passed: 0, failed: 0 };
  if (runError) {
    console.error(`[integration] ${runError.message}`);
    summary.failed = Math.max(summary.failed, 1);
  }
  console.log(`[integration] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
