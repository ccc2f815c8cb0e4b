// A real VS Code workbench on this machine: code-server (VS Code's server build, with the
// Node extension host) plus headless Chromium driven by playwright-core. Shared by the
// integration test launcher, `npm start`, the screenshot script and the benchmark.
// The server starts an extension host only when a workbench connects, hence the browser;
// the extension host's stdout reaches no terminal, but environment variables given to
// code-server reach it.
//
//   const server = await startCodeServer({ host: await ensureHost() });
//   const wb = await openWorkbench(server, workbenchUrl(server, { folder, extensionDevelopmentPath }));
//   ... wb.page ... await wb.exitCode (only with extensionTestsPath) ...
//   await wb.close(); await server.stop();
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { installLanguagePack } from './language-pack.mjs';

const READY = /HTTP server listening on/;

// Quiet, offline, container-friendly Chromium; playwright adds --headless and --no-sandbox
// (chromiumSandbox defaults to false), which root needs.
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * User settings for unattended runs: no update or gallery checks, no chat/agent features,
 * no start page. They reach only the network, which is not there, and flood the log.
 */
export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
};

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

// Variables that would make code-server forward to another editor (an outer VS Code
// terminal sets VSCODE_IPC_HOOK_CLI) or override our flags.
const DROPPED_ENV = /^(VSCODE_|ELECTRON_RUN_AS_NODE$|PORT$|PASSWORD$|HASHED_PASSWORD$|CODE_SERVER_)/;

function cleanEnv(base) {
  return Object.fromEntries(Object.entries(base).filter(([k]) => !DROPPED_ENV.test(k)));
}

function isolatedEnv(base, root) {
  const env = cleanEnv(base);
  Object.assign(env, {
    HOME: path.join(root, 'home'),
    TMPDIR: path.join(root, 'tmp'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    XDG_RUNTIME_DIR: path.join(root, 'runtime'),
  });
  for (const k of ['HOME', 'TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR']) {
    fs.mkdirSync(env[k], { recursive: true, mode: 0o700 });
  }
  return env;
}

// Everything this module started and has not closed yet: async closers.
const live = new Set();
let signalsHooked = false;
let interrupted = false;

/** True once Ctrl+C (or SIGTERM/SIGHUP) started closing everything: errors are expected. */
export const wasInterrupted = () => interrupted;

/**
 * Ctrl+C (or SIGTERM/SIGHUP) closes the browsers and stops the servers this module started,
 * then exits. Further signals are ignored meanwhile (runTests forwards Ctrl+C a second time);
 * if closing hangs, the process exits after 10 s and the 'exit' hooks (ours for code-server,
 * playwright's for Chromium) kill what is left. Scripts add their own clean-up as
 * process.on('exit') hooks.
 */
function closeOnSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      setTimeout(() => process.exit(code), 10_000).unref();
      // Newest first: browsers close before the servers whose folders hold their profiles.
      (async () => {
        for (const close of [...live].reverse()) await close().catch(() => {});
      })().finally(() => process.exit(code));
    });
  }
}

