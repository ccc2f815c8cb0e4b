// The Disagreements view in a real VS Code, on the example study in Git with two coders on two
// branches: Marike (the current coder, working tree) against Joaquín as committed on `joaquin`.
// The view lists what the core finds from the files; a passage opens both codings side by side;
// "Adopt This Coding" writes Marike's own file only, and the list follows; bad input is refused.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findDisagreements, type Disagreement } from '../../src/core/agreement/disagreements';
import { loadSides, type SideSpec } from '../../src/core/agreement/study-sides';
import { parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { TextIndex } from '../../src/core/text/offsets';
import { CODER_BRANCH, git, JOAQUIN_FOLDER, makeTwoCoderRepository, removeRepository } from './helpers/two-coder-repo';
import { waitFor } from './helpers/wait';

interface Row {
  node: { kind: string; path?: string; code?: string; passage?: Disagreement<Coding> };
  label: string;
  description?: string;
  contextValue?: string;
  children: Row[];
}
interface Snapshot {
  labels?: readonly string[];
  description?: string;
  message?: string;
  tree: Row[];
  shown: { column: number; uri: string; label: string; coded: boolean; ranges: number[][] }[];
}

const SIDES: SideSpec[] = [{ coder: 'Marike' }, { coder: 'Joaquín', ref: CODER_BRANCH }];
const DOCUMENT = 'transcripts/san-aurelio/san-aurelio-politician-01.txt';
const MARIKE_FILE = `codings/marike/${DOCUMENT}.jsonl`;
/** Hand-picked from the example data: Joaquín codes the sentence on no re-election as Legislation, Marike does not. */
const JOAQUIN_ONLY = { document: DOCUMENT, code: 'org-legislation', kind: 'oneSide', quote: 'en el Perú no hay reelección inmediata de alcaldes desde el 2015.' };

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const snapshot = () => vscode.commands.executeCommand<Snapshot>('gloss.test.disagreements');
const key = (p: Disagreement<Coding>) => `${p.document}|${p.kind}|${p.a?.code ?? '-'}|${p.b?.code ?? '-'}|${p.span.start}-${p.span.end}`;
const passageRows = (rows: Row[]): Row[] => rows.flatMap((r) => (r.node.kind === 'passage' ? [r] : passageRows(r.children)));

/** Every codings file of the working tree, path → bytes. */
async function codingsFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await fs.readdir(file(relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else files.set(child, await fs.readFile(file(child), 'utf8'));
    }
  };
  await walk('codings');
  return files;
}

/** What the core finds from the files on disk. */
async function expectedPassages(): Promise<Disagreement<Coding>[]> {
  const study = await Study.load(root());
  const loaded = await loadSides(study, SIDES, new GitAndSnapshotVersions(root(), undefined, true));
  return [...findDisagreements(loaded.documents, { a: 'Marike', b: `Joaquín at ${CODER_BRANCH}`, reportAs: (code) => study.codebook.resolve(code), notCodedBy: loaded.notCodedBy }).passages];
}

function handPicked(rows: Row[]): Row | undefined {
  return passageRows(rows).find((r) => {
    const p = r.node.passage!;
    return p.document === JOAQUIN_ONLY.document && p.kind === JOAQUIN_ONLY.kind && p.b?.code === JOAQUIN_ONLY.code && p.a === undefined;
  });
}

