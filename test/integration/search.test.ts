// Study-wide search and word frequencies, driven through the commands a person runs, on the example
// study: a search narrowed to the South finds the hits the core finds over the same files, the
// concordance webview shows those rows (read back from its DOM), a row opens its transcript with
// the hit selected, a transcript edited in its editor is searched in its new text; the comparison
// of North and South shows the core's keyness.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCodingsFile } from '../../src/core/codings/format';
import { compileSearch, DEFAULT_SEARCH } from '../../src/core/search/match';
import { countByGroup } from '../../src/core/search/groups';
import { compareCounts } from '../../src/core/search/keyness';
import { kwicRows } from '../../src/core/search/kwic';
import { searchStudy } from '../../src/core/search/study-search';
import { placeStudyDocuments } from '../../src/core/study/place-all';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { TextIndex } from '../../src/core/text/offsets';
import type { SearchWebviewReport } from '../../src/shared/search-protocol';
import { waitFor } from './helpers/wait';

const EXTENSION_ID = 'gloss-qda.gloss-qda';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const query = () => vscode.commands.executeCommand<SearchWebviewReport | undefined>('gloss.test.search.query');

async function coreStudy() {
  const study = await Study.load(root());
  const placed = await placeStudyDocuments(study, new GitAndSnapshotVersions(root(), undefined));
  return { codebook: study.codebook, cases: study.cases, documents: placed.documents };
}

