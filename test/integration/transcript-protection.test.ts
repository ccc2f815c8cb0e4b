// Transcripts are protected while coding: a transcript opens read-only (VS Code's own read-only
// editor), so a stray key cannot replace a selected passage; "Gloss: Edit This Transcript" lets
// edits through until "Gloss: Protect This Transcript". And a transcript reopened in the same
// session opens as Transcript again, while a language the user picks stays.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './helpers/wait';

const VELDEN = 'transcripts/velden/velden-official-01.txt';
const MACUVANE = 'transcripts/macuvane/macuvane-official-01.txt';
const KASSOUMBE = 'transcripts/kassoumbe/kassoumbe-official-01.txt';
/** Opened by no other suite: the extension host holds no reference that keeps it open when closed. */
const RAVENSWAARDE = 'transcripts/ravenswaarde/ravenswaarde-ngo-01.txt';
const SAN_AURELIO = 'transcripts/san-aurelio/san-aurelio-politician-01.txt';
const CODER = 'Protection Tester';
const CODER_FOLDER = 'codings/protection-tester';

interface Row {
  kind: string;
  id: string;
  segment?: { documentPath: string; line: number | undefined; start: number; end: number };
  children: Row[];
}

interface ProtectionState {
  protected: boolean;
  status: { text: string; tooltip: string; label: string } | undefined;
}

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
const uriOf = (relative: string) => vscode.Uri.file(file(relative));

function flatten(rows: Row[]): Row[] {
  return rows.flatMap((r) => [r, ...flatten(r.children)]);
}

/** What the protection of the active transcript is, once it has been applied. */
function protection(): Promise<ProtectionState> {
  return waitFor('the protection state', () => vscode.commands.executeCommand<ProtectionState | undefined>('gloss.test.protection'));
}

/**
 * Opens a transcript as the Explorer does (vscode.open: showTextDocument would first open the
 * document for the extension host, which keeps it open for minutes after its editor closes) and
 * waits until it is a tracked transcript.
 */
async function open(relative: string): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('vscode.open', uriOf(relative), { preview: false });
  return waitFor(`${relative} open as a transcript`, async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.fsPath !== file(relative) || editor.document.languageId !== 'transcript') return undefined;
    return (await vscode.commands.executeCommand('gloss.test.codingState', { settle: false })) !== undefined && editor;
  });
}

/**
 * A stray Enter over the selection, then an edit through the editor (which resolves true even
 * when a read-only editor refuses it): the caller checks the text.
 */
async function tryToDestroy(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('type', { text: '\n' });
  await editor.edit((e) => e.replace(editor.selection, 'REPLACED'));
}

/**
 * A switch of language by the extension is requested while it handles the open or language event;
 * two round trips through the workbench come after it.
 */
async function settleLanguage(): Promise<void> {
  for (let i = 0; i < 2; i++) await vscode.window.showTextDocument(vscode.window.activeTextEditor!.document);
}

async function close(relative: string): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file(relative));
  if (!document) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await waitFor(`${relative} closed`, () => document.isClosed);
}

