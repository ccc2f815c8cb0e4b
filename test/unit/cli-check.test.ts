// `gloss check` on the example study (clean) and on copies with planted problems: each is printed
// as file:line: severity: message from where the command was typed, and the exit code is 1.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assertBadInput, EXAMPLE, exampleCopy, gloss, glossIn } from './helpers/gloss-cli';

const MARIKE_DAMANKWA = 'codings/marike/transcripts/damankwa/damankwa-politician-01.txt.jsonl';
const JOAQUIN_DAMANKWA = 'codings/joaquin/transcripts/damankwa/damankwa-politician-01.txt.jsonl';

describe('gloss check', function () {
  this.timeout(60_000);
  let copy: Awaited<ReturnType<typeof exampleCopy>>;
  const file = (relative: string) => path.join(copy.root, ...relative.split('/'));
  const lineCount = async (relative: string) => (await fs.readFile(file(relative), 'utf8')).trimEnd().split('\n').length;

  beforeEach(async () => {
    copy = await exampleCopy();
  });
  afterEach(() => copy.remove());

  it('finds nothing in the example study: exit code 0 and a one-line summary', async () => {
    const run = await gloss('check', EXAMPLE);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'No problems: 12 documents, 194 codings, 24 codes.\n');
    assert.equal(run.stderr, '');
  });

  it('checks the current folder when no study is given, naming files from there', async () => {
    await fs.appendFile(file(MARIKE_DAMANKWA), '{"id": "broken"\n');
    const run = await glossIn(copy.root, 'check');
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`^${MARIKE_DAMANKWA.replace(/[.]/g, '\\.')}:\\d+: error: `, 'm'));
  });

  it('names the file and line of a broken codings line, an unknown code and an orphan, with exit code 1', async () => {
    const lines = await lineCount(MARIKE_DAMANKWA);
    await fs.appendFile(file(MARIKE_DAMANKWA), '{"id": "broken"\n');
    // Joaquín's first coding gets a code the codebook does not have; his second a quote that is nowhere.
    const joaquin = (await fs.readFile(file(JOAQUIN_DAMANKWA), 'utf8')).split('\n');
    const first = JSON.parse(joaquin[0]);
    const second = JSON.parse(joaquin[1]);
    joaquin[0] = JSON.stringify({ ...first, code: 'no-such-code' });
    joaquin[1] = JSON.stringify({ ...second, quote: 'a passage that is in no transcript at all', prefix: '', suffix: '', version: '0'.repeat(40) });
    await fs.writeFile(file(JOAQUIN_DAMANKWA), joaquin.join('\n'));

    const run = await gloss('check', copy.root);
    assert.equal(run.code, 1, run.stderr);
    const shown = (relative: string) => path.relative(path.join(__dirname, '..', '..'), file(relative)).split(path.sep).join('/');
    const out = run.stdout.split('\n');
    assert.ok(out.some((l) => l.startsWith(`${shown(MARIKE_DAMANKWA)}:${lines + 1}: error: Not valid JSON: `)), run.stdout);
    assert.ok(out.includes(`${shown(JOAQUIN_DAMANKWA)}:1: error: Coding ${first.id} names the code "no-such-code", which is not in codebook.yaml.`), run.stdout);
    assert.ok(out.some((l) => l.startsWith(`${shown(JOAQUIN_DAMANKWA)}:2: warning: Orphan: coding ${second.id} (${second.code}, Joaquín) of "a passage that is in no transcript at all" cannot be placed`)), run.stdout);
    assert.equal(out.filter((l) => l !== '').length, 3, 'nothing else');
    assert.equal(run.stderr, 'gloss: 3 problems in 2 files.\n');
  });

  it('finds a coding id used in two files, a case path outside the study, a link, a missing transcript and a matrix naming an unknown code', async () => {
    const marike = (await fs.readFile(file(MARIKE_DAMANKWA), 'utf8')).split('\n');
    const joaquinFirst = JSON.parse((await fs.readFile(file(JOAQUIN_DAMANKWA), 'utf8')).split('\n')[0]);
    marike[0] = JSON.stringify({ ...JSON.parse(marike[0]), id: joaquinFirst.id });
    await fs.writeFile(file(MARIKE_DAMANKWA), marike.join('\n'));
    const cases = await fs.readFile(file('cases.yaml'), 'utf8');
    await fs.writeFile(file('cases.yaml'), cases.replace('      - path: transcripts/velden/velden-official-01.txt', '      - path: ../outside.txt\n      - path: transcripts/velden/velden-official-01.txt'));
    await fs.symlink(file('memos/project.md'), file('memos/linked.md'));
    await fs.rm(file('transcripts/tessenfeld/tessenfeld-official-01.txt'));
    const matrix = await fs.readFile(file('matrices/impact-south.yaml'), 'utf8');
    await fs.writeFile(file('matrices/impact-south.yaml'), matrix.replace('  - code: imp-civic-society', '  - code: no-such-theme\n  - code: imp-civic-society'));

    const run = await gloss('check', copy.root);
    assert.equal(run.code, 1);
    const findings = run.stdout.trimEnd().split('\n');
    const has = (pattern: RegExp) => assert.ok(findings.some((l) => pattern.test(l)), `${pattern} in\n${run.stdout}`);
    has(/joaquin\/transcripts\/damankwa\/damankwa-politician-01\.txt\.jsonl:\d+: error: Coding id .* is also used in codings\/marike\/|marike\/transcripts\/damankwa\/damankwa-politician-01\.txt\.jsonl:1: error: Coding id .* is also used in codings\/joaquin\//);
    has(/cases\.yaml:\d+: error: Paths must stay inside the study folder: "\.\.\/outside\.txt"/);
    has(/memos\/linked\.md: error: This is a symbolic link/);
    has(/transcripts\/tessenfeld\/tessenfeld-official-01\.txt: error: This document does not exist, but \d+ coding\(s\) refer to it/);
    has(/matrices\/impact-south\.yaml:\d+: warning: Theme "no-such-theme" is not a code in codebook\.yaml\./);
  });

  it('refuses a folder that is no study with exit code 2 and one line, and has --help', async () => {
    assertBadInput(await gloss('check', path.join(EXAMPLE, 'transcripts')), /is not a Gloss study: it has no codebook\.yaml/);
    for (const command of ['check', 'stats', 'reanchor', 'export']) {
      const help = await gloss(command, '--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^Usage: gloss ${command} `));
    }
  });
});
