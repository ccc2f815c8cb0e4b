// node scripts/keybindings-check.mjs — presses the coding keybindings in a real VS Code
// (code-server + headless Chromium, see scripts/host/) the way a person does: open a transcript,
// select lines with the keyboard, press Ctrl+Alt+C and pick a code by typing, Ctrl+Alt+R (last
// code), Ctrl+Alt+1 (quick code), Ctrl+Alt+X (remove), Ctrl+Alt+V (in vivo), Ctrl+Alt+. (next
// coded passage), Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in the Codebook view and in a read-only
// transcript (undo, redo), and a stray Enter over a selected passage (the transcript is
// protected); then checks the codings files, codebook.yaml and the transcript on disk.
// Extension-host tests cannot press keys, hence this script. Prints `N passed, N failed` last;
// exit code 1 on failure.
// Environment: GLOSS_KEYS_SCREENSHOT=<file.png> saves the workbench when a check fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from './host/install.mjs';
import { QUIET_SETTINGS, openWorkbench, startCodeServer, waitForActivation, workbenchUrl } from './host/workbench.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = path.join(repo, 'examples', 'city-partnerships');
const TRANSCRIPT = 'transcripts/velden/velden-official-01.txt';
const CODER_FILE = `codings/keyboard-tester/${TRANSCRIPT}.jsonl`;
const CTRL_ALT = 'Control+Alt';