describe('transcripts protected while coding', function () {
  this.timeout(60_000);
  const originals = new Map<string, string>();
  const autoSaveBefore = vscode.workspace.getConfiguration('files').inspect<string>('autoSave')?.globalValue;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    // The tests make edits and revert them. In a browser VS Code auto-saves after a second by
    // default: on a busy machine an edit would reach the disk before its revert.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const relative of [VELDEN, MACUVANE, KASSOUMBE]) originals.set(relative, await read(relative));
    await vscode.workspace.getConfiguration('gloss').update('coder', CODER, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('gloss').update('protectTranscripts', undefined, vscode.ConfigurationTarget.Global);
    for (const editor of vscode.window.visibleTextEditors) {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [relative, text] of originals) await fs.writeFile(file(relative), text);
    await fs.rm(file(`${CODER_FOLDER}/${VELDEN}.jsonl`), { force: true });
    await fs.rm(file(CODER_FOLDER), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSaveBefore, vscode.ConfigurationTarget.Global);
  });

  it('opens a segment from the Codebook tree with the passage selected, protected: Enter and an edit change nothing, in the editor or on disk', async () => {
    const rows = flatten((await vscode.commands.executeCommand<Row[]>('gloss.test.codebookTree', { segments: true })) ?? []);
    const segment = rows.find((r) => r.kind === 'segment' && r.segment?.documentPath === VELDEN)?.segment;
    assert.ok(segment, 'a segment of the transcript in the tree');
    await vscode.commands.executeCommand('gloss.openSegment', segment);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.fsPath, file(VELDEN));
    assert.ok(!editor.selection.isEmpty, 'the passage is selected');
    const quote = editor.document.getText(editor.selection);
    const text = editor.document.getText();
    await tryToDestroy(editor);
    assert.equal(editor.document.getText(), text, 'the text is unchanged');
    assert.equal(editor.document.getText(editor.selection), quote, 'the passage is still selected');
    assert.equal(editor.document.isDirty, false);
    assert.equal(await read(VELDEN), originals.get(VELDEN), 'the file on disk is unchanged');
    const state = await protection();
    assert.equal(state.protected, true);
    assert.equal(state.status?.text, '$(lock) Coding');
    assert.match(state.status!.label, /protected/i);
  });

  it('keeps coding in a protected transcript: coding does not edit the text', async () => {
    const editor = await open(VELDEN);
    assert.equal((await protection()).protected, true);
    const text = editor.document.getText();
    const needle = text.indexOf('Velden');
    editor.selection = new vscode.Selection(editor.document.positionAt(needle), editor.document.positionAt(needle + 'Velden'.length));
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-stakeholders' });
    assert.equal(ids?.length, 1, 'coded');
    const written = await read(`${CODER_FOLDER}/${VELDEN}.jsonl`);
    assert.ok(written.includes(ids![0]), 'the coding is on disk');
    assert.equal(await vscode.commands.executeCommand('gloss.removeCoding', { codingId: ids![0] }), true, 'removed');
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);
  });

  it('opens a transcript from the Explorer protected, and Gloss: Edit This Transcript lets edits through until Gloss: Protect This Transcript', async () => {
    const editor = await open(MACUVANE);
    assert.equal((await protection()).protected, true);
    const text = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 3);
    await tryToDestroy(editor);
    assert.equal(editor.document.getText(), text);

    await vscode.commands.executeCommand('gloss.editTranscript');
    const editing = await protection();
    assert.equal(editing.protected, false);
    assert.equal(editing.status?.text, '$(edit) Editing');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'X'));
    assert.equal(editor.document.getText(), `X${text}`, 'the edit goes through');

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('gloss.protectTranscript');
    assert.equal((await protection()).protected, true);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Y'));
    assert.equal(editor.document.getText(), text, 'protected again');
  });

  it('opening a segment protects a transcript that was being edited', async () => {
    const editor = await open(MACUVANE);
    await vscode.commands.executeCommand('gloss.editTranscript');
    assert.equal((await protection()).protected, false);
    await vscode.commands.executeCommand('gloss.openSegment', { documentPath: MACUVANE, start: 10, end: 20 });
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    assert.equal((await protection()).protected, true);
    const text = editor.document.getText();
    await tryToDestroy(vscode.window.activeTextEditor!);
    assert.equal(editor.document.getText(), text);
  });

  it('protects a transcript with unsaved edits once they are saved: VS Code does not save a read-only file', async () => {
    try {
      const editor = await open(MACUVANE);
      await vscode.commands.executeCommand('gloss.editTranscript');
      const text = editor.document.getText();
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'X'));
      assert.ok(editor.document.isDirty);
      await vscode.commands.executeCommand('gloss.openSegment', { documentPath: MACUVANE, start: 10, end: 20 });
      const waiting = await protection();
      assert.equal(waiting.protected, false, 'not read-only while its edits are unsaved');
      assert.match(waiting.status!.tooltip, /once they are saved/);
      assert.ok(await editor.document.save(), 'the edits are saved');
      assert.equal(await read(MACUVANE), `X${text}`.replace(/\n/g, originals.get(MACUVANE)!.includes('\r\n') ? '\r\n' : '\n'));
      await waitFor('protection after the save', async () => (await protection()).protected);
      await tryToDestroy(editor);
      assert.equal(editor.document.getText(), `X${text}`);
    } finally {
      await fs.writeFile(file(MACUVANE), originals.get(MACUVANE)!);
    }
  });

  it('edits the transcript whose title bar button was pressed, also when another editor is active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const left = await open(VELDEN);
    await vscode.commands.executeCommand('vscode.open', uriOf(MACUVANE), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await waitFor('the second transcript active', () => vscode.window.activeTextEditor?.document.uri.fsPath === file(MACUVANE));
    await vscode.commands.executeCommand('gloss.editTranscript', uriOf(VELDEN));
    assert.equal(vscode.window.activeTextEditor?.document, left.document, 'the pressed one is active');
    assert.equal((await protection()).protected, false);
    const text = left.document.getText();
    await left.edit((e) => e.insert(new vscode.Position(0, 0), 'X'));
    assert.equal(left.document.getText(), `X${text}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('gloss.protectTranscript', uriOf(VELDEN));
    assert.equal((await protection()).protected, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('leaves transcripts editable when gloss.protectTranscripts is off', async () => {
    await vscode.workspace.getConfiguration('gloss').update('protectTranscripts', false, vscode.ConfigurationTarget.Global);
    try {
      const editor = await open(KASSOUMBE);
      assert.equal((await protection()).protected, false);
      const text = editor.document.getText();
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'X'));
      assert.equal(editor.document.getText(), `X${text}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.workspace.getConfiguration('gloss').update('protectTranscripts', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  describe('the Transcript language', () => {
    it('opens a transcript as Transcript every time it is reopened in the session', async () => {
      await close(RAVENSWAARDE);
      for (let round = 1; round <= 3; round++) {
        const editor = await open(RAVENSWAARDE).catch(() => undefined);
        assert.equal(vscode.window.activeTextEditor?.document.languageId, 'transcript', `opening ${round}`);
        assert.ok(editor);
        await close(RAVENSWAARDE);
      }
    });

    it('keeps a language the user picked, also when the transcript is reopened, until they pick Transcript again', async () => {
      const editor = await open(SAN_AURELIO);
      await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
      await vscode.commands.executeCommand('gloss.reloadStudy');
      await settleLanguage();
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'plaintext');
      await close(SAN_AURELIO);
      await vscode.commands.executeCommand('vscode.open', uriOf(SAN_AURELIO), { preview: false });
      const reopened = await waitFor('the reopened transcript tracked', async () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.fsPath === file(SAN_AURELIO) && (await vscode.commands.executeCommand('gloss.test.codingState', { settle: false })) !== undefined && active;
      });
      await settleLanguage();
      assert.equal(reopened.document.languageId, 'plaintext', 'reopened, it keeps the language the user picked');
      await vscode.languages.setTextDocumentLanguage(reopened.document, 'transcript');
      await close(SAN_AURELIO);
      assert.equal((await open(SAN_AURELIO)).document.languageId, 'transcript', 'picked again, Transcript it stays');
    });
  });
});
