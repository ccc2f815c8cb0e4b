// Co-occurrence in the comparison webview pairs one coder's segments by default, says so, and
// counts across coders only when that is chosen in its toolbar; the export says which was counted.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { computeCooccurrence, matrixDocument, type CoderPairs, type MatrixInput } from '../../src/core/matrix';
import { placeDocument } from '../../src/core/study/placement';
import { Study } from '../../src/core/study/study';
import { DEFAULT_VIEW, type TestAction, type WebviewReport } from '../../src/shared/comparison-protocol';
import { waitFor } from './helpers/wait';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

const query = () => vscode.commands.executeCommand<WebviewReport | undefined>('gloss.test.comparison.query');
const act = (action: TestAction) => vscode.commands.executeCommand('gloss.test.comparison.act', action);

function settled(ready: (r: WebviewReport) => boolean): Promise<WebviewReport> {
  return waitFor('the co-occurrence view', async () => {
    const report = await query();
    return report && report.status !== '' && !/Computing/.test(report.status) && ready(report) ? report : undefined;
  });
}

async function coreInput(): Promise<MatrixInput> {
  const study = await Study.load(root());
  const none = { get: async () => undefined, remember: async () => undefined };
  const documents = [];
  for (const documentPath of study.documentPaths) {
    const raw = await fs.readFile(path.join(root(), documentPath), 'utf8').catch(() => undefined);
    if (raw !== undefined) documents.push(matrixDocument(await placeDocument(documentPath, raw, study.codingsOf(documentPath), none)));
  }
  return { codebook: study.codebook, cases: study.cases, documents };
}

function expectedCells(input: MatrixInput, pairs: CoderPairs): string[][] {
  const matrix = computeCooccurrence(input, { proximity: { kind: 'paragraph' }, rollUp: false, pairs });
  return matrix.codes.map((_, i) => matrix.codes.map((__, j) => (i === j ? '' : String(matrix.counts[i][j]))));
}

const sum = (cells: string[][]) => cells.flat().reduce((total, cell) => total + Number(cell || 0), 0);

describe('comparison: co-occurrence within one coder or across coders', function () {
  this.timeout(60_000);
  const scratch = path.join(os.tmpdir(), `gloss-pairs-${process.pid}`);

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    await fs.mkdir(scratch, { recursive: true });
  });

  after(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('counts pairs of one coder\'s segments by default, says so, and pairs across coders only when chosen', async () => {
    const input = await coreInput();
    const within = expectedCells(input, 'within-coder');
    const across = expectedCells(input, 'across-coders');
    assert.ok(sum(across) > sum(within), 'the example has passages coded by both coders');

    await vscode.commands.executeCommand('gloss.comparison.open', { ...DEFAULT_VIEW, tab: 'cooccurrence', proximity: { kind: 'paragraph' } });
    let report = await settled((r) => r.tab === 'cooccurrence');
    assert.equal(report.view.pairs, 'within-coder');
    assert.deepEqual(report.cells, within);
    assert.match(report.status, /coded by the same coder/);
    assert.match(report.bodyText, /Coded by/);

    await act({ kind: 'control', control: 'pairs', value: 'across-coders' });
    report = await settled((r) => r.view.pairs === 'across-coders');
    assert.deepEqual(report.cells, across);
    assert.match(report.status, /coded by any coders/);

    const csvFile = path.join(scratch, 'across.csv');
    await vscode.commands.executeCommand('gloss.comparison.exportCsv', { target: csvFile });
    const firstLine = (await fs.readFile(csvFile, 'utf8')).slice(1).split('\r\n')[0];
    assert.match(firstLine, /pairs of segments of two codes that share a paragraph, coded by the same coder or by two different coders/);

    await act({ kind: 'control', control: 'pairs', value: 'within-coder' });
    report = await settled((r) => r.view.pairs === 'within-coder');
    assert.deepEqual(report.cells, within);
    const markdownFile = path.join(scratch, 'within.md');
    await vscode.commands.executeCommand('gloss.comparison.exportMarkdown', { target: markdownFile });
    const markdown = await fs.readFile(markdownFile, 'utf8');
    assert.match(markdown.split('\n')[0], /both coded by the same coder \(one coder's code next to another coder's is not counted\)\. Coders: all coders\./);
  });
});
