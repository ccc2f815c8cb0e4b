// Coding in the editor, driven as a user does through the commands (keyboard shortcuts are
// pressed from outside by scripts/keybindings-check.mjs): highlights, the files on disk, hovers,
// navigation, live edits, undo, orphans. Runs on a copy of the example study and puts back what
// it changed (codebook.yaml, transcripts, its own codings files) for the suites after it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodebook } from '../../src/core/codebook/parse';
import { formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { waitFor } from './helpers/wait';

const CODER = 'Coding Tester';
const CODER_FOLDER = 'codings/coding-tester';
const VELDEN = 'transcripts/velden/velden-official-01.txt';
const TESSENFELD = 'transcripts/tessenfeld/tessenfeld-official-01.txt';
const KASSOUMBE = 'transcripts/kassoumbe/kassoumbe-official-01.txt';
/** Saved with a byte order mark and CRLF line endings. */
const BRAKELMONDE = 'transcripts/brakelmonde/brakelmonde-politician-01.txt';

type Range4 = [number, number, number, number];
interface CodingState {
  path: string;
  languageId: string;
  coder: string;
  codings: { id: string; code: string; coder: string; memo?: string; start: number; end: number; range: Range4 }[];
  orphans: { id: string; code: string; reason: string; quote: string; place?: number }[];
  decorations: { codeId: string; lane: number; colour: string | undefined; ranges: Range4[] }[];
  status: { main?: string; orphans?: string };
  timings: { change: number[]; redraw: number[] };
  recentChanges: { reason?: number; dirty: boolean; reload: boolean }[];
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
const uriOf = (relative: string) => vscode.Uri.file(file(relative));

async function state(relative?: string): Promise<CodingState> {
  const args = relative ? { uri: uriOf(relative).toString() } : {};
  return waitFor('the coding state', () => vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', args));
}

/** Opens a transcript as a user does and waits until the coding feature tracks it. */
async function open(relative: string): Promise<vscode.TextEditor> {
  await vscode.window.showTextDocument(uriOf(relative), { preview: false });
  await waitFor(`${relative} open as a transcript`, async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.fsPath !== file(relative) || editor.document.languageId !== 'transcript') return undefined;
    return (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined;
  });
  return vscode.window.activeTextEditor!;
}

/** Selects the n-th occurrence of `needle` in the active editor; returns its offsets. */
function select(editor: vscode.TextEditor, needle: string, occurrence = 0): { start: number; end: number } {
  const text = editor.document.getText();
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `"${needle}" is in ${editor.document.fileName}`);
  const end = start + needle.length;
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
  return { start, end };
}

function rangeOf(editor: vscode.TextEditor, span: { start: number; end: number }): Range4 {
  const a = editor.document.positionAt(span.start);
  const b = editor.document.positionAt(span.end);
  return [a.line, a.character, b.line, b.character];
}

async function storedCodings(relative: string): Promise<Coding[]> {
  const codingsFile = `${CODER_FOLDER}/${relative}.jsonl`;
  const text = await read(codingsFile).catch(() => '');
  const parsed = parseCodingsFile(text, codingsFile);
  assert.equal(parsed.problems.length, 0, 'the codings file parses without problems');
  return parsed.codings;
}

function decorationsOf(s: CodingState, codeId: string): Range4[] {
  return s.decorations.filter((d) => d.codeId === codeId).flatMap((d) => d.ranges);
}

async function codebookColour(codeId: string): Promise<string | undefined> {
  return parseCodebook(await read('codebook.yaml'), 'codebook.yaml').codebook.get(codeId)?.colour;
}

describe('coding in the editor', function () {
  this.timeout(60_000);
  const originals = new Map<string, string>();

  before(async () => {
    for (const relative of ['codebook.yaml', VELDEN, TESSENFELD, KASSOUMBE, BRAKELMONDE]) originals.set(relative, await read(relative));
    await vscode.workspace.getConfiguration('gloss').update('coder', CODER, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    for (const editor of vscode.window.visibleTextEditors) {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [relative, text] of originals) await fs.writeFile(file(relative), text);
    // File by file: a folder's deletion is one watcher event, which the study does not expand.
    const ours = await fs.readdir(file(CODER_FOLDER), { recursive: true }).catch(() => [] as string[]);
    for (const entry of ours.filter((e) => e.endsWith('.jsonl'))) await fs.rm(path.join(file(CODER_FOLDER), entry));
    await fs.rm(file(CODER_FOLDER), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('gloss').update('quickCodes', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.clearCodeFocus');
  });

  it('opens a study transcript (.txt) as Transcript and highlights every coder\'s codings in their code\'s colour', async () => {
    const editor = await open(VELDEN);
    assert.equal(editor.document.languageId, 'transcript');
    const s = await state();
    let stored = 0;
    for (const coder of await fs.readdir(file('codings'))) {
      const text = await read(`codings/${coder}/${VELDEN}.jsonl`).catch(() => '');
      stored += text.split('\n').filter((l) => l.trim() !== '').length;
    }
    assert.equal(s.codings.length, stored);
    assert.equal(s.orphans.length, 0);
    for (const coding of s.codings) {
      const decorated = s.decorations.filter((d) => d.codeId === coding.code);
      assert.ok(decorated.some((d) => d.ranges.some((r) => r.join() === coding.range.join())), `${coding.code} highlighted at ${coding.range}`);
      assert.equal(decorated[0].colour, await codebookColour(coding.code));
    }
    assert.match(s.status.main ?? '', new RegExp(`\\$\\(tag\\) ${stored}\\b`));
  });

  it('codes the selection with a code: highlight over exactly that range in the code\'s colour, coding on disk', async () => {
    const editor = await open(VELDEN);
    const span = select(editor, 'de andere helft doe ik economische zaken');
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-resources' });
    assert.equal(ids?.length, 1);
    const s = await state();
    const resources = s.decorations.filter((d) => d.codeId === 'org-resources');
    assert.ok(resources.some((d) => d.ranges.some((r) => r.join() === rangeOf(editor, span).join())), 'highlighted over the selection');
    assert.equal(resources[0].colour, await codebookColour('org-resources'));

    const [coding] = await storedCodings(VELDEN);
    const text = normaliseText(editor.document.getText());
    assert.equal(coding.id, ids![0]);
    assert.equal(coding.code, 'org-resources');
    assert.equal(coding.coder, CODER);
    assert.equal(coding.quote, 'de andere helft doe ik economische zaken');
    assert.equal([...text].slice(coding.start, coding.end).join(''), coding.quote, 'offsets count code points of the normalised text');
    assert.equal(coding.version, textVersion(text));
    assert.equal(coding.prefix, [...text].slice(coding.start - 32, coding.start).join(''));
    assert.ok(!Number.isNaN(Date.parse(coding.created)));
    const line = (await read(`${CODER_FOLDER}/${VELDEN}.jsonl`)).split('\n')[0];
    assert.deepEqual(Object.keys(JSON.parse(line)), ['id', 'code', 'start', 'end', 'quote', 'prefix', 'suffix', 'version', 'coder', 'created']);
  });

  it('stores code points of the normalised text for a transcript saved with a BOM and CRLF endings', async () => {
    const raw = await read(BRAKELMONDE);
    assert.ok(raw.startsWith('\uFEFF') && raw.includes('\r\n'), 'the fixture has a BOM and CRLF endings');
    const editor = await open(BRAKELMONDE);
    // Across a line break, after accented letters: every conversion is exercised.
    const text = editor.document.getText();
    const from = text.indexOf('vóór mijn tijd');
    const to = text.indexOf('\r\n', from) + 2 + 12;
    editor.selection = new vscode.Selection(editor.document.positionAt(from), editor.document.positionAt(to));
    const [id] = (await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-motivation' })) ?? [];
    const coding = (await storedCodings(BRAKELMONDE)).find((c) => c.id === id)!;
    const normalised = normaliseText(raw);
    assert.equal(coding.quote, normaliseText(text.slice(from, to)).trim());
    assert.equal([...normalised].slice(coding.start, coding.end).join(''), coding.quote);
    assert.equal(coding.version, textVersion(normalised));
    assert.ok(decorationsOf(await state(), 'org-motivation').some((r) => r.join() === rangeOf(editor, { start: from, end: to }).join()));
    assert.equal(await read(BRAKELMONDE), raw, 'the transcript itself is untouched');
  });

  it('draws overlapping codes in different lanes, each over its own range', async () => {
    const editor = await open(VELDEN);
    const outer = select(editor, 'ik ben coördinator internationale zaken, dat is formeel een halve functie');
    await vscode.commands.executeCommand('gloss.codeSelection', { codeId: 'org-stakeholders' });
    const inner = select(editor, 'formeel een halve functie');
    await vscode.commands.executeCommand('gloss.codeSelection', { codeId: 'org-legislation' });
    const s = await state();
    const stakeholders = s.decorations.find((d) => d.codeId === 'org-stakeholders' && d.ranges.some((r) => r.join() === rangeOf(editor, outer).join()));
    const legislation = s.decorations.find((d) => d.codeId === 'org-legislation' && d.ranges.some((r) => r.join() === rangeOf(editor, inner).join()));
    assert.ok(stakeholders && legislation, 'both passages highlighted');
    assert.equal(stakeholders.lane, 0);
    assert.equal(legislation.lane, 1, 'the nested passage is drawn in the next lane');
  });

  it('codes several selections at once, and the status bar names the codes at the cursor', async () => {
    const editor = await open(VELDEN);
    const a = select(editor, 'afvalbeheer');
    const b = select(editor, 'burgerparticipatie');
    editor.selections = [a, b].map((s) => new vscode.Selection(editor.document.positionAt(s.start), editor.document.positionAt(s.end)));
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-know-how' });
    assert.equal(ids?.length, 2);
    const ranges = decorationsOf(await state(), 'org-know-how').map((r) => r.join());
    for (const span of [a, b]) assert.ok(ranges.includes(rangeOf(editor, span).join()));
    editor.selection = new vscode.Selection(editor.document.positionAt(a.start + 2), editor.document.positionAt(a.start + 2));
    const s = await state();
    assert.match(s.status.main ?? '', /Know-how/);
  });

  it('codes in vivo: a new code named after the words, added to codebook.yaml with a palette colour', async () => {
    const editor = await open(VELDEN);
    const span = select(editor, '"Velden in de wereld"');
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelectionInVivo');
    assert.equal(ids?.length, 1);
    const codebookText = await read('codebook.yaml');
    const codebook = parseCodebook(codebookText, 'codebook.yaml').codebook;
    const code = codebook.roots.find((c) => c.name === 'Velden in de wereld');
    assert.ok(code, 'a top-level code named after the words');
    assert.equal(code.id, 'velden-in-de-wereld', 'a readable id made from the name');
    assert.match(code.colour ?? '', /^#[0-9A-F]{6}$/i);
    for (const comment of originals.get('codebook.yaml')!.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(codebookText.includes(comment), 'comments kept');
    const coding = (await storedCodings(VELDEN)).find((c) => c.id === ids![0]);
    assert.equal(coding?.code, code.id);
    const ranges = decorationsOf(await state(), code.id).map((r) => r.join());
    assert.deepEqual(ranges, [rangeOf(editor, span).join()]);
  });

  it('repeats the last code and codes with a quick code from the settings', async () => {
    const editor = await open(VELDEN);
    select(editor, 'Gemeente-tot-gemeente');
    await vscode.commands.executeCommand('gloss.codeSelection', { codeId: 'org-policy' });
    select(editor, 'lokaal bestuur');
    const [repeated] = (await vscode.commands.executeCommand<string[]>('gloss.repeatLastCode')) ?? [];
    assert.equal((await storedCodings(VELDEN)).find((c) => c.id === repeated)?.code, 'org-policy');
    await vscode.workspace.getConfiguration('gloss').update('quickCodes', ['Organisation › Motivation', 'int-power-relations'], vscode.ConfigurationTarget.Global);
    select(editor, 'waterputten');
    const [quick] = (await vscode.commands.executeCommand<string[]>('gloss.quickCode2')) ?? [];
    assert.equal((await storedCodings(VELDEN)).find((c) => c.id === quick)?.code, 'int-power-relations');
  });

  it('goes to the next and previous coded passage, also of one code only', async () => {
    const editor = await open(VELDEN);
    const s = await state();
    const starts = [...new Set(s.codings.map((c) => c.start))].sort((a, b) => a - b);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('gloss.nextCodedPassage');
    assert.equal(editor.document.offsetAt(editor.selection.start), starts[0]);
    await vscode.commands.executeCommand('gloss.nextCodedPassage');
    assert.equal(editor.document.offsetAt(editor.selection.start), starts[1]);
    await vscode.commands.executeCommand('gloss.previousCodedPassage');
    assert.equal(editor.document.offsetAt(editor.selection.start), starts[0]);
    await vscode.commands.executeCommand('gloss.previousCodedPassage');
    assert.equal(editor.document.offsetAt(editor.selection.start), starts[starts.length - 1], 'wraps around');
    const knowHow = s.codings.filter((c) => c.code === 'org-know-how').sort((a, b) => a.start - b.start);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('gloss.nextCodedPassage', { codeId: 'org-know-how' });
    assert.deepEqual([editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)], [knowHow[0].start, knowHow[0].end]);
  });

  it('hovers a coded passage with its codes, path, coder, date, memo and links', async () => {
    const editor = await open(VELDEN);
    const span = select(editor, 'economische zaken');
    const [id] = (await state()).codings.filter((c) => c.code === 'org-resources' && c.coder === CODER).map((c) => c.id);
    assert.ok(await vscode.commands.executeCommand('gloss.editCodingMemo', { codingId: id, memo: 'Half a post: resources are thin.' }));
    assert.equal((await storedCodings(VELDEN)).find((c) => c.id === id)?.memo, 'Half a post: resources are thin.');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(span.start + 3));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /Organisation › Resources/);
    assert.match(text, /Coding Tester/);
    assert.match(text, /Half a post: resources are thin\\\./);
    assert.match(text, /command:gloss\.removeCoding\?/);
    assert.match(text, /command:gloss\.coding\.revealCode\?/);
    assert.match(text, /20\d\d/, 'the date');
  });

  it('removes a coding: from the file and from the highlights', async () => {
    const editor = await open(VELDEN);
    const span = select(editor, 'waterputten');
    editor.selection = new vscode.Selection(editor.document.positionAt(span.start + 1), editor.document.positionAt(span.start + 1));
    const before = await storedCodings(VELDEN);
    assert.ok(await vscode.commands.executeCommand('gloss.removeCoding'), 'one own coding under the cursor: removed without asking');
    const after = await storedCodings(VELDEN);
    assert.equal(after.length, before.length - 1);
    assert.ok(!after.some((c) => c.quote === 'waterputten'));
    assert.ok(!decorationsOf(await state(), 'int-power-relations').some((r) => r.join() === rangeOf(editor, span).join()));
    // Codings of other coders are theirs: the command leaves them alone.
    const marike = (await state()).codings.find((c) => c.coder === 'Marike')!;
    const marikeFile = await read(`codings/marike/${VELDEN}.jsonl`);
    assert.equal(await vscode.commands.executeCommand('gloss.removeCoding', { codingId: marike.id }), false);
    assert.equal(await read(`codings/marike/${VELDEN}.jsonl`), marikeFile);
  });

  it('shows only the chosen codes with the focus filter, and all again when cleared', async () => {
    await open(VELDEN);
    await vscode.commands.executeCommand('gloss.focusCodes', { codeIds: ['org-policy'] });
    const focused = await state();
    assert.deepEqual([...new Set(focused.decorations.map((d) => d.codeId))], ['org-policy']);
    await vscode.commands.executeCommand('gloss.clearCodeFocus');
    assert.ok(new Set((await state()).decorations.map((d) => d.codeId)).size > 3);
  });

  describe('while the transcript is edited', () => {
    let editor: vscode.TextEditor;
    let passage: { start: number; end: number };
    const QUOTE = '2.2 positions';
    const GROWN = `${QUOTE.slice(0, 4)}XY${QUOTE.slice(4)}`;

    before(async () => {
      editor = await open(TESSENFELD);
      const text = editor.document.getText();
      assert.ok(text.includes(QUOTE), `${QUOTE} in ${TESSENFELD}`);
      passage = select(editor, QUOTE);
      await vscode.commands.executeCommand('gloss.codeSelection', { codeId: 'org-stakeholders' });
      // Transcripts open protected while coding: editing them is a choice.
      await vscode.commands.executeCommand('gloss.editTranscript');
    });

    after(() => vscode.commands.executeCommand('gloss.protectTranscript'));

    const mine = async () => (await state()).codings.filter((c) => c.coder === CODER && c.code === 'org-stakeholders');
    const debug = async () => JSON.stringify({ ...(await state()), decorations: [], timings: undefined, codings: (await state()).codings.filter((c) => c.coder === CODER) });
    const quoteNow = async () => {
      const [c] = await mine();
      return c ? editor.document.getText().slice(c.start, c.end) : undefined;
    };

    it('typing inside a coded passage makes it grow; typing at its edges stays outside', async () => {
      await editor.edit((e) => e.insert(editor.document.positionAt(passage.start + 4), 'XY'));
      assert.equal(await quoteNow(), GROWN);
      await editor.edit((e) => e.insert(editor.document.positionAt(passage.start), '<'));
      await editor.edit((e) => e.insert(editor.document.positionAt(passage.start + 1 + QUOTE.length + 2), '>'));
      assert.equal(await quoteNow(), GROWN);
      const [c] = await mine();
      assert.equal(editor.document.getText().slice(c.start - 1, c.end + 1), `<${GROWN}>`);
      const after = await state();
      const ranges = decorationsOf(after, 'org-stakeholders').map((r) => r.join());
      assert.ok(ranges.includes(rangeOf(editor, c).join()), 'the highlight moved with it');
      assert.deepEqual(after.recentChanges.slice(-3).map((e) => e.reload), [false, false, false], 'typing, even the first keystroke after a save, is followed edit by edit');
    });

    it('undo and redo restore codings and highlights, also of a deleted passage', async () => {
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('undo');
      await waitFor('the text back', () => editor.document.getText() === originals.get(TESSENFELD));
      assert.equal(await quoteNow(), QUOTE, await debug());
      const [c] = await mine();
      assert.deepEqual([c.start, c.end], [passage.start, passage.end]);

      // Delete a line holding the passage: it becomes an orphan in waiting; undo brings it back.
      const line = editor.document.lineAt(editor.document.positionAt(passage.start).line);
      await editor.edit((e) => e.delete(line.rangeIncludingLineBreak));
      let s = await state();
      assert.equal((await mine()).length, 0);
      assert.ok(s.orphans.some((o) => o.quote === QUOTE && o.reason === 'its text was deleted'));
      assert.ok(s.status.orphans, 'the status bar shows orphans');
      await waitFor('an orphan diagnostic', () =>
        vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'Gloss' && d.message.includes(QUOTE)),
      );
      await vscode.commands.executeCommand('undo');
      assert.equal(await quoteNow(), QUOTE, await debug());
      s = await state();
      assert.ok(decorationsOf(s, 'org-stakeholders').some((r) => r.join() === rangeOf(editor, passage).join()));
      await vscode.commands.executeCommand('redo');
      assert.equal((await mine()).length, 0);
      await vscode.commands.executeCommand('undo');
      assert.equal(await quoteNow(), QUOTE, await debug());
      assert.equal((await state()).orphans.length, 0);
      assert.equal(editor.document.isDirty, false);
    });
  });

  describe('when a transcript changes on disk under an open editor', () => {
    it('re-anchors what it can, and shows what it cannot as orphans that can be re-attached', async () => {
      const editor = await open(KASSOUMBE);
      const original = originals.get(KASSOUMBE)!;
      // Two codings of ours: one on a sentence that stays, one on a sentence that goes.
      const staysText = editor.document.lineAt(12).text.trim().slice(0, 40);
      assert.ok(staysText.length > 20, 'a line with text to code');
      const stays = select(editor, staysText);
      await vscode.commands.executeCommand('gloss.codeSelection', { codeId: 'org-policy' });
      const goneLine = editor.document.lineAt(editor.document.lineCount - 3).text.trim() || editor.document.lineAt(editor.document.lineCount - 2).text.trim();
      const goneText = goneLine.slice(0, 30);
      select(editor, goneText);
      const [goneId] = (await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-resources' })) ?? [];
      assert.ok(goneId);
      assert.equal(editor.document.isDirty, false);

      // Someone edits the file elsewhere: a paragraph inserted on top, the sentence removed.
      const edited = `# Note added by the transcriber.\n\n${original.replace(goneLine, '[passage removed by the transcriber]')}`;
      await fs.writeFile(file(KASSOUMBE), edited);
      await waitFor('the editor to reload', () => editor.document.getText() === edited, 20_000);
      const s = await waitFor('the orphan', async () => {
        const now = await state(KASSOUMBE);
        return now.orphans.some((o) => o.id === goneId) ? now : undefined;
      });
      assert.equal(s.recentChanges.at(-1)?.reload, true, 'the reload was recognised');
      const kept = s.codings.find((c) => c.coder === CODER && c.code === 'org-policy');
      assert.ok(kept, 'the coding on the kept sentence is still placed');
      assert.equal(editor.document.getText().slice(kept.start, kept.end), staysText);
      assert.ok(kept.start > stays.start, 'and moved below the inserted note');
      const diagnostic = await waitFor('the orphan in the Problems panel', () =>
        vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'Gloss' && d.message.includes(goneText.slice(0, 20))),
      );
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);

      // Re-attach it to another passage.
      const target = select(editor, '[passage removed by the transcriber]');
      assert.ok(await vscode.commands.executeCommand('gloss.reattachOrphan', { codingId: goneId }));
      const after = await state(KASSOUMBE);
      assert.ok(!after.orphans.some((o) => o.id === goneId));
      assert.ok(decorationsOf(after, 'org-resources').some((r) => r.join() === rangeOf(editor, target).join()));
      const stored = (await storedCodings(KASSOUMBE)).find((c) => c.id === goneId)!;
      const text = normaliseText(editor.document.getText());
      assert.equal(stored.quote, '[passage removed by the transcriber]');
      assert.equal(stored.version, textVersion(text));
      assert.equal([...text].slice(stored.start, stored.end).join(''), stored.quote);
      await waitFor('the diagnostic gone', () =>
        !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.source === 'Gloss' && d.message.includes(goneText.slice(0, 20))),
      );
    });

    it("never re-attaches another coder's orphan: their file stays as it was, the passage can be coded as one's own", async () => {
      const otherFile = `codings/orphan-owner/${TESSENFELD}.jsonl`;
      const orphan: Coding = {
        id: 'other-coders-orphan',
        code: 'org-policy',
        start: 0,
        end: 22,
        quote: 'words found nowhere now',
        prefix: '',
        suffix: '',
        version: '0'.repeat(40),
        coder: 'Orphan Owner',
        created: '2026-01-01T00:00:00.000Z',
      };
      const otherText = formatCodingsFile([orphan]);
      await fs.mkdir(path.dirname(file(otherFile)), { recursive: true });
      await fs.writeFile(file(otherFile), otherText);
      try {
        await vscode.commands.executeCommand('gloss.reloadStudy');
        const editor = await open(TESSENFELD);
        await waitFor('the other coder\'s orphan', async () => (await state(TESSENFELD)).orphans.some((o) => o.id === orphan.id) || undefined);
        const passage = 'Thank you for taking the time';
        select(editor, passage);
        assert.equal(await vscode.commands.executeCommand('gloss.reattachOrphan', { codingId: orphan.id, asMine: false }), false);
        assert.equal(await read(otherFile), otherText, 'declined: nothing written');
        assert.equal(await vscode.commands.executeCommand('gloss.reattachOrphan', { codingId: orphan.id, asMine: true }), true);
        assert.equal(await read(otherFile), otherText, "the other coder's file is byte-identical");
        const mine = (await storedCodings(TESSENFELD)).filter((c) => c.code === 'org-policy' && c.quote === passage);
        assert.equal(mine.length, 1, 'the passage is coded as our own coding of the same code');
        assert.equal(mine[0].coder, CODER);
        assert.ok((await state(TESSENFELD)).orphans.some((o) => o.id === orphan.id), "the other coder's orphan is still theirs to re-attach");
      } finally {
        await fs.rm(file('codings/orphan-owner'), { recursive: true, force: true });
        await vscode.commands.executeCommand('gloss.reloadStudy');
      }
    });
  });
});
