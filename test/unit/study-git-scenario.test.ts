// The promise of plain text in Git, end to end on a copy of the example study in a real repository:
// transcripts edited and committed keep their codings, and two coders' branches merge cleanly.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Coding } from '../../src/core/model';
import { placeDocument, type PlacedDocument } from '../../src/core/study/placement';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { sliceCodePoints } from '../../src/core/text/offsets';
import { assertAnchoredOrOrphaned } from './helpers/anchored-or-orphaned';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'city-partnerships');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

async function placeAll(root: string, study: Study): Promise<PlacedDocument[]> {
  const versions = new GitAndSnapshotVersions(root, undefined);
  return Promise.all(
    study.documentPaths.map(async (p) => placeDocument(p, await fs.readFile(path.join(root, p), 'utf8'), study.codingsOf(p), versions)),
  );
}

describe('a study in Git (scenario)', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-scenario-'));
    await fs.cp(EXAMPLE, root, { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Example study');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('loads the example study with every coding on its text', async () => {
    const study = await Study.load(root);
    assert.deepEqual(study.problems, []);
    const stored = study.codingsFileList.reduce((n, f) => n + f.codings.length, 0);
    assert.ok(stored > 150);
    const { anchored, orphans } = assertAnchoredOrOrphaned(await placeAll(root, study), stored);
    assert.equal(anchored, stored);
    assert.equal(orphans.length, 0);
  });

  it('keeps codings on their text after typo fixes, inserted sentences, a moved paragraph and renamed speakers are committed', async () => {
    const velden = 'transcripts/velden/velden-official-01.txt';
    const damankwa = 'transcripts/damankwa/damankwa-politician-01.txt';
    const sanAurelio = 'transcripts/san-aurelio/san-aurelio-politician-01.txt';
    const edit = async (p: string, change: (text: string) => string) => {
      const file = path.join(root, p);
      const before = await fs.readFile(file, 'utf8');
      const after = change(before);
      assert.notEqual(after, before, `the edit of ${p} changes it`);
      await fs.writeFile(file, after);
    };
    // Typo fixes and an inserted sentence.
    await edit(velden, (t) => t.replace('coördinator', 'coordinator').replace('[00:01:40] I:', '[00:01:40] I: Interessant. Dank u.\n\n[00:01:41] I:'));
    // Renamed speaker labels throughout.
    await edit(damankwa, (t) => t.replace(/^Interviewer:/gm, 'INT:'));
    // A paragraph moved to the end.
    await edit(sanAurelio, (t) => {
      const paragraphs = t.split('\n\n');
      const [moved] = paragraphs.splice(3, 1);
      return [...paragraphs, moved].join('\n\n');
    });
    git(root, 'commit', '-q', '-am', 'Edit transcripts');

    const study = await Study.load(root);
    const stored = study.codingsFileList.reduce((n, f) => n + f.codings.length, 0);
    const placed = await placeAll(root, study);
    const { anchored, edited, orphans } = assertAnchoredOrOrphaned(placed, stored);
    // Nothing was deleted, so every coding finds its text again.
    assert.equal(orphans.length, 0, orphans.map((o) => o.coding.quote).join(' | '));
    assert.equal(anchored, stored);
    // Only codings that contain the typo fix have other words now, and they say so.
    assert.ok(edited <= 2, `${edited} codings changed their words`);
    // The moved paragraph's codings moved with it.
    const moved = placed.find((d) => d.path === sanAurelio)!;
    assert.ok(moved.codings.some((p) => p.reanchored && p.span!.start !== p.coding.start));
  });

  it('makes an orphan with its quote of a coding whose text was deleted, and keeps it on disk', async () => {
    const p = 'transcripts/tessenfeld/tessenfeld-official-01.txt';
    const study = await Study.load(root);
    const victim = study.codingsOf(p).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const file = path.join(root, p);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace(victim.quote, ''));
    git(root, 'commit', '-q', '-am', 'Remove a passage');

    const reloaded = await Study.load(root);
    const placed = await placeAll(root, reloaded);
    const { orphans } = assertAnchoredOrOrphaned(placed, reloaded.codingsFileList.reduce((n, f) => n + f.codings.length, 0));
    assert.ok(orphans.some((o) => o.coding.id === victim.id && o.coding.quote === victim.quote));
    assert.ok(reloaded.codingsOf(p).some((c) => c.id === victim.id), 'the orphan stays in its file');
  });

  it('merges two coders who coded the same transcript on two branches without conflict', async () => {
    const p = 'transcripts/kassoumbe/kassoumbe-official-01.txt';
    const text = await fs.readFile(path.join(root, p), 'utf8');
    const base = (await Study.load(root)).codingsOf(p)[0];
    const codingAt = (coder: string, id: string, start: number, end: number): Coding => ({
      ...base,
      id,
      coder,
      start,
      end,
      quote: sliceCodePoints(text, start, end),
      prefix: sliceCodePoints(text, Math.max(0, start - 32), start),
      suffix: sliceCodePoints(text, end, end + 32),
    });

    git(root, 'checkout', '-q', '-b', 'joaquin');
    const joaquin = await Study.load(root);
    await joaquin.updateCodings('Joaquín', p, (current) => [...current, codingAt('Joaquín', 'j-1', 400, 450)]);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'Joaquín codes Kassoumbé');

    git(root, 'checkout', '-q', 'main');
    const marike = await Study.load(root);
    const own = marike.codingsOf(p).filter((c) => c.coder === 'Marike');
    await marike.updateCodings('Marike', p, (current) => [...current, codingAt('Marike', 'm-1', 1000, 1100), codingAt('Marike', 'm-2', 20, 60)]);
    git(root, 'commit', '-q', '-am', 'Marike codes Kassoumbé');

    git(root, 'merge', '-q', '--no-edit', 'joaquin');
    assert.equal(git(root, 'status', '--porcelain'), '', 'the merge is clean');
    const merged = await Study.load(root);
    assert.deepEqual(merged.problems, []);
    const ids = merged.codingsOf(p).map((c) => c.id);
    for (const id of ['j-1', 'm-1', 'm-2']) assert.ok(ids.includes(id), `${id} after the merge`);
    assert.equal(merged.codingsOf(p).length, own.length + 3);
  });

  it('merges one coder adding codings to one file on two branches (union merge)', async () => {
    const p = 'transcripts/velden/velden-official-01.txt';
    const study = await Study.load(root);
    const own = study.codingsOf(p);
    const extra = (id: string, start: number): Coding => ({ ...own[0], id, start, end: start + 5, quote: own[0].quote.slice(0, 5) });
    git(root, 'checkout', '-q', '-b', 'laptop');
    await study.updateCodings('Marike', p, (current) => [...current, extra('laptop-1', own[0].start)]);
    git(root, 'commit', '-q', '-am', 'On the laptop');
    git(root, 'checkout', '-q', 'main');
    const again = await Study.load(root);
    await again.updateCodings('Marike', p, (current) => [...current, extra('desktop-1', own[0].start)]);
    git(root, 'commit', '-q', '-am', 'On the desktop');
    git(root, 'merge', '-q', '--no-edit', 'laptop');
    assert.equal(git(root, 'status', '--porcelain'), '');
    const ids = (await Study.load(root)).codingsOf(p).map((c) => c.id);
    assert.ok(ids.includes('laptop-1') && ids.includes('desktop-1'));
  });
});
