// npm run screenshots [-- name ...] — real screenshots of VS Code with the extension on the
// example study, written to docs/images/<name>.png (1400x900). Each shot gets a fresh
// workbench (code-server + headless Chromium, see scripts/host/) on a copy of the study.
//
// To add a shot, append to SHOTS: a name, a theme ('light', 'dark' or a theme's name),
// optional extra user settings, and steps built from the helpers below (openFile,
// runCommand, wait) or any async (page) => {} using Playwright's page API.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './host/install.mjs';
import { QUIET_SETTINGS, openWorkbench, startCodeServer, waitForActivation, workbenchUrl } from './host/workbench.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const study = path.join(repo, 'examples', 'city-partnerships');
const outDir = path.join(repo, 'docs', 'images');
const VIEWPORT = { width: 1400, height: 900 };
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

// ---- steps --------------------------------------------------------------------------------

const quickInput = (page) => page.locator('.quick-input-widget input');

/** Types into the F1 palette and accepts the row whose label matches `label`. */
async function pick(page, text, label) {
  // A view that takes focus late (a new terminal, a webview) closes the palette: retry.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await quickInput(page).fill(text, { timeout: 5000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
}

/** Opens a file of the study (path relative to it) through Quick Open. */
export const openFile = (relative) => async (page) => {
  const name = path.basename(relative);
  await pick(page, relative, name); // without a leading '>' the palette searches files
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor();
};

/** Runs a command by its title, as a person would through F1. */
export const runCommand = (title) => (page) => pick(page, `>${title}`, title);

export const wait = (ms) => (page) => page.waitForTimeout(ms);

function firstTranscript() {
  const dir = path.join(study, 'transcripts');
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no .txt transcript under ${dir}`);
  return path.posix.join('transcripts', files[0].split(path.sep).join('/'));
}

// ---- shots --------------------------------------------------------------------------------

const SHOTS = [
  { name: 'workbench-transcript', theme: 'light', steps: () => [openFile(firstTranscript())] },
];

// ---- runner -------------------------------------------------------------------------------

async function takeShot(host, shot) {
  const server = await startCodeServer({
    host,
    settings: { ...QUIET_SETTINGS, 'workbench.colorTheme': THEMES[shot.theme] ?? shot.theme, ...shot.settings },
  });
  let wb;
  try {
    // Steps may change files; the example itself stays as committed.
    const folder = path.join(server.root, path.basename(study));
    fs.cpSync(study, folder, { recursive: true });
    wb = await openWorkbench(server, workbenchUrl(server, { folder, extensionDevelopmentPath: repo }), { viewport: VIEWPORT });
    await wb.page.locator('.monaco-workbench').waitFor();
    await waitForActivation(server, 'gloss-qda.gloss-qda');
    for (const step of shot.steps()) await step(wb.page);
    await runCommand('Notifications: Clear All Notifications')(wb.page);
    // The status bar shows this while any extension (ours, Git, ...) is still starting.
    await wb.page.locator('.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'hidden', timeout: 60_000 });
    await wb.page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1); // no hover effects
    await wb.page.waitForTimeout(1000); // let editors and decorations settle
    const file = path.join(outDir, `${shot.name}.png`);
    await wb.page.screenshot({ path: file });
    console.log(`[screenshots] ${path.relative(repo, file)}`);
  } finally {
    await wb?.close();
    await server.stop();
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const shots = wanted.length ? SHOTS.filter((s) => wanted.includes(s.name)) : SHOTS;
  if (shots.length === 0) throw new Error(`no such shot; known: ${SHOTS.map((s) => s.name).join(', ')}`);
  const build = spawnSync(process.execPath, [path.join(repo, 'esbuild.js')], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const host = await ensureHost();
  fs.mkdirSync(outDir, { recursive: true });
  for (const shot of shots) await takeShot(host, shot);
}

main().catch((err) => {
  console.error(`[screenshots] ${err.stack ?? err}`);
  process.exit(1);
});
