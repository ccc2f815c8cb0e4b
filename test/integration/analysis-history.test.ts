// The history of the analysis in a real VS Code over real Git: the example study committed, a
// rename, a move and a merge made through the Codebook view's commands and committed, then
// "Show Codebook Changes…" and "Show What Changed Since…" show them in a Markdown preview, and the
// hover over a coding names the commit that added it. The workspace copy is made a repository
// here and stops being one afterwards, so the suites after this one run without Git.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { parseCodebook } from '../../src/core/codebook';
import { waitFor } from './helpers/wait';

const EXTENSION_ID = 'gloss-qda.gloss-qda';
const JOAQUIN_DAMANKWA = 'codings/joaquin/transcripts/damankwa/damankwa-politician-01.txt.jsonl';
const DAMANKWA = 'transcripts/damankwa/damankwa-politician-01.txt';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

const run = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test Author', GIT_COMMITTER_EMAIL: 't@example.org' };
const git = async (...args: string[]) => (await run('git', args, { cwd: root(), env: GIT_ENV, encoding: 'utf8' })).stdout;

/** The text of a shown history report, as its document provider serves it. */
async function shown(uri: string | undefined): Promise<string> {
  assert.ok(uri, 'a report was shown');
  return (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
}

function previewTabs(title: RegExp): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && /markdown/i.test(tab.input.viewType) && title.test(tab.label));
}

