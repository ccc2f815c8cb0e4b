// Importing REFI-QDA projects through the commands a user runs: a real qc export becomes a study
// whose codings are highlighted in its transcript; the example study exported and imported again
// has the same codings.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { ImportReport } from '../../src/core/refi/import-report';
import { Study } from '../../src/core/study/study';
import { waitFor } from './helpers/wait';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const IMPORTED = 'imported-qc';

interface CodingState {
  readonly codings: readonly { id: string; range: [number, number, number, number] }[];
  readonly decorations: readonly { codeId: string; ranges: readonly (readonly number[])[] }[];
}

describe('REFI-QDA import commands', function () {
  this.timeout(120_000);
  const scratch = path.join(os.tmpdir(), `gloss-refi-import-${process.pid}`);
  let samples: string;

  before(async () => {
    const extension = vscode.extensions.getExtension('gloss-qda.gloss-qda')!;
    await extension.activate();
    samples = path.join(extension.extensionPath, 'test', 'fixtures', 'refi', 'samples');
    await fs.mkdir(scratch, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('gloss').update('studyFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await fs.rm(path.join(root(), IMPORTED), { recursive: true, force: true });
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('imports the qc sample, opens its import report, and highlights its 205 codings in the transcript', async () => {
    const target = path.join(root(), IMPORTED);
    const outcome = await vscode.commands.executeCommand<{ target: string; report: ImportReport }>('gloss.importQdpx', { file: path.join(samples, 'qc-demo.qdpx'), target });
    assert.equal(outcome.report.codings, 205);
    assert.equal(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), 'import-report.md');

    await vscode.workspace.getConfiguration('gloss').update('studyFolder', IMPORTED, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    const transcript = vscode.Uri.file(path.join(target, 'transcripts', 'board_2017.txt'));
    const editor = await vscode.window.showTextDocument(transcript);
    const state = await waitFor('the imported codings to be highlighted', async () => {
      const s = await vscode.commands.executeCommand<CodingState | undefined>('gloss.test.codingState', { uri: transcript.toString() });
      return s && s.codings.length === 205 && s.decorations.length > 0 ? s : undefined;
    });
    const study = await Study.load(target);
    const quotes = new Map(study.codingsOf('transcripts/board_2017.txt').map((c) => [c.id, c.quote]));
    for (const coding of state.codings) {
      const [l1, c1, l2, c2] = coding.range;
      assert.equal(editor.document.getText(new vscode.Range(l1, c1, l2, c2)), quotes.get(coding.id), `${coding.id} is highlighted on its text`);
    }
    const highlighted = new Set(state.decorations.map((d) => d.codeId));
    assert.deepEqual([...highlighted].sort(), [...new Set(study.codingsOf('transcripts/board_2017.txt').map((c) => c.code))].sort());
  });

  it('exports the example study and imports it into a second folder with the same codings', async () => {
    await vscode.workspace.getConfiguration('gloss').update('studyFolder', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gloss.reloadStudy');
    const file = path.join(scratch, 'example.qdpx');
    await vscode.commands.executeCommand('gloss.exportQdpx', { target: file });
    const copy = path.join(scratch, 'copy');
    const outcome = await vscode.commands.executeCommand<{ report: ImportReport }>('gloss.importQdpx', { file, target: copy });
    assert.deepEqual(outcome.report.findings, []);
    const key = (study: Study) =>
      study.codingsFileList
        // Codes by their path of names: ids of codes without a memo become their GUIDs on the way.
        .flatMap((f) => f.codings.map((c) => [f.documentPath, c.id, study.codebook.pathLabel(study.codebook.resolve(c.code)), c.coder, c.start, c.end, c.quote].join('|')))
        .sort();
    const original = await Study.load(root());
    const imported = await Study.load(copy);
    assert.ok(key(original).length > 0);
    assert.deepEqual(key(imported), key(original));
  });

  it('imports a project of 9 MB, large enough for its sources to be read and imported on worker threads, every coding on its text', async () => {
    const sources = 60;
    const turn = 'Interviewer: how did it start?\r\nRespondent: with the council, in 2005 — “the policy” 🎉.\r\n';
    const text = turn.repeat(Math.ceil(150_000 / turn.length));
    const guid = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const entries: Record<string, Uint8Array> = {};
    const xml: string[] = [];
    for (let s = 0; s < sources; s++) {
      const selections = Array.from({ length: 20 }, (_, n) => {
        const start = n * turn.length * 3;
        return `<PlainTextSelection guid="${guid(4, s * 20 + n)}" startPosition="${start}" endPosition="${start + 42}"><Coding guid="${guid(5, s * 20 + n)}"><CodeRef targetGUID="${guid(2, n % 3)}"/></Coding></PlainTextSelection>`;
      });
      xml.push(`<TextSource guid="${guid(3, s)}" name="Interview ${s}" plainTextPath="internal://${guid(3, s)}.txt">${selections.join('')}</TextSource>`);
      entries[`sources/${guid(3, s)}.txt`] = strToU8(text);
    }
    const codes = [0, 1, 2].map((c) => `<Code guid="${guid(2, c)}" name="Code ${c}" isCodable="true"/>`).join('');
    entries['project.qde'] = strToU8(`<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="large"><CodeBook><Codes>${codes}</Codes></CodeBook><Sources>${xml.join('')}</Sources></Project>`);
    const file = path.join(scratch, 'large.qdpx');
    await fs.writeFile(file, zipSync(entries));
    const target = path.join(scratch, 'large');
    const outcome = await vscode.commands.executeCommand<{ report: ImportReport }>('gloss.importQdpx', { file, target });
    assert.equal(outcome.report.codings, sources * 20);
    // Positions counted in UTF-16 units of the CRLF text (the emoji counts two), as .NET tools count them.
    assert.equal(outcome.report.transcripts[0].counting, 'UTF-16 units, CRLF as two characters');
    const study = await Study.load(target);
    assert.deepEqual(study.problems, []);
    const normalised = text.replace(/\r\n/g, '\n');
    for (const coding of study.codingsFileList.flatMap((f) => f.codings)) {
      assert.equal([...normalised].slice(coding.start, coding.end).join(''), coding.quote, `${coding.id} sits on its quote`);
    }
    assert.equal(study.codingsFileList.flatMap((f) => f.codings).length, sources * 20);
  });
});

