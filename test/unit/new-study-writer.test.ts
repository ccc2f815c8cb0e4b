import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NewStudyWriter } from '../../src/core/storage/new-study-writer';
import { StudyFileError } from '../../src/core/storage/study-files';

describe('NewStudyWriter: the files of an imported study', () => {
  let scratch: string;
  let root: string;
  let outside: string;
  beforeEach(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-new-study-'));
    root = path.join(scratch, 'study');
    outside = path.join(scratch, 'outside');
    await fs.mkdir(root);
    await fs.mkdir(outside);
  });
  afterEach(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('writes every file handed over, in folders it makes, many at a time and while the maker yields', async () => {
    const writer = new NewStudyWriter(root);
    const expected = new Map<string, string>();
    for (let n = 0; n < 300; n++) {
      const file = `codings/coder ${n % 3}/transcripts/interview ${n}.txt.jsonl`;
      const text = `{"id":"${n}"}\n`.repeat(n % 7);
      writer.add(file, text);
      expected.set(file, text);
      if (n % 50 === 0) await writer.room();
    }
    writer.add('codebook.yaml', 'codes: []\n');
    expected.set('codebook.yaml', 'codes: []\n');
    await writer.finish();
    for (const [file, text] of expected) assert.equal(await fs.readFile(path.join(root, file), 'utf8'), text, file);
    assert.ok(writer.has('CODEBOOK.yaml'), 'paths are compared without case');
    assert.deepEqual(await fs.readdir(scratch), ['outside', 'study']);
  });

  it('never replaces a file that is already there: the import fails and the file keeps its text', async () => {
    await fs.writeFile(path.join(root, 'codebook.yaml'), 'mine\n');
    const writer = new NewStudyWriter(root);
    writer.add('codebook.yaml', 'imported\n');
    await assert.rejects(writer.finish(), (error) => error instanceof StudyFileError && /already there/.test(error.message));
    assert.equal(await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8'), 'mine\n');
  });

  it('writes nothing through a link, neither a linked folder on the way nor a link where the file goes', async () => {
    await fs.symlink(outside, path.join(root, 'transcripts'));
    const throughFolder = new NewStudyWriter(root);
    throughFolder.add('transcripts/a.txt', 'text\n');
    await assert.rejects(throughFolder.finish(), (error) => error instanceof StudyFileError && /link/.test(error.message));

    await fs.symlink(path.join(outside, 'target.txt'), path.join(root, 'dangling.txt'));
    const atFile = new NewStudyWriter(root);
    atFile.add('dangling.txt', 'text\n');
    await assert.rejects(atFile.finish(), StudyFileError);
    assert.deepEqual(await fs.readdir(outside), [], 'nothing was written outside the study');
  });

  it('undo takes back exactly what it made: its files and the folders it created, never what was there before', async () => {
    await fs.mkdir(path.join(root, 'codings'));
    await fs.writeFile(path.join(root, 'import-report.md'), 'unfinished\n');
    await fs.writeFile(path.join(root, 'codings', 'mine.txt'), 'mine\n');
    const writer = new NewStudyWriter(root);
    for (let n = 0; n < 100; n++) writer.add(`codings/coder ${n % 3}/transcripts/t${n}.txt.jsonl`, `{"id":"${n}"}\n`);
    writer.add('codebook.yaml', 'codes: []\n');
    await writer.room();
    await writer.undo();
    assert.deepEqual((await fs.readdir(root)).sort(), ['codings', 'import-report.md'], 'the folder it found and the file it did not write stay');
    assert.deepEqual(await fs.readdir(path.join(root, 'codings')), ['mine.txt']);
    assert.ok(!writer.has('codebook.yaml'), 'it has handed over nothing any more');
    writer.add('codebook.yaml', 'again\n');
    writer.add('codings/coder 1/transcripts/t1.txt.jsonl', 'again\n');
    await writer.finish();
    assert.equal(await fs.readFile(path.join(root, 'codings', 'coder 1', 'transcripts', 't1.txt.jsonl'), 'utf8'), 'again\n', 'and can write again after');
  });

  it('refuses paths that leave the study before writing anything', () => {
    const writer = new NewStudyWriter(root);
    for (const bad of ['../escape.txt', '/etc/x', 'a/../../b', 'a\\b']) assert.throws(() => writer.add(bad, 'x'), StudyFileError, bad);
  });

  it('stop drops the files waiting and returns once those under way are written: nothing is written after it', async () => {
    const writer = new NewStudyWriter(root);
    for (let n = 0; n < 200; n++) writer.add(`transcripts/t${n}.txt`, `text ${n}\n`);
    await writer.stop();
    const written = await fs.readdir(path.join(root, 'transcripts'));
    assert.ok(written.length > 0 && written.length < 200, `only the writes already started (${written.length})`);
    for (const file of written) assert.match(await fs.readFile(path.join(root, 'transcripts', file), 'utf8'), /^text \d+\n$/, 'each whole');
    await writer.finish();
    assert.deepEqual(await fs.readdir(path.join(root, 'transcripts')), written, 'finish after stop writes nothing more');
  });

  it('after a failure, starts no further file, and every write under way has ended when finish throws', async () => {
    await fs.writeFile(path.join(root, 'taken.txt'), '');
    const writer = new NewStudyWriter(root);
    writer.add('taken.txt', 'x');
    await assert.rejects(writer.room().then(() => writer.room()).then(() => writer.finish()));
    const before = (await fs.readdir(root)).sort();
    writer.add('later.txt', 'x');
    await assert.rejects(writer.finish());
    assert.deepEqual((await fs.readdir(root)).sort(), before, 'a file handed over after the failure is not written');
  });
});
