// npm run screenshots [-- name ...] — real screenshots of VS Code with the extension on the
// example study, written to docs/images/<name>.png (1400x900). Each shot gets a fresh
// workbench (code-server + headless Chromium, see scripts/host/) on a copy of the study.
//
// To add a shot, append to SHOTS: a name, a theme ('light', 'dark' or a theme's name),
// optional extra user settings, and steps built from the helpers below (openFile,
// runCommand, wait) or any async (page) => {} using Playwright's page API; optional `last`
// steps run after notifications are cleared, for what that would close (a hover).
// A shot with a `locale` (es, pt-br, ...) shows the UI in that language through a stub
// language pack (scripts/host/language-pack.mjs): Gloss's strings are translated, VS Code's
// own stay English. Its `shows` lists texts of ours in that language that must be on
// screen, or the shot fails (a fallback to English would otherwise pass unnoticed).
// Our commands can still be run by their English titles: the palette matches those too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/** The document inside the visible webview (VS Code nests it in two iframes). */
const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** The comparison: code x case matrix with the segments behind one cell. */
const comparisonSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Open Comparison of Codes and Cases'),
  async (page) => {
    const frame = webview(page);
    await frame.locator('table.grid td.cell').first().waitFor();
    await frame.locator('[data-control="rollUp"]').check();
    await frame.locator('tr', { hasText: 'Local government responsiveness' }).locator('td.cell').nth(1).click();
    await frame.locator('.segment').first().waitFor();
  },
];

/** The example's framework matrix, in the form of the poster's impact table, one cell being edited. */
const frameworkSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Open Framework Matrix…'),
  async (page) => {
    const frame = webview(page);
    await frame.locator('table.grid.framework td.cell').first().waitFor();
    await frame.locator('tr', { hasText: 'Macuvane' }).locator('td.cell').nth(3).click();
    await frame.locator('textarea').waitFor();
  },
];

/** Inter-coder agreement on the example study: Marike against Joaquín, per code and overall. */
const agreementSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Open Inter-Coder Agreement'),
  async (page) => {
    const frame = webview(page);
    await frame.locator('table.agreement td.num').first().waitFor();
    // A side's coder changes when the field is left, as a person tabs on.
    for (const [index, coder] of [[0, 'Marike'], [1, 'Joaquín']]) {
      const field = frame.locator('[data-control="coder"]').nth(index);
      await field.fill(coder);
      await field.press('Tab');
    }
    await frame.locator('table.agreement th', { hasText: 'Joaquín' }).last().waitFor();
    await frame.locator('.table-host:not(.stale) table.agreement').waitFor();
  },
];

/** The classification sheet: documents as rows, attributes as columns, a choice being edited. */
const sheetSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Open Classification Sheet'),
  async (page) => {
    const frame = webview(page);
    await frame.locator('table.sheet td.cell').first().waitFor();
    // The `role` column (a choice) of one interview.
    await frame.locator('tr', { hasText: 'damankwa-politician-01' }).locator('td.cell').nth(7).click();
  },
];
/** The choice being edited (after the notifications are cleared, which would take the focus). */
const sheetEditor = () => [
  async (page) => {
    const frame = webview(page);
    await frame.locator('td.cell.active').press('Enter');
    await frame.locator('td.editing select').waitFor();
  },
];

