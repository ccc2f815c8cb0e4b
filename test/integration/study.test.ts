// The study kept in step with its files in a real VS Code: changes made outside the extension (a
// checkout, a merge, another editor) are picked up, and a file that fails to parse is reported in
// the Problems panel with its line and left untouched.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './helpers/wait';

interface TreeRow {
  kind: string;
  id?: string;
  label: string;
  description?: string;
  children?: TreeRow[];
}

function studyRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

const file = (relative: string) => path.join(studyRoot(), ...relative.split('/'));

/** Number of codings the Codebook view counts for a code (its description starts with it). */
async function codingsShownFor(codeId: string): Promise<number | undefined> {
  const rows = (await vscode.commands.executeCommand<TreeRow[]>('gloss.test.codebookTree')) ?? [];
  const find = (list: TreeRow[]): TreeRow | undefined => {
    for (const row of list) {
      if (row.id === codeId) return row;
      const inner = find(row.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const row = find(rows);
  const count = /^(\d+)/.exec(row?.description ?? '');
  return count ? Number(count[1]) : row ? 0 : undefined;
}

function glossProblems(relative: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file(relative))).filter((d) => d.source === 'Gloss');
}

describe('the study and its files', function () {
  this.timeout(60_000);

  before(async () => {
    const extension = vscode.extensions.getExtension('gloss-qda.gloss-qda');
    await extension?.activate();
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('picks up a coder folder removed and restored on disk, as a checkout would', async () => {
    const joaquin = file('codings/joaquin');
    // Outside the codings folder: a folder renamed inside it would still hold codings.
    const backup = path.join(path.dirname(studyRoot()), 'joaquin-elsewhere');
    const before = await waitFor('the counts', () => codingsShownFor('int-ownership'));
    const hisFiles = (await fs.readdir(joaquin, { recursive: true })).filter((f) => f.endsWith('.jsonl'));
    const hisLines = (await Promise.all(hisFiles.map((f) => fs.readFile(path.join(joaquin, f), 'utf8')))).join('').split('\n');
    const hisOwnership = hisLines.filter((line) => line.includes('"code":"int-ownership"')).length;
    assert.ok(hisOwnership > 0, 'the fixture has Joaquín coding ownership');

    await fs.rename(joaquin, backup);
    await waitFor('the counts without Joaquín', async () => ((await codingsShownFor('int-ownership')) === before - hisOwnership ? true : undefined));
    await fs.rename(backup, joaquin);
    await waitFor('the counts with Joaquín again', async () => ((await codingsShownFor('int-ownership')) === before ? true : undefined));
  });

  it('reports a codebook that fails to parse with its line, never overwrites it, and recovers when fixed', async () => {
    const codebook = file('codebook.yaml');
    const original = await fs.readFile(codebook, 'utf8');
    const broken = original.replace('name: Policy', 'name: [Policy');
    assert.notEqual(broken, original);
    await fs.writeFile(codebook, broken);
    const problems = await waitFor('a problem on codebook.yaml', () => {
      const found = glossProblems('codebook.yaml');
      return found.some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? found : undefined;
    });
    const brokenLine = broken.split('\n').findIndex((line) => line.includes('name: [Policy'));
    assert.ok(problems.some((d) => Math.abs(d.range.start.line - brokenLine) <= 2), `a problem near line ${brokenLine + 1}`);

    // A change to the codebook is refused while it is broken; the file stays as the researcher left it.
    await vscode.commands.executeCommand('gloss.codebook.rename', { codeId: 'org-policy', name: 'Policies' }).then(
      () => undefined,
      () => undefined,
    );
    assert.equal(await fs.readFile(codebook, 'utf8'), broken);

    await fs.writeFile(codebook, original);
    await waitFor('the problem to go', () => (glossProblems('codebook.yaml').length === 0 ? true : undefined));
  });

  it('reports a damaged codings line with file and line, and still loads the other lines', async () => {
    const relative = 'codings/marike/transcripts/velden/velden-official-01.txt.jsonl';
    const codings = file(relative);
    const original = await fs.readFile(codings, 'utf8');
    const lines = original.split('\n');
    const damaged = [lines[0], '{"id": "half a line', ...lines.slice(1)].join('\n');
    await fs.writeFile(codings, damaged);
    const problems = await waitFor('a problem on the codings file', () => {
      const found = glossProblems(relative);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(problems[0].range.start.line, 1, 'the second line is reported');
    assert.equal(await fs.readFile(codings, 'utf8'), damaged, 'the damaged file is left untouched');
    await fs.writeFile(codings, original);
    await waitFor('the problem to go', () => (glossProblems(relative).length === 0 ? true : undefined));
  });
});
