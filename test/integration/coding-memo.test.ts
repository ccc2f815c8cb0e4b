// A coding's memo written in a Markdown editor beside the transcript: typed over several lines,
// saved into the coder's codings file (only that coding's line changes), shown in the hover, and
// refused with the text kept when the coding was removed meanwhile.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodingsFile } from '../../src/core/codings/format';
import { codeText, openTranscript } from './helpers/coding';
import { waitFor } from './helpers/wait';

const CODER = 'Memo Writer';
const VELDEN = 'transcripts/velden/velden-official-01.txt';
const CODINGS = `codings/memo-writer/${VELDEN}.jsonl`;

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));

interface CodingState {
  codings: { id: string; code: string; coder: string; memo?: string; start: number; end: number }[];
}

/** Runs the memo command on a coding and waits for its editor to be the active one. */
async function openMemo(codingId: string): Promise<vscode.TextEditor> {
  assert.ok(await vscode.commands.executeCommand('gloss.editCodingMemo', { codingId }));
  return waitFor('the memo editor', () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.scheme === 'gloss-memo' && editor.document.uri.path.includes(encodeURIComponent(codingId)) ? editor : undefined;
  });
}

/**
 * Saves as Ctrl+S does. VS Code cancels a save when another extension's save listener is slow
 * (the host under load): then it is saved again, as a user would.
 */
async function save(document: vscode.TextDocument): Promise<void> {
  await waitFor(`${document.uri.path} saved`, async () => (await document.save()) || !document.isDirty);
}

async function type(editor: vscode.TextEditor, text: string): Promise<void> {
  const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
  assert.ok(await editor.edit((b) => b.replace(whole, text)));
}

describe('coding memos in a Markdown editor', function () {
  this.timeout(60_000);

  before(async () => {
    await vscode.workspace.getConfiguration('gloss').update('coder', CODER, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'gloss-memo' && d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
  });

  it('writes a memo of two lines typed in the memo editor into the codings file, changing only its line, and the hover shows both lines', async () => {
    const transcript = await openTranscript(VELDEN);
    const policy = await codeText(transcript, 'economische zaken', 'org-resources');
    await codeText(transcript, 'waterputten', 'int-power-relations');
    const before = (await fs.readFile(file(CODINGS), 'utf8')).split('\n');

    const memo = await openMemo(policy.id);
    assert.equal(memo.document.languageId, 'markdown');
    assert.equal(memo.document.getText(), '', 'no memo yet');
    await type(memo, 'Half a post: resources are thin.\nCompare *Tessenfeld* [page 2].\n');
    await save(memo.document);

    const text = await fs.readFile(file(CODINGS), 'utf8');
    const after = text.split('\n');
    assert.equal(after.length, before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    assert.equal(changed.length, 1, 'only the memo’s coding line changed');
    assert.ok(changed[0].includes('"memo":"Half a post: resources are thin.\\nCompare *Tessenfeld* [page 2]."'), changed[0]);
    const stored = parseCodingsFile(text, CODINGS).codings.find((c) => c.id === policy.id);
    assert.equal(stored?.memo, 'Half a post: resources are thin.\nCompare *Tessenfeld* [page 2].');

    await vscode.window.showTextDocument(transcript.document, vscode.ViewColumn.One);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', transcript.document.uri, transcript.document.positionAt(policy.start + 3));
    const markdown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.ok(markdown.includes('Half a post: resources are thin\\.  \nCompare \\*Tessenfeld\\* \\[page 2\\]\\.'), markdown);

    // Emptied and saved: the memo is removed.
    const again = await openMemo(policy.id);
    assert.equal(again.document.getText().trim(), 'Half a post: resources are thin.\nCompare *Tessenfeld* [page 2].');
    await type(again, '  \n');
    await save(again.document);
    const emptied = parseCodingsFile(await fs.readFile(file(CODINGS), 'utf8'), CODINGS).codings.find((c) => c.id === policy.id);
    assert.ok(emptied && !('memo' in emptied), 'the memo is gone from the record');
  });

  it('refuses to save the memo of a coding removed meanwhile, writing nothing and keeping the text', async () => {
    const transcript = await openTranscript(VELDEN);
    const coding = (await vscode.commands.executeCommand<CodingState>('gloss.test.codingState'))!.codings.find((c) => c.coder === CODER && c.code === 'int-power-relations')!;
    const memo = await openMemo(coding.id);
    await type(memo, 'Who owns the wells?\nAsk again.');
    await vscode.window.showTextDocument(transcript.document, vscode.ViewColumn.One);
    assert.ok(await vscode.commands.executeCommand('gloss.removeCoding', { codingId: coding.id }));
    const onDisk = await fs.readFile(file(CODINGS), 'utf8');
    assert.ok(!onDisk.includes(coding.id), 'removed');

    assert.equal(await memo.document.save(), false, 'the save is refused');
    assert.equal(await fs.readFile(file(CODINGS), 'utf8'), onDisk, 'nothing written');
    assert.ok(memo.document.isDirty, 'the editor still holds the unsaved memo');
    assert.equal(memo.document.getText(), 'Who owns the wells?\nAsk again.');
  });
});
