// The agreement view, driven as a person does, on the example study as a real Git repository:
// Marike's codings in the working tree (branch `main`), Joaquín's on the branch `joaquin`. The
// figures the webview shows (read back from its DOM through gloss.test.agreement.query) are checked
// against the core's computation over the same sides; bad input shows its reason and writes nothing;
// the exports hold the core's CSV and Markdown.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { computeAgreement, type AgreementReport, type CodeAgreement, type UnitAgreement } from '../../src/core/agreement/agreement';
import { agreementCsv, agreementMarkdown } from '../../src/core/agreement/export';
import { loadSides, type SideSpec } from '../../src/core/agreement/study-sides';
import type { AgreementUnit } from '../../src/core/agreement/units';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { formatCoefficient, formatPercent, type AgreementWebviewReport, type TestAction } from '../../src/shared/agreement-protocol';
import { makeTwoCoderRepository, removeRepository } from './helpers/two-coder-repo';
import { waitFor } from './helpers/wait';

const EXTENSION_ID = 'gloss-qda.gloss-qda';
const MARIKE: SideSpec = { coder: 'Marike' };
const JOAQUIN_AT_BRANCH: SideSpec = { coder: 'Joaquín', ref: 'joaquin' };

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

const query = () => vscode.commands.executeCommand<AgreementWebviewReport | undefined>('gloss.test.agreement.query');
const act = (action: TestAction) => vscode.commands.executeCommand('gloss.test.agreement.act', action);

/** The report once the webview shows the answer (figures or a refusal) to a request matching `ready`. */
function settled(what: string, ready: (r: AgreementWebviewReport) => boolean): Promise<AgreementWebviewReport> {
  return waitFor(
    what,
    async () => {
      const report = await query();
      if (!report || report.busy || (report.refusal === '' && report.rows.length === 0)) return undefined;
      return ready(report) ? report : undefined;
    },
    60_000,
  );
}

const sameSides = (report: AgreementWebviewReport, sides: readonly SideSpec[]) =>
  JSON.stringify(report.choice.sides.map((s) => [s.coder, s.ref ?? ''])) === JSON.stringify(sides.map((s) => [s.coder, s.ref ?? '']));

/** What the core computes for these sides, read afresh from disk and Git. */
async function coreReport(sides: readonly SideSpec[], unit: AgreementUnit, rollUp = false): Promise<{ report: AgreementReport; codeName: (code: string) => string }> {
  const study = await Study.load(root());
  const loaded = await loadSides(study, sides, new GitAndSnapshotVersions(root(), undefined));
  const codebook = study.codebook;
  const reportAs = rollUp ? (code: string) => codebook.path(codebook.resolve(code))[0]?.id ?? codebook.resolve(code) : (code: string) => codebook.resolve(code);
  const report = computeAgreement(loaded.documents, { coders: loaded.sides.map((s) => s.label), unit, notCodedBy: loaded.notCodedBy, reportAs });
  const codeName = (code: string) => (codebook.has(code) ? codebook.pathLabel(code) : `${code} (not in the codebook)`);
  return { report, codeName };
}

/** The cells of one row as the view should show them, restated from the core's values. */
function expectedCells(row: CodeAgreement, sides: number): string[] {
  const units = (u: UnitAgreement) => [
    String(u.units),
    formatPercent(u.percentAgreement.value ?? null),
    ...(sides === 2 ? [formatCoefficient(u.cohenKappa?.value ?? null)] : []),
    formatCoefficient(u.fleissKappa.value ?? null),
    formatCoefficient(u.krippendorffAlpha.value ?? null),
  ];
  return [...units(row.allUnits), ...units(row.codedUnits), formatCoefficient(row.unitizingAlpha.value ?? null), ...row.codings.map(String)];
}

function assertShowsCore(shown: AgreementWebviewReport, core: { report: AgreementReport; codeName: (code: string) => string }): void {
  const { report, codeName } = core;
  assert.deepEqual(shown.sides, report.coders);
  assert.deepEqual(
    shown.rows.map((row) => row.name),
    [...report.codes.map((row) => codeName(row.code!)), 'All codes'],
  );
  assert.deepEqual(
    shown.rows.map((row) => row.cells),
    [...report.codes, report.overall].map((row) => expectedCells(row, report.coders.length)),
  );
}

