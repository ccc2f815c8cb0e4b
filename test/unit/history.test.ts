// Undo and redo of study operations, taken back on the files as they are on disk then: work
// written since by another window or a script is never undone with it.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addCode, removeCode, renameCode } from '../../src/core/codebook/edit';
import { formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import { applyRemoval, planRemoval } from '../../src/core/codings/refactor';
import type { Coding } from '../../src/core/model';
import { WriteRefusedError } from '../../src/core/storage/update';
import { History } from '../../src/core/study/history';
import { Study } from '../../src/core/study/study';

const DOCUMENT = 'transcripts/t1.txt';
const FILE = `codings/marike/${DOCUMENT}.jsonl`;
const CODEBOOK = '# Our codes\ncodes:\n  - id: policy\n    name: Policy # the main one\n  - id: money\n    name: Money\n';

function coding(id: string, start: number, extra: Partial<Coding> = {}): Coding {
  return { id, code: 'policy', start, end: start + 4, quote: 'abcd', prefix: '', suffix: '', version: 'v1', coder: 'Marike', created: '2026-01-01T00:00:00.000Z', ...extra };
}

async function setUp(files: Record<string, string> = {}): Promise<{ root: string; study: Study; history: History }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-history-'));
  for (const [relative, text] of Object.entries({ 'codebook.yaml': CODEBOOK, ...files })) {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), text);
  }
  const study = await Study.load(root);
  const history = new History();
  study.writeListener = (write) => history.noteWrite(write);
  return { root, study, history };
}

async function read(root: string, relative: string): Promise<string | undefined> {
  return fs.readFile(path.join(root, relative), 'utf8').catch(() => undefined);
}

async function ids(root: string, relative = FILE): Promise<string[]> {
  return parseCodingsFile((await read(root, relative)) ?? '', relative).codings.map((c) => c.id).sort();
}

describe('undo and redo history', function () {
  it('undoes a coding by removing only it, keeping one another window added since; redo brings it back', async () => {
    const { root, study, history } = await setUp({ [FILE]: formatCodingsFile([coding('old', 0)]) });
    await history.record('Code “Policy”', () => study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('mine', 10)]));
    const other = await Study.load(root);
    await other.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('other-window', 20)]);
    assert.equal(history.undoStep?.label, 'Code “Policy”');
    await history.undo(study);
    assert.deepEqual(await ids(root), ['old', 'other-window']);
    assert.deepEqual(study.codingsOf(DOCUMENT).map((c) => c.id).sort(), ['old', 'other-window']);
    await history.redo(study);
    assert.deepEqual(await ids(root), ['mine', 'old', 'other-window']);
    assert.equal(history.redoStep, undefined);
  });

  it('undoes a removal and a memo, field by field, even after the coding was re-placed', async () => {
    const { root, study, history } = await setUp({ [FILE]: formatCodingsFile([coding('a', 0, { memo: 'first' }), coding('b', 10)]) });
    await history.record('Memo', () => study.updateCodings('Marike', DOCUMENT, (onDisk) => onDisk.map((c) => (c.id === 'a' ? { ...c, memo: 'second' } : c))));
    await history.record('Remove', () => study.updateCodings('Marike', DOCUMENT, (onDisk) => onDisk.filter((c) => c.id !== 'b')));
    // Another window re-bases coding a onto a new version of the text.
    const other = await Study.load(root);
    await other.updateCodings('Marike', DOCUMENT, (onDisk) => onDisk.map((c) => ({ ...c, start: 5, end: 9, version: 'v2' })));
    await history.undo(study); // Remove
    assert.deepEqual(await ids(root), ['a', 'b']);
    await history.undo(study); // Memo: the memo goes back, the place stays
    const a = parseCodingsFile((await read(root, FILE))!, FILE).codings.find((c) => c.id === 'a')!;
    assert.equal(a.memo, 'first');
    assert.equal(a.start, 5);
  });

  it('refuses to undo a codebook edit when codebook.yaml changed since, keeping that change', async () => {
    const { root, study, history } = await setUp();
    await history.record('Rename', () => study.editCodebook((text) => renameCode(text, 'policy', 'Policies')));
    const other = await Study.load(root);
    await other.editCodebook((text) => addCode(text, { id: 'x', name: 'From elsewhere' }, undefined));
    const changed = await read(root, 'codebook.yaml');
    await assert.rejects(history.undo(study), (e: unknown) => e instanceof WriteRefusedError && /changed since/.test(e.message));
    assert.equal(await read(root, 'codebook.yaml'), changed);
    assert.equal(history.undoStep, undefined, 'the step is dropped');
  });

  it('undoes deleting a code with your codings: codebook.yaml and every codings file exactly as before', async () => {
    const marike = formatCodingsFile([coding('m1', 0, { memo: 'a memo' }), coding('m2', 10, { code: 'money' })]);
    const marikeOnly = formatCodingsFile([coding('m3', 0)]);
    const joaquin = formatCodingsFile([coding('j1', 0, { coder: 'Joaquín' })]);
    const other = `codings/marike/transcripts/t2.txt.jsonl`;
    const files = { [FILE]: marike, [other]: marikeOnly, [`codings/joaquin/${DOCUMENT}.jsonl`]: joaquin };
    const { root, study, history } = await setUp(files);
    await history.record('Delete “Policy”', async () => {
      await study.editCodebook((text) => removeCode(text, 'policy', { children: 'reparent' }));
      await applyRemoval(study, planRemoval(study.codingsFileList, 'Marike', new Set(['policy'])));
    });
    assert.equal(await read(root, other), undefined, 'the file left without codings is gone');
    assert.equal(await read(root, `codings/joaquin/${DOCUMENT}.jsonl`), joaquin, "another coder's file is never written");
    assert.deepEqual(await ids(root), ['m2']);
    await history.undo(study);
    assert.equal(await read(root, 'codebook.yaml'), CODEBOOK);
    assert.equal(await read(root, FILE), marike);
    assert.equal(await read(root, other), marikeOnly);
    assert.ok(study.codebook.has('policy'));
    await history.redo(study);
    assert.ok(!study.codebook.has('policy'));
    assert.deepEqual(await ids(root), ['m2']);
  });
});
