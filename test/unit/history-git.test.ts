// The history of the analysis read from a real Git repository: what changed since a ref, the
// codebook between two refs, and the commit that added a coding. The study is a sub-folder of
// the repository, as the example study is.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SideError } from '../../src/core/agreement/sides';
import { formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { CodingOrigins } from '../../src/core/history/blame';
import { analysisChangesMarkdown } from '../../src/core/history/changes-markdown';
import { changesSince } from '../../src/core/history/changes-since';
import { codebookComparisonMarkdown, compareCodebooks } from '../../src/core/history/codebook-history';
import { refChoices } from '../../src/core/history/refs';
import { versionAt, WORKING_TREE } from '../../src/core/history/versions';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Ana Lima', GIT_AUTHOR_EMAIL: 'ana@example.org', GIT_COMMITTER_NAME: 'Ana Lima', GIT_COMMITTER_EMAIL: 'ana@example.org' },
  });
}

function coding(id: string, code: string, start: number, quote: string, extra: Partial<Coding> = {}): Coding {
  return { id, code, start, end: start + quote.length, quote, prefix: '', suffix: '', version: 'a'.repeat(40), coder: 'Ana Lima', created: '2026-01-01T00:00:00.000Z', ...extra };
}

const CODEBOOK = `codes:
  - id: org
    name: Organisation
    children:
      - id: policy
        name: Policy
      - id: rules
        name: Rules
  - id: ctx
    name: Context
`;