describe('agreement view', function () {
  this.timeout(180_000);
  const scratch = path.join(os.tmpdir(), `gloss-agreement-view-${process.pid}`);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('the extension to activate', () => extension.isActive);
    await makeTwoCoderRepository(root());
    await fs.mkdir(scratch, { recursive: true });
  });

  after(async () => {
    await removeRepository(root());
    await fs.rm(scratch, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('shows, per code and overall, the figures the core computes for Marike (working tree) against Joaquín at the branch joaquin', async () => {
    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike', 'Joaquín@joaquin'] });
    const shown = await settled('the figures for Marike and Joaquín at joaquin', (r) => sameSides(r, [MARIKE, JOAQUIN_AT_BRANCH]));
    assert.equal(shown.refusal, '');
    const core = await coreReport([MARIKE, JOAQUIN_AT_BRANCH], 'word');
    assert.ok(core.report.codes.length > 5, 'several codes compared');
    assert.equal(core.report.documentsCodedByAll, 3, 'Joaquín coded three of the transcripts Marike coded');
    assertShowsCore(shown, core);
    assert.deepEqual(shown.columnHeaders.slice(0, 5), ['Units, all units', 'Percent agreement, all units', "Cohen's kappa, all units", "Fleiss' kappa, all units", "Krippendorff's alpha (nominal), all units"]);
    assert.deepEqual(shown.columnHeaders.slice(-2), ['Codings, Marike', 'Codings, Joaquín at joaquin']);
    assert.match(shown.status, /^\d+ documents \(coded by every side: 3\) · unit: Word · computed in \d+ ms$/);
    // The transcripts only Marike coded are said to be missing for Joaquín, not counted as disagreement.
    assert.ok(shown.notices.some((line) => /^Not coded by Joaquín at joaquin \(7 documents, missing values for that side, not disagreement\): .*transcripts\/velden\/velden-official-01\.txt/.test(line)), shown.notices.join('\n'));
    assert.deepEqual(shown.dom, { images: 0, scripts: 0, iframes: 0, inlineHandlers: 0 });
    assert.equal(shown.disagreementButtons, shown.rows.length, 'one per code and one for all codes');
  });

  it('follows the controls: another unit, sub-codes rolled up to top-level codes, chosen documents', async () => {
    await act({ kind: 'control', control: 'unit', value: 'sentence' });
    await act({ kind: 'control', control: 'rollUp', value: true });
    const rolledUp = await settled('sentences, rolled up', (r) => r.choice.unit === 'sentence' && r.choice.rollUp && r.status.includes('Sentence'));
    assertShowsCore(rolledUp, await coreReport([MARIKE, JOAQUIN_AT_BRANCH], 'sentence', true));

    await act({ kind: 'control', control: 'scope', value: 'documents' });
    const chosen = 'transcripts/san-aurelio/san-aurelio-ngo-01.txt';
    await act({ kind: 'control', control: 'documents', value: chosen });
    const one = await settled('one chosen document', (r) => r.choice.scope.kind === 'documents' && r.choice.scope.documents.length === 1);
    assert.match(one.status, /^1 document \(coded by every side: 1\)/);
    const core = await coreReport([MARIKE, JOAQUIN_AT_BRANCH], 'sentence', true);
    assert.ok(one.rows.length > 0);
    // Fewer units than over every document.
    assert.ok(Number(one.rows[one.rows.length - 1].cells[0]) < core.report.overall.allUnits.units);
    await act({ kind: 'control', control: 'scope', value: 'all' });
    await act({ kind: 'control', control: 'rollUp', value: false });
    await act({ kind: 'control', control: 'unit', value: 'word' });
  });

  it('compares three sides (one coder at two refs among them): Fleiss and Krippendorff without Cohen, the disagreements only for two', async () => {
    const sides = [MARIKE, JOAQUIN_AT_BRANCH, { coder: 'Marike', ref: 'main' }];
    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike', 'Joaquín@joaquin', 'Marike@main'] });
    const shown = await settled('three sides', (r) => sameSides(r, sides));
    assertShowsCore(shown, await coreReport(sides, 'word'));
    assert.ok(!shown.columnHeaders.some((header) => header.startsWith("Cohen's kappa")));
    assert.equal(shown.disagreementButtons, 0);
    assert.deepEqual(shown.columnHeaders.slice(-3), ['Codings, Marike', 'Codings, Joaquín at joaquin', 'Codings, Marike at main']);
    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike', 'Joaquín@joaquin'] });
    await settled('two sides again', (r) => sameSides(r, [MARIKE, JOAQUIN_AT_BRANCH]));
  });

  it('refuses an unknown ref, a coder with no codings and fewer than two sides with the reason, and then exports nothing', async () => {
    const target = path.join(scratch, 'refused.csv');
    await act({ kind: 'control', control: 'ref', index: 1, value: 'no-such-branch' });
    const unknownRef = await settled('the unknown ref refused', (r) => r.choice.sides[1]?.ref === 'no-such-branch');
    assert.match(unknownRef.refusal, /Unknown Git ref "no-such-branch"/);
    assert.deepEqual(unknownRef.rows, [], 'no figures');
    await vscode.commands.executeCommand('gloss.agreement.exportCsv', { target });
    await assert.rejects(fs.access(target), 'nothing written');

    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike', 'Nobody@joaquin'] });
    const nobody = await settled('a coder with no codings refused', (r) => r.choice.sides[1]?.coder === 'Nobody');
    assert.match(nobody.refusal, /Nobody has no codings at "joaquin"/);

    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike'] });
    const one = await settled('one side refused', (r) => r.choice.sides.length === 1);
    assert.match(one.refusal, /at least two sides/);
    await vscode.commands.executeCommand('gloss.agreement.exportMarkdown', { target: path.join(scratch, 'refused.md') });
    assert.deepEqual(await fs.readdir(scratch), [], 'nothing written');
  });

  it('exports CSV and Markdown files holding the core export of the figures shown', async () => {
    await vscode.commands.executeCommand('gloss.agreement.open', { sides: ['Marike', 'Joaquín@joaquin'] });
    await settled('the figures again', (r) => sameSides(r, [MARIKE, JOAQUIN_AT_BRANCH]) && r.refusal === '');
    const core = await coreReport([MARIKE, JOAQUIN_AT_BRANCH], 'word');
    const csv = path.join(scratch, 'agreement.csv');
    const markdown = path.join(scratch, 'agreement.md');
    await vscode.commands.executeCommand('gloss.agreement.exportCsv', { target: csv });
    await vscode.commands.executeCommand('gloss.agreement.exportMarkdown', { target: markdown });
    assert.equal(await fs.readFile(csv, 'utf8'), `\uFEFF${agreementCsv(core.report, core.codeName)}`);
    const written = await fs.readFile(markdown, 'utf8');
    assert.equal(written, agreementMarkdown(core.report, core.codeName));
    assert.match(written, /^Coders: Marike, Joaquín at joaquin\. Unit: word\./);
    assert.match(written, /Krippendorff, K\. \(2011\)/);
    await vscode.commands.executeCommand('gloss.agreement.copyMarkdown');
    assert.equal(await vscode.env.clipboard.readText(), written);
  });

  it('keeps its sides, unit and documents when the webview reloads (state restored, not kept alive), and shows the same figures', async () => {
    await act({ kind: 'control', control: 'unit', value: 'paragraph' });
    const before = await settled('paragraphs', (r) => r.choice.unit === 'paragraph' && r.status.includes('Paragraph'));
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const after = await settled('the reloaded webview', (r) => r.choice.unit === 'paragraph' && sameSides(r, [MARIKE, JOAQUIN_AT_BRANCH]) && r.page !== before.page);
    assert.deepEqual(after.rows, before.rows);
    assertShowsCore(after, await coreReport([MARIKE, JOAQUIN_AT_BRANCH], 'paragraph'));
  });
});
