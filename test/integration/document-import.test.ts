// Word and PDF documents brought into the study through the command a user runs (from the
// Explorer's selection), opened as transcripts and coded; and "Create a Study" in an empty folder
// making a Git repository (real Git) and the study's files, and keeping .vscode/settings.json.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ImportOutcome } from '../../src/document-import/register';
import { pageAt } from '../../src/core/documents/document-text';
import { writeDocx } from '../helpers/docx-writer';
import { writePdf } from '../helpers/pdf-writer';
import { waitFor } from './helpers/wait';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const FOLDER = 'transcripts/import-test';
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

describe('importing Word and PDF documents', function () {
  this.timeout(120_000);

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await fs.mkdir(file(FOLDER), { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(file(FOLDER), { recursive: true, force: true });
    // The coding made here: the later suites expect the example study as it is.
    for (const coder of await fs.readdir(file('codings'))) await fs.rm(path.join(file('codings'), coder, ...FOLDER.split('/')), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('imports a .docx and a .pdf selected in the Explorer; the texts open as transcripts, cite pages, and can be coded', async () => {
    await fs.writeFile(file(`${FOLDER}/strategy.docx`), writeDocx([{ heading: 1, text: 'Partnership strategy' }, { paragraph: 'Both councils share the waste plan.' }, { paragraph: 'योजना 2026 — خطة — 计划' }]));
    await fs.writeFile(file(`${FOLDER}/minutes.pdf`), writePdf([[{ text: 'Council minutes', size: 16 }, { text: 'Item 1: the budget.' }], [{ text: 'Item 2: the market hall was approved.' }]]));
    const uris = [vscode.Uri.file(file(`${FOLDER}/strategy.docx`)), vscode.Uri.file(file(`${FOLDER}/minutes.pdf`))];

    const outcome = await vscode.commands.executeCommand<ImportOutcome>('gloss.importDocuments', uris[0], uris);
    assert.deepEqual(outcome.failed, []);
    assert.deepEqual(outcome.imported.map((i) => [i.textPath, i.outcome]), [
      [`${FOLDER}/strategy.txt`, 'written'],
      [`${FOLDER}/minutes.txt`, 'written'],
    ]);
    assert.equal(await read(`${FOLDER}/strategy.txt`), `# source: ${FOLDER}/strategy.docx\n\nPartnership strategy\n\nBoth councils share the waste plan.\n\nयोजना 2026 — خطة — 计划\n`);
    const minutes = await read(`${FOLDER}/minutes.txt`);
    assert.equal(minutes, `# source: ${FOLDER}/minutes.pdf\n\n[page 1]\n\nCouncil minutes\n\nItem 1: the budget.\n\n[page 2]\n\nItem 2: the market hall was approved.\n`);
    assert.equal(pageAt(minutes, [...minutes.slice(0, minutes.indexOf('market hall'))].length), 2);

    // The command opened the first text; open the PDF's and code a passage on page 2.
    await vscode.window.showTextDocument(vscode.Uri.file(file(`${FOLDER}/minutes.txt`)), { preview: false });
    const editor = await waitFor('minutes.txt open as a transcript', async () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.fsPath === file(`${FOLDER}/minutes.txt`) && active.document.languageId === 'transcript' && (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined ? active : undefined;
    });
    const start = editor.document.getText().indexOf('the market hall was approved');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + 'the market hall was approved'.length));
    const ids = await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-policy' });
    assert.equal(ids?.length, 1, 'the imported text is coded');
    const coded = await waitFor('the coding highlighted', async () => {
      const state = await vscode.commands.executeCommand<{ codings: { id: string; start: number }[] } | undefined>('gloss.test.codingState');
      return state?.codings.find((c) => c.id === ids![0]);
    });
    assert.equal(pageAt(minutes, coded.start), 2, 'the coded passage is cited on page 2');
  });

  it('refuses a corrupt .docx with a message and writes nothing', async () => {
    const broken = writeDocx([{ paragraph: 'lost' }]);
    await fs.writeFile(file(`${FOLDER}/broken.docx`), broken.slice(0, broken.length - 50));
    const outcome = await vscode.commands.executeCommand<ImportOutcome>('gloss.importDocuments', vscode.Uri.file(file(`${FOLDER}/broken.docx`)));
    assert.equal(outcome.imported.length, 0);
    assert.match(outcome.failed[0].message, /not a Word document Gloss can read/);
    await assert.rejects(fs.stat(file(`${FOLDER}/broken.txt`)), /ENOENT/);
  });
});

describe('Create a Study', function () {
  this.timeout(60_000);
  const run = promisify(execFile);
  let scratch: string;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-create-study-'));
  });

  after(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('runs git init in an empty folder outside any repository and writes .gitattributes and .gitignore', async () => {
    await vscode.commands.executeCommand('gloss.createStudy', { folder: scratch, initGit: true });
    const gitDir = (await run('git', ['rev-parse', '--absolute-git-dir'], { cwd: scratch, encoding: 'utf8' })).stdout.trim();
    assert.equal(await fs.realpath(gitDir), await fs.realpath(path.join(scratch, '.git')), 'the new study is its own repository');
    const attributes = await fs.readFile(path.join(scratch, '.gitattributes'), 'utf8');
    assert.match(attributes, /^codings\/\*\* merge=union$/m);
    assert.match(attributes, /^codings\/\*\*\/\*\.jsonl diff=gloss-codings$/m);
    assert.match(attributes, /^transcripts\/\*\* text eol=lf$/m);
    assert.match(attributes, /^\*\.pdf binary$/m);
    assert.match(await fs.readFile(path.join(scratch, '.gitignore'), 'utf8'), /^\*\.gloss-tmp$/m);
    // Git itself reads the rules: a codings file merges by union, an original PDF is binary.
    const check = (await run('git', ['check-attr', 'merge', 'text', '--', 'codings/a/b.txt.jsonl', 'transcripts/plan.pdf'], { cwd: scratch, encoding: 'utf8' })).stdout;
    assert.match(check, /codings\/a\/b\.txt\.jsonl: merge: union/);
    assert.match(check, /transcripts\/plan\.pdf: text: unset/);
  });

  it('adds codings/ to the workspace’s search.exclude, keeping the settings and comments there', async () => {
    const settings = path.join(root(), '.vscode', 'settings.json');
    const before = await fs.readFile(settings, 'utf8').catch(() => undefined);
    const existingFiles = new Set(await fs.readdir(root(), { recursive: true }));
    await fs.mkdir(path.dirname(settings), { recursive: true });
    await fs.writeFile(settings, '{\n  // my own exclusions\n  "search.exclude": { "**/drafts": true },\n  "editor.fontSize": 15\n}\n');
    try {
      // As when a user's settings are there before: VS Code has read them.
      await waitFor('VS Code to read the settings file', () => vscode.workspace.getConfiguration('search', vscode.Uri.file(root())).inspect<Record<string, boolean>>('exclude')?.workspaceFolderValue?.['**/drafts'] === true);
      await vscode.commands.executeCommand('gloss.createStudy', { initGit: false });
      const text = await waitFor('search.exclude to hold codings/**', async () => {
        const now = await fs.readFile(settings, 'utf8');
        return now.includes('"codings/**": true') ? now : undefined;
      });
      assert.match(text, /\/\/ my own exclusions/);
      assert.match(text, /"\*\*\/drafts": true/);
      assert.match(text, /"editor.fontSize": 15/);
      await assert.rejects(fs.stat(path.join(root(), '.git')), /ENOENT/, 'no repository when the answer is no');
    } finally {
      if (before === undefined) await fs.rm(path.dirname(settings), { recursive: true, force: true });
      else await fs.writeFile(settings, before);
      for (const created of await fs.readdir(root(), { recursive: true })) {
        if (!existingFiles.has(created) && !created.startsWith('.vscode')) await fs.rm(path.join(root(), created), { recursive: true, force: true });
      }
    }
  });
});
