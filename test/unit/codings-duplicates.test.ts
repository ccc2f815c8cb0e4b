// Duplicate coding ids after a union merge: the newer record counts on load, and the clean-up
// rewrites only the current coder's own files.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanUpDuplicates } from '../../src/core/codings/duplicates';
import { formatCodingLine, formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { Study } from '../../src/core/study/study';

function coding(id: string, coder: string, extra: Partial<Coding> = {}): Coding {
  return { id, code: 'policy', start: 0, end: 4, quote: 'Text', prefix: '', suffix: '', version: 'v1', coder, created: '2026-01-01T00:00:00.000Z', ...extra };
}

describe('cleaning up duplicate codings', () => {
  let root: string;
  const own = (): string => path.join(root, 'codings', 'marike', 'a.txt.jsonl');
  const others = (): string => path.join(root, 'codings', 'jan', 'a.txt.jsonl');
  // A union merge's result: the re-attached record (newer) and the stale one, in either order.
  const reattached = coding('1', 'Marike', { start: 10, end: 14, modified: '2026-12-01T10:00:00.000Z' });
  const ownText = [formatCodingLine(reattached), formatCodingLine(coding('1', 'Marike')), formatCodingLine(coding('2', 'Marike'))].join('\n') + '\n';
  const othersText = [formatCodingLine(coding('3', 'Jan')), formatCodingLine(coding('3', 'Jan', { memo: 'later', modified: '2026-12-02T10:00:00.000Z' }))].join('\n') + '\n';

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-duplicates-'));
    await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: policy\n    name: Policy\n');
    await fs.mkdir(path.dirname(own()), { recursive: true });
    await fs.mkdir(path.dirname(others()), { recursive: true });
    await fs.writeFile(own(), ownText);
    await fs.writeFile(others(), othersText);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('loads the newer record of each id and reports the duplicates with file and line', async () => {
    const study = await Study.load(root);
    const loaded = new Map(study.codingsOf('a.txt').map((c) => [c.id, c]));
    assert.deepEqual(loaded.get('1'), reattached);
    assert.equal(loaded.get('3')?.memo, 'later');
    assert.deepEqual(
      study.problems.map((p) => [p.file, p.line, p.severity]).sort(),
      [
        ['codings/jan/a.txt.jsonl', 1, 'warning'],
        ['codings/marike/a.txt.jsonl', 2, 'warning'],
      ],
    );
  });

  it("rewrites the coder's own files keeping the newer line, and leaves other coders' files byte-identical", async () => {
    const study = await Study.load(root);
    const result = await cleanUpDuplicates(study, 'Marike');
    assert.deepEqual(result, { files: ['codings/marike/a.txt.jsonl'], removedLines: 1, refused: [], documents: ['a.txt'] });
    assert.equal(await fs.readFile(own(), 'utf8'), formatCodingsFile([reattached, coding('2', 'Marike')]));
    assert.equal(await fs.readFile(others(), 'utf8'), othersText);
    assert.deepEqual(study.problemsOf('codings/marike/a.txt.jsonl'), []);
  });
});
