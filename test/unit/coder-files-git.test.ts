// Coders never write the same file, checked with real Git: one coder merges code A into B on her
// branch while another codes with A on his; `git merge` has nothing to conflict on and every
// coding counts under B.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeCode } from '../../src/core/codebook/edit';
import { formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { countCodings } from '../../src/core/statistics/counts';
import { Study } from '../../src/core/study/study';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

function coding(id: string, code: string, coder: string, start: number): Coding {
  return { id, code, start, end: start + 4, quote: 'text', prefix: '', suffix: '', version: 'v1', coder, created: '2026-01-01T00:00:00.000Z' };
}

describe('two coders on two branches (real Git)', function () {
  this.timeout(30_000);
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-coders-'));
    await fs.writeFile(path.join(root, 'codebook.yaml'), '# Our codes\ncodes:\n  - id: a\n    name: A\n  - id: b\n    name: B   # the broader one\n');
    await fs.writeFile(path.join(root, '.gitattributes'), 'codings/** merge=union\n');
    await fs.mkdir(path.join(root, 'codings', 'marike'), { recursive: true });
    await fs.writeFile(path.join(root, 'codings', 'marike', 'd.txt.jsonl'), formatCodingsFile([coding('m1', 'a', 'Marike', 0), coding('m2', 'b', 'Marike', 10)]));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Start');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('merging A into B on one branch while A is used on the other: no conflict, every coding under B', async () => {
    git(root, 'checkout', '-q', '-b', 'jan');
    await fs.mkdir(path.join(root, 'codings', 'jan'), { recursive: true });
    await fs.writeFile(path.join(root, 'codings', 'jan', 'd.txt.jsonl'), formatCodingsFile([coding('j1', 'a', 'Jan', 20), coding('j2', 'a', 'Jan', 30)]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Jan codes with A');

    git(root, 'checkout', '-q', 'main');
    const marikeFile = await fs.readFile(path.join(root, 'codings', 'marike', 'd.txt.jsonl'), 'utf8');
    const marikeStudy = await Study.load(root);
    await marikeStudy.editCodebook((text) => mergeCode(text, 'a', 'b'));
    assert.equal(git(root, 'status', '--porcelain').trim(), 'M codebook.yaml', 'the merge changed codebook.yaml alone');
    assert.equal(await fs.readFile(path.join(root, 'codings', 'marike', 'd.txt.jsonl'), 'utf8'), marikeFile);
    git(root, 'commit', '-q', '-am', 'Marike merges A into B');

    git(root, 'merge', '-q', '--no-edit', 'jan');
    assert.equal(git(root, 'status', '--porcelain').trim(), '', 'merged cleanly');
    assert.match(await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8'), /# Our codes[\s\S]*# the broader one/, 'comments kept');

    const study = await Study.load(root);
    assert.deepEqual(study.problems, []);
    const counts = countCodings(study.codebook, study.codingsFileList);
    assert.deepEqual(counts.own.get('b'), { codings: 4, documents: 1 });
    assert.equal(counts.unknown.size, 0);
  });
});
