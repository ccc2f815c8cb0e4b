import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Coding } from '../../src/core/model';
import type { CodingsFile } from '../../src/core/study/study';
import { Study } from '../../src/core/study/study';
import { formatCodingsFile } from '../../src/core/codings/format';
import { applyRemoval, codingsUsing, planRemoval, RecodeRefusedError } from '../../src/core/codings/refactor';
import { mergeCode, removeCode } from '../../src/core/codebook/edit';
import { countCodings } from '../../src/core/statistics/counts';

function coding(id: string, code: string, start: number, end: number, extra: Partial<Coding> = {}): Coding {
  return {
    id,
    code,
    start,
    end,
    quote: 'x'.repeat(end - start),
    prefix: '',
    suffix: '',
    version: 'v1',
    coder: 'Marike',
    created: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

function file(coderSlug: string, documentPath: string, codings: Coding[], writable = true): CodingsFile {
  return { path: `codings/${coderSlug}/${documentPath}.jsonl`, coderSlug, documentPath, codings, writable };
}

describe('codings refactor', () => {
  const files = [
    file('marike', 'a.txt', [coding('1', 'policy', 0, 5), coding('2', 'resources', 3, 9), coding('3', 'policy', 10, 12)]),
    file('joaquin', 'a.txt', [coding('4', 'resources', 0, 5, { coder: 'Joaquín' })]),
    file('joaquin', 'b.txt', [coding('5', 'policy', 1, 2, { coder: 'Joaquín' })]),
    file('marike', 'c.txt', [coding('6', 'other', 1, 2)]),
  ];

  it('counts codings, documents and coders that use codes', () => {
    assert.deepEqual(codingsUsing(files, new Set(['policy'])), { codings: 3, documents: 2, coders: 2, memos: [] });
    assert.deepEqual(codingsUsing(files, new Set(['policy', 'resources'])), { codings: 5, documents: 2, coders: 2, memos: [] });
    assert.deepEqual(codingsUsing(files, new Set(['none'])), { codings: 0, documents: 0, coders: 0, memos: [] });
  });

  it('names the memos on the codings of a code, for the confirmation that would delete them', () => {
    const withMemos = [
      file('marike', 'a.txt', [coding('1', 'policy', 0, 5, { memo: 'Ironic tone' }), coding('2', 'resources', 3, 9, { memo: 'Not this one' })]),
      file('joaquin', 'b.txt', [coding('5', 'policy', 1, 2, { coder: 'Joaquín', memo: 'Compare with Velden' }), coding('6', 'policy', 3, 4, { coder: 'Joaquín' })]),
    ];
    assert.deepEqual(codingsUsing(withMemos, new Set(['policy'])).memos, [
      { memo: 'Ironic tone', coder: 'Marike', documentPath: 'a.txt' },
      { memo: 'Compare with Velden', coder: 'Joaquín', documentPath: 'b.txt' },
    ]);
  });

  it("removing a code's codings plans only the coder's own files and counts the others kept", () => {
    const plan = planRemoval(files, 'Marike', new Set(['policy']));
    assert.equal(plan.removed, 2);
    assert.deepEqual(plan.rewrites.map((r) => r.file.path), ['codings/marike/a.txt.jsonl']);
    assert.deepEqual(plan.rewrites[0].codings.map((c) => c.id), ['2']);
    assert.deepEqual(plan.othersKept, { codings: 1, documents: 1, coders: 1, memos: [] });
  });

  it('reports own files with unreadable lines instead of rewriting them, and ignores others', () => {
    const blocked = [...files, file('marike', 'd.txt', [coding('7', 'policy', 0, 1)], false), file('ana', 'a.txt', [coding('8', 'policy', 0, 1)], false)];
    const plan = planRemoval(blocked, 'Marike', new Set(['policy']));
    assert.deepEqual(plan.blocked.map((f) => f.path), ['codings/marike/d.txt.jsonl']);
  });

  describe('on a study on disk: other coders\' files stay byte-identical', () => {
    let root: string;
    const joaquinFile = (): string => path.join(root, 'codings', 'Joaquin', 'a.txt.jsonl');
    const joaquinText = formatCodingsFile([coding('3', 'policy', 0, 5, { coder: 'Joaquín' }), coding('4', 'resources', 6, 8, { coder: 'Joaquín' })]);
    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-refactor-'));
      await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: org\n    name: Org\n    children:\n      - id: policy\n        name: Policy\n  - id: resources\n    name: Resources\n');
      await fs.mkdir(path.join(root, 'codings', 'marike'), { recursive: true });
      await fs.mkdir(path.join(root, 'codings', 'Joaquin'), { recursive: true });
      await fs.writeFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), formatCodingsFile([coding('1', 'policy', 0, 5), coding('2', 'resources', 6, 8)]));
      await fs.writeFile(joaquinFile(), joaquinText);
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    it('merging changes codebook.yaml alone, and every coding counts under the target', async () => {
      const study = await Study.load(root);
      const marikeBefore = await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8');
      await study.editCodebook((text) => mergeCode(text, 'policy', 'resources'));
      assert.equal(await fs.readFile(joaquinFile(), 'utf8'), joaquinText);
      assert.equal(await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8'), marikeBefore);
      const counts = countCodings(study.codebook, study.codingsFileList);
      assert.deepEqual(counts.own.get('resources'), { codings: 4, documents: 1 });
      assert.equal(counts.unknown.size, 0);
    });

    it('deleting with codings to the parent changes codebook.yaml alone', async () => {
      const study = await Study.load(root);
      await study.editCodebook((text) => removeCode(text, 'policy', { codingsToParent: true }));
      assert.equal(await fs.readFile(joaquinFile(), 'utf8'), joaquinText);
      assert.deepEqual(countCodings(study.codebook, study.codingsFileList).own.get('org'), { codings: 2, documents: 1 });
    });

    it("deleting with codings removes the coder's own codings only (a hand-named folder of another coder untouched)", async () => {
      const study = await Study.load(root);
      const plan = planRemoval(study.codingsFileList, 'Marike', new Set(['policy']));
      await study.editCodebook((text) => removeCode(text, 'policy'));
      const documents = await applyRemoval(study, plan);
      assert.deepEqual(documents, ['a.txt']);
      assert.equal(await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8'), formatCodingsFile([coding('2', 'resources', 6, 8)]));
      assert.equal(await fs.readFile(joaquinFile(), 'utf8'), joaquinText);
      // Joaquín's coding of the deleted code is still there, reported as a code not in the codebook.
      assert.deepEqual(countCodings(study.codebook, study.codingsFileList).unknown.get('policy'), { codings: 1, documents: 1 });
    });

    it('refuses the whole change, writing nothing, when an own file has unreadable lines', async () => {
      const own = path.join(root, 'codings', 'marike', 'a.txt.jsonl');
      const brokenText = (await fs.readFile(own, 'utf8')) + '{not json\n';
      await fs.writeFile(own, brokenText);
      const study = await Study.load(root);
      await assert.rejects(applyRemoval(study, planRemoval(study.codingsFileList, 'Marike', new Set(['policy']))), RecodeRefusedError);
      assert.equal(await fs.readFile(own, 'utf8'), brokenText);
    });
  });
});
