// "Gloss: Write Report…" in a real VS Code on the example study: run with arguments (no dialogs),
// it writes the report from the codings as the editor places them, checked against the files.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodingsFile } from '../../src/core/codings/format';

function root(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

async function codingsOf(code: string): Promise<string[]> {
  const base = path.join(root(), 'codings');
  const files = (await fs.readdir(base, { recursive: true })).map(String).filter((f) => f.endsWith('.jsonl'));
  const ids: string[] = [];
  for (const file of files) for (const coding of parseCodingsFile(await fs.readFile(path.join(base, file), 'utf8'), file).codings) if (coding.code === code) ids.push(coding.id);
  return ids;
}

describe('Write Report', () => {
  let out: string;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    await vscode.commands.executeCommand('gloss.reloadStudy');
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-report-'));
  });
  after(() => fs.rm(out, { recursive: true, force: true }));

  it('writes the quotations of a code as standalone HTML, one quotation per coding on disk', async () => {
    const target = path.join(out, 'policy.html');
    const written = await vscode.commands.executeCommand<string>('gloss.writeReport', { kind: 'quotations', codeIds: ['org-policy'], format: 'html', target });
    assert.equal(written, target);
    const html = await fs.readFile(target, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h1>Quotations: Organisation › Policy<\/h1>/);
    assert.equal(html.match(/<blockquote>/g)?.length, (await codingsOf('org-policy')).length);
    assert.match(html, /<footer>— Velden, transcripts\/velden\/velden-official-01\.txt, line \d+, [\d:]+, coded by Marike<\/footer>/);
    assert.ok(!/<script|<link|src=/.test(html), 'nothing external, no script');
  });

  it('writes the codebook, a case profile and the matrices as Markdown', async () => {
    const codebook = path.join(out, 'codebook.md');
    await vscode.commands.executeCommand('gloss.writeReport', { kind: 'codebook', format: 'markdown', target: codebook });
    const text = await fs.readFile(codebook, 'utf8');
    assert.match(text, /^# Codebook: city-partnerships\n/);
    assert.match(text, new RegExp(`^- \\*\\*Codings:\\*\\* ${(await codingsOf('org-motivation')).length}$`, 'm'));
    const profile = path.join(out, 'case.md');
    await vscode.commands.executeCommand('gloss.writeReport', { kind: 'case', caseId: 'damankwa', format: 'markdown', target: profile });
    assert.match(await fs.readFile(profile, 'utf8'), /^# Case: Damankwa\n[\s\S]*^## Codes$/m);
    const matrices = path.join(out, 'matrices.md');
    await vscode.commands.executeCommand('gloss.writeReport', { kind: 'matrices', format: 'markdown', target: matrices });
    assert.match(await fs.readFile(matrices, 'utf8'), /^### San Aurelio › Urban livability and productivity: \+\+$/m);
  });
});
