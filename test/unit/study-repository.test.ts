// "Create a Study" and Git, with real Git: whether a folder is in a repository, git init, and
// the rules the new study's .gitattributes gives Git (codings merged by union, originals binary).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { initRepository, repositoryState } from '../../src/core/git/repository';
import { NEW_STUDY_FILES } from '../../src/core/study/template';

const run = promisify(execFile);

describe('a new study and Git', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-new-study-'));
  });
  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('finds no repository in an empty folder, makes one, and finds it in a subfolder', async () => {
    assert.equal(await repositoryState(folder), 'not in a repository');
    assert.deepEqual(await initRepository(folder), { ok: true });
    assert.equal(await repositoryState(folder), 'in a repository');
    await fs.mkdir(path.join(folder, 'study'));
    assert.equal(await repositoryState(path.join(folder, 'study')), 'in a repository');
  });

  it('gives codings a union merge and the readable diff, transcripts LF, and originals no text conversion', async () => {
    await initRepository(folder);
    await fs.writeFile(path.join(folder, '.gitattributes'), NEW_STUDY_FILES['.gitattributes']);
    const paths = ['codings/ana/transcripts/a.txt.jsonl', 'transcripts/a.txt', 'transcripts/reports/plan.pdf', 'transcripts/reports/plan.docx'];
    const { stdout } = await run('git', ['check-attr', 'merge', 'diff', 'text', 'eol', '--', ...paths], { cwd: folder, encoding: 'utf8' });
    const attributes = new Map(stdout.trim().split('\n').map((line) => { const [file, name, value] = line.split(': '); return [`${file} ${name}`, value]; }));
    assert.equal(attributes.get(`${paths[0]} merge`), 'union');
    assert.equal(attributes.get(`${paths[0]} diff`), 'gloss-codings');
    assert.deepEqual([attributes.get(`${paths[1]} text`), attributes.get(`${paths[1]} eol`)], ['set', 'lf']);
    for (const original of paths.slice(2)) assert.deepEqual([attributes.get(`${original} text`), attributes.get(`${original} diff`)], ['unset', 'unset'], original);
  });
});
