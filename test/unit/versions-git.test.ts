// Old text versions from a real Git repository. A transcript committed with a byte order mark and
// CRLF endings has a blob hash other than its version (the hash of its normalised text), so Git
// cannot return it by that hash: it is found among the blobs committed at the document's path.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import type { Coding } from '../../src/core/model';
import { placeDocument } from '../../src/core/study/placement';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { normaliseText, textVersion } from '../../src/core/text/normalise';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

const DOCUMENT = 'transcripts/with bom/interview-01.txt';
const LINES = [
  '[00:00:01] I: How did the partnership start?',
  '[00:00:09] R: Yeah.',
  '[00:00:12] R: The council adopted a policy in 2014, and the money followed later.',
  '[00:00:30] I: Yeah.',
  '[00:00:41] R: The schools benefited most from the exchange, I think.',
];
const withBomAndCrlf = (lines: readonly string[]): string => `\uFEFF${lines.join('\r\n')}\r\n`;

function codingOf(text: string, quote: string, id: string): Coding {
  const unit = text.indexOf(quote);
  assert.ok(unit >= 0);
  const start = [...text.slice(0, unit)].length;
  const span = { start, end: start + [...quote].length };
  return { id, code: 'c', ...span, ...quoteSelectors(text, span), version: textVersion(text), coder: 'Ana', created: '2026-01-01T00:00:00.000Z' };
}

describe('text versions from Git', function () {
  this.timeout(30_000);
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-versions-'));
    git(root, 'init', '-q');
    git(root, 'config', 'core.autocrlf', 'false');
    await fs.mkdir(path.join(root, 'transcripts', 'with bom'), { recursive: true });
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('finds a version committed with a BOM and CRLF endings, so codings are mapped through the diff', async () => {
    const oldRaw = withBomAndCrlf(LINES);
    await fs.writeFile(path.join(root, DOCUMENT), oldRaw);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'transcript');
    const oldText = normaliseText(oldRaw);
    const codings = [codingOf(oldText, 'Yeah.', 'yeah'), codingOf(oldText, 'adopted a policy in 2014', 'policy')];
    // The transcriber adds a turn on top and commits.
    const newRaw = withBomAndCrlf(['[00:00:00] I: Thank you for taking the time.', ...LINES]);
    await fs.writeFile(path.join(root, DOCUMENT), newRaw);
    git(root, 'commit', '-qam', 'a turn added');

    const versions = new GitAndSnapshotVersions(root, undefined);
    assert.equal(await versions.get(codings[0].version, DOCUMENT), oldText);
    const placed = await placeDocument(DOCUMENT, newRaw, codings, versions);
    const newText = normaliseText(newRaw);
    for (const coding of codings) {
      const p = placed.codings.find((c) => c.coding.id === coding.id)!;
      assert.deepEqual(p.reanchored, { method: 'mapped', score: 1 }, `${coding.id} mapped through the diff from the old version`);
      assert.equal([...newText].slice(p.span!.start, p.span!.end).join(''), coding.quote);
    }
    // The short "Yeah." is on R's turn, not on I's identical one: only the old text can tell.
    const yeah = placed.codings.find((c) => c.coding.id === 'yeah')!;
    assert.ok(newText.slice(0, yeah.span!.start).endsWith('R: '));
  });

  it('does not take a blob of another path or a version that was never committed', async () => {
    await fs.writeFile(path.join(root, DOCUMENT), withBomAndCrlf(LINES));
    await fs.writeFile(path.join(root, 'other.txt'), withBomAndCrlf(LINES.slice(1)));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'two files');
    const versions = new GitAndSnapshotVersions(root, undefined);
    assert.equal(await versions.get(textVersion(normaliseText(withBomAndCrlf(LINES.slice(1)))), DOCUMENT), undefined);
    assert.equal(await versions.get(textVersion('never committed\n'), DOCUMENT), undefined);
  });
});
