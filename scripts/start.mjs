// npm start — opens the example study in a real VS Code with the extension loaded from this
// clone (built first). With a desktop `code` on PATH it runs
//   code --extensionDevelopmentPath=<repo> examples/city-partnerships
// otherwise (or with GLOSS_START_WEB=1) it serves VS Code from code-server on 127.0.0.1 and
// prints the URL to open in a browser; it runs until Ctrl+C. Port: GLOSS_PORT, else 8080 when
// free, else any free port. Settings and UI state persist between starts in the host cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, ensureHost } from './host/install.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const study = path.join(repo, 'examples', 'city-partnerships');

/**
 * code-server for a person, not a test: without the smoke-test driver, which hides every
 * notification and skips dialogs; so the extension is linked into the extensions folder instead
 * of given in the URL (the built workbench reads the URL's payload only with the driver). The
 * person's own HOME, so the integrated terminal and Git see their configuration.
 */
export const SERVER_OPTIONS = { isolate: false, automation: false, extensions: [repo] };

function runOrExit(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] ${path.basename(cmd)} ${args.join(' ')} failed`);
    process.exit(r.status || 1);
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function choosePort(isPortFree, freePort) {
  if (process.env.GLOSS_PORT) {
    const port = Number(process.env.GLOSS_PORT);
    if (!(await isPortFree(port))) throw new Error(`GLOSS_PORT ${port} is in use`);
    return port;
  }
  return (await isPortFree(8080)) ? 8080 : freePort();
}

async function serveInBrowser() {
  // Imported only now: it needs playwright-core from node_modules, installed above.
  const { QUIET_SETTINGS, freePort, isPortFree, startCodeServer, workbenchUrl } = await import('./host/workbench.mjs');
  const host = await ensureHost();
  const server = await startCodeServer({
    host,
    port: await choosePort(isPortFree, freePort),
    stateDir: cacheDir('start'),
    settings: QUIET_SETTINGS,
    ...SERVER_OPTIONS,
  });
  const url = workbenchUrl(server, { folder: study });
  console.log(`\nGloss is running in VS Code (code-server, local only). Open this URL in your browser:\n\n  ${url}\n`);
  console.log('After rebuilding (npm run build or npm run watch) reload the page. Ctrl+C stops.');
  // Ctrl+C: workbench.mjs stops code-server and exits.
  const code = await server.exited;
  if (server.stopping) return;
  console.error(`[start] code-server exited (${code}):\n${server.output()}`);
  process.exit(1);
}

async function main() {
  if (!fs.existsSync(path.join(repo, 'node_modules'))) {
    runOrExit('npm', [fs.existsSync(path.join(repo, 'package-lock.json')) ? 'ci' : 'install']);
  }
  runOrExit(process.execPath, [path.join(repo, 'esbuild.js')]);
  if (!fs.existsSync(study)) throw new Error(`the example study is missing: ${study}`);

  const code = process.env.GLOSS_START_WEB === '1' ? undefined : findOnPath('code');
  if (code) {
    runOrExit(code, [`--extensionDevelopmentPath=${repo}`, study]);
    return;
  }
  await serveInBrowser();
}

// Run as a script (npm start), not when a test imports SERVER_OPTIONS.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[start] ${err.message}`);
    process.exit(1);
  });
}
