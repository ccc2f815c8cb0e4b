// Cases and attributes without editing YAML, in a real VS Code on a copy of the example study:
// documents assigned to a case from the Documents view and the Explorer (the command called with
// what VS Code passes: the clicked item and the selection), and the classification sheet driven
// with the keyboard through its test commands. cases.yaml must change only in the lines concerned.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCases } from '../../src/core/cases/cases';
import type { ImportPlan } from '../../src/core/cases/import';
import type { SheetReport, TestAction } from '../../src/shared/sheet-protocol';
import { waitFor } from './helpers/wait';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');

const EXTRA = 'transcripts/extra/extra-01.txt';
const MACUVANE_NGO = 'transcripts/macuvane/macuvane-ngo-01.txt';
const DAMANKWA = 'transcripts/damankwa/damankwa-politician-01.txt';

interface TreeRow {
  readonly kind: string;
  readonly label: string;
  readonly path?: string;
  readonly children: TreeRow[];
}

const snapshot = () => vscode.commands.executeCommand<TreeRow[]>('gloss.test.documentsTree');
const query = () => vscode.commands.executeCommand<SheetReport>('gloss.test.sheet.query');
const act = (action: TestAction) => vscode.commands.executeCommand('gloss.test.sheet.act', action);

/** Lines removed and added between two texts, as a line diff around the one changed stretch. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

describe('Cases and the classification sheet', () => {
  let original: string;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    await vscode.commands.executeCommand('gloss.reloadStudy');
    original = await read('cases.yaml');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file('cases.yaml'), original);
    await fs.rm(path.dirname(file(EXTRA)), { recursive: true, force: true });
    await vscode.commands.executeCommand('gloss.reloadStudy');
    // The Documents view refreshes a moment later: the suites after this one must see the study as it was.
    const names = parseCases(original).cases.cases.map((c) => c.name);
    await waitFor('the Documents view as before', async () => {
      // The view lists transcript files found on disk: ask it to look again rather than wait for the watcher.
      await vscode.commands.executeCommand('gloss.documents.refresh');
      const labels = (await snapshot()).map((r) => r.label);
      return JSON.stringify(labels) === JSON.stringify(names) ? true : undefined;
    });
  });

  it('assigns documents to a case from the Documents view (a selection of two) and the Explorer, changing only their lines', async () => {
    await fs.mkdir(path.dirname(file(EXTRA)), { recursive: true });
    await fs.writeFile(file(EXTRA), 'Interviewer: A new interview.\n');
    await vscode.commands.executeCommand('gloss.documents.refresh');
    // The view's own items, as a right-click on a selection passes them.
    const rows = await waitFor('the new transcript in the Documents view', async () => {
      const tree = await snapshot();
      return tree.some((r) => r.children.some((d) => d.path === EXTRA)) ? tree : undefined;
    });
    const item = (documentPath: string) => ({ kind: 'document', path: rows.flatMap((r) => r.children).find((d) => d.path === documentPath)!.path });
    const selection = [item(EXTRA), item(MACUVANE_NGO)];
    assert.equal(await vscode.commands.executeCommand('gloss.cases.assignToCase', selection[0], selection, 'velden'), true);

    const after = await read('cases.yaml');
    const ngoLines = original.split('\n').filter((_, i, lines) => lines[i - 1]?.includes(MACUVANE_NGO) || lines[i].includes(MACUVANE_NGO));
    assert.equal(ngoLines.length, 2, 'the moved entry: its path line and its attributes line');
    const expected = original
      .replace(`${ngoLines.join('\n')}\n`, '')
      // Appended after Velden's last document (the report imported from a PDF).
      .replace(/(- path: transcripts\/reports\/velden-san-aurelio-annual-report-2025\.txt.*\n.*\n)/, `$1      - path: ${EXTRA}\n${ngoLines.join('\n')}\n`);
    assert.equal(after, expected, 'only the moved entry and the new one changed');

    const tree = await waitFor('the documents under Velden', async () => {
      const now = await snapshot();
      const velden = now.find((r) => r.label === 'Velden');
      return velden && velden.children.length === 4 ? now : undefined;
    });
    assert.deepEqual(
      tree.find((r) => r.label === 'Velden')!.children.map((d) => d.path),
      ['transcripts/velden/velden-official-01.txt', 'transcripts/reports/velden-san-aurelio-annual-report-2025.txt', EXTRA, MACUVANE_NGO],
    );

    // From the Explorer: the clicked file's URI and the selected URIs.
    const uri = vscode.Uri.file(file(EXTRA));
    assert.equal(await vscode.commands.executeCommand('gloss.cases.assignToCase', uri, [uri], 'damankwa'), true);
    const damankwaLines = after.split('\n').filter((_, i, lines) => lines[i - 1]?.includes(DAMANKWA) || lines[i].includes(DAMANKWA));
    assert.equal(
      await read('cases.yaml'),
      after.replace(`      - path: ${EXTRA}\n`, '').replace(`${damankwaLines.join('\n')}\n`, `${damankwaLines.join('\n')}\n      - path: ${EXTRA}\n`),
      'the entry moved, nothing else changed',
    );
  });

  it('creates and renames a case, and imports attributes from CSV in one write with a report of what did not match', async () => {
    assert.equal(await vscode.commands.executeCommand('gloss.cases.newCase', 'Lusaka Nord'), 'lusaka-nord');
    const created = await read('cases.yaml');
    assert.deepEqual(lineDiff(original, created), { removed: [], added: ['  - id: lusaka-nord', '    name: Lusaka Nord'] });
    // As the Documents view passes a case.
    assert.equal(await vscode.commands.executeCommand('gloss.cases.renameCase', { kind: 'case', id: 'lusaka-nord', name: 'Lusaka Nord', documents: [] }, 'Lusaka North'), true);
    const renamed = await read('cases.yaml');
    assert.deepEqual(lineDiff(created, renamed), { removed: ['    name: Lusaka Nord'], added: ['    name: Lusaka North'] });

    const csv = path.join(os.tmpdir(), `gloss-attributes-${process.pid}.csv`);
    await fs.writeFile(csv, '\ufeffdocument;population;funding\r\nvelden-official-01.txt;;1200\r\nDamankwa;160000;\r\nunknown.txt;1;\r\nkassoumbe;many;\r\n');
    try {
      const plan = await vscode.commands.executeCommand<ImportPlan>('gloss.cases.importAttributes', vscode.Uri.file(csv), { addNewAttributes: true, skipPreview: true });
      assert.deepEqual(plan.unmatched.map((u) => u.key), ['unknown.txt']);
      assert.deepEqual(plan.refused.map((r) => [r.key, r.attribute]), [['kassoumbe', 'population']]);
    } finally {
      await fs.rm(csv, { force: true });
    }
    const imported = parseCases(await read('cases.yaml')).cases;
    assert.deepEqual(imported.attributes.at(-1), { name: 'funding', type: 'number' });
    assert.equal(imported.cases.find((c) => c.id === 'damankwa')?.attributes.population, 160000);
    assert.equal(imported.cases.find((c) => c.id === 'velden')?.documents[0].attributes.funding, 1200);
    const lines = renamed.split('\n');
    const typeDefinition = lines.find((l) => l.startsWith('  type: { type: choice'))!;
    const veldenOwn = lines[lines.findIndex((l) => l.includes('velden-official-01.txt')) + 1];
    const expected = renamed
      .replace(`${typeDefinition}\n`, `${typeDefinition}\n  funding: { type: number }\n`)
      .replace('region: South, population: 151000, since: 1997', 'region: South, population: 160000, since: 1997')
      .replace(veldenOwn, veldenOwn.replace(/ \}$/, ', funding: 1200 }'));
    assert.equal(await read('cases.yaml'), expected, 'one new definition line and two changed value lines');
  });

  it('edits attributes in the sheet with the keyboard: one line of cases.yaml changes; a wrong type is refused; changes on disk show', async function () {
    // Many steps, each waiting for the webview and the file.
    this.timeout(120_000);
    await vscode.commands.executeCommand('gloss.cases.openSheet', 'cases');
    await waitFor('the sheet with the cases', async () => {
      const report = await query().then(undefined, () => undefined);
      return report && report.mode === 'cases' && report.rows.includes('damankwa') ? report : undefined;
    });

    // Typing starts an edit, Enter saves.
    await act({ kind: 'focus', row: 'damankwa', column: 'population' });
    await act({ kind: 'key', key: '1' });
    await act({ kind: 'type', text: '52000' });
    await act({ kind: 'key', key: 'Enter' });
    const edited = await waitFor('the new population in cases.yaml', async () => {
      const text = await read('cases.yaml');
      return text !== original ? text : undefined;
    });
    const line = original.split('\n').find((l) => l.includes('city: Damankwa'))!;
    assert.deepEqual(lineDiff(original, edited), { removed: [line], added: [line.replace('population: 151000', 'population: 152000')] });
    const report = await waitFor('the saved value shown', async () => {
      const r = await query();
      return r.editor === null && r.cells[r.rows.indexOf('damankwa')][r.columns.indexOf('population')] === '152000' ? r : undefined;
    });
    assert.deepEqual(report.active, { row: 'damankwa', column: 'population' });

    // A number attribute refuses text: the message says why, the editor stays open, the file stays.
    await act({ kind: 'key', key: 'ArrowRight' });
    await act({ kind: 'key', key: 'F2' });
    await act({ kind: 'type', text: 'x' });
    await act({ kind: 'key', key: 'Enter' });
    const refused = await waitFor('the refusal', async () => {
      const r = await query();
      return /not a number/.test(r.message) ? r : undefined;
    });
    assert.equal(refused.editor, 'input');
    assert.deepEqual(refused.active, { row: 'damankwa', column: 'since' });
    assert.equal(await read('cases.yaml'), edited);
    await act({ kind: 'key', key: 'Escape' });
    assert.equal((await query()).editor, null);

    // Documents as rows; a choice is a select; Tab saves and moves on.
    await act({ kind: 'mode', mode: 'documents' });
    await waitFor('documents as rows', async () => ((await query()).mode === 'documents' ? true : undefined));
    await act({ kind: 'focus', row: DAMANKWA, column: 'type' });
    await act({ kind: 'key', key: 'Enter' });
    assert.equal((await query()).editor, 'select');
    await act({ kind: 'type', text: 'report' });
    // `type` is the last column: Shift+Tab saves and moves left.
    await act({ kind: 'key', key: 'Tab', shift: true });
    const typed = await waitFor('the document type in cases.yaml', async () => {
      const text = await read('cases.yaml');
      return text !== edited ? text : undefined;
    });
    const documentLine = edited.split('\n')[edited.split('\n').findIndex((l) => l.includes(DAMANKWA)) + 1];
    assert.deepEqual(lineDiff(edited, typed), { removed: [documentLine], added: [documentLine.replace('type: interview', 'type: report')] });
    await waitFor('the cell on the left active', async () => {
      const r = await query();
      return r.editor === null && r.active?.column === 'anonymised' ? true : undefined;
    });

    // A change made on disk shows in the sheet.
    const reportLine = documentLine.replace('type: interview', 'type: report');
    await fs.writeFile(file('cases.yaml'), typed.replace(reportLine, reportLine.replace('type: report', 'type: plan')));
    await waitFor('the sheet showing the file on disk', async () => {
      const r = await query();
      return r.cells[r.rows.indexOf(DAMANKWA)][r.columns.indexOf('type')] === 'plan' ? true : undefined;
    });
  });
});
