// Issue 9, points 1, 2, 5 and 12 in a real VS Code: nothing is read or written outside the study
// or through a symbolic link, transcripts the editor reads differently from the core are not
// coded, and gloss.studyFolder cannot point outside the workspace. Each refusal is visible in the
// Problems panel. Runs on a copy of the example study and puts back what it changed.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_VIEW, type TestAction } from '../../src/shared/comparison-protocol';
import { waitFor } from './helpers/wait';

const CODER = 'Link Tester';
const CODER_FOLDER = 'codings/link-tester';
const VELDEN = 'transcripts/velden/velden-official-01.txt';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
/** A folder next to the study, outside the workspace. */
const outside = () => path.join(path.dirname(root()), 'outside-the-study');

function glossProblems(relative: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file(relative))).filter((d) => d.source === 'Gloss');
}

async function exists(absolute: string): Promise<boolean> {
  return fs.lstat(absolute).then(
    () => true,
    () => false,
  );
}

/**
 * Opens a file, waits until `ready` holds, selects `needle` and runs Code Selection; resolves with
 * what the command returned (undefined: refused).
 */
async function codeInEditor(relative: string, needle: string, ready: () => Promise<boolean>): Promise<string[] | undefined> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file(relative)), { preview: false });
  await waitFor(`${relative} ready to code`, ready);
  const start = editor.document.getText().indexOf(needle);
  assert.ok(start >= 0, `"${needle}" is in ${relative}`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + needle.length));
  return vscode.commands.executeCommand<string[] | undefined>('gloss.codeSelection', { codeId: 'org-resources' });
}