// The Gloss sidebar (codebook tree, segments): rows are clicked as a person would.
const treeRow = (page, label) => page.locator('.pane-body .monaco-list-row', { hasText: label }).first();
const expandRow = (label) => async (page) => {
  const row = treeRow(page, label);
  await row.waitFor({ timeout: 15_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.waitForTimeout(400);
};
/** Clicks an inline action (by its title) of a tree row, which shows when the row is hovered. */
const inlineAction = (label, action) => async (page) => {
  const row = treeRow(page, label);
  await row.hover();
  await row.locator(`.action-label[aria-label^="${action}"]`).first().click();
  await page.waitForTimeout(500);
};
/** Opens (true) or collapses (false) a view of the sidebar by clicking its header if needed. */
const showPane = (title, open) => async (page) => {
  const header = page.locator('.pane-header', { hasText: title }).first();
  if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
  await page.waitForTimeout(300);
};
/** Widens the sidebar by dragging its edge, as a person would. */
const widenSidebar = (pixels) => async (page) => {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + pixels, y, { steps: 5 });
  await page.mouse.up();
};
const codebookSteps = () => [
  openFile('transcripts/velden/velden-official-01.txt'),
  runCommand('Gloss: Focus on Codebook View'),
  widenSidebar(140),
  showPane('Documents', false),
  expandRow('Interaction'),
  expandRow('Organisation'),
  expandRow('Political support'),
];
/** The Gloss sidebar as a researcher first sees it: nothing resized or collapsed by hand. */
const sidebarSteps = () => [
  openFile('transcripts/velden/velden-official-01.txt'),
  runCommand('Gloss: Focus on Codebook View'),
  expandRow('Organisation'),
  expandRow('Interaction'),
];
const retrievalSteps = () => [
  runCommand('Gloss: Focus on Codebook View'),
  widenSidebar(140),
  showPane('Documents', false),
  expandRow('Interaction'),
  inlineAction('Power relations', 'Retrieve Segments'),
  wait(1500),
  runCommand('Gloss: Open Segments as a Report'),
  wait(2000),
];

/** Puts the cursor at line:column (1-based) with Go to Line, as a person would. */
const cursorAt = (line, column) => async (page) => {
  await page.keyboard.press('Control+g');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
};
/** A transcript coded by two coders with overlapping codes; `hover` shows the hover at the cursor. */
const codingSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  openFile('transcripts/san-aurelio/san-aurelio-politician-01.txt'),
  wait(1500),
  cursorAt(17, 200),
];
/** The hover at the cursor, by its keyboard shortcut (the palette would close it). */
const showHover = () => [
  async (page) => {
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    await page.locator('.monaco-hover').first().waitFor();
  },
];

/** Two coders compared in the Disagreements view, one passage open with both codings side by side. */
const disagreementsSteps = () => [
  runCommand('Gloss: Focus on Disagreements View'),
  widenSidebar(120),
  showPane('Codebook', false),
  showPane('Documents', false),
  async (page) => {
    await pick(page, ">Gloss: Compare Two Coders", 'Compare Two Coders');
    for (const coder of ['Marike', 'Joaquín']) {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: coder }).first().waitFor();
      await quickInput(page).fill(coder);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
    }
  },
  async (page) => {
    const row = treeRow(page, 'You see, in Ghana');
    await row.scrollIntoViewIfNeeded();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await page.waitForTimeout(1500);
  },
];

/** The concordance of particip\p{L}* in every language of the study, sorted by the word after it. */
const concordanceSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Search the Study…'),
  async (page) => {
    // Every word starting with particip: participação, participatory, participatieve…
    await quickInput(page).fill('particip\\p{L}*');
    await page.locator('.quick-input-widget :is([aria-label*="Regular Expression"], [title*="Regular Expression"])').first().click();
    await quickInput(page).press('Enter');
    const frame = webview(page);
    await frame.locator('table.kwic tbody tr').first().waitFor();
    await frame.locator('[data-control="sort"]').selectOption('right1');
    await page.waitForTimeout(800);
  },
];

