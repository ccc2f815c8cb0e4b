// npm test — every check, in order: type-check, lint, unit tests, integration tests, shortcuts.
// All tiers run even after a failure, so one run shows everything that is wrong.
// The last line is `N passed, N failed`, summed over the unit and integration tiers;
// the exit code is non-zero if any tier failed (type errors and lint errors included).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAptPackages, UNIT_TEST_APT_PACKAGES } from './host/install.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (...p) => path.join(repo, 'node_modules', ...p);
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs node with args, echoing stdout while keeping a copy; resolves { code, stdout }. */
function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      stdout += d;
    });
    child.on('error', (err) => resolve({ code: 1, stdout: String(err) }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

function hasFiles(dir) {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
}

async function unitTier() {
  if (!hasFiles(path.join(repo, 'test', 'unit'))) {
    console.log('test/unit is empty: no unit tests to run');
    return { ok: true, passed: 0, failed: 0 };
  }
  // xmllint validates the REFI-QDA exports; a test that needs a missing tool fails, so get it first.
  try {
    await ensureAptPackages(UNIT_TEST_APT_PACKAGES);
  } catch (error) {
    console.error(`could not install the unit tests' Debian packages: ${error.message}`);
  }
  const color = process.stdout.isTTY ? ['--color'] : [];
  const { code, stdout } = await runNode([bin('mocha', 'bin', 'mocha.js'), '--config', '.mocharc.unit.json', ...color]);
  const text = stdout.replace(ANSI, '');
  const count = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('passing');
  // mocha exits non-zero without a "failing" line when it cannot load the specs.
  const failed = code !== 0 ? Math.max(count('failing'), 1) : count('failing');
  console.log(`${passed} passed, ${failed} failed`);
  return { ok: code === 0, passed, failed };
}

/** A tier whose script prints `N passed, N failed` as its last line. */
async function scriptTier(script) {
  const { code, stdout } = await runNode([path.join(repo, 'scripts', script)]);
  const last = stdout.replace(ANSI, '').trim().split('\n').pop()?.trim() ?? '';
  const m = SUMMARY.exec(last);
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 1;
  return { ok: code === 0 && failed === 0, passed, failed: code !== 0 ? Math.max(failed, 1) : failed };
}

const tiers = [
  ['typecheck', async () => ({ ok: (await runNode([bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'])).code === 0 })],
  ['lint', async () => ({ ok: (await runNode([bin('eslint', 'bin', 'eslint.js'), 'src', 'test', 'scripts', 'bench'])).code === 0 })],
  ['unit', unitTier],
  ['integration', () => scriptTier('test-integration.mjs')],
  // Keyboard shortcuts can only be pressed from outside the extension host: Playwright does it.
  ['keys', () => scriptTier('keybindings-check.mjs')],
];

const results = [];
for (const [name, run] of tiers) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const result = await run();
  results.push({ name, seconds: (Date.now() - t0) / 1000, ...result });
}

console.log('\n=== summary ===');
for (const r of results) {
  const counts = r.passed === undefined ? '' : `${r.passed} passed, ${r.failed} failed`;
  console.log(`${r.name.padEnd(12)} ${(r.ok ? 'ok' : 'FAILED').padEnd(7)} ${counts.padEnd(22)} ${r.seconds.toFixed(1)} s`);
}
const sum = (k) => results.reduce((n, r) => n + (r[k] ?? 0), 0);
console.log(`${sum('passed')} passed, ${sum('failed')} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