describe('history of the analysis in real Git', function () {
  this.timeout(30_000);
  let repo: string;
  let study: string;
  const write = async (relative: string, text: string) => {
    await fs.mkdir(path.dirname(path.join(study, relative)), { recursive: true });
    await fs.writeFile(path.join(study, relative), text);
  };
  const ANA = 'codings/ana-lima/one.txt.jsonl';
  const BEN = 'codings/ben/one.txt.jsonl';

  beforeEach(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-history-'));
    study = path.join(repo, 'study');
    git(repo, 'init', '-q', '-b', 'main');
    await write('codebook.yaml', CODEBOOK);
    await write(ANA, formatCodingsFile([coding('a1', 'policy', 0, 'alpha'), coding('a2', 'policy', 10, 'beta'), coding('a3', 'rules', 20, 'gamma'), coding('a4', 'ctx', 30, 'delta')]));
    await write(BEN, formatCodingsFile([coding('b1', 'ctx', 0, 'alpha', { coder: 'Ben' })]));
    await write('memos/project.md', '# Project\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'First round of coding');
    git(repo, 'tag', 'round-1');
  });
  afterEach(async () => {
    await fs.rm(repo, { recursive: true, force: true });
  });

  it('lists codings added, removed, moved, recoded and with a new memo per document, memos and codebook changes, since HEAD', async () => {
    await write(
      ANA,
      formatCodingsFile([
        coding('a1', 'policy', 0, 'alpha', { memo: 'Key passage' }),
        coding('a2', 'policy', 11, 'beta and', { version: 'b'.repeat(40) }),
        coding('a3', 'ctx', 20, 'gamma'),
        coding('a5', 'rules', 40, 'epsilon'),
        // Re-based on an edited transcript: new offsets and version, same quote: not a change.
        coding('a4', 'ctx', 33, 'delta', { version: 'b'.repeat(40) }),
      ]),
    );
    await write(BEN, formatCodingsFile([]));
    await write('memos/project.md', '# Project\n\nMore.\n');
    await write('memos/codes/policy.md', '# Policy\n');
    await write('codebook.yaml', CODEBOOK.replace('name: Rules', 'name: Regulation'));

    const changes = await changesSince(study, await versionAt(study, 'HEAD'));
    assert.deepEqual(
      changes.codings.map((c) => [c.kind, c.documentPath, c.coding.id]),
      [
        ['memo', 'one.txt', 'a1'],
        ['removed', 'one.txt', 'b1'],
        ['moved', 'one.txt', 'a2'],
        ['recoded', 'one.txt', 'a3'],
        ['added', 'one.txt', 'a5'],
      ],
    );
    assert.equal(changes.rebased, 1);
    assert.deepEqual(changes.memos, [
      { path: 'memos/codes/policy.md', status: 'added' },
      { path: 'memos/project.md', status: 'changed' },
    ]);
    assert.deepEqual(changes.codebook.map((c) => [c.kind, c.id]), [['renamed', 'rules']]);
    assert.deepEqual(changes.problems, []);

    const markdown = analysisChangesMarkdown(changes);
    assert.match(markdown, /^# What changed since HEAD \([0-9a-f]{7,} First round of coding\)$/m);
    assert.match(markdown, /5 codings changed: 1 added, 1 removed, 1 moved, 1 recoded, 1 with a changed memo; 2 memos changed; 1 codebook change\./);
    assert.match(markdown, /^1 coding was only re-anchored on an edited transcript/m);
    assert.match(markdown, /^\| Organisation › Regulation \| 1 \| 0 \| 0 \| 0 \| 1 \| 0 \|$/m);
    assert.match(markdown, /^\| Context \| 0 \| 1 \| 0 \| 1 \| 0 \| 0 \|$/m);
    assert.match(markdown, /^### one\.txt$/m);
    assert.match(markdown, /^- Removed \*\*Context\*\* \(Ben\): “alpha”$/m);
    assert.match(markdown, /^- Moved \*\*Organisation › Policy\*\* \(Ana Lima\): “beta” → “beta and”$/m);
    assert.match(markdown, /^- Recoded from \*\*Organisation › Regulation\*\* to \*\*Context\*\* \(Ana Lima\): “gamma”$/m);
    assert.match(markdown, /^- Changed the memo of \*\*Organisation › Policy\*\* \(Ana Lima\) on “alpha”: “Key passage”$/m);
    assert.match(markdown, /^- Added `memos\/codes\/policy\.md` \(memo of the code \*\*Organisation › Policy\*\*\)$/m);
    assert.match(markdown, /^- Renamed “Rules” to “Regulation”/m);

    const bens = await changesSince(study, await versionAt(study, 'round-1'), 'Ben');
    assert.deepEqual(bens.codings.map((c) => [c.kind, c.coding.id]), [['removed', 'b1']]);
  });

  it('counts a new coder\'s untracked file and a removed file, and says when nothing changed', async () => {
    const none = await changesSince(study, await versionAt(study, 'HEAD'));
    assert.deepEqual([none.codings, none.memos, none.codebook], [[], [], []]);
    assert.match(analysisChangesMarkdown(none), /no coding changed; 0 memos changed; 0 codebook changes\./);

    await write('codings/carla/one.txt.jsonl', formatCodingsFile([coding('c1', 'ctx', 3, 'ha', { coder: 'Carla' })]));
    await fs.rm(path.join(study, BEN));
    const changes = await changesSince(study, await versionAt(study, 'HEAD'));
    assert.deepEqual(changes.codings.map((c) => [c.kind, c.coding.coder]), [['removed', 'Ben'], ['added', 'Carla']]);
  });

  it('reports a codings file that is not UTF-8 now, and a memo that was a symlink, instead of counting them as changed', async () => {
    await fs.symlink('project.md', path.join(study, 'memos', 'notes.md'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'A linked memo');
    await fs.rm(path.join(study, 'memos', 'notes.md'));
    await write('memos/notes.md', '# Notes\n');
    await fs.writeFile(path.join(study, ANA), Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
    const changes = await changesSince(study, await versionAt(study, 'HEAD'));
    assert.deepEqual([changes.codings, changes.memos], [[], []]);
    assert.deepEqual(changes.problems.map((p) => p.file), [ANA, 'memos/notes.md at HEAD']);
    assert.match(changes.problems[0].message, /not UTF-8/);
    assert.match(changes.problems[1].message, /Not a regular file/);
  });

  it('compares the codebook between two refs and with the working tree', async () => {
    await write('codebook.yaml', CODEBOOK.replace('      - id: rules\n        name: Rules\n', '').replace('name: Policy', 'name: Policy\n        aliases: [rules]'));
    git(repo, 'commit', '-q', '-am', 'Merge Rules into Policy');
    const merged = await compareCodebooks(study, await versionAt(study, 'round-1'), await versionAt(study, 'main'));
    assert.deepEqual(merged.changes.map((c) => [c.kind, c.id]), [['merged', 'rules']]);
    assert.match(codebookComparisonMarkdown(merged), /^# Codebook changes from round-1 \([0-9a-f]+ First round of coding\) to main \([0-9a-f]+ Merge Rules into Policy\)\n\n- Merged \*\*Organisation › Rules\*\* \(`rules`\) into \*\*Organisation › Policy\*\* \(`policy`\); its codings count there\n$/);

    const none = await compareCodebooks(study, await versionAt(study, 'HEAD'), WORKING_TREE);
    assert.deepEqual(none.changes, []);
    assert.match(codebookComparisonMarkdown(none), /to the working tree\n\nNo code was added/);
  });

  it('offers HEAD, branches, tags and recent commits to pick from', async () => {
    git(repo, 'checkout', '-q', '-b', 'second-round');
    await write('memos/project.md', '# Project\n\nSecond round.\n');
    git(repo, 'commit', '-q', '-am', 'Second round');
    const choices = await refChoices(study);
    const head = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    assert.deepEqual(choices[0], { ref: 'HEAD', kind: 'head', summary: `${head} Second round` });
    assert.deepEqual(choices.filter((c) => c.kind !== 'head' && c.kind !== 'commit').map((c) => `${c.kind} ${c.ref}`).sort(), ['branch main', 'branch second-round', 'tag round-1']);
    assert.deepEqual(choices.filter((c) => c.kind === 'commit').map((c) => c.summary.replace(/ \(.*\)$/, '')), ['Second round', 'First round of coding']);
  });

  it('refuses an unknown ref, an option-like ref and a folder outside Git with a SideError naming it', async () => {
    await assert.rejects(versionAt(study, 'no-such-branch'), (e: Error) => e instanceof SideError && /Unknown Git ref "no-such-branch"/.test(e.message));
    await assert.rejects(versionAt(study, '--all'), (e: Error) => e instanceof SideError && /"--all" is not a Git ref/.test(e.message));
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-no-git-'));
    try {
      await assert.rejects(versionAt(outside, 'HEAD'), (e: Error) => e instanceof SideError && /is not in a Git repository/.test(e.message));
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('names the commit that added a coding, even after a later commit rewrote its line, and "uncommitted" for a new one', async () => {
    // A user's setting that hides the first commit's diff from git log -p must not hide its codings.
    git(repo, 'config', 'log.showRoot', 'false');
    await write(ANA, formatCodingsFile([coding('a1', 'policy', 0, 'alpha', { memo: 'Rewritten' }), coding('a2', 'policy', 10, 'beta'), coding('a6', 'ctx', 50, 'zeta')]));
    git(repo, 'commit', '-q', '-am', 'Memo and a new coding');
    await write(ANA, formatCodingsFile([coding('a1', 'policy', 0, 'alpha', { memo: 'Rewritten' }), coding('a7', 'ctx', 60, 'eta')]));
    const origins = new CodingOrigins(study);
    const first = await origins.of(ANA, 'a1');
    assert.ok(first !== undefined && first !== 'uncommitted');
    assert.equal(first.subject, 'First round of coding');
    assert.equal(first.author, 'Ana Lima');
    assert.equal(first.commit, git(repo, 'rev-parse', 'round-1').trim());
    assert.equal(first.shortCommit, first.commit.slice(0, first.shortCommit.length));
    assert.ok(!Number.isNaN(Date.parse(first.date)));
    const later = await origins.of(ANA, 'a6');
    assert.ok(later !== undefined && later !== 'uncommitted');
    assert.equal(later.subject, 'Memo and a new coding');
    assert.equal(await origins.of(ANA, 'a7'), 'uncommitted');
    // A new commit is a new HEAD: the cache does not answer from the old one.
    git(repo, 'commit', '-q', '-am', 'Eta');
    const eta = await origins.of(ANA, 'a7');
    assert.ok(eta !== undefined && eta !== 'uncommitted' && eta.subject === 'Eta');
  });

  it('says nothing about a coding\'s commit outside Git and "uncommitted" before the first commit', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-no-git-'));
    try {
      assert.equal(await new CodingOrigins(outside).of(ANA, 'a1'), undefined);
      git(outside, 'init', '-q');
      assert.equal(await new CodingOrigins(outside).of(ANA, 'a1'), 'uncommitted');
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});