const results = [];
async function check(name, run) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name}\n    ${String(err.message ?? err).split('\n').join('\n    ')}`);
  }
}

async function until(what, probe, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codingsOnDisk(folder) {
  const file = path.join(folder, ...CODER_FILE.split('/'));
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** 1-based number of the line starting with `prefix`, and its text. */
function lineOf(folder, prefix) {
  const lines = fs.readFileSync(path.join(folder, ...TRANSCRIPT.split('/')), 'utf8').split(/\r?\n/);
  const index = lines.findIndex((l) => l.startsWith(prefix));
  if (index < 0) throw new Error(`no line starting with ${prefix}`);
  return { number: index + 1, text: lines[index] };
}

async function main() {
  const build = spawnSync(process.execPath, [path.join(repo, 'esbuild.js')], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const host = await ensureHost();
  const server = await startCodeServer({
    host,
    settings: { ...QUIET_SETTINGS, 'gloss.coder': 'Keyboard Tester', 'gloss.quickCodes': ['org-policy'], 'workbench.colorTheme': 'Default Light Modern' },
  });
  let wb;
  const t0 = Date.now();
  try {
    const folder = path.join(server.root, 'city-partnerships');
    fs.cpSync(example, folder, { recursive: true });
    wb = await openWorkbench(server, workbenchUrl(server, { folder, extensionDevelopmentPath: repo }));
    const { page } = wb;
    await page.locator('.monaco-workbench').waitFor();
    await waitForActivation(server, 'gloss-qda.gloss-qda');
    console.log(`[keys] workbench ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const quickInput = page.locator('.quick-input-widget');
    const goToLine = async (number) => {
      await page.keyboard.press('Control+g');
      await quickInput.locator('input').waitFor();
      await page.keyboard.type(String(number));
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    };
    /** Runs a command from the Command Palette by its title (the first row that holds it). */
    const runCommand = async (title) => {
      await page.keyboard.press('Control+Shift+p');
      await quickInput.locator('input').waitFor();
      await page.keyboard.type(title);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    };
    const selectLine = async (number) => {
      await goToLine(number);
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
    };

    await check('opens a transcript from Quick Open as Transcript', async () => {
      await page.keyboard.press('Control+p');
      await quickInput.locator('input').waitFor();
      await page.keyboard.type(TRANSCRIPT);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(TRANSCRIPT) }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: path.basename(TRANSCRIPT) }).first().waitFor();
      await page.locator('.statusbar-item', { hasText: 'Transcript' }).first().waitFor({ timeout: 15_000 });
      // The coding status item appears once the transcript is tracked (its context key is set then).
      await page.locator('.statusbar-item[id$="gloss.codings"]').first().waitFor({ timeout: 15_000 });
    });

    const first = lineOf(folder, '[00:01:40] I:');
    await check('Ctrl+Alt+C opens the code picker; typing a name and Enter codes the selected line', async () => {
      await selectLine(first.number);
      await page.keyboard.press(`${CTRL_ALT}+c`);
      await quickInput.locator('input').waitFor();
      await page.keyboard.type('Know-how');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Know-how' }).first().waitFor();
      await page.keyboard.press('Enter');
      const [coding] = await until('the coding on disk', () => codingsOnDisk(folder).filter((c) => c.code === 'org-know-how').length === 1 && codingsOnDisk(folder));
      if (coding.quote !== first.text.trim()) throw new Error(`coded "${coding.quote}", expected the line "${first.text}"`);
      if (coding.coder !== 'Keyboard Tester') throw new Error(`coder ${coding.coder}`);
    });

    const second = lineOf(folder, '[00:02:30] I:');
    await check('Ctrl+Alt+R codes the selection with the last code', async () => {
      await selectLine(second.number);
      await page.keyboard.press(`${CTRL_ALT}+r`);
      await until('the second coding', () => codingsOnDisk(folder).some((c) => c.code === 'org-know-how' && c.quote === second.text.trim()));
    });

    const third = lineOf(folder, '[00:03:05] I:');
    await check('Ctrl+Alt+1 codes the selection with quick code 1 (gloss.quickCodes)', async () => {
      await selectLine(third.number);
      await page.keyboard.press(`${CTRL_ALT}+1`);
      await until('the quick-coded coding', () => codingsOnDisk(folder).some((c) => c.code === 'org-policy' && c.quote === third.text.trim()));
    });

    await check('Ctrl+Alt+X removes the coding under the cursor', async () => {
      await page.keyboard.press(`${CTRL_ALT}+x`);
      await until('the coding removed', () => !codingsOnDisk(folder).some((c) => c.code === 'org-policy'));
      if (codingsOnDisk(folder).length !== 2) throw new Error('the other codings stay');
    });

    await check('Ctrl+Alt+. selects the next coded passage', async () => {
      await goToLine(first.number - 1);
      await page.keyboard.press('Home');
      await page.keyboard.press(`${CTRL_ALT}+Period`);
      // The selection is shown in the status bar as "(N selected)".
      const expected = first.text.trim().length;
      await until(`a selection of ${expected} characters`, async () => (await page.locator('.statusbar-item', { hasText: `(${expected} selected)` }).count()) > 0);
    });

    const fourth = lineOf(folder, '[00:06:02] I:');
    await check('Ctrl+Alt+V codes in vivo: a new code named after the words', async () => {
      await goToLine(fourth.number);
      await page.keyboard.press('End');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowLeft');
      const before = fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8');
      await page.keyboard.press(`${CTRL_ALT}+v`);
      const added = await until('a new code in codebook.yaml', () => {
        const now = fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8');
        const names = now.split('\n').filter((l) => !before.includes(l) && /^\s*name: /.test(l));
        return names.length === 1 && names[0].replace(/^\s*name: /, '').replace(/^"|"$/g, '');
      });
      if (!fourth.text.includes(added) || added.split(' ').length < 2) throw new Error(`the new code "${added}" is not named after the selected words`);
      const coding = await until('its coding', () => codingsOnDisk(folder).find((c) => c.quote.startsWith(added)));
      if (!fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8').includes(`id: ${coding.code}`)) throw new Error('the coding names the new code');
    });

    const fifth = lineOf(folder, '[00:06:44] I:');
    await check('the code picker creates a code inline: a new name, then where it goes', async () => {
      await selectLine(fifth.number);
      await page.keyboard.press(`${CTRL_ALT}+c`);
      await quickInput.locator('input').waitFor();
      await page.keyboard.type('Who sets the agenda');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Create code' }).first().waitFor();
      await page.keyboard.press('Enter');
      // Second question: where the code goes. Type the parent's name and accept it.
      await page.locator('.quick-input-title', { hasText: 'Where does' }).waitFor();
      await page.keyboard.type('Interaction');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Interaction' }).first().waitFor();
      await page.keyboard.press('Enter');
      const id = await until('the new code under Interaction in codebook.yaml', () => {
        const text = fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8');
        const at = text.indexOf('name: Who sets the agenda');
        if (at < 0) return undefined;
        const before = text.slice(0, at);
        return before.lastIndexOf('- id: interaction') >= 0 && /- id: (\S+)\s*$/.exec(before)?.[1];
      });
      await until('the coding with the new code', () => codingsOnDisk(folder).some((c) => c.code === id && c.quote === fifth.text.trim()));
    });

    await check('Ctrl+Z in the Codebook view undoes the last coding, then the new code; Ctrl+Shift+Z redoes', async () => {
      const codebookText = () => fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8');
      await runCommand('Focus on Codebook View');
      await page.keyboard.press('Control+z');
      await until('the last coding undone', () => !codingsOnDisk(folder).some((c) => c.quote === fifth.text.trim()));
      await page.keyboard.press('Control+z');
      await until('the new code undone', () => !codebookText().includes('Who sets the agenda'));
      await page.keyboard.press('Control+Shift+z');
      await until('the new code redone', () => codebookText().includes('Who sets the agenda'));
      if (codingsOnDisk(folder).length !== 3) throw new Error('the earlier codings stay');
    });

    const sixth = lineOf(folder, '[00:03:54] R:');
    await check('in a transcript made read-only, Ctrl+Z undoes the last coding and Ctrl+Y redoes it', async () => {
      await page.locator('.tabs-container .tab', { hasText: path.basename(TRANSCRIPT) }).first().click();
      // "File: Set …", not "File: Reset …", which also holds the words "Set Active Editor".
      await runCommand('File: Set Active Editor Read-only in Session');
      await selectLine(sixth.number);
      await page.keyboard.press(`${CTRL_ALT}+1`);
      // Shift+End selects to the end of the wrapped screen line: the quote starts the line.
      const coded = () => codingsOnDisk(folder).some((c) => c.code === 'org-policy' && c.quote.length > 20 && sixth.text.startsWith(c.quote));
      await until('the coding', coded);
      await page.keyboard.press('Control+z');
      await until('the coding undone', () => !coded());
      await page.keyboard.press('Control+y');
      await until('the coding redone', coded);
      const transcript = fs.readFileSync(path.join(folder, ...TRANSCRIPT.split('/')), 'utf8');
      if (!transcript.includes(sixth.text)) throw new Error('the transcript text is untouched');
    });

    await check('a stray Enter over a selected passage changes nothing: the transcript is protected while coding', async () => {
      const file = path.join(folder, ...TRANSCRIPT.split('/'));
      const before = fs.readFileSync(file, 'utf8');
      await selectLine(second.number);
      const selected = `(${second.text.length} selected)`;
      await page.locator('.statusbar-item', { hasText: selected }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type('x');
      // VS Code's read-only editor says so, and the passage stays selected.
      await page.locator('.monaco-editor-overlaymessage', { hasText: 'read-only' }).first().waitFor();
      await page.locator('.statusbar-item', { hasText: selected }).first().waitFor();
      if ((await page.locator('.tabs-container .tab.dirty').count()) > 0) throw new Error('the transcript was changed');
      if (fs.readFileSync(file, 'utf8') !== before) throw new Error('the transcript on disk was changed');
      await page.locator('.statusbar-item', { hasText: 'Coding' }).first().waitFor();
    });

    if (results.some((r) => !r.ok) && process.env.GLOSS_KEYS_SCREENSHOT) await page.screenshot({ path: process.env.GLOSS_KEYS_SCREENSHOT });
  } finally {
    await wb?.close();
    await server.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`[keys] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[keys] ${err.stack ?? err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
