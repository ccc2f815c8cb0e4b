// The study in a real Git repository inside a real VS Code: whatever one Git command changes at
// once (a checkout that restores the codebook and codings files, a pull of a colleague's commit, a
// branch switch that removes a coder's folder), the Codebook view and the comparison show what is
// on disk afterwards, without "Reload the Study". The workspace copy is made a repository here
// and stops being one afterwards, so the suites before this one run without Git.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { computeCodeMatrix, matrixDocument, orderRows, type MatrixInput } from '../../src/core/matrix';
import { countCodings } from '../../src/core/statistics/counts';
import { placeDocument } from '../../src/core/study/placement';
import { Study } from '../../src/core/study/study';
import { DEFAULT_VIEW, type WebviewReport } from '../../src/shared/comparison-protocol';
import { git } from './helpers/two-coder-repo';
import { waitFor } from './helpers/wait';

interface Row {
  kind: string;
  id: string;
  description: string;
  children: Row[];
}

const EXTENSION_ID = 'gloss-qda.gloss-qda';
const JOAQUIN_SAN_AURELIO = 'codings/joaquin/transcripts/san-aurelio/san-aurelio-ngo-01.txt.jsonl';
const MARIKE_VELDEN = 'codings/marike/transcripts/velden/velden-official-01.txt.jsonl';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

async function coreInput(study: Study): Promise<MatrixInput> {
  const none = { get: async () => undefined, remember: async () => undefined };
  const documents = [];
  for (const documentPath of study.documentPaths) {
    const raw = await read(documentPath).catch(() => undefined);
    if (raw !== undefined) documents.push(matrixDocument(await placeDocument(documentPath, raw, study.codingsOf(documentPath), none)));
  }
  documents.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { codebook: study.codebook, cases: study.cases, documents };
}

const flatten = (rows: Row[]): Row[] => rows.flatMap((r) => [r, ...flatten(r.children)]);

/** What the Codebook view shows that differs from the files on disk, or undefined when nothing. */
async function treeMismatch(study: Study, input: MatrixInput): Promise<string | undefined> {
  const rows = flatten((await vscode.commands.executeCommand<Row[]>('gloss.test.codebookTree', { segments: true })) ?? []);
  const codes = rows.filter((r) => r.kind === 'code');
  const expectedCodes = study.codebook.codes.map((c) => c.id).sort();
  const shownCodes = codes.map((r) => r.id).sort();
  if (shownCodes.join() !== expectedCodes.join()) return `tree codes ${shownCodes.join()} instead of ${expectedCodes.join()}`;
  const counts = countCodings(study.codebook, study.codingsFileList);
  for (const row of codes) {
    const shown = Number(/^(\d+)/.exec(row.description)?.[1] ?? 0);
    const expected = counts.own.get(row.id)?.codings ?? 0;
    if (shown !== expected) return `tree count of ${row.id}: ${shown} instead of ${expected}`;
    // A code's own segments are listed in its one group of passages, after its sub-codes.
    const segments = row.children.filter((c) => c.kind === 'passages').flatMap((g) => g.children.filter((c) => c.kind === 'segment')).map((c) => c.id).sort();
    const placed = input.documents.flatMap((d) => d.segments).filter((s) => study.codebook.resolve(s.code) === row.id).map((s) => s.id).sort();
    if (segments.join() !== placed.join()) return `tree segments of ${row.id}: ${segments.length} instead of ${placed.length}`;
  }
  return undefined;
}

/** What the comparison's code x case matrix shows that differs from the files on disk. */
async function matrixMismatch(input: MatrixInput): Promise<string | undefined> {
  const report = await vscode.commands.executeCommand<WebviewReport | undefined>('gloss.test.comparison.query');
  if (!report || report.status === '' || /Computing/.test(report.status)) return 'the comparison has not settled';
  const matrix = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false });
  const order = orderRows(matrix.rows, undefined, true);
  const rows = [...order.map((i) => matrix.rows[i].name), 'All codes'];
  const cells = [...order.map((i) => matrix.rows[i]), matrix.all].map((row) => [...row.cells.segments.map(String), String(row.total.segments)]);
  if (report.rowHeaders.join('|') !== rows.join('|')) return `matrix rows ${report.rowHeaders.join('|')} instead of ${rows.join('|')}`;
  if (JSON.stringify(report.cells) !== JSON.stringify(cells)) return 'matrix cells differ from the codings on disk';
  return undefined;
}

/** What the Segments view (retrieving Organisation and its sub-codes) lists that differs from disk. */
async function segmentsMismatch(study: Study, input: MatrixInput): Promise<string | undefined> {
  const shown = await vscode.commands.executeCommand<{ groups: { segments: { codingId: string }[] }[] }>('gloss.test.segments');
  const ids = shown.groups.flatMap((g) => g.segments.map((s) => s.codingId)).sort();
  const codes = new Set(['organisation', ...study.codebook.descendants('organisation').map((c) => c.id)]);
  const expected = input.documents.flatMap((d) => d.segments).filter((s) => codes.has(study.codebook.resolve(s.code))).map((s) => s.id).sort();
  return ids.join() === expected.join() ? undefined : `the Segments view lists ${ids.length} segments instead of ${expected.length}`;
}

/** Waits until the tree, the Segments view and the comparison show the study as it is on disk now. */
async function viewsShowDisk(what: string): Promise<Study> {
  return waitFor(`the views to show ${what}`, async () => {
    const study = await Study.load(root());
    const input = await coreInput(study);
    const mismatch = (await treeMismatch(study, input)) ?? (await segmentsMismatch(study, input)) ?? (await matrixMismatch(input));
    if (mismatch !== undefined) throw new Error(mismatch);
    return study;
  });
}