describe('study-wide search and word frequencies', function () {
  this.timeout(120_000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await waitFor('the study to open', () => vscode.commands.executeCommand<unknown>('gloss.search.lastHits').then((hits) => Array.isArray(hits)));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a search narrowed to the South finds the hits the core finds, the concordance shows them, and a row opens at its hit', async () => {
    const request = { query: 'partnership', wholeWord: true, matchCase: false, matchAccents: false, regex: false };
    const scope = { attributes: { region: ['South'] } };
    const hits = await waitFor('the search to run', () => vscode.commands.executeCommand<{ path: string; start: number; end: number }[] | undefined>('gloss.searchStudy', { ...request, scope }));
    const core = await searchStudy(compileSearch({ ...DEFAULT_SEARCH, ...request }), await coreStudy(), scope);
    assert.ok(core.length >= 4, `the core finds ${core.length} hits`);
    assert.deepEqual(hits, core.map((h) => ({ path: h.path, start: h.start, end: h.end })));
    assert.ok(hits.every((h) => /damankwa|kassoumbe|macuvane|san-aurelio/.test(h.path)), 'only documents of the South');
    assert.deepEqual(await vscode.commands.executeCommand('gloss.search.lastHits'), hits);

    const shown = await waitFor('the concordance to show the rows', async () => {
      const report = await query();
      return report?.kind === 'concordance' && report.rows.length === core.length ? report : undefined;
    });
    const expected = kwicRows(core).map((r) => [r.path, String(r.line), r.left, r.keyword, r.right]);
    assert.deepEqual(shown.rows, expected);

    // The person opens the third row: its transcript, with the hit selected.
    const row = core[2];
    await vscode.commands.executeCommand('gloss.test.search.openRow', 2);
    const editor = await waitFor('the transcript to open at the hit', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.fsPath === path.join(root(), ...row.path.split('/')) && !active.selection.isEmpty ? active : undefined;
    });
    const index = TextIndex.forEditorText(editor.document.getText());
    const selection = editor.selection;
    assert.deepEqual(
      [index.toCodePointOffset(editor.document.offsetAt(selection.start)), index.toCodePointOffset(editor.document.offsetAt(selection.end))],
      [row.start, row.end],
    );
    assert.equal(editor.document.getText(selection).toLowerCase(), 'partnership');
  });

  it('an invalid regular expression and an empty search give a message and change nothing', async () => {
    const before = await vscode.commands.executeCommand('gloss.search.lastHits');
    assert.equal(await vscode.commands.executeCommand('gloss.searchStudy', { query: '(unclosed', regex: true }), undefined);
    assert.equal(await vscode.commands.executeCommand('gloss.searchStudy', { query: '  ' }), undefined);
    assert.deepEqual(await vscode.commands.executeCommand('gloss.search.lastHits'), before);
  });

  it('a search after a transcript was edited in its editor finds the edited text, never the copy folded for the search before', async () => {
    const search = () => vscode.commands.executeCommand<{ path: string; start: number; end: number }[] | undefined>('gloss.searchStudy', { query: 'partnership', wholeWord: true });
    const before = await waitFor('the search to run', search);
    const [first] = before;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root(), ...first.path.split('/')))));
    try {
      await vscode.commands.executeCommand('gloss.editTranscript');
      const index = TextIndex.forEditorText(editor.document.getText());
      const range = new vscode.Range(editor.document.positionAt(index.toUnitOffset(first.start)), editor.document.positionAt(index.toUnitOffset(first.end)));
      // The same length: a copy kept by length would still hold the word; every other hit keeps its place.
      assert.ok(await editor.edit((e) => e.replace(range, 'x'.repeat(first.end - first.start))));
      await waitFor('the search to find the edited text', async () => {
        const after = await search();
        return JSON.stringify(after) === JSON.stringify(before.slice(1));
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('gloss.protectTranscript').then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('auto-codes the hits of a search with one hit unticked: exactly the others are written, and undo removes them', async () => {
    const coderFolder = path.join(root(), 'codings', 'hit-coder');
    await vscode.workspace.getConfiguration('gloss').update('coder', 'Hit Coder', vscode.ConfigurationTarget.Global);
    try {
      const hits = await waitFor('the search to run', () =>
        vscode.commands.executeCommand<{ path: string; start: number; end: number }[] | undefined>('gloss.searchStudy', { query: 'partnership', wholeWord: true, scope: { attributes: { region: ['South'] } } }),
      );
      assert.ok(hits.length >= 3, `${hits.length} hits`);
      const keep = hits.map((_, i) => i).filter((i) => i !== 1);
      await vscode.commands.executeCommand('gloss.search.autoCodeHits', { code: 'interaction', widening: 'none', keep });
      const written = async () => {
        const files = await fs.readdir(coderFolder, { recursive: true }).catch(() => [] as string[]);
        const codings = [];
        for (const name of files.filter((f) => f.endsWith('.jsonl'))) {
          const document = name.replace(/\.jsonl$/, '');
          codings.push(...parseCodingsFile(await fs.readFile(path.join(coderFolder, name), 'utf8'), document).codings.map((c) => ({ path: document, start: c.start, end: c.end, code: c.code })));
        }
        return codings.sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start);
      };
      const expected = hits.filter((_, i) => i !== 1).map((h) => ({ ...h, code: 'interaction' }));
      assert.deepEqual(await written(), [...expected].sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start));
      await vscode.commands.executeCommand('gloss.undo');
      await waitFor('the auto-coded hits to be undone', async () => (await written()).length === 0);
    } finally {
      await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
      await fs.rm(coderFolder, { recursive: true, force: true });
    }
  });

  it('the comparison of North and South shows the core\'s counts and log-likelihood, and a word opens in context', async () => {
    const grouping = { kind: 'attribute', attribute: 'region' } as const;
    await vscode.commands.executeCommand('gloss.compareWordFrequencies', { grouping, groupA: 'North', groupB: 'South' });
    const shown = await waitFor('the comparison to show', async () => {
      const report = await query();
      return report?.kind === 'comparison' && report.rows.length > 0 ? report : undefined;
    });
    const study = await coreStudy();
    const counts = await countByGroup(study.documents, study.cases, { grouping, removeStopWords: true, fallbackLanguage: 'en' });
    const rows = compareCounts(counts.get('North')!, counts.get('South')!);
    // The table is sorted by log-likelihood, most key first: the same words, counts and G2 (2 decimals).
    const top = shown.rows.slice(0, 10).map((cells) => [cells[0], cells[1], cells[3], cells[5]]);
    const fmt = (n: number) => n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    assert.deepEqual(top, rows.slice(0, 10).map((r) => [r.word, r.countA.toLocaleString(), r.countB.toLocaleString(), fmt(r.logLikelihood)]));

    await vscode.commands.executeCommand('gloss.test.search.clickWord', rows[0].word);
    const concordance = await waitFor('the word in context', async () => {
      const report = await query();
      return report?.kind === 'concordance' ? report : undefined;
    });
    assert.equal(concordance.rows.length, rows[0].countA + rows[0].countB);
  });
});
