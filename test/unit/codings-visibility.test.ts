// Blind coding: the views see only the current coder's codings files, matched by folder as writes
// are; the study keeps every coder's codings, and a write while coding blind touches only one's own.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCodingsFile } from '../../src/core/codings/format';
import { visibleCodingsFiles } from '../../src/core/codings/visibility';
import type { Coding } from '../../src/core/model';
import { Study } from '../../src/core/study/study';

function coding(id: string, coder: string): Coding {
  return { id, code: 'policy', start: 0, end: 4, quote: 'Text', prefix: '', suffix: '', version: 'v1', coder, created: '2026-01-01T00:00:00.000Z' };
}

describe('which codings the views show (blind coding)', () => {
  const files = [
    { coderSlug: 'marike', documentPath: 'a.txt' },
    { coderSlug: 'joaquin', documentPath: 'a.txt' },
    { coderSlug: 'joaquin', documentPath: 'b.txt' },
    { coderSlug: 'ana-maria', documentPath: 'b.txt' },
  ];

  it('shows every coder’s files while blind coding is off', () => {
    assert.deepEqual(visibleCodingsFiles(files, { coder: 'Marike', blind: false }), files);
  });

  it('shows only the current coder’s folder while blind coding is on, named as writes name it', () => {
    assert.deepEqual(visibleCodingsFiles(files, { coder: 'Marike', blind: true }), [files[0]]);
    // Accents dropped and case ignored, as for the folder a coder's writes go to.
    assert.deepEqual(visibleCodingsFiles(files, { coder: 'Joaquín', blind: true }), [files[1], files[2]]);
    assert.deepEqual(visibleCodingsFiles(files, { coder: 'Ana María', blind: true }), [files[3]]);
    assert.deepEqual(visibleCodingsFiles([{ coderSlug: 'Marike', documentPath: 'a.txt' }], { coder: 'marike', blind: true }).length, 1);
  });

  it('shows nothing of others to a coder who has not coded yet', () => {
    assert.deepEqual(visibleCodingsFiles(files, { coder: 'Newcomer', blind: true }), []);
  });

  describe('on a study on disk', () => {
    let root: string;
    const othersFile = () => path.join(root, 'codings', 'joaquin', 'a.txt.jsonl');

    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-blind-'));
      await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: policy\n    name: Policy\n');
      await fs.writeFile(path.join(root, 'a.txt'), 'Text of a document.\n');
      for (const [folder, coder] of [['marike', 'Marike'], ['joaquin', 'Joaquín']]) {
        await fs.mkdir(path.join(root, 'codings', folder), { recursive: true });
        await fs.writeFile(path.join(root, 'codings', folder, 'a.txt.jsonl'), formatCodingsFile([coding(`${folder}-1`, coder)]));
      }
    });

    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    it('hides the other coder from the views while the study keeps, and a write leaves, their codings', async () => {
      const study = await Study.load(root);
      const othersBefore = await fs.readFile(othersFile(), 'utf8');
      const shown = visibleCodingsFiles(study.codingsFileList, { coder: 'Marike', blind: true });
      assert.deepEqual(shown.flatMap((f) => f.codings.map((c) => c.id)), ['marike-1']);

      await study.updateCodings('Marike', 'a.txt', (onDisk) => [...onDisk, coding('marike-2', 'Marike')]);
      assert.deepEqual(study.codingsOf('a.txt').map((c) => c.id).sort(), ['joaquin-1', 'marike-1', 'marike-2']);
      assert.equal(await fs.readFile(othersFile(), 'utf8'), othersBefore);
      const shownAfter = visibleCodingsFiles(study.codingsFileList, { coder: 'Marike', blind: true });
      assert.deepEqual(shownAfter.flatMap((f) => f.codings.map((c) => c.id)).sort(), ['marike-1', 'marike-2']);
      assert.equal(visibleCodingsFiles(study.codingsFileList, { coder: 'Marike', blind: false }).length, 2);
    });
  });
});