/** Types a path into VS Code's own file dialog (the one a browser workbench shows) and accepts it (with `button`, for a folder). */
const choosePath = (file, button) => async (page) => {
  // The dialog puts its own folder in the box once it has read it: the path goes in after that.
  await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value.endsWith('/'));
  // Typed key by key, as a person types: the dialog follows the path as it is typed. It may set
  // its folder again just after opening: then the path is typed again.
  for (let attempt = 1; attempt <= 3 && (await quickInput(page).inputValue()) !== file; attempt++) {
    await page.waitForTimeout(500);
    await quickInput(page).evaluate((input) => input.select());
    await quickInput(page).pressSequentially(file, { delay: 20 });
  }
  await page.waitForTimeout(1000); // the dialog reads the folder typed
  // Taken: the box is gone, or shows the next dialog's folder.
  const taken = (timeout) =>
    page
      .waitForFunction((v) => document.querySelector('.quick-input-widget input')?.value !== v || !document.querySelector('.quick-input-widget')?.checkVisibility(), file, { timeout })
      .then(() => true, () => false);
  // A file is taken with Enter; Enter on a folder opens it, and the dialog's button takes it. A
  // click that lands while the dialog is still reading the folder is lost: it is clicked again.
  for (let attempt = 1; ; attempt++) {
    if (button) await page.locator('.quick-input-widget a, .quick-input-widget .monaco-button').filter({ hasText: button }).first().click();
    else await quickInput(page).press('Enter');
    if (await taken(attempt < 3 ? 5_000 : 30_000)) return;
    if (attempt === 3) throw new Error(`The file dialog did not take ${file}.`);
  }
};

// The qc sample imported through the command and its dialogs: the import report opens, with the
// counting found for each source and what was not imported.
const refiImportSteps = () => {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-shot-import-'));
  return [
    runCommand('Gloss: Import REFI-QDA Project (.qdpx)…'),
    choosePath(path.join(repo, 'test', 'fixtures', 'refi', 'samples', 'qc-demo.qdpx')),
    choosePath(`${target}/`, 'Import Here'),
    (page) => page.locator('.tabs-container .tab', { hasText: 'import-report.md' }).first().waitFor({ timeout: 60_000 }),
  ];
};

/** Word frequencies of the North against the South: counts, per 1,000 words, log-likelihood. */
const frequenciesSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  runCommand('Gloss: Compare Word Frequencies…'),
  async (page) => {
    await quickInput(page).fill('region');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'region' }).first().waitFor();
    await quickInput(page).press('Enter');
    for (const group of ['North', 'South']) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: group }).first();
      await row.waitFor();
      await row.click();
    }
    await quickInput(page).press('Enter');
    await webview(page).locator('table.frequencies tbody tr').first().waitFor();
  },
];

const SHOTS = [
  { name: 'workbench-transcript', theme: 'light', steps: () => [openFile(firstTranscript())] },
  { name: 'codebook-tree', theme: 'light', steps: codebookSteps },
  { name: 'sidebar', theme: 'light', steps: sidebarSteps },
  { name: 'retrieval', theme: 'light', steps: retrievalSteps },
  { name: 'matrix', theme: 'light', steps: comparisonSteps },
  { name: 'framework', theme: 'dark', steps: frameworkSteps },
  { name: 'agreement', theme: 'light', steps: agreementSteps },
  { name: 'sheet', theme: 'light', steps: sheetSteps, last: sheetEditor },
  { name: 'concordance', theme: 'light', steps: concordanceSteps },
  { name: 'frequencies', theme: 'light', steps: frequenciesSteps },
  { name: 'refi-import', theme: 'light', steps: refiImportSteps },
  { name: 'coding-light', theme: 'light', settings: { 'gloss.coder': 'Marike' }, steps: codingSteps, last: showHover },
  { name: 'coding-dark', theme: 'dark', steps: codingSteps },
  { name: 'disagreements', theme: 'light', settings: { 'gloss.coder': 'Marike' }, steps: disagreementsSteps },
  // Blind coding on: a transcript both coders coded shows Marike's codings only, and the Blind indicator.
  {
    name: 'blind-coding',
    theme: 'light',
    settings: { 'gloss.coder': 'Marike', 'gloss.blindCoding': true },
    steps: () => [openFile('transcripts/san-aurelio/san-aurelio-ngo-01.txt'), runCommand('Gloss: Focus on Codebook View')],
  },
  // Code names beside the text, with coders: two coders' overlapping passages, sub-codes of one theme.
  {
    name: 'stripes',
    theme: 'light',
    settings: { 'gloss.stripes.showCoders': true, 'editor.wordWrap': 'on' },
    steps: () => [...codingSteps(), runCommand('Gloss: Toggle Code Names Beside the Text'), wait(1000)],
  },
];

