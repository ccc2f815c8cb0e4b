// npm start — opens a scratch copy of the example study in a real VS Code with the extension loaded
// from this clone (built first). The copy lives in .scratch/ (ignored by Git), so coding there never
// changes the tracked example; it is made once, as a Git repository with one commit so the history
// features have something to show, and kept between starts (`npm start -- --fresh` makes it anew).
// With a desktop `code` on PATH it runs
//   code --extensionDevelopmentPath=<repo> .scratch/city-partnerships
// otherwise (or with GLOSS_START_WEB=1) it serves VS Code from code-server on 127.0.0.1 and
// prints the URL to open in a browser; it runs until Ctrl+C. Port: GLOSS_PORT, else 8080 when
// free, else any free port. Settings and UI state persist between starts in the host cache.
// `npm start -- --locale es` (or de, fr, nl, pt-br) shows Gloss in that language: desktop VS Code
// needs that language's pack from the Marketplace; code-server gets a stub language pack
// (scripts/host/language-pack.mjs) that needs no network.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, ensureHost } from './host/install.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = path.join(repo, 'examples', 'city-partnerships');
const scratch = path.join(repo, '.scratch');

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

/**
 * The study `npm start` opens: a copy of `example` in `scratchDir`, made when missing or when
 * `fresh`, and committed once when Git is available (without Git the copy is still usable).
 */
export function scratchStudy(example, scratchDir, { fresh = false } = {}) {
  const study = path.join(scratchDir, path.basename(example));
  if (fresh) fs.rmSync(study, { recursive: true, force: true });
  if (fs.existsSync(study)) return { study, created: false };
  fs.mkdirSync(scratchDir, { recursive: true });
  fs.cpSync(example, study, { recursive: true });
  const git = (...args) => spawnSync('git', ['-C', study, '-c', 'user.name=Gloss example', '-c', 'user.email=example@gloss.invalid', ...args], { encoding: 'utf8' });
  if (git('init', '-q', '-b', 'main').status === 0) {
    git('add', '-A');
    git('commit', '-q', '-m', 'The example study as shipped');
  }
  return { study, created: true };
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

/** The value after `--locale` on the command line, if any. */
function localeArgument() {
  const index = process.argv.indexOf('--locale');
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function serveInBrowser(study, locale) {
  // Imported only now: it needs playwright-core from node_modules, installed above.
  const { QUIET_SETTINGS, freePort, isPortFree, startCodeServer, workbenchUrl } = await import('./host/workbench.mjs');
  const host = await ensureHost();
  const server = await startCodeServer({
    host,
    port: await choosePort(isPortFree, freePort),
    stateDir: cacheDir('start'),
    settings: QUIET_SETTINGS,
    ...SERVER_OPTIONS,
    locale,
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
  if (!fs.existsSync(example)) throw new Error(`the example study is missing: ${example}`);
  const { study, created } = scratchStudy(example, scratch, { fresh: process.argv.includes('--fresh') });
  console.log(`[start] ${created ? 'copied the example study to' : 'opening your copy of the example study in'} ${path.relative(repo, study)} (npm start -- --fresh starts over)`);

  const locale = localeArgument();
  const code = process.env.GLOSS_START_WEB === '1' ? undefined : findOnPath('code');
  if (code) {
    runOrExit(code, [`--extensionDevelopmentPath=${repo}`, ...(locale ? ['--locale', locale] : []), study]);
    return;
  }
  await serveInBrowser(study, locale);
}

// Run as a script (npm start), not when a test imports SERVER_OPTIONS.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[start] ${err.message}`);
    process.exit(1);
  });
}