describe('the history of the analysis: codebook changes, what changed, and who coded what when', function () {
  this.timeout(120_000);
  let base = '';
  let second = '';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'The example study');
    base = (await git('rev-parse', 'HEAD')).trim();
    await vscode.commands.executeCommand('gloss.reloadStudy');

    await vscode.commands.executeCommand('gloss.codebook.rename', { codeId: 'org-policy', name: 'Policies and plans' });
    await vscode.commands.executeCommand('gloss.codebook.move', { codeId: 'int-ownership', parentId: 'organisation' });
    await vscode.commands.executeCommand('gloss.codebook.merge', { codeId: 'org-know-how', targetId: 'int-knowledge-sharing', confirm: false });
    await waitFor('the three codebook edits on disk', async () => {
      const codebook = parseCodebook(await read('codebook.yaml'), 'codebook.yaml').codebook;
      return codebook.get('org-policy')?.name === 'Policies and plans' && codebook.get('int-ownership')?.parentId === 'organisation' && codebook.isAlias('org-know-how');
    });
    await git('commit', '-q', '-am', 'Second round: rename, move, merge');
    second = (await git('rev-parse', '--short', 'HEAD')).trim();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await git('reset', '-q', '--hard', base);
    await fs.rm(file('.git'), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('Show Codebook Changes lists the rename, the move and the merge between the two commits in a Markdown preview', async () => {
    const uri = await vscode.commands.executeCommand<string | undefined>('gloss.showCodebookChanges', { from: base, to: 'HEAD' });
    const text = await shown(uri);
    assert.match(text, new RegExp(`^# Codebook changes from ${base.slice(0, 7)}[0-9a-f]* The example study to HEAD \\(${second} Second round: rename, move, merge\\)$`, 'm'));
    assert.match(text, /^- Renamed “Policy” to “Policies and plans”: \*\*Organisation › Policies and plans\*\* \(`org-policy`\)$/m);
    assert.match(text, /^- Moved \*\*Organisation › Ownership\*\* \(`int-ownership`\) from \*\*Interaction\*\* to \*\*Organisation\*\*$/m);
    assert.match(text, /^- Merged \*\*Organisation › Know-how\*\* \(`org-know-how`\) into \*\*Interaction › Knowledge sharing\*\* \(`int-knowledge-sharing`\); its codings count there$/m);
    assert.equal(text.match(/^- /gm)?.length, 3, 'nothing else is listed');
    await waitFor('the Markdown preview of the report', () => previewTabs(/Codebook changes/).length > 0);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri!));
    assert.equal(document.uri.scheme, 'gloss-history', 'a read-only virtual document, not a file');
  });

  it('Show What Changed Since lists a coding removed by a coder and the codebook changes since the first commit', async () => {
    const original = await read(JOAQUIN_DAMANKWA);
    const lines = original.split('\n');
    const removed = JSON.parse(lines[0]) as { quote: string };
    await fs.writeFile(file(JOAQUIN_DAMANKWA), lines.slice(1).join('\n'));
    try {
      const text = await shown(await vscode.commands.executeCommand<string | undefined>('gloss.showChangesSince', { since: base, coder: 'Joaquín' }));
      assert.match(text, /^# What changed since [0-9a-f]{7,} The example study$/m);
      assert.match(text, /1 coding changed: 1 removed; 0 memos changed; 3 codebook changes\./);
      assert.match(text, /^### transcripts\/damankwa\/damankwa-politician-01\.txt$/m);
      assert.ok(text.includes(`- Removed **Context › Political volatility** (Joaquín): “${removed.quote.slice(0, 20)}`), text);
      assert.match(text, /^## Codebook\n\n- Merged/m);
    } finally {
      await fs.writeFile(file(JOAQUIN_DAMANKWA), original);
    }
  });

  it('refuses an unknown ref with a message, showing and writing nothing', async () => {
    const before = await git('status', '--porcelain');
    assert.equal(await vscode.commands.executeCommand('gloss.showCodebookChanges', { from: 'no-such-ref' }), undefined);
    assert.equal(await vscode.commands.executeCommand('gloss.showChangesSince', { since: 'no-such-ref' }), undefined);
    assert.equal(await git('status', '--porcelain'), before);
  });

  it('Set Up Readable Git Diffs sets the converter in the repository, adds the .gitattributes line, and git diff then shows codings as readable lines', async () => {
    const attributes = await read('.gitattributes');
    await fs.writeFile(file('.gitattributes'), attributes.replace('codings/**/*.jsonl diff=gloss-codings\n', ''));
    const original = await read(JOAQUIN_DAMANKWA);
    try {
      const command = await vscode.commands.executeCommand<string | undefined>('gloss.setUpReadableGitDiffs', { confirm: false });
      assert.ok(command);
      assert.equal((await git('config', '--local', '--get', 'diff.gloss-codings.textconv')).trim(), command);
      assert.match(await read('.gitattributes'), /^codings\/\*\*\/\*\.jsonl diff=gloss-codings$/m);
      await fs.writeFile(file(JOAQUIN_DAMANKWA), original.split('\n').slice(1).join('\n'));
      const diff = await git('diff', '--', JOAQUIN_DAMANKWA);
      assert.match(diff, /^-Context › Political volatility \[1109-1551\] “You see, in Ghana, .* \| Joaquín \| id 45965d89-cb9e-48c8-95fe-824cc64792d5$/m);
      assert.doesNotMatch(diff, /"quote":/);
    } finally {
      await fs.writeFile(file(JOAQUIN_DAMANKWA), original);
      await fs.writeFile(file('.gitattributes'), attributes);
      await git('config', '--local', '--unset', 'diff.gloss-codings.textconv');
    }
  });

  it('hovers a coding with the commit that added it (hash, subject, author), and a coding added since as not committed yet', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(file(DAMANKWA)), { preview: false });
    const editor = await waitFor('the transcript open for coding', async () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.languageId === 'transcript' && (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined ? active : undefined;
    });
    const original = await read(JOAQUIN_DAMANKWA);
    const [first] = original.split('\n');
    const coding = JSON.parse(first) as { quote: string };
    const at = editor.document.getText().indexOf(coding.quote.slice(0, 40));
    assert.ok(at >= 0);
    const hoverText = async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 5));
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    };
    const text = await waitFor('a hover naming the commit', async () => {
      const value = await hoverText();
      return /added in commit/.test(value) ? value : undefined;
    });
    assert.match(text, new RegExp(`added in commit ${base.slice(0, 7)}[0-9a-f]* “The example study” by Test Author, `));

    // The same passage coded again since the last commit, with another code, as a researcher codes.
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + coding.quote.slice(0, 40).length));
    const [added] = (await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId: 'org-motivation' })) ?? [];
    assert.ok(added, 'the passage was coded');
    try {
      let last = '';
      const both = await waitFor('a hover with the new coding not committed yet', async () => {
        last = await hoverText();
        return /not committed yet/.test(last) ? last : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; the hover showed: ${last}`);
      });
      const sections = both.split('\n---\n');
      const motivation = sections.find((section) => section.includes('Organisation › Motivation'));
      const committed = sections.find((section) => section.includes('Context › Political volatility'));
      assert.match(motivation ?? '', /not committed yet/);
      assert.match(committed ?? '', /added in commit [0-9a-f]{7}/, 'the committed coding still names its commit');
    } finally {
      await vscode.commands.executeCommand('gloss.undo');
    }
  });
});
