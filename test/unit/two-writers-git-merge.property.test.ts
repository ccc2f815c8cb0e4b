// Two machines on two branches of one study, with random `git merge`s between them: on machine A
// two windows of Marike code, write memos, add codes and edit the transcript; on machine B Marike
// and Joaquín code and write memos. After the last merge every coding ever made is in the study
// once, on text equal to its quote or an orphan, with the newest memo written to it.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { addCode } from '../../src/core/codebook/edit';
import { stampModified } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { placeDocument } from '../../src/core/study/placement';
import { Study } from '../../src/core/study/study';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { TextIndex } from '../../src/core/text/offsets';
import { assertAnchoredOrOrphaned } from './helpers/anchored-or-orphaned';

const DOCUMENT = 'transcripts/velden-01.txt';
/** The first paragraphs of a real transcript: Dutch words, repeated ones ("de", "ja") included. */
const TRANSCRIPT = `${readFileSync(path.join(__dirname, '..', '..', 'examples', 'city-partnerships', 'transcripts', 'velden', 'velden-official-01.txt'), 'utf8')
  .split('\n\n')
  .slice(0, 9)
  .join('\n\n')}\n`;
const CODES = ['policy', 'resources', 'stakeholders'];
const CODEBOOK = `# Codebook of the merge test\ncodes:\n${CODES.map((id) => `  - id: ${id}\n    name: ${id[0].toUpperCase()}${id.slice(1)}\n`).join('')}`;
const INSERTED_WORDS = ['ja', 'de', 'gemeente', 'stedenband', 'eigenlijk', 'natuurlijk', 'budget', 'het', 'comité'];

type Folder = 'A' | 'B';
const BRANCH: Record<Folder, string> = { A: 'main', B: 'b' };
const OTHER: Record<Folder, Folder> = { A: 'B', B: 'A' };
/** The four writers: two windows of Marike on machine A, Marike and Joaquín on machine B. */
const WRITERS: readonly { readonly folder: Folder; readonly coder: string }[] = [
  { folder: 'A', coder: 'Marike' },
  { folder: 'A', coder: 'Marike' },
  { folder: 'B', coder: 'Marike' },
  { folder: 'B', coder: 'Joaquín' },
];

type Operation =
  | { readonly kind: 'code'; readonly writer: number; readonly word: number; readonly words: number; readonly code: number }
  | { readonly kind: 'memo'; readonly writer: number; readonly pick: number }
  | { readonly kind: 'add code'; readonly writer: number }
  | { readonly kind: 'edit transcript'; readonly word: number; readonly words: number; readonly insert: boolean }
  | { readonly kind: 'commit'; readonly folder: Folder }
  | { readonly kind: 'merge'; readonly folder: Folder };

const writer = fc.integer({ min: 0, max: WRITERS.length - 1 });
const folder = fc.constantFrom<Folder>('A', 'B');
/** Mostly the first words: codings close together make neighbouring lines, which Git merges as a conflict (union keeps both sides). */
const word = fc.oneof(fc.nat({ max: 40 }), fc.nat());
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ writer, word, words: fc.integer({ min: 1, max: 6 }), code: fc.nat() }).map((o): Operation => ({ kind: 'code', ...o })) },
  { weight: 4, arbitrary: fc.record({ writer, pick: fc.nat() }).map((o): Operation => ({ kind: 'memo', ...o })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }).map((w): Operation => ({ kind: 'add code', writer: w })) },
  { weight: 2, arbitrary: fc.record({ word, words: fc.integer({ min: 1, max: 12 }), insert: fc.boolean() }).map((o): Operation => ({ kind: 'edit transcript', ...o })) },
  { weight: 1, arbitrary: folder.map((f): Operation => ({ kind: 'commit', folder: f })) },
  { weight: 3, arbitrary: folder.map((f): Operation => ({ kind: 'merge', folder: f })) },
);
/** One operation, or two run at once. */
const step = fc.array(operation, { minLength: 1, maxLength: 2 });

function folderOf(op: Operation): Folder {
  return op.kind === 'code' || op.kind === 'memo' ? WRITERS[op.writer].folder : op.kind === 'commit' || op.kind === 'merge' ? op.folder : 'A';
}

const execFileAsync = promisify(execFile);
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' };

async function git(cwd: string, ...args: string[]): Promise<string> {
  try {
    return (await execFileAsync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV })).stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
  }
}

/** Everything written during one run, to compare with what the study holds at the end. */
interface Written {
  readonly codings: Map<string, Coding>;
  /** Memos written to each coding, with the time each was stamped `modified`. */
  readonly memos: Map<string, { readonly memo: string; readonly modified: string }[]>;
  readonly codes: string[];
}