describe('the study in Git: views follow checkout, pull and branch switch', function () {
  this.timeout(120_000);
  const colleague = path.join(os.tmpdir(), `gloss-colleague-${process.pid}`);
  let base = '';

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    await git(root(), 'init', '-q', '-b', 'main');
    await git(root(), 'add', '-A');
    await git(root(), 'commit', '-q', '-m', 'The example study');
    base = (await git(root(), 'rev-parse', 'HEAD')).trim();
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.commands.executeCommand('gloss.comparison.open', DEFAULT_VIEW);
    await vscode.commands.executeCommand('gloss.retrieveSegments', { codeIds: ['organisation'], includeSubcodes: true });
    await viewsShowDisk('the example study');
  });

  after(async () => {
    await git(root(), 'checkout', '-q', '-f', 'main');
    await git(root(), 'reset', '-q', '--hard', base);
    await fs.rm(file('.git'), { recursive: true, force: true });
    await fs.rm(colleague, { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the restored codebook and codings after a merge in the tree is undone with git checkout -- .', async () => {
    await vscode.commands.executeCommand('gloss.codebook.merge', { codeId: 'org-policy', targetId: 'org-resources', confirm: false });
    // A coding removed by hand too, so that the checkout restores a codings file whatever a merge writes.
    // Joaquín's file, in a folder that earlier suites removed and made again (see study-watcher.test.ts).
    const joaquin = (await read(JOAQUIN_SAN_AURELIO)).split('\n');
    await fs.writeFile(file(JOAQUIN_SAN_AURELIO), joaquin.slice(1).join('\n'));
    const merged = await viewsShowDisk('the merged code');
    assert.ok(merged.codebook.isAlias('org-policy'), 'the merged code lives on as an alias');
    const changed = await git(root(), 'status', '--porcelain');
    assert.match(changed, /codebook\.yaml/);
    assert.match(changed, /codings\//);

    await git(root(), 'checkout', '--', '.');
    const restored = await viewsShowDisk('the codebook and codings restored by the checkout');
    assert.ok(restored.codebook.has('org-policy') && !restored.codebook.isAlias('org-policy'), 'the merged code is back');
    assert.equal(await git(root(), 'status', '--porcelain'), '');
  });

  it('shows a colleague\'s new code and codings after git pull merges their commit', async () => {
    await fs.rm(colleague, { recursive: true, force: true });
    await git(os.tmpdir(), 'clone', '-q', root(), colleague);
    const codebook = await fs.readFile(path.join(colleague, 'codebook.yaml'), 'utf8');
    await fs.writeFile(path.join(colleague, 'codebook.yaml'), `${codebook.trimEnd()}\n  - id: test-colleague\n    name: Colleague's code\n`);
    const [first, second] = (await read(MARIKE_VELDEN)).split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
    const hers = [first, second].map((c, i) => JSON.stringify({ ...c, id: `colleague-${i}`, code: 'test-colleague', coder: 'Ana' })).join('\n') + '\n';
    const herFile = path.join(colleague, 'codings', 'ana', 'transcripts', 'velden', 'velden-official-01.txt.jsonl');
    await fs.mkdir(path.dirname(herFile), { recursive: true });
    await fs.writeFile(herFile, hers);
    await git(colleague, 'add', '-A');
    await git(colleague, 'commit', '-q', '-m', 'Ana adds a code and codes Velden');

    // Meanwhile a local commit, so that the pull is a real merge.
    await fs.appendFile(file('memos/project.md'), '\nA local note.\n');
    await git(root(), 'commit', '-q', '-am', 'A local note');
    await git(root(), 'pull', '-q', '--no-rebase', '--no-edit', colleague, 'main');
    const pulled = await viewsShowDisk('the colleague\'s code and codings');
    assert.ok(pulled.codebook.has('test-colleague'));
    assert.equal(pulled.codingsFileList.filter((f) => f.coderSlug === 'ana').length, 1);

    // Undone with a hard reset, then merged again from the fetched branch.
    await git(root(), 'reset', '-q', '--hard', 'HEAD~1');
    const undone = await viewsShowDisk('the study before the pull');
    assert.ok(!undone.codebook.has('test-colleague'));
    await git(root(), 'merge', '-q', '--no-edit', 'FETCH_HEAD');
    assert.ok((await viewsShowDisk('the colleague\'s work merged again')).codebook.has('test-colleague'));
  });

  it('shows each branch\'s codebook and codings when switching branches, a coder\'s folder included', async () => {
    await git(root(), 'checkout', '-q', '-b', 'reorganised');
    await git(root(), 'rm', '-q', '-r', 'codings/joaquin');
    const codebook = await read('codebook.yaml');
    await fs.writeFile(file('codebook.yaml'), codebook.replace('name: Policy\n', 'name: Policies and plans\n'));
    const marike = (await read(MARIKE_VELDEN)).split('\n');
    await fs.writeFile(file(MARIKE_VELDEN), marike.slice(2).join('\n'));
    await git(root(), 'commit', '-q', '-am', 'Reorganised: without Joaquín');
    await viewsShowDisk('the reorganised branch');

    for (const branch of ['main', 'reorganised', 'main']) {
      await git(root(), 'checkout', '-q', branch);
      const shown = await viewsShowDisk(`branch ${branch}`);
      assert.equal(shown.codingsFileList.some((f) => f.coderSlug === 'joaquin'), branch === 'main', branch);
    }
  });
});
