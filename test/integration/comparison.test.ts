// The comparison webview, driven as a person does: its commands, and inside the webview the
// toolbar controls, the arrow keys and Enter (through the test-only commands
// gloss.test.comparison.act / .query, which act on and read the webview's own DOM). Values are
// checked against the core's computation over the same files. Runs on a copy of the example study
// and puts back what it changed for the suites after it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseFramework } from '../../src/core/framework/parse';
import {
  cellSegments,
  computeCodeMatrix,
  computeCooccurrence,
  formatMetric,
  matrixDocument,
  metricValue,
  orderRows,
  type CodeMatrixOptions,
  type MatrixInput,
  type Metric,
} from '../../src/core/matrix';
import { shortDocumentNames } from '../../src/core/documents/short-names';
import { placeDocument } from '../../src/core/study/placement';
import { Study } from '../../src/core/study/study';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { DEFAULT_VIEW, type TestAction, type ViewState, type WebviewReport } from '../../src/shared/comparison-protocol';
import { waitFor } from './helpers/wait';

const EXTENSION_ID = 'gloss-qda.gloss-qda';
const MATRIX = 'matrices/impact-south.yaml';
const DAMANKWA = 'transcripts/damankwa/damankwa-politician-01.txt';
const VELDEN_CODINGS = 'codings/marike/transcripts/velden/velden-official-01.txt.jsonl';
const VELDEN = 'transcripts/velden/velden-official-01.txt';
/** transcripts/hostile/hostile-01.txt as its column is headed. */
const HOSTILE_COLUMN = 'hostile-01';
const HOSTILE_CODINGS = 'codings/marike/transcripts/hostile/hostile-01.txt.jsonl';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

const BASE_VIEW: ViewState = DEFAULT_VIEW;

const query = () => vscode.commands.executeCommand<WebviewReport | undefined>('gloss.test.comparison.query');
const act = (action: TestAction) => vscode.commands.executeCommand('gloss.test.comparison.act', action);

/** The report once the webview shows settled data matching `ready`. */
function settled(what: string, ready: (r: WebviewReport) => boolean = () => true): Promise<WebviewReport> {
  return waitFor(what, async () => {
    const report = await query();
    if (!report || report.status === '' || /Computing/.test(report.status)) return undefined;
    // What the page shows is what the grid's model holds (the tests compare that with the core).
    assert.equal(report.mismatches, 0, 'rendered cells match the model');
    return ready(report) ? report : undefined;
  });
}

/** The study's placed codings as the core computes them, read from disk afresh. */
async function coreInput(): Promise<MatrixInput> {
  const study = await Study.load(root());
  const none = { get: async () => undefined, remember: async () => undefined };
  const documents = [];
  for (const documentPath of study.documentPaths) {
    const raw = await fs.readFile(file(documentPath), 'utf8').catch(() => undefined);
    if (raw === undefined) continue;
    documents.push(matrixDocument(await placeDocument(documentPath, raw, study.codingsOf(documentPath), none)));
  }
  documents.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { codebook: study.codebook, cases: study.cases, documents };
}

/** The cell texts the core's matrix gives for a view (codebook order, nothing collapsed). */
function expectedCells(input: MatrixInput, view: ViewState): { headers: string[]; rows: string[]; cells: string[][] } {
  const options: CodeMatrixOptions = { columns: view.columns, rollUp: view.rollUp, coders: view.coders === null ? undefined : new Set(view.coders) };
  const matrix = computeCodeMatrix(input, options);
  const metric: Metric = view.metric;
  const show = (segments: number, documents: number, covered: number, length: number) => formatMetric(metric, metricValue(metric, { segments, documents, covered, length }));
  const total = (segments: number[], t: { segments: number; documents: number; covered: number }) =>
    metric === 'presence' ? String(segments.filter((s) => s > 0).length) : show(t.segments, t.documents, t.covered, matrix.length);
  const order = orderRows(matrix.rows, undefined, true, new Set(view.collapsed));
  const cells = order.map((i) => {
    const row = matrix.rows[i];
    return [...matrix.columns.map((c, j) => show(row.cells.segments[j], row.cells.documents[j], row.cells.covered[j], c.length)), total(row.cells.segments, row.total)];
  });
  cells.push([...matrix.columns.map((c, j) => show(matrix.all.cells.segments[j], matrix.all.cells.documents[j], matrix.all.cells.covered[j], c.length)), total(matrix.all.cells.segments, matrix.all.total)]);
  // Document columns are headed by short names (the paths are their tooltips).
  const labels = view.columns.kind === 'document' ? shortDocumentNames(matrix.columns.map((c) => c.key)) : matrix.columns.map((c) => c.label);
  return { headers: [...labels, 'Total'], rows: [...order.map((i) => matrix.rows[i].name), 'All codes'], cells };
}