/** One run: the two working folders of one repository, their writers, and what they wrote. */
class Scenario {
  readonly folders: Record<Folder, string>;
  private readonly studies: Study[] = [];
  /** Git commands of one folder run one at a time, as one person types them. */
  private readonly gitQueue: Record<Folder, Promise<unknown>> = { A: Promise.resolve(), B: Promise.resolve() };
  readonly written: Written = { codings: new Map(), memos: new Map(), codes: [] };
  private counter = 0;

  private constructor(readonly root: string) {
    this.folders = { A: path.join(root, 'a'), B: path.join(root, 'b') };
  }

  static async create(): Promise<Scenario> {
    const scenario = new Scenario(await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-two-branches-')));
    const a = scenario.folders.A;
    await fs.mkdir(path.join(a, 'transcripts'), { recursive: true });
    await fs.writeFile(path.join(a, 'codebook.yaml'), CODEBOOK);
    await fs.writeFile(path.join(a, '.gitattributes'), 'codings/** merge=union\n*.txt -text\n');
    await fs.writeFile(path.join(a, '.gitignore'), '*.gloss-tmp\n*.gloss-lock\n');
    await fs.writeFile(path.join(a, DOCUMENT), TRANSCRIPT);
    await git(a, 'init', '-q', '-b', 'main');
    await git(a, 'add', '-A');
    await git(a, 'commit', '-q', '-m', 'Study');
    await git(a, 'worktree', 'add', '-q', '-b', 'b', scenario.folders.B);
    for (const w of WRITERS) scenario.studies.push(await Study.load(scenario.folders[w.folder]));
    return scenario;
  }

  async remove(): Promise<void> {
    await fs.rm(this.root, { recursive: true, force: true });
  }

  /** Runs the step's operations at once, except a merge and another operation in its folder: Git cannot merge into a working tree that changes meanwhile. */
  async run(operations: readonly Operation[]): Promise<void> {
    const [first, second] = operations;
    const mergeWithOwnFolder = second !== undefined && (first.kind === 'merge' || second.kind === 'merge') && folderOf(first) === folderOf(second);
    if (mergeWithOwnFolder) {
      for (const op of operations) await this.apply(op);
    } else {
      await Promise.all(operations.map((op) => this.apply(op)));
    }
  }

  private apply(op: Operation): Promise<void> {
    switch (op.kind) {
      case 'code':
        return this.code(op.writer, op.word, op.words, CODES[op.code % CODES.length]);
      case 'memo':
        return this.memo(op.writer, op.pick);
      case 'add code':
        return this.addCode(op.writer);
      case 'edit transcript':
        return this.inGit('A', () => this.editTranscript(op.word, op.words, op.insert));
      case 'commit':
        return this.inGit(op.folder, () => this.commit(op.folder));
      case 'merge':
        return this.inGit(op.folder, () => this.merge(op.folder));
    }
  }

  private inGit(folder: Folder, run: () => Promise<void>): Promise<void> {
    const next = this.gitQueue[folder].then(run);
    this.gitQueue[folder] = next.catch(() => undefined);
    return next;
  }

  /** Codes `words` words of the writer's transcript as it is now, from word `word` on. */
  private async code(writerIndex: number, word: number, words: number, code: string): Promise<void> {
    const { folder, coder } = WRITERS[writerIndex];
    const id = `${folder}${writerIndex}-${this.counter++}`;
    const text = normaliseText(await fs.readFile(path.join(this.folders[folder], DOCUMENT), 'utf8'));
    const all = [...text.matchAll(/\S+/g)];
    const first = all[word % all.length];
    const last = all[Math.min(all.length - 1, (word % all.length) + words - 1)];
    const span = TextIndex.forText(text).toCodePointSpan({ start: first.index!, end: last.index! + last[0].length });
    const coding: Coding = { id, code, ...span, ...quoteSelectors(text, span), version: textVersion(text), coder, created: new Date().toISOString() };
    this.written.codings.set(id, coding);
    await this.studies[writerIndex].updateCodings(coder, DOCUMENT, (onDisk) => [...onDisk, coding]);
  }

  /**
   * Sets the memo of one of the coder's codings on disk. Stamped when the file is read, so that
   * of two windows writing one coding the one that writes last is the newer.
   */
  private async memo(writerIndex: number, pick: number): Promise<void> {
    const { coder } = WRITERS[writerIndex];
    const memo = `memo ${this.counter++} by writer ${writerIndex}`;
    const write = await this.studies[writerIndex].updateCodings(coder, DOCUMENT, (onDisk) => {
      if (onDisk.length === 0) return onDisk;
      const target = onDisk[pick % onDisk.length].id;
      return stampModified(onDisk, onDisk.map((c) => (c.id === target ? { ...c, memo } : c)), new Date().toISOString());
    });
    const changed = write.after.find((c) => c.memo === memo);
    if (changed) this.written.memos.set(changed.id, [...(this.written.memos.get(changed.id) ?? []), { memo, modified: changed.modified! }]);
  }

  /** Adds a code on machine A only, so that codebook.yaml never conflicts in Git. */
  private async addCode(writerIndex: number): Promise<void> {
    const id = `added-${this.counter++}`;
    await this.studies[writerIndex].editCodebook((text) => addCode(text, { id, name: `Added ${id}` }, undefined));
    this.written.codes.push(id);
  }

  /** Inserts or deletes a few words of the transcript on machine A and commits it, so every version coded is in Git. */
  private async editTranscript(word: number, words: number, insert: boolean): Promise<void> {
    const file = path.join(this.folders.A, DOCUMENT);
    const text = await fs.readFile(file, 'utf8');
    const all = [...text.matchAll(/\S+/g)];
    const at = all[word % all.length];
    let edited: string;
    if (insert || all.length < 60) {
      const inserted = Array.from({ length: words }, (_, i) => INSERTED_WORDS[(word + i) % INSERTED_WORDS.length]).join(' ');
      edited = `${text.slice(0, at.index!)}${inserted} ${text.slice(at.index!)}`;
    } else {
      const after = all[(word % all.length) + words];
      edited = text.slice(0, at.index!) + (after === undefined ? '' : text.slice(after.index!));
    }
    // Written whole and renamed, as an editor saves: a coder reading it meanwhile sees one version.
    const temporary = path.join(this.root, 'transcript.tmp');
    await fs.writeFile(temporary, edited);
    await fs.rename(temporary, file);
    await git(this.folders.A, 'commit', '-q', '-m', 'Edit the transcript', '--', DOCUMENT);
  }

  private async commit(folder: Folder): Promise<void> {
    await git(this.folders[folder], 'add', '-A');
    await git(this.folders[folder], 'commit', '-q', '--allow-empty', '-m', `Work on ${BRANCH[folder]}`);
  }

  /** Commits, then merges the other branch in: a conflict fails the test. */
  private async merge(folder: Folder): Promise<void> {
    await this.commit(folder);
    await git(this.folders[folder], 'merge', '-q', '--no-edit', BRANCH[OTHER[folder]]);
  }

  /** Both machines commit, and A merges B's branch: the study everyone ends with. */
  async finish(): Promise<void> {
    await this.inGit('B', () => this.commit('B'));
    await this.inGit('A', () => this.merge('A'));
  }
}

describe('two writers on two branches with random git merges (property)', function () {
  this.timeout(180_000);

  it('ends with every coding once, on text equal to its quote or an orphan, with the newest memo written to it, and every code added', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 30 }), async (steps) => {
        const scenario = await Scenario.create();
        try {
          for (const operations of steps) await scenario.run(operations);
          await scenario.finish();

          const root = scenario.folders.A;
          assert.equal(await git(root, 'status', '--porcelain'), '', 'the merges left nothing unresolved');
          const study = await Study.load(root);
          assert.deepEqual(study.problems.filter((p) => p.severity === 'error'), []);
          const stored = study.codingsOf(DOCUMENT);
          const { written } = scenario;
          assert.deepEqual(stored.map((c) => c.id).sort(), [...written.codings.keys()].sort(), 'every coding made, none other');

          const rawText = await fs.readFile(path.join(root, DOCUMENT), 'utf8');
          const placed = await placeDocument(DOCUMENT, rawText, stored, new GitAndSnapshotVersions(root, undefined));
          // Words inserted inside a coded passage widen it (its own text is all still there): its
          // text may then be as little as 0.3 similar to its quote, the least re-anchoring keeps in place.
          assertAnchoredOrOrphaned([placed], written.codings.size, 0.3);

          for (const coding of stored) {
            const made = written.codings.get(coding.id)!;
            assert.deepEqual({ ...coding, memo: undefined, modified: undefined }, { ...made, memo: undefined, modified: undefined }, `${coding.id} is as it was made`);
            // The newest memo written to it wins, whichever branch wrote it (of two stamped in one millisecond, either).
            const memos = written.memos.get(coding.id) ?? [];
            const newest = memos.reduce((latest, m) => (m.modified > latest ? m.modified : latest), '');
            const expected = memos.filter((m) => m.modified === newest).map((m) => m.memo);
            if (memos.length === 0) assert.equal(coding.memo, undefined, `${coding.id} has no memo`);
            else assert.ok(coding.memo !== undefined && expected.includes(coding.memo), `${coding.id}: memo ${JSON.stringify(coding.memo)}, written ${JSON.stringify(memos)}`);
          }
          const codes = new Set(study.codebook.codes.map((c) => c.id));
          for (const id of [...CODES, ...written.codes]) assert.ok(codes.has(id), `code ${id} is in the codebook`);
        } finally {
          await scenario.remove();
        }
      }),
      // Shrinking a failure stops in time to report it within the suite's timeout.
      { numRuns: 20, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true },
    );
  });
});
