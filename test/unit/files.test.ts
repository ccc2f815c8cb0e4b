import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTextIfExists, studyRelativePath, writeTextAtomic } from '../../src/core/storage/files';
import { listStudyFiles } from '../../src/core/storage/study-files';
import { memoPath, memoSubject } from '../../src/core/memos/memos';

describe('files', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-files-'));
  });
  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('writes atomically, creating folders, and leaves no temporary file behind', async () => {
    const file = path.join(folder, 'codings', 'marike', 'a.txt.jsonl');
    assert.equal(await writeTextAtomic(file, 'one\n'), true);
    assert.equal(await readTextIfExists(file), 'one\n');
    assert.deepEqual(await fs.readdir(path.dirname(file)), ['a.txt.jsonl']);
  });

  it('does not write when nothing changed', async () => {
    const file = path.join(folder, 'codebook.yaml');
    await writeTextAtomic(file, 'codes: []\n');
    const before = (await fs.stat(file)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await writeTextAtomic(file, 'codes: []\n'), false);
    assert.equal((await fs.stat(file)).mtimeMs, before);
  });

  it('lists files recursively, sorted, skipping hidden ones', async () => {
    await writeTextAtomic(path.join(folder, 'b', 'x.txt'), '');
    await writeTextAtomic(path.join(folder, 'a.txt'), '');
    await writeTextAtomic(path.join(folder, 'b', '.hidden'), '');
    await writeTextAtomic(path.join(folder, 'b', 'y', 'z.txt'), '');
    assert.deepEqual((await listStudyFiles(folder, 'b')).files, ['b/x.txt', 'b/y/z.txt']);
    assert.deepEqual(await listStudyFiles(folder, 'missing'), { files: [], problems: [] });
  });

  it('gives study-relative paths only for files inside the study', () => {
    assert.equal(studyRelativePath('/s', '/s/t/a.txt'), 't/a.txt');
    assert.equal(studyRelativePath('/s', '/other/a.txt'), undefined);
  });
});

describe('memo paths', () => {
  it('map subjects to Markdown files and back', () => {
    for (const subject of [
      { kind: 'project' as const },
      { kind: 'code' as const, codeId: 'org-policy' },
      { kind: 'document' as const, documentPath: 'transcripts/velden/official.txt' },
    ]) {
      assert.deepEqual(memoSubject(memoPath(subject)), subject);
    }
  });

  it('keeps a hand-written code id from leaving the memos folder', () => {
    assert.equal(memoPath({ kind: 'code', codeId: '../../etc' }), 'memos/codes/__.._etc.md');
  });
});
