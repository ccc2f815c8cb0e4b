import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Coding } from '../../src/core/model';
import type { CodingsFile } from '../../src/core/study/study';
import { Study } from '../../src/core/study/study';
import { formatCodingsFile } from '../../src/core/codings/format';
import {
  applyRecode,
  codingsUsing,
  deleteRecode,
  mergeRecode,
  planRecode,
  RecodeRefusedError,
} from '../../src/core/codings/refactor';

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

  it('merging moves every coder\'s codings of the source to the target and touches only those files', () => {
    const plan = planRecode(files, mergeRecode('policy', 'resources'));
    assert.equal(plan.moved, 3);
    assert.equal(plan.removed, 0);
    assert.equal(plan.folded, 0);
    assert.deepEqual(plan.rewrites.map((r) => r.file.path), ['codings/marike/a.txt.jsonl', 'codings/joaquin/b.txt.jsonl']);
    const marike = plan.rewrites[0].codings;
    assert.deepEqual(marike.map((c) => [c.id, c.code]).sort(), [['1', 'resources'], ['2', 'resources'], ['3', 'resources']]);
    // Everything but the code is kept.
    assert.deepEqual({ ...marike.find((c) => c.id === '1'), code: 'policy' }, files[0].codings[0]);
  });

  it('folds a moved coding into an exact twin of the target, keeping both memos', () => {
    const twins = [file('marike', 'a.txt', [coding('1', 'policy', 0, 5, { memo: 'first' }), coding('2', 'resources', 0, 5, { memo: 'second' }), coding('3', 'policy', 0, 6)])];
    const plan = planRecode(twins, mergeRecode('policy', 'resources'));
    assert.equal(plan.moved, 2);
    assert.equal(plan.folded, 1);
    const result = plan.rewrites[0].codings;
    assert.equal(result.length, 2);
    assert.equal(result.find((c) => c.end === 5)?.memo, 'second\n\nfirst');
    assert.equal(result.find((c) => c.end === 6)?.code, 'resources');
  });

  it('deleting moves codings to the parent, or removes them when asked', () => {
    const toParent = planRecode(files, deleteRecode('resources', 'organisation'));
    assert.equal(toParent.moved, 2);
    assert.ok(toParent.rewrites.every((r) => r.codings.every((c) => c.code !== 'resources')));
    const removing = planRecode(files, deleteRecode('resources', null));
    assert.equal(removing.removed, 2);
    assert.equal(removing.moved, 0);
    const joaquin = removing.rewrites.find((r) => r.file.path === 'codings/joaquin/a.txt.jsonl');
    assert.deepEqual(joaquin?.codings, []);
  });

  it('reports files with unreadable lines instead of rewriting them', () => {
    const blocked = [...files, file('ana', 'a.txt', [coding('7', 'policy', 0, 1)], false)];
    const plan = planRecode(blocked, mergeRecode('policy', 'resources'));
    assert.deepEqual(plan.blocked.map((f) => f.path), ['codings/ana/a.txt.jsonl']);
  });

  it('never loses a coding: moved + kept - folded = before, for any recode (property)', () => {
    const codes = ['a', 'b', 'c', 'd'];
    const arbCoding = fc.record({
      code: fc.constantFrom(...codes),
      start: fc.integer({ min: 0, max: 5 }),
      length: fc.integer({ min: 1, max: 3 }),
      memo: fc.option(fc.constantFrom('m1', 'm2'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbCoding, { maxLength: 12 }), fc.constantFrom(...codes), fc.constantFrom(...codes, null), (raw, source, target) => {
        if (source === target) return;
        const input = [file('x', 'd.txt', raw.map((r, i) => coding(String(i), r.code, r.start, r.start + r.length, r.memo ? { memo: r.memo } : {})))];
        const plan = planRecode(input, new Map([[source, target]]));
        const after = plan.rewrites[0]?.codings ?? input[0].codings;
        const affected = raw.filter((r) => r.code === source).length;
        assert.equal(plan.moved + plan.removed, affected);
        assert.equal(after.length, raw.length - plan.removed - plan.folded);
        assert.ok(after.every((c) => c.code !== source));
        // Every memo of a moved coding survives on some coding.
        for (const r of raw) if (r.memo && r.code === source && target !== null) assert.ok(after.some((c) => c.memo?.includes(r.memo!)));
      }),
    );
  });

  describe('applying to a study on disk', () => {
    let root: string;
    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-refactor-'));
      await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: policy\n    name: Policy\n  - id: resources\n    name: Resources\n');
      await fs.mkdir(path.join(root, 'codings', 'marike'), { recursive: true });
      await fs.mkdir(path.join(root, 'codings', 'Joaquin'), { recursive: true });
      await fs.writeFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), formatCodingsFile([coding('1', 'policy', 0, 5), coding('2', 'resources', 6, 8)]));
      await fs.writeFile(path.join(root, 'codings', 'Joaquin', 'a.txt.jsonl'), formatCodingsFile([coding('3', 'policy', 0, 5, { coder: 'Joaquín' })]));
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    it('writes each file in place (a hand-named coder folder too) and removes emptied ones', async () => {
      const study = await Study.load(root);
      const documents = await applyRecode(study, planRecode(study.codingsFileList, deleteRecode('policy', null)));
      assert.deepEqual(documents, ['a.txt']);
      assert.equal(await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8'), formatCodingsFile([coding('2', 'resources', 6, 8)]));
      await assert.rejects(fs.stat(path.join(root, 'codings', 'Joaquin', 'a.txt.jsonl')));
      assert.deepEqual(study.codingsOf('a.txt').map((c) => c.id), ['2']);
    });

    it('refuses the whole change, writing nothing, when one file has unreadable lines', async () => {
      const broken = path.join(root, 'codings', 'Joaquin', 'a.txt.jsonl');
      const brokenText = (await fs.readFile(broken, 'utf8')) + '{not json\n';
      await fs.writeFile(broken, brokenText);
      const study = await Study.load(root);
      const before = await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8');
      await assert.rejects(applyRecode(study, planRecode(study.codingsFileList, mergeRecode('policy', 'resources'))), RecodeRefusedError);
      assert.equal(await fs.readFile(path.join(root, 'codings', 'marike', 'a.txt.jsonl'), 'utf8'), before);
      assert.equal(await fs.readFile(broken, 'utf8'), brokenText);
    });
  });
});