describe('files inside the study only, never through a link', function () {
  this.timeout(60_000);
  let cases: string;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    await vscode.workspace.getConfiguration('gloss').update('coder', CODER, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    cases = await fs.readFile(file('cases.yaml'), 'utf8');
    await fs.mkdir(outside(), { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file('cases.yaml'), cases);
    await fs.rm(file(CODER_FOLDER), { recursive: true, force: true });
    await fs.rm(outside(), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('gloss').update('studyFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('a document path with ../ in cases.yaml is a problem, and Open Document Memo on it creates nothing outside', async () => {
    const escaping = '../../../escaped.txt';
    await fs.writeFile(file('cases.yaml'), cases.replace(/documents:\n(\s+)- /, (_match, indent: string) => `documents:\n${indent}- ${escaping}\n${indent}- `));
    await vscode.commands.executeCommand('gloss.reloadStudy');
    const parent = path.dirname(root());
    const before = await fs.readdir(parent);
    // As the Documents view passes a document: the path straight from cases.yaml.
    await vscode.commands.executeCommand('gloss.openDocumentMemo', { kind: 'document', path: escaping });
    assert.deepEqual(await fs.readdir(parent), before);
    assert.equal(await exists(path.join(parent, 'escaped.txt.md')), false);
    const problem = await waitFor('the problem on cases.yaml', () => glossProblems('cases.yaml').find((d) => /inside the study/.test(d.message)));
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    await fs.writeFile(file('cases.yaml'), cases);
    await waitFor('cases.yaml without problems', () => glossProblems('cases.yaml').length === 0);
  });

  it('a coder folder that is a symlink is a problem, and coding does not write through it', async () => {
    const stored = ['{"id":"a"}', '{"id":"b"}', '{"id":"c"}'].join('\n') + '\n';
    const target = path.join(outside(), 'codings', ...VELDEN.split('/')) + '.jsonl';
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, stored);
    await fs.symlink(path.join(outside(), 'codings'), file(CODER_FOLDER), 'dir');
    await vscode.commands.executeCommand('gloss.reloadStudy');

    const tracked = async () => (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined;
    const ids = await codeInEditor(VELDEN, 'de andere helft doe ik economische zaken', tracked);
    assert.equal(ids, undefined, 'the coding was refused');
    assert.equal(await fs.readFile(target, 'utf8'), stored, 'the file outside the study is untouched');
    assert.ok((await fs.lstat(file(CODER_FOLDER))).isSymbolicLink(), 'the link is still a link');
    const problem = await waitFor('the problem on the linked folder', () => glossProblems(CODER_FOLDER).find((d) => /symbolic link/.test(d.message)));
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(file(CODER_FOLDER));
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('a codebook saved as Latin-1 is reported at the line of its first bad byte and never rewritten', async () => {
    const codebook = file('codebook.yaml');
    const original = await fs.readFile(codebook);
    const at = original.indexOf('name: Policy');
    assert.ok(at > 0, 'the fixture names a code Policy');
    // "Policy" becomes "Pölicy" in Latin-1: one byte 0xF6, not UTF-8.
    const latin1 = Buffer.concat([original.subarray(0, at + 7), Buffer.from([0xf6]), original.subarray(at + 7)]);
    const badLine = original.subarray(0, at).toString('utf8').split('\n').length;
    await fs.writeFile(codebook, latin1);
    try {
      const problem = await waitFor('the problem on codebook.yaml', () => glossProblems('codebook.yaml').find((d) => /UTF-8/.test(d.message)));
      assert.equal(problem.range.start.line + 1, badLine);
      await vscode.commands.executeCommand('gloss.codebook.rename', { codeId: 'org-stakeholders', name: 'Stakeholders and partners' }).then(
        () => undefined,
        () => undefined,
      );
      assert.ok((await fs.readFile(codebook)).equals(latin1), 'the file is as the researcher left it');
    } finally {
      await fs.writeFile(codebook, original);
      await waitFor('the problem to go', () => glossProblems('codebook.yaml').length === 0);
    }
  });

  for (const [name, content] of [
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A: economische zaken\n', 'utf16le')])],
    ['a line separator', Buffer.from('A: de eerste\u2028B: economische zaken\n')],
    ['two byte order marks', Buffer.from('\uFEFF\uFEFFA: economische zaken\n')],
  ] as const) {
    it(`a transcript with ${name} is reported and not coded`, async () => {
      const relative = `transcripts/unsupported-${name.replace(/\W+/g, '-')}.txt`;
      await fs.writeFile(file(relative), content);
      try {
        const reported = () => Promise.resolve(glossProblems(relative).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
        const ids = await codeInEditor(relative, 'economische zaken', reported);
        assert.equal(ids, undefined, 'the coding was refused');
        assert.equal(await exists(file(`${CODER_FOLDER}/${relative}.jsonl`)), false, 'no codings file was written');
      } finally {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await fs.rm(file(relative), { force: true });
      }
    });
  }

  it('a transcript refused for a line separator can be coded once the separator is replaced and the file saved', async () => {
    const relative = 'transcripts/unsupported-fixed.txt';
    await fs.writeFile(file(relative), 'A: de eerste\u2028B: economische zaken\n');
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(file(relative)), { preview: false });
      await waitFor('the problem on the transcript', () => glossProblems(relative).length > 0);
      // Transcripts open protected while coding: editing them is a choice.
      await vscode.commands.executeCommand('gloss.editTranscript');
      const at = editor.document.getText().indexOf('\u2028');
      const fix = new vscode.WorkspaceEdit();
      fix.replace(editor.document.uri, new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '\n');
      assert.ok(await vscode.workspace.applyEdit(fix));
      assert.ok(await editor.document.save());
      const tracked = async () => (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined;
      const ids = await codeInEditor(relative, 'economische zaken', tracked);
      assert.equal(ids?.length, 1, 'coded');
      assert.equal(glossProblems(relative).length, 0, 'the problem is gone');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await fs.rm(file(relative), { force: true });
      await fs.rm(file(`${CODER_FOLDER}/${relative}.jsonl`), { force: true });
    }
  });

  it('paths the comparison webview sends are checked: nothing outside the study is opened or written', async () => {
    const secret = path.join(outside(), 'secret.txt');
    await fs.writeFile(secret, 'secret\n');
    const matrix = await fs.readFile(file('matrices/impact-south.yaml'), 'utf8');
    const outsideMatrix = path.join(outside(), 'impact-south.yaml');
    await fs.writeFile(outsideMatrix, matrix);
    // Documents earlier suites opened stay known to VS Code for a while after their editors closed.
    const known = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    await vscode.commands.executeCommand('gloss.comparison.open', DEFAULT_VIEW);
    await waitFor('the comparison webview', () => vscode.commands.executeCommand('gloss.test.comparison.query', { summary: true }));
    const post = (message: Extract<TestAction, { kind: 'post' }>['message']) => vscode.commands.executeCommand('gloss.test.comparison.act', { kind: 'post', message });

    await post({ type: 'open', document: '../outside-the-study/secret.txt', start: 0, end: 3 });
    const edit = (requestId: number, matrixFile: string, summary: string) =>
      post({ type: 'editCell', requestId, file: matrixFile, case: 'kassoumbe', theme: 'imp-civic-society', edit: { summary } });
    await edit(1, '../outside-the-study/impact-south.yaml', 'written from the webview');
    // Matrix edits run one after another: once the study's own matrix has this one, the one before was handled.
    await edit(2, 'matrices/impact-south.yaml', 'the edit after');
    await waitFor('the edit in the study', async () => (await fs.readFile(file('matrices/impact-south.yaml'), 'utf8')).includes('the edit after'));
    await fs.writeFile(file('matrices/impact-south.yaml'), matrix);
    await post({ type: 'open', document: VELDEN, start: 0, end: 3 });
    await waitFor('the transcript opened from the webview', () => vscode.window.activeTextEditor?.document.uri.fsPath === file(VELDEN));
    const inStudy = (document: vscode.TextDocument) => document.uri.scheme !== 'file' || !path.relative(root(), document.uri.fsPath).startsWith('..');
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => !inStudy(d) && !known.has(d.uri.toString())).map((d) => d.uri.fsPath), []);
    assert.equal(await fs.readFile(outsideMatrix, 'utf8'), matrix, 'the matrix outside the study is untouched');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('gloss.studyFolder pointing outside the workspace opens no study there and creates nothing', async () => {
    const before = await fs.readdir(outside());
    await fs.writeFile(path.join(outside(), 'codebook.yaml'), 'codes: []\n');
    await vscode.workspace.getConfiguration('gloss').update('studyFolder', '../outside-the-study', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.commands.executeCommand('gloss.openProjectMemo');
    assert.deepEqual((await fs.readdir(outside())).sort(), [...before, 'codebook.yaml'].sort());
    await vscode.workspace.getConfiguration('gloss').update('studyFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('opens the study once more for each of several reloads at once, each seeing a whole study', async () => {
    // A setting change and a reload used to open the study side by side; one then read the study the other had just cleared.
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const settings = vscode.workspace.getConfiguration('gloss');
    for (let round = 0; round < 5; round++) {
      const reloads = Array.from({ length: 3 }, () => vscode.commands.executeCommand<{ root: string } | undefined>('gloss.reloadStudy'));
      await settings.update('studyFolder', round % 2 === 0 ? '.' : undefined, vscode.ConfigurationTarget.Workspace);
      reloads.push(vscode.commands.executeCommand<{ root: string } | undefined>('gloss.reloadStudy'));
      assert.deepEqual((await Promise.all(reloads)).map((study) => study?.root), [root, root, root, root]);
    }
    await settings.update('studyFolder', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