/** The media player beside the Tessenfeld transcript, following it: the turn at 00:00:15 marked. */
const playerSteps = () => [
  runCommand('View: Close Primary Side Bar'),
  openFile('transcripts/tessenfeld/tessenfeld-official-01.txt'),
  runCommand('Gloss: Open Media Player'),
  async (page) => {
    await webview(page).locator('audio').waitFor();
    await webview(page).locator('.time', { hasText: '0:30' }).waitFor();
  },
  openFile('transcripts/tessenfeld/tessenfeld-official-01.txt'),
  ...Array.from({ length: 4 }, () => runCommand('Gloss: Player: Forward a Few Seconds')),
  async (page) => webview(page).locator('.time', { hasText: '0:20 /' }).waitFor(),
];

SHOTS.push({ name: 'player', theme: 'light', settings: { 'gloss.player.followTranscript': true }, steps: playerSteps });

// ---- in Spanish and Portuguese ----------------------------------------------------------

/** The Codebook view (views named in Spanish) beside a transcript coded by two coders. */
const codebookSpanishSteps = () => [
  openFile('transcripts/san-aurelio/san-aurelio-politician-01.txt'),
  // VS Code's own "Focus on {0} View", around our view's Spanish name.
  runCommand('Gloss: Focus on Libro de códigos View'),
  widenSidebar(60),
  ...['Segmentos', 'Documentos', 'Desacuerdos', 'Resultados de búsqueda', 'Consultas'].map((title) => showPane(title, false)),
  expandRow('Context'),
  expandRow('Interaction'),
  cursorAt(17, 200),
];

SHOTS.push(
  { name: 'coding-es', locale: 'es', theme: 'light', settings: { 'gloss.coder': 'Marike' }, steps: codebookSpanishSteps, last: showHover, shows: ['Libro de códigos', 'codificado por'] },
  { name: 'sheet-es', locale: 'es', theme: 'light', steps: sheetSteps, last: sheetEditor, shows: ['Hoja de clasificación'] },
  { name: 'matrix-es', locale: 'es', theme: 'light', steps: comparisonSteps, shows: ['Incluir subcódigos', 'Acuerdo intercodificadores'] },
  { name: 'agreement-pt-br', locale: 'pt-br', theme: 'light', steps: agreementSteps, shows: ['Concordância entre codificadores', 'Somar os subcódigos'] },
);

// ---- runner -------------------------------------------------------------------------------

/** Resolves once `text` is visible in the workbench or its visible webview; throws after 10 s. */
async function waitForText(page, text) {
  const places = [page.getByText(text).first(), webview(page).getByText(text).first()];
  for (const end = Date.now() + 10_000; Date.now() < end; await page.waitForTimeout(250)) {
    for (const place of places) if (await place.isVisible().catch(() => false)) return;
  }
  throw new Error(`"${text}" is not on screen`);
}

async function takeShot(host, shot) {
  const server = await startCodeServer({
    host,
    locale: shot.locale,
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
    for (const step of shot.last?.() ?? []) await step(wb.page); // what the clean-up above would close
    for (const text of shot.shows ?? []) await waitForText(wb.page, text);
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
  for (const shot of shots) {
    // A workbench that drops a key or a click now and then (the file dialog's): one more try, from scratch.
    await takeShot(host, shot).catch((err) => {
      console.warn(`[screenshots] ${shot.name}: ${err.message.split('\n')[0]}; trying again`);
      return takeShot(host, shot);
    });
  }
}

main().catch((err) => {
  console.error(`[screenshots] ${err.stack ?? err}`);
  process.exit(1);
});
