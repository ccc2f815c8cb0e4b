// `gloss changes`, `gloss codebook-diff` and `gloss textconv` run as a user runs them, on a copy of
// the example study in real Git; textconv also as Git runs it, from `git diff` and `git log -p`.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeCode, moveCode, renameCode } from '../../src/core/codebook';

const repo = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(repo, 'examples', 'city-partnerships');
const CLI = path.join(repo, 'src', 'cli', 'main.ts');
// tsx by path: the commands also run with the study as their working folder, as Git runs textconv.
const TSX = path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const JOAQUIN_DAMANKWA = 'codings/joaquin/transcripts/damankwa/damankwa-politician-01.txt.jsonl';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function gloss(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function assertBadInput(run: Run, reason: RegExp): void {
  assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.match(run.stderr, reason);
}

describe('gloss history commands', function () {
  this.timeout(60_000);
  let folder: string;
  let study: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: study, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' } });
  const file = (relative: string) => path.join(study, ...relative.split('/'));

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-cli-history-'));
    study = path.join(folder, 'study');
    await fs.cp(EXAMPLE, study, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Example study');
    git('tag', 'start');
    let codebook = await fs.readFile(file('codebook.yaml'), 'utf8');
    codebook = mergeCode(moveCode(renameCode(codebook, 'org-policy', 'Policies and plans'), 'int-ownership', 'organisation'), 'org-know-how', 'int-knowledge-sharing');
    await fs.writeFile(file('codebook.yaml'), codebook);
    git('commit', '-q', '-am', 'Second round: rename, move, merge');
  });
  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('gloss codebook-diff lists the rename, the move and the merge between two refs', async () => {
    const run = await gloss(repo, 'codebook-diff', study, 'start', 'main');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^# Codebook changes from start \([0-9a-f]+ Example study\) to main \([0-9a-f]+ Second round: rename, move, merge\)$/m);
    assert.match(run.stdout, /^- Merged \*\*Organisation › Know-how\*\* \(`org-know-how`\) into \*\*Interaction › Knowledge sharing\*\* \(`int-knowledge-sharing`\); its codings count there$/m);
    assert.match(run.stdout, /^- Renamed “Policy” to “Policies and plans”: \*\*Organisation › Policies and plans\*\* \(`org-policy`\)$/m);
    assert.match(run.stdout, /^- Moved \*\*Organisation › Ownership\*\* \(`int-ownership`\) from \*\*Interaction\*\* to \*\*Organisation\*\*$/m);
    assert.equal(run.stdout.match(/^- /gm)?.length, 3);

    const json = await gloss(repo, 'codebook-diff', study, 'start', '--json');
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.to.commit, null);
    assert.deepEqual(parsed.changes.map((c: { kind: string; id: string }) => `${c.kind} ${c.id}`), ['merged org-know-how', 'renamed org-policy', 'moved int-ownership']);
  });

  it('gloss changes lists a coder\'s codings changed since a ref, as Markdown and JSON', async () => {
    const lines = (await fs.readFile(file(JOAQUIN_DAMANKWA), 'utf8')).split('\n').filter((l) => l !== '');
    const first = JSON.parse(lines[0]);
    const recoded = JSON.stringify({ ...first, code: 'org-motivation' });
    await fs.writeFile(file(JOAQUIN_DAMANKWA), [recoded, ...lines.slice(2)].join('\n') + '\n');
    try {
      const run = await gloss(repo, 'changes', study, '--coder', 'Joaquín');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^# What changed since HEAD \([0-9a-f]+ Second round: rename, move, merge\)$/m);
      assert.match(run.stdout, /2 codings changed: 1 removed, 1 recoded; 0 memos changed; 0 codebook changes\./);
      assert.match(run.stdout, /^### transcripts\/damankwa\/damankwa-politician-01\.txt$/m);
      assert.match(run.stdout, /^- Recoded from \*\*Context › Political volatility\*\* to \*\*Organisation › Motivation\*\* \(Joaquín\): “You see, in Ghana/m);

      const json = await gloss(repo, 'changes', study, '--since', 'start', '--json');
      assert.equal(json.code, 0, json.stderr);
      const parsed = JSON.parse(json.stdout);
      assert.equal(parsed.since.ref, 'start');
      assert.deepEqual(parsed.codings.map((c: { kind: string }) => c.kind).sort(), ['recoded', 'removed']);
      assert.equal(parsed.codebook.length, 3);
      const recode = parsed.codings.find((c: { kind: string }) => c.kind === 'recoded');
      assert.deepEqual([recode.before.codeName, recode.coding.codeName], ['Context › Political volatility', 'Organisation › Motivation']);

      assert.equal((await gloss(repo, 'changes', study, '--coder', 'Marike')).stdout.includes('no coding changed'), true);
    } finally {
      git('checkout', '--', JOAQUIN_DAMANKWA);
    }
  });

  it('refuses an unknown ref, a folder that is not a study and a study outside Git with exit code 2 and one line', async () => {
    assertBadInput(await gloss(repo, 'changes', study, '--since', 'no-such-ref'), /Unknown Git ref "no-such-ref"/);
    assertBadInput(await gloss(repo, 'codebook-diff', study, 'start', 'nope'), /Unknown Git ref "nope"/);
    assertBadInput(await gloss(repo, 'codebook-diff', study, '--', '--output=x'), /"--output=x" is not a Git ref/);
    assertBadInput(await gloss(repo, 'changes', folder), /is not a Gloss study: it has no codebook\.yaml/);
    const outside = path.join(folder, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'codebook.yaml'), 'codes: []\n');
    assertBadInput(await gloss(repo, 'changes', outside), /is not in a Git repository/);
    assert.equal(git('status', '--porcelain'), '', 'nothing written');
  });

  it('gloss textconv prints one readable line per coding, with code paths from the study\'s codebook', async () => {
    const run = await gloss(study, 'textconv', file(JOAQUIN_DAMANKWA));
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const records = (await fs.readFile(file(JOAQUIN_DAMANKWA), 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, records.length);
    assert.match(lines[0], /^Context › Political volatility \[1109-1551\] “You see, in Ghana, .*I will be frank with you\.” \| Joaquín \| id 45965d89-cb9e-48c8-95fe-824cc64792d5$/);
    // A merged code's id is named by its survivor.
    const merged = JSON.stringify({ ...JSON.parse(records[0]), code: 'org-know-how', memo: 'two\nlines' });
    await fs.writeFile(path.join(folder, 'one.jsonl'), `${merged}\nnot json\n`);
    const other = await gloss(study, 'textconv', path.join(folder, 'one.jsonl'), '--codebook', file('codebook.yaml'));
    assert.match(other.stdout, /^Interaction › Knowledge sharing \(merged: org-know-how\) \[1109-1551\] .* \| memo: two⏎lines\n\(unreadable: Not valid JSON[^\n]*\) not json\n$/);
    assertBadInput(await gloss(study, 'textconv', path.join(folder, 'none.jsonl')), /Cannot read .*none\.jsonl: no such file/);
  });

  it("makes git diff and git log -p readable with the example study's .gitattributes once the textconv is set", async () => {
    git('config', 'diff.gloss-codings.textconv', `"${process.execPath}" --import "${TSX}" "${CLI}" textconv`);
    const lines = (await fs.readFile(file(JOAQUIN_DAMANKWA), 'utf8')).split('\n');
    await fs.writeFile(file(JOAQUIN_DAMANKWA), lines.slice(1).join('\n'));
    try {
      const diff = git('diff', '--', JOAQUIN_DAMANKWA);
      assert.match(diff, /^-Context › Political volatility \[1109-1551\] “You see, in Ghana/m);
      assert.doesNotMatch(diff, /"id":/);
      git('commit', '-q', '-am', 'Remove a coding');
      const log = git('log', '-p', '-1', '--', JOAQUIN_DAMANKWA);
      assert.match(log, /^-Context › Political volatility \[1109-1551\]/m);
    } finally {
      git('reset', '-q', '--hard', 'HEAD~1');
      git('config', '--unset', 'diff.gloss-codings.textconv');
    }
  });
});