// Never throws: it also runs in 'exit' hooks, where a process may still be writing.
function removeDir(dir, really = true) {
  if (!really) return;
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    console.error(`[workbench] could not remove ${dir}: ${err.message}`);
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it listens.
 * @param {object} o
 * @param {{node: string, codeServerEntry: string, chromium: string}} o.host  from ensureHost()
 * @param {number} [o.port]        default: a free port
 * @param {Record<string,string>} [o.env]  extra variables; they reach the extension host
 * @param {object} [o.settings]    user settings.json written before start (with a stateDir: only if
 *                                  it has none yet, so a person's own changes survive)
 * @param {string} [o.stateDir]    keep user data here across runs (default: fresh temp dir, removed on stop)
 * @param {boolean} [o.isolate]    point HOME, TMPDIR and XDG_* into the state dir (default true)
 * @param {string[]} [o.args]      extra code-server arguments
 * @param {boolean} [o.automation] start with VS Code's smoke-test driver (default true): needed for
 *                                  the URL payload (extensionDevelopmentPath, extensionTestsPath)
 *                                  and codeAutomationExit, but it also hides every notification
 *                                  toast and skips dialogs, so a person's session runs without it
 * @param {string[]} [o.extensions] extension folders to link into the extensions folder: how a
 *                                  session without automation loads an extension from a clone
 * @param {string} [o.locale]      display language (a VS Code language id: es, pt-br, ...): a stub
 *                                  language pack makes the workbench and extensions use it
 */
export async function startCodeServer({ host, port, env = {}, settings, stateDir, isolate = true, args = [], automation = true, extensions = [], locale }) {
  const root = stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-host-'));
  const temporary = !stateDir;
  fs.mkdirSync(root, { recursive: true });
  port ??= await freePort();
  const userDataDir = path.join(root, 'ud');
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (settings && (temporary || !fs.existsSync(settingsFile))) {
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  }
  // Our own (empty) config file, so code-server never writes one into the real home.
  const config = path.join(root, 'config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, '');
  const extensionsDir = path.join(root, 'exts');
  for (const extension of extensions) linkExtension(extensionsDir, extension);
  if (locale && !locale.startsWith('en')) {
    installLanguagePack({ extensionsDir, userDataDir, language: locale });
    args = [...args, '--locale', locale];
  }
  const childEnv = { ...(isolate ? isolatedEnv(process.env, root) : cleanEnv(process.env)), ...env };

  const child = spawn(
    host.node,
    [host.codeServerEntry, ...codeServerArguments({ port, userDataDir, extensionsDir, config, automation, args })],
    // Own process group: code-server spawns a file watcher, an agent host and the
    // extension host, and stop() must reach all of them.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv, cwd: root },
  );
  let output = '';
  const collect = (d) => (output = (output + d).slice(-100_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

  // Last resort if our process exits without calling stop() (exception, process.exit).
  const emergency = () => {
    killGroup(child.pid, 'SIGKILL');
    removeDir(root, temporary);
  };
  process.once('exit', emergency);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      killGroup(child.pid, 'SIGTERM');
      for (let i = 0; i < 30 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
      killGroup(child.pid, 'SIGKILL');
      removeDir(root, temporary);
      process.removeListener('exit', emergency); // only now: an exit halfway still cleans up
      live.delete(stop);
    })());
  live.add(stop);
  closeOnSignals();

  const server = {
    startedAt: Date.now(),
    port,
    origin: `http://127.0.0.1:${port}`,
    root,
    userDataDir,
    env: childEnv,
    host,
    /** Settles with code-server's exit code or signal when it exits. */
    exited,
    /** True once stop() was called (by the caller or on Ctrl+C). */
    get stopping() {
      return stopping !== undefined;
    },
    output: () => output,
    /** Stops code-server and everything it started; removes a temporary state dir. */
    stop,
  };

  try {
    await waitForReady(child, exited);
  } catch (err) {
    await server.stop();
    err.message += `\n--- code-server output ---\n${output}`;
    throw err;
  }
  return server;
}

/** code-server's command line after its entry script (see startCodeServer for the options). */
export function codeServerArguments({ port, userDataDir, extensionsDir, config, automation = true, args = [] }) {
  return [
    ...['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--disable-getting-started-override', '--ignore-last-opened'],
    ...['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', config],
    // Without this the built workbench ignores the URL payload (extensionDevelopmentPath,
    // extensionTestsPath) and never calls codeAutomationExit.
    ...(automation ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...args,
  ];
}

/** Links an extension folder into the extensions folder as <publisher>.<name>-<version>, replacing an older link. */
function linkExtension(extensionsDir, folder) {
  const { publisher, name, version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  fs.mkdirSync(extensionsDir, { recursive: true });
  const prefix = `${publisher}.${name}-`.toLowerCase();
  for (const entry of fs.readdirSync(extensionsDir, { withFileTypes: true })) {
    if (entry.isSymbolicLink() && entry.name.toLowerCase().startsWith(prefix)) fs.unlinkSync(path.join(extensionsDir, entry.name));
  }
  fs.symlinkSync(path.resolve(folder), path.join(extensionsDir, `${publisher}.${name}-${version}`), 'dir');
}

function waitForReady(child, exited) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onData = (d) => {
      seen += d;
      if (READY.test(seen)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before it listened`));
    });
  });
}

/**
 * URL that opens `folder` in the workbench. extensionDevelopmentPath (one path or several) and
 * extensionTestsPath are paths on this machine; the workbench reaches them through the server.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [];
  for (const dev of [extensionDevelopmentPath ?? []].flat()) payload.push(['extensionDevelopmentPath', remote(dev)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  const query = new URLSearchParams({ folder: path.resolve(folder), payload: JSON.stringify(payload) });
  return `${server.origin}/?${query}`;
}

/**
 * Opens `url` in headless Chromium. Returns the page, `exitCode` (a promise settled by the
 * workbench's codeAutomationExit: the extension host's exit code after a test run; rejected
 * if the page crashes or the browser closes) and close().
 * @param {object} [o]
 * @param {(type: string, args: unknown[]) => void} [o.onLog]  receives codeAutomationLog lines
 * @param {{width: number, height: number}} [o.viewport]
 */
export async function openWorkbench(server, url, { onLog, viewport = { width: 1400, height: 900 } } = {}) {
  const profile = path.join(server.root, 'chromium');
  const launching = chromium.launchPersistentContext(profile, {
    executablePath: server.host.chromium,
    headless: true,
    // Signals are ours (closeOnSignals): playwright's handlers would exit mid clean-up.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: CHROMIUM_ARGS,
    env: server.env,
    viewport,
    downloadsPath: path.join(server.root, 'downloads'),
  });
  // Registered before the launch finishes, so Ctrl+C during it still closes the browser.
  let closing;
  const close = () =>
    (closing ??= (async () => {
      live.delete(close);
      const context = await launching.catch(() => undefined);
      await context?.close().catch(() => {});
    })());
  live.add(close);
  const context = await launching.catch((err) => {
    live.delete(close);
    throw err;
  });
  let settle;
  const exitCode = new Promise((resolve, reject) => (settle = { resolve, reject }));
  exitCode.catch(() => {}); // callers that never await it must not see an unhandled rejection
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(type, args));
    page.on('crash', () => settle.reject(new Error('the workbench page crashed')));
    context.on('close', () => settle.reject(new Error('the browser closed')));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return { page, context, exitCode, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Resolves with the extension host's log line that records the activation of `extensionId`
 * (it starts with a timestamp and names the activation event), polling this server's log
 * files; rejects after timeoutMs.
 */
export async function waitForActivation(server, extensionId, timeoutMs = 30_000) {
  const logs = path.join(server.userDataDir, 'logs');
  const needle = `_doActivateExtension ${extensionId},`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const files = (fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }) : [])
      .filter((f) => f.endsWith('exthost.log'))
      .map((f) => path.join(logs, f))
      .filter((f) => fs.statSync(f).mtimeMs >= server.startedAt); // a kept stateDir has older ones
    for (const f of files) {
      const line = fs.readFileSync(f, 'utf8').split('\n').find((l) => l.includes(needle));
      if (line) return line;
    }
    if (Date.now() > end) throw new Error(`${extensionId} was not activated within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