async function openView(view: ViewState): Promise<WebviewReport> {
  await vscode.commands.executeCommand('gloss.comparison.open', view);
  return settled(`the ${view.tab} view`, (r) => r.tab === view.tab);
}

/** Opens the code matrix and picks its columns and metric in the toolbar, as a person does. */
async function chooseInToolbar(view: ViewState): Promise<void> {
  await openView({ ...BASE_VIEW, tab: 'codes' });
  const columns = view.columns.kind === 'attribute' ? `attribute:${view.columns.attribute}` : view.columns.kind;
  await act({ kind: 'control', control: 'columns', value: columns });
  await act({ kind: 'control', control: 'metric', value: view.metric });
  await settled(`${columns} by ${view.metric}`, (r) => JSON.stringify(r.view.columns) === JSON.stringify(view.columns) && r.view.metric === view.metric);
}

async function closeComparison(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the comparison to close', async () => ((await query()) === undefined ? true : undefined));
}

describe('comparison webview', function () {
  this.timeout(90_000);
  const originals = new Map<string, string>();
  const scratch = path.join(os.tmpdir(), `gloss-comparison-${process.pid}`);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('the extension to activate', () => extension.isActive);
    for (const relative of [MATRIX, VELDEN_CODINGS]) originals.set(relative, await read(relative));
    await fs.mkdir(scratch, { recursive: true });
  });

  after(async () => {
    for (const [relative, text] of originals) await fs.writeFile(file(relative), text);
    await fs.rm(file('transcripts/hostile'), { recursive: true, force: true });
    await fs.rm(file('codings/marike/transcripts/hostile'), { recursive: true, force: true });
    await fs.rm(scratch, { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens on the example study with the code x case matrix the core computes', async () => {
    const report = await openView(BASE_VIEW);
    const input = await coreInput();
    const expected = expectedCells(input, BASE_VIEW);
    assert.deepEqual(report.columnHeaders, expected.headers);
    assert.equal(report.columnHeaders.length, 9, 'eight cases and the total');
    assert.deepEqual(report.rowHeaders, expected.rows);
    assert.deepEqual(report.cells, expected.cells);
    // The example's matrix fits in view: every cell is in the page, showing that text.
    assert.equal(report.renderedCells, expected.cells.flat().length);
    // A hand count as a check on the core: every coder's codings of "Urban livability".
    const lines = input.documents.flatMap((d) => d.segments).filter((s) => s.code === 'imp-urban-livability').length;
    assert.equal(report.cells[report.rowHeaders.indexOf('Urban livability')].at(-1), String(lines));
    assert.equal(lines, 9);
  });

  it('switches the columns to documents and to an attribute, and the metric, as the core computes them', async () => {
    const input = await coreInput();
    await openView(BASE_VIEW);
    await act({ kind: 'control', control: 'columns', value: 'attribute:region' });
    let report = await settled('region columns', (r) => r.columnHeaders.join() === 'North,South,Total');
    assert.deepEqual(report.cells, expectedCells(input, { ...BASE_VIEW, columns: { kind: 'attribute', attribute: 'region' } }).cells);
    for (const metric of ['coverage', 'documents', 'presence'] as const) {
      await act({ kind: 'control', control: 'metric', value: metric });
      report = await settled(`metric ${metric}`, (r) => r.view.metric === metric);
      assert.deepEqual(report.cells, expectedCells(input, { ...BASE_VIEW, columns: { kind: 'attribute', attribute: 'region' }, metric }).cells, metric);
    }
    await act({ kind: 'control', control: 'columns', value: 'document' });
    report = await settled('document columns', (r) => r.columnHeaders.length === input.documents.length + 1);
    const view: ViewState = { ...BASE_VIEW, columns: { kind: 'document' }, metric: 'presence' };
    assert.deepEqual(report.columnHeaders, expectedCells(input, view).headers);
    assert.deepEqual(report.cells, expectedCells(input, view).cells);
  });

  it('opens again with the columns and metric last chosen in its toolbar, after it was closed', async () => {
    const input = await coreInput();
    const chosen: ViewState = { ...BASE_VIEW, columns: { kind: 'attribute', attribute: 'country' }, metric: 'coverage' };
    try {
      await chooseInToolbar(chosen);
      await closeComparison();
      await vscode.commands.executeCommand('gloss.comparison.open');
      const reopened = await settled('the comparison opened again', (r) => r.tab === 'codes');
      assert.deepEqual(reopened.view.columns, chosen.columns);
      assert.equal(reopened.view.metric, 'coverage');
      const expected = expectedCells(input, chosen);
      assert.deepEqual(reopened.columnHeaders, expected.headers);
      assert.deepEqual(reopened.cells, expected.cells);
    } finally {
      await chooseInToolbar(BASE_VIEW);
    }
  });

  it('opens with the usual columns, keeping the metric, when the attribute last chosen is gone from the study', async () => {
    const input = await coreInput();
    const cases = await read('cases.yaml');
    try {
      await chooseInToolbar({ ...BASE_VIEW, columns: { kind: 'attribute', attribute: 'country' }, metric: 'documents' });
      await closeComparison();
      // The attribute is renamed in cases.yaml: "country" no longer exists.
      await fs.writeFile(file('cases.yaml'), cases.replace(/\bcountry:/g, 'nation:'));
      await vscode.commands.executeCommand('gloss.reloadStudy');
      await vscode.commands.executeCommand('gloss.comparison.open');
      const reopened = await settled('the comparison opened again', (r) => r.tab === 'codes');
      assert.deepEqual(reopened.view.columns, { kind: 'case' });
      assert.equal(reopened.view.metric, 'documents');
      const expected = expectedCells(input, { ...BASE_VIEW, metric: 'documents' });
      assert.deepEqual(reopened.columnHeaders, expected.headers);
      assert.deepEqual(reopened.cells, expected.cells);
      assert.ok(reopened.status.startsWith(`${input.documents.length} documents · `), `the usual status line, no error: ${reopened.status}`);
    } finally {
      await fs.writeFile(file('cases.yaml'), cases);
      await vscode.commands.executeCommand('gloss.reloadStudy');
      await chooseInToolbar(BASE_VIEW);
    }
  });

  it('heads document columns with short names, a folder added where two clash, and the path as their tooltip', async () => {
    const elsewhere = 'transcripts/elsewhere/velden-official-01.txt';
    const markup = 'transcripts/elsewhere/<img src=x onerror=alert(1)> & "notes".txt';
    const cases = await read('cases.yaml');
    const anchor = '      - path: transcripts/reports/velden-san-aurelio-annual-report-2025.txt';
    assert.ok(cases.includes(anchor));
    try {
      await fs.mkdir(file('transcripts/elsewhere'), { recursive: true });
      for (const copy of [elsewhere, markup]) await fs.writeFile(file(copy), await read(VELDEN));
      await fs.writeFile(file('cases.yaml'), cases.replace(anchor, `      - path: ${elsewhere}\n      - path: '${markup}'\n${anchor}`));
      await vscode.commands.executeCommand('gloss.reloadStudy');
      const view: ViewState = { ...BASE_VIEW, columns: { kind: 'document' } };
      await openView(view);
      const report = await settled('the copies as columns', (r) => r.columnHeaders.includes('elsewhere/velden-official-01'));
      const input = await coreInput();
      const expected = expectedCells(input, view);
      assert.deepEqual(report.columnHeaders, expected.headers);
      assert.deepEqual(report.cells, expected.cells);
      const shown = new Map([
        [VELDEN, 'velden/velden-official-01'],
        [elsewhere, 'elsewhere/velden-official-01'],
        [markup, '<img src=x onerror=alert(1)> & "notes"'],
        [DAMANKWA, 'damankwa-politician-01'],
      ]);
      for (const [documentPath, name] of shown) {
        const index: number = report.columnHeaders.indexOf(name) + 1;
        assert.ok(index > 0, `a column named ${name}`);
        // Focusing the header brings it into view (the grid renders the columns in view).
        await act({ kind: 'focusCell', row: 0, column: index });
        const header: WebviewReport['headerCells'][number] = await waitFor(`the header of ${name}`, async () => (await query())?.headerCells.find((h) => h.column === index));
        assert.equal(header.text, name);
        assert.ok(header.title.startsWith(`${documentPath} · `), header.title);
      }
      assert.deepEqual((await query())!.dom, { images: 0, scripts: 0, iframes: 0, inlineHandlers: 0 });
    } finally {
      await fs.rm(file('transcripts/elsewhere'), { recursive: true, force: true });
      await fs.writeFile(file('cases.yaml'), cases);
      await vscode.commands.executeCommand('gloss.reloadStudy');
    }
  });

  it('filters by coder and rolls sub-codes up into their parents', async () => {
    const input = await coreInput();
    await openView(BASE_VIEW);
    await act({ kind: 'control', control: 'coder:Joaquín', value: false });
    let report = await settled('Marike only', (r) => JSON.stringify(r.view.coders) === '["Marike"]');
    assert.deepEqual(report.cells, expectedCells(input, { ...BASE_VIEW, coders: ['Marike'] }).cells);
    await act({ kind: 'control', control: 'rollUp', value: true });
    report = await settled('rolled up', (r) => r.view.rollUp);
    const rolled = expectedCells(input, { ...BASE_VIEW, coders: ['Marike'], rollUp: true });
    assert.deepEqual(report.cells, rolled.cells);
    const impact = report.rowHeaders.indexOf('Impact');
    const children = ['Urban livability', 'Local government effectiveness', 'Local government responsiveness', 'Civic society'].map((n) => report.rowHeaders.indexOf(n));
    assert.ok(Number(report.cells[impact].at(-1)) >= Math.max(...children.map((i) => Number(report.cells[i].at(-1)))));
    // Collapsing a parent with the keyboard hides its sub-codes.
    await act({ kind: 'focusCell', row: impact + 1, column: 0 });
    await act({ kind: 'key', key: 'Enter' });
    report = await settled('Impact collapsed', (r) => r.view.collapsed.includes('impact'));
    assert.ok(!report.rowHeaders.includes('Urban livability'));
    await act({ kind: 'key', key: 'Enter' });
    await settled('Impact expanded', (r) => !r.view.collapsed.includes('impact') && r.rowHeaders.includes('Urban livability'));
  });

  it('sorts the rows by a column with Enter on its header', async () => {
    const input = await coreInput();
    const report0 = await openView(BASE_VIEW);
    const column = report0.columnHeaders.indexOf('Macuvane') + 1;
    await act({ kind: 'focusCell', row: 0, column });
    await act({ kind: 'key', key: 'Enter' });
    const report = await settled('sorted by Macuvane', (r) => r.view.sort.column === 'macuvane' && r.view.sort.descending);
    const matrix = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false });
    const index = matrix.columns.findIndex((c) => c.key === 'macuvane');
    const order = orderRows(matrix.rows, (row) => matrix.rows[row].cells.segments[index], true);
    assert.deepEqual(report.rowHeaders.slice(0, -1), order.map((i) => matrix.rows[i].name));
    await act({ kind: 'key', key: 'Enter' });
    await settled('ascending', (r) => r.view.sort.column === 'macuvane' && !r.view.sort.descending);
    await act({ kind: 'key', key: 'Enter' });
    await settled('codebook order', (r) => r.view.sort.column === null);
  });

  it('drills down with the arrow keys and Enter, and opens a segment at its passage', async () => {
    const input = await coreInput();
    const report0 = await openView(BASE_VIEW);
    const row = report0.rowHeaders.indexOf('Local government effectiveness') + 1;
    const column = report0.columnHeaders.indexOf('Damankwa') + 1;
    // Arrive there by keyboard: from the first cell, down and right.
    await act({ kind: 'focusCell', row: 1, column: 1 });
    for (let i = 1; i < row; i++) await act({ kind: 'key', key: 'ArrowDown' });
    for (let i = 1; i < column; i++) await act({ kind: 'key', key: 'ArrowRight' });
    assert.deepEqual((await query())!.focused, { row, column });
    await act({ kind: 'key', key: 'Enter' });
    const expected = cellSegments(input, { columns: { kind: 'case' }, rollUp: false }, { code: 'imp-lg-effectiveness', column: 'damankwa' });
    assert.equal(expected.length, 2);
    const report = await waitFor('the drill-down', async () => {
      const r = await query();
      return r?.drill && r.drill.items.length === expected.length ? r : undefined;
    });
    assert.match(report.drill!.title, /Local government effectiveness · Damankwa: 2 segments/);
    const quotes = expected.map(({ segment, document }) => [...document.text].slice(segment.start, segment.end).join(''));
    assert.deepEqual(report.drill!.items, quotes);
    // Focus is on the first segment: Enter opens the transcript with the segment selected.
    await act({ kind: 'key', key: 'Enter' });
    const editor = await waitFor('the transcript to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === file(DAMANKWA) && !e.selection.isEmpty ? e : undefined;
    });
    assert.equal(normaliseText(editor.document.getText(editor.selection)), quotes[0]);
    // It opens protected while coding: a stray Enter leaves the passage as it was.
    const text = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.equal(editor.document.getText(), text);
    assert.equal(normaliseText(editor.document.getText(editor.selection)), quotes[0]);
  });

  it('shows code co-occurrence as the core counts it, for overlap and for paragraphs, with a drill-down to the pairs', async () => {
    const input = await coreInput();
    await openView({ ...BASE_VIEW, tab: 'cooccurrence' });
    for (const proximity of [{ kind: 'overlap' }, { kind: 'paragraph' }] as const) {
      await act({ kind: 'control', control: 'proximity', value: proximity.kind });
      const report = await settled(`co-occurrence by ${proximity.kind}`, (r) => r.view.proximity.kind === proximity.kind);
      const matrix = computeCooccurrence(input, { proximity, rollUp: false });
      const expected = matrix.codes.map((_, i) => matrix.codes.map((__, j) => (i === j ? '' : String(matrix.counts[i][j]))));
      assert.deepEqual(report.cells, expected, proximity.kind);
    }
    const report = (await query())!;
    // The busiest pair, by paragraph: drill into it.
    const matrix = computeCooccurrence(input, { proximity: { kind: 'paragraph' }, rollUp: false });
    let best = [0, 1];
    matrix.counts.forEach((row, i) => row.forEach((n, j) => { if (n > matrix.counts[best[0]][best[1]]) best = [i, j]; }));
    assert.equal(report.rowHeaders[best[0]], matrix.codes[best[0]].name);
    await act({ kind: 'focusCell', row: best[0] + 1, column: best[1] + 1 });
    await act({ kind: 'key', key: 'Enter' });
    const drilled = await waitFor('pairs', async () => {
      const r = await query();
      return r?.drill && r.drill.items.length === 2 * matrix.counts[best[0]][best[1]] ? r : undefined;
    });
    assert.match(drilled.drill!.title, new RegExp(`${matrix.counts[best[0]][best[1]]} pairs of segments`));
  });

  it('shows the example framework matrix in the form of the poster\'s impact table', async () => {
    const report = await openView({ ...BASE_VIEW, tab: 'framework', framework: MATRIX });
    assert.deepEqual(report.rowHeaders, ['San Aurelio', 'Kassoumbé', 'Damankwa', 'Macuvane', 'South']);
    assert.deepEqual(report.columnHeaders, ['Urban livability and productivity', 'Local government effectiveness', 'Local government responsiveness', 'Civic society and multi-sector partnerships']);
    const south = report.cells[4];
    assert.deepEqual(south.map((text) => text.split(' — ')[0]), ['++', '+', '-', '+/-']);
    assert.match(south[0], /E\.g\. clinics, schools, employment creation, environmental awareness raising/);
  });

  it('edits a framework cell in the webview and writes only that cell\'s lines, comments kept', async () => {
    const before = await read(MATRIX);
    await openView({ ...BASE_VIEW, tab: 'framework', framework: MATRIX });
    // Kassoumbé x Civic society: rating +/- → +, a new summary, one more segment linked.
    await act({ kind: 'focusCell', row: 2, column: 4 });
    await act({ kind: 'key', key: 'Enter' });
    const editing = await waitFor('the cell editor', async () => {
      const r = await query();
      return r?.editor && r.drill && r.drill.evidence.length === 1 ? r : undefined;
    });
    assert.equal(editing.editor!.rating, '+/-');
    await act({ kind: 'click', testId: 'rating-+' });
    await act({ kind: 'type', testId: 'summary', text: 'Associations mobilised for the registry campaigns; edited in the webview.' });
    const suggestions = editing.drill!.suggestions.length;
    if (suggestions > 0) await act({ kind: 'click', testId: 'link', index: 0 });
    await act({ kind: 'click', testId: 'save' });
    const after = await waitFor('the file on disk to change', async () => {
      const text = await read(MATRIX);
      return text !== before ? text : undefined;
    });
    const parsed = parseFramework(after, MATRIX);
    assert.ok(parsed.ok);
    const cell = parsed.matrix.cells.find((c) => c.case === 'kassoumbe' && c.theme === 'imp-civic-society')!;
    assert.equal(cell.rating, '+');
    assert.equal(cell.summary, 'Associations mobilised for the registry campaigns; edited in the webview.');
    assert.equal(cell.evidence.length, suggestions > 0 ? 2 : 1);
    // Every line outside the cell is unchanged, comments included.
    const beforeLines = before.split('\n');
    const afterLines = after.split('\n');
    const firstChanged = beforeLines.findIndex((line, i) => line !== afterLines[i]);
    const fromEnd = (lines: string[], n: number) => lines[lines.length - 1 - n];
    let sameAtEnd = 0;
    while (fromEnd(beforeLines, sameAtEnd) === fromEnd(afterLines, sameAtEnd)) sameAtEnd++;
    const cellLine = before.split('\n').findIndex((line, i, lines) => line.includes('case: kassoumbe') && lines[i + 1]?.includes('imp-civic-society'));
    assert.ok(firstChanged > cellLine, 'nothing before the cell changed');
    assert.ok(beforeLines.length - sameAtEnd <= cellLine + 7, 'nothing after the cell changed');
    for (const comment of beforeLines.filter((line) => line.trim().startsWith('#'))) assert.ok(afterLines.includes(comment), `comment kept: ${comment}`);
    // The webview shows the saved cell.
    await settled('the saved cell', (r) => r.cells[1]?.[3]?.startsWith('+ — Associations mobilised'));
  });

  it('refuses to write a matrix that has unsaved changes in an editor, and says so', async () => {
    // code-server saves after a second by default: under load the edit below would be saved
    // before the refusal is asked for, and the test would see no unsaved changes.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect<string>('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      await refusesWithUnsavedChanges();
    } finally {
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
  });

  async function refusesWithUnsavedChanges(): Promise<void> {
    // Rewritten only when it differs: a write, even of the same text, reaches the webview later as a
    // change, and a refresh arriving before the draft is touched closes the cell editor.
    if ((await read(MATRIX)) !== originals.get(MATRIX)) {
      await fs.writeFile(file(MATRIX), originals.get(MATRIX)!);
      await vscode.commands.executeCommand('gloss.reloadStudy');
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file(MATRIX)), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# an unsaved note\n'));
    assert.ok(editor.document.isDirty);
    await openView({ ...BASE_VIEW, tab: 'framework', framework: MATRIX });
    await act({ kind: 'focusCell', row: 1, column: 1 });
    await act({ kind: 'key', key: 'Enter' });
    await waitFor('the cell editor', async () => ((await query())?.editor ? true : undefined));
    // The rewrite above reaches the webview as a change, at the file watcher's own time: a refresh
    // before the draft is touched opens the cell anew (a touched draft is kept), so the rating is
    // given again until the draft has it.
    await waitFor('the draft rated +', async () => {
      if ((await query())?.editor?.rating === '+') return true;
      await act({ kind: 'click', testId: 'rating-+' });
      return undefined;
    });
    await act({ kind: 'click', testId: 'save' });
    let shown = '';
    const report = await waitFor('the refusal', async () => {
      const r = await query();
      shown = `dirty: ${editor.document.isDirty}; ${r?.bodyText.replace(/\s+/g, ' ').slice(0, 400) ?? 'no report'}`;
      return r && /unsaved changes/.test(r.bodyText) ? r : undefined;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; ${shown}`);
    });
    assert.equal(report.editor!.rating, '+', 'the draft is kept');
    assert.equal(await read(MATRIX), originals.get(MATRIX), 'the file is untouched');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }

  it('creates a new framework matrix from a title, cases and themes, and shows it', async () => {
    await vscode.commands.executeCommand('gloss.comparison.newFramework', { title: 'Organisation: North and South', cases: ['velden', 'san-aurelio'], themes: ['org-policy', 'org-resources'] });
    const created = 'matrices/organisation-north-and-south.yaml';
    const text = await read(created);
    const parsed = parseFramework(text, created);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.matrix.rows.map((r) => r.id), ['velden', 'san-aurelio']);
    const report = await settled('the new matrix', (r) => r.tab === 'framework' && r.view.framework === created);
    assert.deepEqual(report.rowHeaders, ['Velden', 'San Aurelio']);
    assert.deepEqual(report.columnHeaders, ['Policy', 'Resources']);
    await fs.rm(file(created));
  });

  it('exports the matrices as CSV and Markdown to the path given', async () => {
    const input = await coreInput();
    const csvFile = path.join(scratch, 'codes.csv');
    await vscode.commands.executeCommand('gloss.comparison.exportCsv', { target: csvFile, view: { ...BASE_VIEW, tab: 'codes' } });
    const csvText = await fs.readFile(csvFile, 'utf8');
    assert.ok(csvText.startsWith('\uFEFF'), 'a byte order mark for spreadsheets');
    const lines = csvText.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], ['Code id', 'Code', 'Velden', 'San Aurelio', 'Brakelmonde', 'Kassoumbé', 'Tessenfeld', 'Damankwa', 'Ravenswaarde', 'Macuvane', 'Total'].join(','));
    assert.equal(lines.length, input.codebook.size + 2);
    assert.ok(lines.some((line) => line.startsWith('imp-urban-livability,Impact › Urban livability,') && line.endsWith(',9')));
    // The setting gloss.export.csvByteOrderMark holds for the matrices too (it was ignored before).
    await vscode.workspace.getConfiguration('gloss').update('export.csvByteOrderMark', false, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('gloss.comparison.exportCsv', { target: csvFile, view: { ...BASE_VIEW, tab: 'codes' } });
      assert.equal(await fs.readFile(csvFile, 'utf8'), csvText.slice(1), 'the same matrix without a byte order mark');
    } finally {
      await vscode.workspace.getConfiguration('gloss').update('export.csvByteOrderMark', undefined, vscode.ConfigurationTarget.Global);
    }
    const markdownFile = path.join(scratch, 'impact.md');
    await fs.writeFile(file(MATRIX), originals.get(MATRIX)!);
    await vscode.commands.executeCommand('gloss.comparison.exportMarkdown', { target: markdownFile, view: { ...BASE_VIEW, tab: 'framework', framework: MATRIX } });
    const markdown = await fs.readFile(markdownFile, 'utf8');
    assert.match(markdown, /^\*\*Impact in the South\*\*\n\n\| Case \| Urban livability and productivity \| Local government effectiveness \| Local government responsiveness \| Civic society and multi-sector partnerships \|\n/);
    assert.ok(markdown.includes('| South | ++<br>E.g. clinics, schools, employment creation, environmental awareness raising | +<br>E.g. information systems, structural plans, leadership skills, performance management | -<br>Difficult to enhance; beyond sphere of influence city partnerships, learning in the North | +/-<br>Strengthening civic society organisations and participation capacity (opportunity) |'));
  });

  it('updates when codings change on disk', async () => {
    const report0 = await openView(BASE_VIEW);
    const row = report0.rowHeaders.indexOf('Urban livability');
    const column = report0.columnHeaders.indexOf('Velden');
    const before = Number(report0.cells[row][column]);
    const text = normaliseText(await read(VELDEN));
    const start = text.indexOf('Velden');
    const coding = {
      id: '00000000-0000-4000-8000-00000000c0de',
      code: 'imp-urban-livability',
      start,
      end: start + 6,
      quote: 'Velden',
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(start + 6, start + 38),
      version: textVersion(text),
      coder: 'Marike',
      created: '2026-05-01T10:00:00.000Z',
    };
    assert.ok([...text.slice(0, start)].length === start, 'no wide characters before the passage');
    await fs.writeFile(file(VELDEN_CODINGS), originals.get(VELDEN_CODINGS)! + JSON.stringify(coding) + '\n');
    await settled('the new coding counted', (r) => Number(r.cells[row][column]) === before + 1);
    await fs.writeFile(file(VELDEN_CODINGS), originals.get(VELDEN_CODINGS)!);
    await settled('the coding gone again', (r) => Number(r.cells[row][column]) === before);
  });

  it('keeps its view and drill-down when the webview reloads (state restored, not kept alive)', async () => {
    await openView({ ...BASE_VIEW, tab: 'cooccurrence', proximity: { kind: 'turn' } });
    await act({ kind: 'focusCell', row: 2, column: 3 });
    await act({ kind: 'key', key: 'Enter' });
    const before = await waitFor('a drill-down', async () => ((await query())?.drill ? (await query())! : undefined));
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const after = await settled('the reloaded webview', (r) => r.tab === 'cooccurrence' && r.drill !== null && r.drill.title === before.drill!.title);
    assert.deepEqual(after.view.proximity, { kind: 'turn' });
    assert.deepEqual(after.cells, before.cells);
  });

  it('shows a transcript holding HTML and script markup as text', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const fixture = path.join(extension.extensionPath, 'test', 'fixtures', 'hostile');
    await fs.cp(path.join(fixture, 'transcripts'), file('transcripts'), { recursive: true });
    await fs.cp(path.join(fixture, 'codings'), file('codings'), { recursive: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    await openView({ ...BASE_VIEW, columns: { kind: 'document' } });
    const report = await settled('the hostile document as a column', (r) => r.columnHeaders.includes(HOSTILE_COLUMN));
    const row = report.rowHeaders.indexOf('Civic society') + 1;
    const column = report.columnHeaders.indexOf(HOSTILE_COLUMN) + 1;
    assert.equal(report.cells[row - 1][column - 1], '1');
    await act({ kind: 'focusCell', row, column });
    await act({ kind: 'key', key: 'Enter' });
    const drilled = await waitFor('the hostile segment', async () => {
      const r = await query();
      return r?.drill && r.drill.items.length === 1 ? r : undefined;
    });
    const stored = JSON.parse((await read(HOSTILE_CODINGS)).trim()) as { quote: string };
    assert.equal(drilled.drill!.items[0], stored.quote);
    assert.ok(drilled.drill!.items[0].includes('<img src=x onerror=alert(1)>'));
    assert.ok(drilled.drill!.items[0].includes('</script><script>alert(2)</script>'));
    assert.ok(drilled.bodyText.includes('<img src=x onerror=alert(1)>'));
    assert.deepEqual(drilled.dom, { images: 0, scripts: 0, iframes: 0, inlineHandlers: 0 });
  });
});
