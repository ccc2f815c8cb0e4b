// `gloss reanchor` on a copy of the example study whose transcript was edited after coding: it
// reports what moved and what became orphans, writes nothing without --write, and with --write
// only the named coder's files, through the write protocol.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseCodingsFile } from '../../src/core/codings/format';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { sliceCodePoints } from '../../src/core/text/offsets';
import { assertBadInput, exampleCopy, gloss } from './helpers/gloss-cli';

const TRANSCRIPT = 'transcripts/damankwa/damankwa-politician-01.txt';
const MARIKE = `codings/marike/${TRANSCRIPT}.jsonl`;
const JOAQUIN = `codings/joaquin/${TRANSCRIPT}.jsonl`;

describe('gloss reanchor', function () {
  this.timeout(60_000);
  let copy: Awaited<ReturnType<typeof exampleCopy>>;
  const file = (relative: string) => path.join(copy.root, ...relative.split('/'));
  const codings = async (relative: string) => parseCodingsFile(await fs.readFile(file(relative), 'utf8'), relative).codings;
  const everyFile = async () => {
    const all = (await fs.readdir(file('codings'), { recursive: true })).map(String).filter((f) => f.endsWith('.jsonl'));
    return new Map(await Promise.all(all.map(async (f) => [f, await fs.readFile(path.join(file('codings'), f))] as const)));
  };

  beforeEach(async () => {
    copy = await exampleCopy();
    // An interviewer's note added at the top after both coders coded the transcript.
    const text = await fs.readFile(file(TRANSCRIPT), 'utf8');
    await fs.writeFile(file(TRANSCRIPT), `[Note: the recording starts late.]\n\n${text}`);
  });
  afterEach(() => copy.remove());

  it('reports every coding of the edited transcript as moved, and writes nothing without --write', async () => {
    const before = await everyFile();
    const run = await gloss('reanchor', copy.root);
    assert.equal(run.code, 0, run.stderr);
    const moved = [...(await codings(MARIKE)), ...(await codings(JOAQUIN))];
    for (const coding of moved) assert.match(run.stdout, new RegExp(`:\\d+: moved: coding ${coding.id} \\(${coding.code}\\) onto the current text, \\[${coding.start}, ${coding.end}\\) → \\[${coding.start + 36}, ${coding.end + 36}\\), (at its offsets|through the changes to the text|by its text and context)$`, 'm'));
    assert.match(run.stdout, new RegExp(`^${moved.length} coding\\(s\\) of all coders moved onto the current texts, 0 orphan\\(s\\)\\. Nothing was written`, 'm'));
    assert.deepEqual(await everyFile(), before, 'no file changed');
  });

  it('with --write --coder re-bases only that coder\'s codings on the current text; the other coder\'s file keeps its bytes', async () => {
    const joaquinBytes = await fs.readFile(file(JOAQUIN));
    const others = await everyFile();
    const stored = await codings(MARIKE);
    const run = await gloss('reanchor', copy.root, '--coder', 'Marike', '--write');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^${stored.length} coding\\(s\\) of Marike moved onto the current texts, 0 orphan\\(s\\)\\. Wrote 1 file\\(s\\)`, 'm'));
    assert.deepEqual(await fs.readFile(file(JOAQUIN)), joaquinBytes, "Joaquín's file is unchanged");
    const after = await everyFile();
    for (const [name, bytes] of others) if (!name.includes(`marike${path.sep}transcripts${path.sep}damankwa`)) assert.deepEqual(after.get(name), bytes, `${name} unchanged`);
    const text = normaliseText(await fs.readFile(file(TRANSCRIPT), 'utf8'));
    const rebased = await codings(MARIKE);
    assert.equal(rebased.length, stored.length, 'no coding lost');
    for (const coding of rebased) {
      assert.equal(coding.version, textVersion(text));
      assert.equal(sliceCodePoints(text, coding.start, coding.end), coding.quote);
      assert.ok(coding.modified, 'stamped as modified');
    }
    // Run again: Marike's codings are on the current text now; Joaquín's still move.
    const again = await gloss('reanchor', copy.root);
    assert.match(again.stdout, new RegExp(`^${(await codings(JOAQUIN)).length} coding\\(s\\) of all coders moved`, 'm'));
  });

  it('reports a coding whose text is gone (with those overlapping it) as an orphan with its file and line, exit code 1, and leaves it as it is when writing', async () => {
    const text = await fs.readFile(file(TRANSCRIPT), 'utf8');
    const [first] = await codings(MARIKE);
    await fs.writeFile(file(TRANSCRIPT), text.replace(first.quote, ''));
    const lineOf = (await fs.readFile(file(MARIKE), 'utf8')).split('\n').findIndex((l) => l.includes(first.id)) + 1;
    const run = await gloss('reanchor', copy.root, '--coder', 'marike', '--write');
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`${MARIKE.replace(/[.]/g, '\\.')}:${lineOf}: orphan: coding ${first.id} \\(${first.code}\\)`));
    assert.match(run.stderr, /^gloss: \d+ coding\(s\) could not be placed on the current text \(orphans\); re-attach them in the editor\.\n$/, run.stderr);
    const kept = (await codings(MARIKE)).find((c) => c.id === first.id);
    assert.deepEqual(kept, first, 'the orphan is kept exactly as stored');
  });

  it('refuses --write without --coder, and a coder with no codings, with exit code 2 and one line', async () => {
    assertBadInput(await gloss('reanchor', copy.root, '--write'), /--write needs --coder NAME/);
    assertBadInput(await gloss('reanchor', copy.root, '--coder', 'Nobody'), /Nobody has no codings in this study/);
  });
});