describe('the Disagreements view: two coders on two branches', function () {
  this.timeout(120_000);
  let marikeBefore = '';
  let joaquinCommit = '';

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')!.activate();
    await makeTwoCoderRepository(root());
    joaquinCommit = (await git(root(), 'rev-parse', CODER_BRANCH)).trim();
    marikeBefore = await fs.readFile(file(MARIKE_FILE), 'utf8');
    await vscode.workspace.getConfiguration('gloss').update('coder', 'Marike', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  after(async () => {
    await vscode.commands.executeCommand('gloss.disagreements.clear');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file(MARIKE_FILE), marikeBefore);
    await removeRepository(root());
    await vscode.workspace.getConfiguration('gloss').update('coder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('gloss.reloadStudy');
  });

  it('lists, by document and code, the passages the core finds between Marike and Joaquín at joaquin', async () => {
    const result = await vscode.commands.executeCommand<{ sides: string[]; passages: number }>('gloss.showDisagreements', { sides: SIDES });
    const expected = await expectedPassages();
    assert.ok(expected.length > 10, `the example data disagree in ${expected.length} passages`);
    assert.deepEqual(result, { sides: ['Marike', `Joaquín at ${CODER_BRANCH}`], passages: expected.length });
    const shown = await snapshot();
    assert.equal(shown.description, `Marike ↔ Joaquín at ${CODER_BRANCH}`);
    assert.deepEqual(passageRows(shown.tree).map((r) => key(r.node.passage!)).sort(), expected.map(key).sort());
    // Grouped by document, then code: each passage sits under its document and its code.
    for (const documentRow of shown.tree.filter((r) => r.node.kind === 'document')) {
      for (const codeRow of documentRow.children) {
        for (const p of codeRow.children.map((r) => r.node.passage!)) {
          assert.equal(p.document, documentRow.node.path);
          assert.equal(p.a?.code ?? p.b?.code, codeRow.node.code);
        }
      }
    }
    // Joaquín coded three transcripts: the others are listed as not compared, never as disagreement.
    const notCompared = shown.tree.find((r) => r.node.kind === 'notCompared');
    assert.equal(notCompared?.children.filter((r) => /not coded by Joaquín at joaquin$/.test(r.label)).length, 7);

    const documentRow = shown.tree.find((r) => r.node.path === DOCUMENT)!;
    const legislation = documentRow.children.find((r) => r.node.code === 'org-legislation')!;
    assert.equal(legislation.label, 'Legislation');
    const picked = handPicked(shown.tree);
    assert.ok(picked, 'the passage only Joaquín coded as Legislation is listed');
    assert.equal(picked.label, `Only Joaquín at ${CODER_BRANCH}`);
    assert.equal(picked.description, `“${JOAQUIN_ONLY.quote}”`);
    assert.equal(picked.contextValue, 'disagreementsPassage.adoptable');
    assert.ok(legislation.children.includes(picked));
  });

  it('opens a passage with both codings side by side: Marike left, Joaquín right', async () => {
    const rows = passageRows((await snapshot()).tree);
    const boundaries = rows.find((r) => r.node.passage!.kind === 'differentBoundaries')!;
    const p = boundaries.node.passage!;
    await vscode.commands.executeCommand('gloss.disagreements.open', boundaries.node);
    const shown = await waitFor('both columns', async () => ((await snapshot()).shown.length === 2 ? (await snapshot()).shown : undefined));
    const document = await vscode.workspace.openTextDocument(file(p.document));
    const index = TextIndex.forEditorText(document.getText());
    const ranges = (spans: readonly { start: number; end: number }[]) =>
      spans.map((s) => {
        const a = document.positionAt(index.toUnitOffset(s.start));
        const b = document.positionAt(index.toUnitOffset(s.end));
        return [a.line, a.character, b.line, b.character];
      });
    assert.deepEqual(
      shown.map((s) => [s.column, s.label, s.coded, s.uri]),
      [
        [1, 'Marike', true, document.uri.toString()],
        [2, `Joaquín at ${CODER_BRANCH}`, true, document.uri.toString()],
      ],
    );
    assert.deepEqual(shown[0].ranges, ranges(p.a!.codings.map((c) => c.span)));
    assert.deepEqual(shown[1].ranges, ranges(p.b!.codings.map((c) => c.span)));
    assert.notDeepEqual(shown[0].ranges, shown[1].ranges);
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === document.uri.toString());
    assert.deepEqual(editors.map((e) => e.viewColumn).sort(), [1, 2]);
    // The workbench reports what an editor shows after it has laid it out.
    const start = document.positionAt(index.toUnitOffset(p.span.start));
    for (const column of [1, 2]) {
      await waitFor(`the passage in view in column ${column}`, () =>
        vscode.window.visibleTextEditors.some((e) => e.viewColumn === column && e.document === document && e.visibleRanges.some((r) => r.contains(start))),
      );
    }
  });

  it("adopts Joaquín's coding into Marike's file only; the list follows, and Gloss: Undo takes it back", async () => {
    const filesBefore = await codingsFiles();
    const picked = handPicked((await snapshot()).tree)!;
    const source = picked.node.passage!.b!.codings[0];
    const countBefore = passageRows((await snapshot()).tree).length;

    const result = await vscode.commands.executeCommand<{ file: string; added: Coding[] }>('gloss.disagreements.adopt', picked.node);
    assert.equal(result.file, MARIKE_FILE);

    const filesAfter = await codingsFiles();
    assert.deepEqual([...filesAfter.keys()].sort(), [...filesBefore.keys()].sort(), 'no file created (no Joaquín folder in the working tree)');
    for (const [relative, text] of filesBefore) if (relative !== MARIKE_FILE) assert.equal(filesAfter.get(relative), text, `${relative} unchanged`);
    await assert.rejects(fs.access(file(JOAQUIN_FOLDER)));
    assert.equal((await git(root(), 'rev-parse', CODER_BRANCH)).trim(), joaquinCommit, "Joaquín's branch unchanged");
    const before = parseCodingsFile(marikeBefore, MARIKE_FILE).codings;
    const after = parseCodingsFile(filesAfter.get(MARIKE_FILE)!, MARIKE_FILE).codings;
    const added = after.filter((c) => !before.some((b) => b.id === c.id));
    assert.equal(after.length, before.length + 1);
    assert.equal(added.length, 1);
    assert.deepEqual(
      { code: added[0].code, coder: added[0].coder, start: added[0].start, end: added[0].end, quote: added[0].quote },
      { code: JOAQUIN_ONLY.code, coder: 'Marike', start: source.span.start, end: source.span.end, quote: JOAQUIN_ONLY.quote },
    );
    assert.notEqual(added[0].id, source.coding.id);
    for (const b of before) assert.deepEqual(after.find((c) => c.id === b.id), b, 'her other codings unchanged');

    const shown = await snapshot();
    assert.equal(handPicked(shown.tree), undefined, 'the adopted passage is gone from the list');
    assert.equal(passageRows(shown.tree).length, countBefore - 1);
    assert.deepEqual(passageRows(shown.tree).map((r) => key(r.node.passage!)).sort(), (await expectedPassages()).map(key).sort());

    assert.ok(await vscode.commands.executeCommand('gloss.undo'));
    assert.deepEqual(parseCodingsFile(await fs.readFile(file(MARIKE_FILE), 'utf8'), MARIKE_FILE).codings, before);
    await waitFor('the passage to come back', async () => handPicked((await snapshot()).tree));
  });

  it("adopts Joaquín's boundaries: Marike's coding takes his span, keeping its id and memo; the passage agrees then", async () => {
    const rows = passageRows((await snapshot()).tree);
    const row = rows.find((r) => r.node.passage!.document === DOCUMENT && r.node.passage!.kind === 'differentBoundaries' && r.node.passage!.a!.codings.length === 1 && r.node.passage!.b!.codings.length === 1)!;
    const p = row.node.passage!;
    const before = parseCodingsFile(await fs.readFile(file(MARIKE_FILE), 'utf8'), MARIKE_FILE).codings;
    const result = await vscode.commands.executeCommand<{ added: Coding[]; reshaped: Coding[]; message: string }>('gloss.disagreements.adopt', row.node);
    assert.deepEqual(result.added, []);
    assert.match(result.message, /now has Joaquín at joaquin’s boundaries/);
    const after = parseCodingsFile(await fs.readFile(file(MARIKE_FILE), 'utf8'), MARIKE_FILE).codings;
    assert.deepEqual(after.map((c) => c.id).sort(), before.map((c) => c.id).sort(), 'no coding added or removed');
    const mine = before.find((c) => c.id === p.a!.codings[0].coding.id)!;
    const reshaped = after.find((c) => c.id === mine.id)!;
    assert.deepEqual([reshaped.start, reshaped.end], [p.b!.codings[0].span.start, p.b!.codings[0].span.end]);
    assert.deepEqual([reshaped.code, reshaped.coder, reshaped.created, reshaped.memo], [mine.code, mine.coder, mine.created, mine.memo]);
    assert.ok(reshaped.modified);
    assert.equal(passageRows((await snapshot()).tree).some((r) => key(r.node.passage!) === key(p)), false, 'the passage agrees now');
    assert.ok(await vscode.commands.executeCommand('gloss.undo'));
    // Undo puts the passage back; the record keeps a `modified` stamp, as every rewritten record does.
    const undone = parseCodingsFile(await fs.readFile(file(MARIKE_FILE), 'utf8'), MARIKE_FILE).codings.find((c) => c.id === mine.id)!;
    assert.deepEqual({ ...undone, modified: undefined }, { ...mine, modified: undefined });
    await waitFor('the passage to come back', async () => passageRows((await snapshot()).tree).some((r) => key(r.node.passage!) === key(p)));
  });

  it('adopts into the current coder’s own file when they are neither side, and says so', async () => {
    const marike = await fs.readFile(file(MARIKE_FILE), 'utf8');
    await vscode.workspace.getConfiguration('gloss').update('coder', 'Third Reader', vscode.ConfigurationTarget.Global);
    try {
      const rows = (await snapshot()).tree;
      // Neither side is the current coder's working tree now: Marike's passages can be adopted too.
      assert.ok(passageRows(rows).every((r) => r.contextValue === 'disagreementsPassage.adoptable'));
      const result = await vscode.commands.executeCommand<{ file: string; added: Coding[]; message: string }>('gloss.disagreements.adopt', handPicked(rows)!.node);
      assert.equal(result.file, `codings/third-reader/${DOCUMENT}.jsonl`);
      assert.match(result.message, /Third Reader.*neither side/);
      assert.deepEqual(result.added.map((c) => [c.coder, c.code]), [['Third Reader', JOAQUIN_ONLY.code]]);
      assert.equal(await fs.readFile(file(MARIKE_FILE), 'utf8'), marike, "Marike's file unchanged");
    } finally {
      await fs.rm(file('codings/third-reader'), { recursive: true, force: true });
      await vscode.workspace.getConfiguration('gloss').update('coder', 'Marike', vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses an unknown ref and a coder with no codings with a clear message, writing nothing and keeping the list', async () => {
    const filesBefore = await codingsFiles();
    const listed = passageRows((await snapshot()).tree).map((r) => key(r.node.passage!));
    const unknown = await vscode.commands.executeCommand<{ error: string }>('gloss.showDisagreements', { sides: [{ coder: 'Marike' }, { coder: 'Joaquín', ref: 'no-such-branch' }] });
    assert.match(unknown.error, /Unknown Git ref "no-such-branch"/);
    const nobody = await vscode.commands.executeCommand<{ error: string }>('gloss.showDisagreements', { sides: [{ coder: 'Marike' }, { coder: 'Nobody' }] });
    assert.match(nobody.error, /Nobody has no codings/);
    const one = await vscode.commands.executeCommand<{ error: string }>('gloss.showDisagreements', { sides: [{ coder: 'Marike' }] });
    assert.match(one.error, /exactly two sides/);
    assert.deepEqual(await codingsFiles(), filesBefore);
    assert.deepEqual(passageRows((await snapshot()).tree).map((r) => key(r.node.passage!)), listed);
  });

  it('empties the list when blind coding is turned on, and compares nothing while it is on', async () => {
    await vscode.commands.executeCommand('gloss.showDisagreements', { sides: SIDES });
    assert.ok(passageRows((await snapshot()).tree).length > 0);
    const settings = vscode.workspace.getConfiguration('gloss');
    await settings.update('blindCoding', true, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the list emptied', async () => passageRows((await snapshot()).tree).length === 0);
      const refused = await vscode.commands.executeCommand<{ error: string }>('gloss.showDisagreements', { sides: SIDES });
      assert.match(refused.error, /blind coding/i);
      assert.equal(passageRows((await snapshot()).tree).length, 0);
    } finally {
      await settings.update('blindCoding', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
