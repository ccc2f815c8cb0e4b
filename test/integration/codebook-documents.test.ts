// The Documents view and memos in a real VS Code on the example study: transcripts grouped by
// case with attributes and coding progress, warnings for broken codings files and unknown codes,
// and memos opened (created when missing, never overwritten).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCases } from '../../src/core/cases/cases';
import { parseCodingsFile } from '../../src/core/codings/format';
import { waitFor } from './helpers/wait';

interface Row {
  kind: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  path?: string;
  children: Row[];
}

function root(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

async function snapshot(): Promise<Row[]> {
  return (await vscode.commands.executeCommand<Row[]>('gloss.test.documentsTree')) ?? [];
}

// A transcript no other test opens: its placements come from disk, not from an editor.
const TESSENFELD = 'transcripts/tessenfeld/tessenfeld-official-01.txt';

describe('documents view', () => {
  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    // Start from what is on disk. (Named codebook-* to run before the coding tests, which remove a
    // whole coder folder: the file watcher reports only the folder, and open transcripts keep
    // publishing those codings even after a reload; reported to the coding and study owners.)
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('groups the transcripts by case with attributes and the number of codings of every coder', async () => {
    const cases = parseCases(await read('cases.yaml')).cases;
    const rows = await waitFor('the documents', async () => ((await snapshot()).length > 0 ? snapshot() : undefined));
    assert.deepEqual(
      rows.map((r) => r.label),
      cases.cases.map((c) => c.name),
    );
    for (const [i, c] of cases.cases.entries()) {
      assert.deepEqual(
        rows[i].children.map((d) => d.path),
        c.documents.map((d) => d.path),
      );
      for (const document of rows[i].children) {
        let codings = 0;
        for (const coder of await fs.readdir(file('codings'))) {
          const text = await fs.readFile(path.join(file('codings'), coder, ...document.path!.split('/')) + '.jsonl', 'utf8').catch(() => '');
          codings += parseCodingsFile(text, 'x').codings.length;
        }
        assert.match(document.description ?? '', new RegExp(`^\\d+% coded · ${codings} coding${codings === 1 ? '' : 's'}`), `${document.path}: ${document.description}`);
        // Every document (interviews and imported reports) has a language of its own.
        assert.match(document.tooltip ?? '', /\| language \| \w+ \|/);
      }
    }
    const velden = rows[0].children[0];
    assert.match(velden.tooltip ?? '', /\| region \| North \|/);
    assert.match(velden.tooltip ?? '', /Marike: \d+/);
  });

  it('warns about codings files with unreadable lines and codes missing from the codebook', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const broken = `codings/tester/${TESSENFELD}.jsonl`;
    const first = (await read(`codings/marike/${TESSENFELD}.jsonl`)).split('\n')[0];
    const line = first.replace(/"code":"[^"]+"/, '"code":"no-such-code"').replace(/"id":"[^"]+"/, '"id":"unknown-1"');
    await fs.mkdir(path.dirname(file(broken)), { recursive: true });
    await fs.writeFile(file(broken), `${line}\n{this is not json\n`);
    // Written behind the extension's back in a new folder: reload as a researcher would.
    await vscode.commands.executeCommand('gloss.reloadStudy');
    const documentRow = async () => (await snapshot()).flatMap((r) => r.children).find((d) => d.path === TESSENFELD);
    try {
      const row = await waitFor('the warnings', async () => {
        const document = await documentRow();
        return document && document.children.length >= 2 ? document : undefined;
      });
      assert.equal(row.icon, 'error');
      assert.match(row.description ?? '', /\d+ warnings$/);
      const texts = row.children.map((w) => w.label);
      assert.ok(texts.some((t) => t.includes('“no-such-code” is not in the codebook')), texts.join(' | '));
      assert.ok(texts.some((t) => t.startsWith('tessenfeld-official-01.txt.jsonl:2:')), texts.join(' | '));
    } finally {
      await fs.rm(file('codings/tester'), { recursive: true, force: true });
      await vscode.commands.executeCommand('gloss.reloadStudy');
    }
    const after = await waitFor('the warnings to go', async () => {
      const document = await documentRow();
      return document && document.children.length === 0 ? document : undefined;
    });
    assert.notEqual(after.icon, 'error');
  });

  it('opens a document\'s memo, creating it with a title when it does not exist', async () => {
    const memo = 'memos/documents/transcripts/macuvane/macuvane-ngo-01.txt.md';
    await assert.rejects(fs.stat(file(memo)));
    await vscode.commands.executeCommand('gloss.openDocumentMemo', { kind: 'document', path: 'transcripts/macuvane/macuvane-ngo-01.txt' });
    assert.equal(await read(memo), '# transcripts/macuvane/macuvane-ngo-01.txt\n\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file(memo));
    await fs.rm(file(memo));
  });

  it('opens an existing code memo and the project memo without changing them', async () => {
    const codeMemo = 'memos/codes/int-ownership.md';
    const before = await read(codeMemo);
    await vscode.commands.executeCommand('gloss.openCodeMemo', { kind: 'code', id: 'int-ownership' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file(codeMemo));
    assert.equal(await read(codeMemo), before);
    const project = await read('memos/project.md');
    await vscode.commands.executeCommand('gloss.openProjectMemo');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file('memos/project.md'));
    assert.equal(await read('memos/project.md'), project);
  });
});
