// A coder's codings at a Git ref, read from a real repository: branches, tags and commits, and
// clear refusals for what cannot be a side.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeAgreement } from '../../src/core/agreement/agreement';
import { placeSides } from '../../src/core/agreement/compare';
import { readCodingsAtRef, resolveCommit, SideError } from '../../src/core/agreement/sides';
import { formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { normaliseText, textVersion } from '../../src/core/text/normalise';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

function coding(id: string, code: string, start: number, end: number, coder = 'Ana Lima'): Coding {
  return { id, code, start, end, quote: 'x'.repeat(end - start), prefix: '', suffix: '', version: 'f'.repeat(40), coder, created: '2026-01-01T00:00:00Z' };
}

async function write(root: string, relative: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await fs.writeFile(path.join(root, relative), content);
}

describe('agreement sides at Git refs', function () {
  this.timeout(30_000);
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-sides-'));
    git(root, 'init', '-q', '-b', 'main');
    await write(root, 'codings/ana-lima/transcripts/one.txt.jsonl', formatCodingsFile([coding('a1', 'X', 0, 5)]));
    await write(root, 'codings/ben/transcripts/one.txt.jsonl', formatCodingsFile([coding('b1', 'X', 2, 7, 'Ben')]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'First coding');
    git(root, 'tag', 'round-1');
    git(root, 'checkout', '-q', '-b', 'second-round');
    await write(root, 'codings/ana-lima/transcripts/one.txt.jsonl', formatCodingsFile([coding('a1', 'X', 0, 5), coding('a2', 'Y', 8, 12)]));
    await write(root, 'codings/ana-lima/two.txt.jsonl', formatCodingsFile([coding('a3', 'Y', 1, 3)]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Second round');
    git(root, 'checkout', '-q', 'main');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("reads a coder's codings at a branch, a tag and a commit, by document", async () => {
    const branch = await readCodingsAtRef(root, 'second-round', 'Ana Lima');
    assert.deepEqual([...branch.byDocument.keys()].sort(), ['transcripts/one.txt', 'two.txt']);
    assert.deepEqual(branch.byDocument.get('transcripts/one.txt')!.map((c) => c.id), ['a1', 'a2']);
    assert.deepEqual(branch.problems, []);
    const tag = await readCodingsAtRef(root, 'round-1', 'Ana Lima');
    assert.deepEqual([...tag.byDocument.keys()], ['transcripts/one.txt']);
    const hash = git(root, 'rev-parse', 'round-1').trim();
    assert.equal(tag.commit, hash);
    const byHash = await readCodingsAtRef(root, hash.slice(0, 10), 'Ana Lima');
    assert.deepEqual(byHash.byDocument, tag.byDocument);
    const ben = await readCodingsAtRef(root, 'main', 'Ben');
    assert.deepEqual(ben.byDocument.get('transcripts/one.txt')!.map((c) => c.coder), ['Ben']);
  });

  it('refuses an unknown ref, a ref that would be an option, and a tree that is not a commit, with the reason', async () => {
    await assert.rejects(readCodingsAtRef(root, 'no-such-branch', 'Ana Lima'), (error: Error) => error instanceof SideError && /Unknown Git ref "no-such-branch"/.test(error.message));
    await assert.rejects(resolveCommit(root, '--output=/tmp/gloss-should-not-exist'), /not a Git ref/);
    await assert.rejects(resolveCommit(root, 'main^{tree}'), /Unknown Git ref/);
    await assert.rejects(resolveCommit(root, ''), /not a Git ref/);
  });

  it('refuses a coder with no codings at the ref', async () => {
    await assert.rejects(readCodingsAtRef(root, 'main', 'Cleo'), (error: Error) => error instanceof SideError && /Cleo has no codings at "main"/.test(error.message));
  });

  it('reports a malformed line with file and line and keeps the other codings', async () => {
    await write(root, 'codings/ana-lima/transcripts/one.txt.jsonl', formatCodingsFile([coding('a1', 'X', 0, 5)]) + '{not json\n');
    git(root, 'commit', '-q', '-am', 'Broken line');
    const side = await readCodingsAtRef(root, 'HEAD', 'Ana Lima');
    assert.deepEqual(side.byDocument.get('transcripts/one.txt')!.map((c) => c.id), ['a1']);
    assert.equal(side.problems.length, 1);
    assert.equal(side.problems[0].file, 'codings/ana-lima/transcripts/one.txt.jsonl at HEAD');
    assert.equal(side.problems[0].line, 2);
  });

  it('does not follow a symlink committed among the codings', async () => {
    await fs.symlink('/etc/passwd', path.join(root, 'codings/ana-lima/linked.txt.jsonl'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Symlink');
    const side = await readCodingsAtRef(root, 'HEAD', 'Ana Lima');
    assert.deepEqual([...side.byDocument.keys()], ['transcripts/one.txt']);
    assert.equal(side.problems.length, 1);
    assert.match(side.problems[0].message, /symlink/);
  });

  it('compares one coder at two refs on the current text, codings of an older text re-anchored', async () => {
    // Round 1 codes "policy" in the first version of the transcript; the transcript then gains a
    // line at the top, and round 2 codes "policy" and "council" on the new text.
    const first = 'We wrote the policy with the council.\n';
    const second = 'Interviewer: Tell me.\n' + first;
    const quoteAt = (text: string, quote: string, id: string, code: string): Coding => {
      const start = text.indexOf(quote);
      return { ...coding(id, code, start, start + quote.length), quote, version: textVersion(normaliseText(text)) };
    };
    await write(root, 'transcripts/t.txt', first);
    await write(root, 'codings/ana-lima/transcripts/t.txt.jsonl', formatCodingsFile([quoteAt(first, 'policy', 'p1', 'X')]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Round 1');
    git(root, 'tag', 'first-pass');
    await write(root, 'transcripts/t.txt', second);
    await write(root, 'codings/ana-lima/transcripts/t.txt.jsonl', formatCodingsFile([quoteAt(second, 'policy', 'p1', 'X'), quoteAt(second, 'council', 'c1', 'X')]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Round 2');

    const versions = new GitAndSnapshotVersions(root, undefined);
    const readText = (p: string) => fs.readFile(path.join(root, p), 'utf8').catch(() => undefined);
    const sides = [
      { label: 'Ana Lima at first-pass', byDocument: (await readCodingsAtRef(root, 'first-pass', 'Ana Lima')).byDocument },
      { label: 'Ana Lima at HEAD', byDocument: (await readCodingsAtRef(root, 'HEAD', 'Ana Lima')).byDocument },
    ];
    const { documents, notCodedBy, missingTexts } = await placeSides(sides, readText, versions);
    // transcripts/one.txt has codings at both refs but no text in this repository: reported, not compared.
    assert.deepEqual([documents.map((d) => d.path), [...notCodedBy], missingTexts], [['transcripts/t.txt'], [], ['transcripts/one.txt']]);
    assert.ok(documents[0].codings.every((p) => p.span !== undefined), 'the round 1 coding is placed on the new text');
    const report = computeAgreement(documents, { coders: sides.map((side) => side.label), unit: 'word', notCodedBy });
    const x = report.codes[0];
    // Words coded: "policy" by both, "council" by HEAD only; 10 words in all.
    assert.equal(x.allUnits.units, 10);
    assert.equal(x.codedUnits.units, 2);
    assert.equal(x.codedUnits.percentAgreement.value, 0.5);
    assert.deepEqual(x.codings, [1, 2]);
    assert.deepEqual(report.orphans, []);
  });

  it('marks a document one side has no codings file for as not coded by it, reports a missing text, refuses unnamed or empty sides', async () => {
    await write(root, 'transcripts/one.txt', 'Some words here.\n');
    const versions = new GitAndSnapshotVersions(root, undefined);
    const readText = (p: string) => fs.readFile(path.join(root, p), 'utf8').catch(() => undefined);
    const ana = { label: 'Ana', byDocument: new Map([['transcripts/one.txt', [coding('a1', 'X', 0, 4)]], ['gone.txt', [coding('a2', 'X', 0, 4)]]]) };
    const ben = { label: 'Ben', byDocument: new Map([['gone.txt', [coding('b1', 'X', 0, 4, 'Ben')]]]) };
    const placed = await placeSides([ana, ben], readText, versions);
    assert.deepEqual(placed.documents.map((d) => d.path), ['transcripts/one.txt']);
    assert.deepEqual([...placed.notCodedBy], [['transcripts/one.txt', ['Ben']]]);
    assert.deepEqual(placed.missingTexts, ['gone.txt']);
    assert.deepEqual(placed.documents[0].codings.map((p) => p.coding.coder), ['Ana']);
    await assert.rejects(placeSides([ana, { ...ben, label: 'Ana' }], readText, versions), /name of its own/);
    await assert.rejects(placeSides([ana, { label: 'Cleo', byDocument: new Map() }], readText, versions), /Cleo has no codings/);
  });
});
