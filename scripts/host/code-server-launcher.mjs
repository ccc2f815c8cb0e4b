#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns
// (vscodeExecutablePath). It understands the arguments runTests passes
//   <workspace folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<module> ...
// (other flags, meant for desktop VS Code, are ignored), runs the suite in code-server +
// headless Chromium, prints the extension host's test output and exits with its exit code.
//
// The run fails loudly, never passes silently: if the workbench does not report an exit code
// (codeAutomationExit) and the test output does not grow for GLOSS_TEST_TIMEOUT seconds
// (default 120), or code-server or the page dies, the exit code is 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureHost } from './install.mjs';
import { QUIET_SETTINGS, openWorkbench, startCodeServer, wasInterrupted, workbenchUrl } from './workbench.mjs';

const HOST_FAILURE = 2;

function parseArgs(argv) {
  const value = (name) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
  const folder = argv.find((a) => !a.startsWith('-'));
  const extensionDevelopmentPath = value('extensionDevelopmentPath');
  const [extensionTestsPath] = value('extensionTestsPath');
  if (!folder || extensionDevelopmentPath.length === 0 || !extensionTestsPath) {
    throw new Error('usage: code-server-launcher <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<module>');
  }
  return { folder: path.resolve(folder), extensionDevelopmentPath, extensionTestsPath };
}

function fileSize(file) {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

/** Resolves with the exit code, or rejects when the run stalls or the host dies. */
function waitForExit(wb, server, outputFile, idleSeconds) {
  return new Promise((resolve, reject) => {
    let size = fileSize(outputFile);
    let deadline = Date.now() + idleSeconds * 1000;
    const timer = setInterval(() => {
      const now = fileSize(outputFile);
      if (now !== size) [size, deadline] = [now, Date.now() + idleSeconds * 1000];
      if (Date.now() > deadline) {
        finish(() => reject(new Error(`no codeAutomationExit and no test output for ${idleSeconds} s: the extension host never started the tests or hung`)));
      }
    }, 1000);
    const finish = (f) => {
      clearInterval(timer);
      f();
    };
    wb.exitCode.then((code) => finish(() => resolve(code)), (err) => finish(() => reject(err)));
    server.exited.then((code) => finish(() => reject(new Error(`code-server exited (${code}) during the run`))));
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const idleSeconds = Number(process.env.GLOSS_TEST_TIMEOUT) || 120;
  const host = await ensureHost();
  // Ctrl+C is handled in workbench.mjs, which stops code-server and Chromium, then exits.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-launcher-'));
  process.once('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  // The caller may name the output file (test-integration does, to count results).
  const outputFile = process.env.GLOSS_TEST_OUTPUT || path.join(scratch, 'test-output.txt');
  fs.writeFileSync(outputFile, '');
  const logs = [];

  let server, wb, code;
  try {
    server = await startCodeServer({
      host,
      // VS Code's own Git extension is off: the tests make the study a repository and remove it
      // again, and the Git extension's `git check-ignore --stdin` then failed with an uncaught
      // EPIPE inside the shared extension host, failing whichever test ran next. Gloss runs Git itself.
      settings: { ...QUIET_SETTINGS, 'git.enabled': false },
      // Reaches the extension host, where test/integration/index.ts writes mocha's output.
      env: { GLOSS_TEST_OUTPUT: outputFile },
    });
    wb = await openWorkbench(server, workbenchUrl(server, args), {
      onLog: (type, parts) => logs.push(`[${type}] ${[parts].flat().join(' ')}`),
    });
    code = await waitForExit(wb, server, outputFile, idleSeconds);
  } catch (err) {
    if (wasInterrupted()) return 130; // Ctrl+C: workbench.mjs closes everything and exits
    console.error(`[launcher] ${err.message}`);
    code = HOST_FAILURE;
  } finally {
    await wb?.close();
    await server?.stop();
  }
  process.stdout.write(fs.readFileSync(outputFile, 'utf8'));
  // Failed tests explain themselves in mocha's output; a host that failed needs the log.
  const shown = code === HOST_FAILURE ? logs : logs.filter((l) => l.startsWith('[error]'));
  if (code !== 0 && shown.length > 0) {
    console.error(`[launcher] workbench log (last ${Math.min(shown.length, 40)} lines):\n${shown.slice(-40).join('\n')}`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[launcher] ${err.message}`);
    process.exit(HOST_FAILURE);
  },
);
