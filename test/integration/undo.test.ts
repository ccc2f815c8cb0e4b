// Gloss: Undo and Gloss: Redo in a real VS Code on the example study, as a user runs them: coding a
// passage and deleting a code with its codings are taken back and done again, checked on disk, in
// the highlights and in the codebook tree. Puts back what it changed for the suites after it.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { parseCodebook } from '../../src/core/codebook/parse';
import { formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { TextIndex } from '../../src/core/text/offsets';
import { waitFor } from './helpers/wait';

const CODER = 'Undo Tester';
const CODER_FOLDER = 'codings/undo-tester';
const TRANSCRIPT = 'transcripts/velden/velden-official-01.txt';
const MINE = `${CODER_FOLDER}/${TRANSCRIPT}.jsonl`;
const OTHER = `codings/undo-colleague/${TRANSCRIPT}.jsonl`;

type Range4 = [number, number, number, number];
interface CodingState {
  codings: { id: string; code: string; range: Range4 }[];
  decorations: { codeId: string; ranges: Range4[] }[];
}
interface Row {
  kind: string;
  id: string;
  description: string;
  children: Row[];
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
const readIfExists = (relative: string) => read(relative).catch(() => undefined);

async function codingState(): Promise<CodingState> {
  return waitFor('the coding state', () => vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', {}));
}

async function idsOnDisk(relative: string): Promise<string[]> {
  return parseCodingsFile((await readIfExists(relative)) ?? '', relative).codings.map((c) => c.id);
}

async function codeRow(id: string): Promise<Row | undefined> {
  const flatten = (rows: Row[]): Row[] => rows.flatMap((r) => [r, ...flatten(r.children)]);
  return flatten((await vscode.commands.executeCommand<Row[]>('gloss.test.codebookTree', {})) ?? []).find((r) => r.kind === 'code' && r.id === id);
}

/** A coding of `needle` in the transcript, made as the coding feature would. */
async function codingOf(id: string, code: string, coder: string, needle: string, memo?: string): Promise<Coding> {
  const text = normaliseText(await read(TRANSCRIPT));
  const index = TextIndex.forText(text);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `the transcript contains "${needle}"`);
  const span = { start: index.toCodePointOffset(at), end: index.toCodePointOffset(at + needle.length) };
  return { id, code, ...span, ...quoteSelectors(text, span, index), version: textVersion(text), coder, created: '2026-04-01T10:00:00.000Z', ...(memo ? { memo } : {}) };
}

describe('undo and redo of coding and codebook operations', function () {
  this.timeout(60_000);
  let originalCodebook: string;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    originalCodebook = await read('codebook.yaml');
    await vscode.workspace.getConfiguration('gloss').update('coder', CODER, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file('codebook.yaml'), originalCodebook);
    for (const relative of [MINE, OTHER]) await fs.rm(file(relative), { force: true });
    for (const folder of [CODER_FOLDER, 'codings/undo-colleague']) await fs.rm(file(folder), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
  });

  it('undoes coding a passage: gone from the file on disk and the highlights; redo brings it back', async () => {
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file(TRANSCRIPT)), { preview: false });
    await waitFor('the transcript tracked', () => vscode.commands.executeCommand('gloss.test.codingState', {}));
    const text = editor.document.getText();
    const start = text.indexOf('de andere helft doe ik economische zaken');
    const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 40));
    editor.selection = new vscode.Selection(range.start, range.end);
    const [id] = (await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-resources' })) ?? [];
    assert.ok(id, 'coded');
    assert.deepEqual(await idsOnDisk(MINE), [id]);
    const where = [range.start.line, range.start.character, range.end.line, range.end.character].join();
    const highlighted = (s: CodingState) => s.decorations.some((d) => d.codeId === 'org-resources' && d.ranges.some((r) => r.join() === where));
    assert.ok(highlighted(await codingState()));

    assert.ok(await vscode.commands.executeCommand('gloss.undo'), 'something was undone');
    assert.deepEqual(await idsOnDisk(MINE), [], 'the coding is gone from disk');
    await waitFor('the highlight to go', async () => !highlighted(await codingState()) && !(await codingState()).codings.some((c) => c.id === id));

    assert.ok(await vscode.commands.executeCommand('gloss.redo'), 'something was redone');
    assert.deepEqual(await idsOnDisk(MINE), [id], 'the coding is back on disk');
    await waitFor('the highlight to come back', async () => highlighted(await codingState()));
  });

  it('undoes deleting a code with your codings: codebook.yaml and your codings file exactly as before, the colleague\'s never written; redo deletes again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gloss.codebook.addCode', { name: 'Undo me', newId: 'undo-me' });
    const mine = formatCodingsFile([await codingOf('u-1', 'undo-me', CODER, 'een beleidsnota aangenomen', 'My memo')]);
    const other = formatCodingsFile([await codingOf('u-2', 'undo-me', 'Undo Colleague', 'Gemeente-tot-gemeente'), await codingOf('u-3', 'org-resources', 'Undo Colleague', 'afvalbeheer')]);
    await fs.mkdir(path.dirname(file(MINE)), { recursive: true });
    await fs.mkdir(path.dirname(file(OTHER)), { recursive: true });
    await fs.writeFile(file(MINE), mine);
    await fs.writeFile(file(OTHER), other);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await waitFor('the codings in the tree', async () => (await codeRow('undo-me'))?.description.startsWith('2 ·') || undefined);
    const codebookBefore = await read('codebook.yaml');

    await vscode.commands.executeCommand('gloss.codebook.delete', { codeId: 'undo-me', codings: 'remove' });
    assert.equal(parseCodebook(await read('codebook.yaml'), 'codebook.yaml').codebook.has('undo-me'), false);
    assert.equal(await readIfExists(MINE), undefined, 'my file, left without codings, is gone');
    assert.equal(await read(OTHER), other, 'the colleague\'s codings stay theirs');
    await waitFor('the code to leave the tree', async () => (await codeRow('undo-me')) === undefined);

    await vscode.commands.executeCommand('gloss.undo');
    assert.equal(await read('codebook.yaml'), codebookBefore, 'codebook.yaml exactly as before');
    assert.equal(await read(MINE), mine, 'my codings file exactly as before, memo included');
    assert.equal(await read(OTHER), other, 'the colleague\'s file exactly as before');
    await waitFor('the code back in the tree with its codings', async () => (await codeRow('undo-me'))?.description.startsWith('2 ·') || undefined);

    await vscode.commands.executeCommand('gloss.redo');
    assert.equal(parseCodebook(await read('codebook.yaml'), 'codebook.yaml').codebook.has('undo-me'), false);
    assert.equal(await readIfExists(MINE), undefined);
    assert.equal(await read(OTHER), other, 'the colleague\'s codings stay theirs');
    await waitFor('the code to leave the tree again', async () => (await codeRow('undo-me')) === undefined);

    // Undo twice more: the deletion, then adding the code; the codebook is the original again.
    await vscode.commands.executeCommand('gloss.undo');
    await vscode.commands.executeCommand('gloss.undo');
    assert.equal(await read('codebook.yaml'), originalCodebook);
  });
});
