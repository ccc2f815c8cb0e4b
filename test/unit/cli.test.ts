// The `gloss` command line's agreement and alpha commands, run as a user runs them (helpers/gloss-cli.ts).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCodingsFile } from '../../src/core/codings/format';
import { assertBadInput, EXAMPLE, gloss } from './helpers/gloss-cli';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C, as a CSV file:
// 12 units (rows) by 4 coders (columns), empty cells missing. Printed: n = 40 pairable values;
// alpha nominal .743, ordinal .815, interval .849, ratio .797.
const KRIPPENDORFF_2011_C_CSV = ['A,B,C,D', '1,1,,1', '2,2,3,2', '3,3,3,3', '3,3,3,3', '2,2,2,2', '1,2,3,4', '4,4,4,4', '1,1,2,1', '2,2,2,2', ',5,5,5', ',,1,1', ',3,,', ''].join('\n');

describe('gloss command line', function () {
  this.timeout(60_000);
  let folder: string;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-cli-'));
    await fs.writeFile(path.join(folder, 'k2011.csv'), KRIPPENDORFF_2011_C_CSV);
  });
  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  describe('gloss alpha', () => {
    for (const [level, alpha] of [['nominal', '0.743'], ['ordinal', '0.815'], ['interval', '0.849'], ['ratio', '0.797']]) {
      it(`prints Krippendorff 2011's ${level} alpha ${alpha} and the 40 pairable values`, async () => {
        const run = await gloss('alpha', path.join(folder, 'k2011.csv'), '--level', level);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`^Krippendorff's alpha \\(${level}\\): ${alpha.replace('.', '\\.')}$`, 'm'));
        assert.match(run.stdout, /^Pairable values: 40$/m);
        assert.equal(run.stderr, '');
      });
    }

    it('prints JSON with --json', async () => {
      const run = await gloss('alpha', path.join(folder, 'k2011.csv'), '--level', 'interval', '--json');
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout);
      assert.equal(result.alpha.toFixed(3), '0.849');
      assert.deepEqual([result.level, result.pairableValues, result.pairableUnits, result.units, result.coders], ['interval', 40, 11, 12, ['A', 'B', 'C', 'D']]);
    });

    it('refuses a missing file, a malformed CSV, a word at the interval level and an unknown or missing level with exit code 2 and one line', async () => {
      assertBadInput(await gloss('alpha', path.join(folder, 'none.csv'), '--level', 'nominal'), /Cannot read .*none\.csv: no such file/);
      await fs.writeFile(path.join(folder, 'short-row.csv'), 'A,B\n1,2\n3\n');
      assertBadInput(await gloss('alpha', path.join(folder, 'short-row.csv'), '--level', 'nominal'), /short-row\.csv: Line 3: 1 cells where the header has 2/);
      await fs.writeFile(path.join(folder, 'quote.csv'), 'A,B\n1,"2\n');
      assertBadInput(await gloss('alpha', path.join(folder, 'quote.csv'), '--level', 'nominal'), /quote\.csv: Line 2: A quoted cell is not closed/);
      await fs.writeFile(path.join(folder, 'words.csv'), 'A,B\n1,high\n');
      assertBadInput(await gloss('alpha', path.join(folder, 'words.csv'), '--level', 'interval'), /"high" \(B\) is not a number/);
      assertBadInput(await gloss('alpha', path.join(folder, 'k2011.csv'), '--level', 'metric'), /argument 'metric' is invalid\. Allowed choices are nominal, ordinal, interval, ratio/);
      assertBadInput(await gloss('alpha', path.join(folder, 'k2011.csv')), /required option '--level <level>' not specified/);
    });
  });

  describe('gloss agreement', () => {
    let study: string;
    let git: (...args: string[]) => void;

    before(async () => {
      // A copy of the example study in real Git: Marike and Joaquín coded some transcripts each.
      study = path.join(folder, 'study');
      await fs.cp(EXAMPLE, study, { recursive: true });
      git = (...args: string[]) => void execFileSync('git', args, { cwd: study, env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.org' } });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('commit', '-q', '-m', 'Example study');
    });

    it('prints JSON per code and overall for the two coders of the example study, with and without uncoded units', async () => {
      const run = await gloss('agreement', study, '--json');
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([report.coders, report.unit, report.documentsCodedByAll], [['Joaquín', 'Marike'], 'word', 3]);
      assert.ok(report.codes.length > 5, 'one result per code used');
      const policy = report.codes.find((row: { name: string }) => row.name === 'Interaction › Power relations');
      assert.ok(policy, 'codes are named by their path in the codebook');
      assert.ok(policy.allUnits.units > policy.codedUnits.units && policy.codedUnits.units > 0);
      assert.equal(typeof policy.allUnits.krippendorffAlpha.value, 'number');
      assert.equal(typeof policy.unitizingAlpha.value, 'number');
      assert.equal(report.overall.code, null);
      assert.deepEqual(report.overall.codings, [44, 150]);
      assert.equal(typeof report.overall.codedUnits.cohenKappa.value, 'number');
      assert.deepEqual([report.orphans, report.missingTexts, report.problems], [[], [], []]);
    });

    it('prints a labelled table per code and for all codes', async () => {
      const run = await gloss('agreement', study, '--unit', 'sentence');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Coders: Joaquín, Marike\. Unit: sentence\./);
      assert.match(run.stdout, /^Interaction › Power relations \(codings: Joaquín 7, Marike 14\)$/m);
      assert.match(run.stdout, /^All codes \(codings: Joaquín 44, Marike 150\)$/m);
      assert.match(run.stdout, /^ +all units +coded units$/m);
      assert.match(run.stdout, /^ {2}Krippendorff's alpha \(nominal\) +-?\d\.\d{3} +-?\d\.\d{3}$/m);
    });

    it('prints Markdown with the references, or CSV, as the agreement view exports them', async () => {
      const markdown = await gloss('agreement', study, '--markdown');
      assert.equal(markdown.code, 0, markdown.stderr);
      assert.match(markdown.stdout, /^Coders: Joaquín, Marike\. Unit: word\./);
      assert.match(markdown.stdout, /^\| Interaction › Power relations \|/m);
      assert.match(markdown.stdout, /Krippendorff, K\. \(2011\)\. Computing Krippendorff's alpha-reliability/);
      const csv = await gloss('agreement', study, '--csv', '--unit', 'paragraph');
      assert.equal(csv.code, 0, csv.stderr);
      const lines = csv.stdout.trimEnd().split(/\r?\n/);
      assert.match(lines[0], /^Code,Code id,"Units, all units",/);
      assert.match(lines[lines.length - 1], /^All codes,,/);
      assertBadInput(await gloss('agreement', study, '--json', '--csv'), /option '--json' cannot be used with option '--csv'/);
    });

    it('reads the coders at a Git ref, giving the same figures as the working tree it was committed from', async () => {
      const working = JSON.parse((await gloss('agreement', study, '--coders', 'Marike,Joaquín', '--json')).stdout);
      const run = await gloss('agreement', study, '--coders', 'Marike,Joaquín', '--ref', 'main', '--json');
      assert.equal(run.code, 0, run.stderr);
      const atRef = JSON.parse(run.stdout);
      assert.deepEqual(atRef.coders, ['Marike at main', 'Joaquín at main']);
      assert.deepEqual(atRef.overall.allUnits, working.overall.allUnits);
      assert.deepEqual(atRef.codes.map((row: { codedUnits: unknown }) => row.codedUnits), working.codes.map((row: { codedUnits: unknown }) => row.codedUnits));
    });

    it('compares one coder at two refs', async () => {
      const file = path.join(study, 'codings', 'marike', 'transcripts', 'damankwa', 'damankwa-politician-01.txt.jsonl');
      git('checkout', '-q', '-b', 'second-pass');
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      await fs.writeFile(file, lines.slice(1).join('\n'));
      git('commit', '-q', '-a', '-m', 'One coding fewer');
      git('checkout', '-q', 'main');
      const run = await gloss('agreement', study, '--coders', 'Marike', '--ref', 'main', '--ref', 'second-pass', '--json');
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([report.coders, report.overall.codings], [['Marike at main', 'Marike at second-pass'], [150, 149]]);
      assert.ok(report.overall.allUnits.krippendorffAlpha.value < 1 && report.overall.allUnits.krippendorffAlpha.value > 0.9);
    });

    it('compares any coder at any ref with any other, side by side (--side coder@ref)', async () => {
      const file = path.join(study, 'codings', 'joaquin', 'transcripts', 'damankwa', 'damankwa-politician-01.txt.jsonl');
      git('checkout', '-q', '-b', 'joaquin');
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      await fs.writeFile(file, lines.slice(1).join('\n'));
      git('commit', '-q', '-a', '-m', 'Joaquín drops a coding');
      git('checkout', '-q', 'main');
      const run = await gloss('agreement', study, '--side', 'Marike@main', '--side', 'Joaquín@joaquin', '--json');
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual([report.coders, report.overall.codings], [['Marike at main', 'Joaquín at joaquin'], [150, 43]]);
      // A side without a ref is the working tree: the same figures as --coders.
      const mixed = JSON.parse((await gloss('agreement', study, '--side', 'Marike', '--side', 'Joaquín@main', '--json')).stdout);
      const working = JSON.parse((await gloss('agreement', study, '--coders', 'Marike,Joaquín', '--json')).stdout);
      assert.deepEqual(mixed.coders, ['Marike', 'Joaquín at main']);
      assert.deepEqual(mixed.overall.allUnits, working.overall.allUnits);
      assertBadInput(await gloss('agreement', study, '--side', 'Marike@main', '--side', 'Joaquín@no-such-branch'), /Unknown Git ref "no-such-branch"/);
      assertBadInput(await gloss('agreement', study, '--side', 'Marike@main'), /at least two coders or refs; found only Marike at main/);
      assertBadInput(await gloss('agreement', study, '--side', 'Marike', '--side', 'Nobody@main'), /Nobody has no codings at "main"/);
      assertBadInput(await gloss('agreement', study, '--side', 'Marike', '--coders', 'Joaquín'), /option '--side <coder@ref>' cannot be used with option '--coders <names>'/);
    });

    it('refuses an unknown ref, a coder with no codings, fewer than two coders and a folder that is no study with exit code 2 and one line', async () => {
      assertBadInput(await gloss('agreement', study, '--ref', 'no-such-branch'), /Unknown Git ref "no-such-branch"/);
      assertBadInput(await gloss('agreement', study, '--coders', 'Marike,Nobody'), /Nobody has no codings/);
      assertBadInput(await gloss('agreement', study, '--coders', 'Marike'), /at least two coders or refs; found only Marike/);
      assertBadInput(await gloss('agreement', folder), /is not a Gloss study: it has no codebook\.yaml/);
      assertBadInput(await gloss('agreement', study, '--unit', 'line'), /argument 'line' is invalid/);
    });

    it('exits with 1 and names the codings it could not count when a coding cannot be placed, on stderr beside Markdown', async () => {
      const orphan = { id: 'o1', code: 'x', start: 0, end: 9, quote: 'not in the transcript at all', prefix: '', suffix: '', version: '0'.repeat(40), coder: 'Joaquín', created: '2026-01-01T00:00:00Z' };
      const file = path.join(study, 'codings', 'joaquin', 'transcripts', 'brakelmonde', 'brakelmonde-politician-01.txt.jsonl');
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, formatCodingsFile([orphan]));
      try {
        const run = await gloss('agreement', study);
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stdout, /^Not counted: 1 coding\(s\) of Joaquín in transcripts\/brakelmonde\/brakelmonde-politician-01\.txt could not be placed/m);
        const markdown = await gloss('agreement', study, '--markdown');
        assert.equal(markdown.code, 1, markdown.stderr);
        assert.match(markdown.stderr, /^gloss: Not counted: 1 coding\(s\) of Joaquín in transcripts\/brakelmonde\/brakelmonde-politician-01\.txt/);
      } finally {
        await fs.rm(file);
      }
    });

    it('exits with 1 and names the file and line of a codings line that did not parse, counting the others', async () => {
      const file = path.join(study, 'codings', 'marike', 'transcripts', 'damankwa', 'damankwa-politician-01.txt.jsonl');
      const before = await fs.readFile(file, 'utf8');
      await fs.writeFile(file, `${before}{"id": "broken"\n`);
      try {
        const run = await gloss('agreement', study, '--json');
        assert.equal(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(report.problems.length, 1);
        assert.equal(report.problems[0].file, 'codings/marike/transcripts/damankwa/damankwa-politician-01.txt.jsonl');
        assert.equal(report.problems[0].line, before.split('\n').length);
        assert.deepEqual(report.overall.codings, [44, 150], 'the lines that parse are counted');
      } finally {
        await fs.writeFile(file, before);
      }
    });
  });

  it('has --help for every command, with exit code 0', async () => {
    for (const [args, option] of [[[], 'agreement'], [['alpha'], '--level'], [['agreement'], '--ref']] as const) {
      const run = await gloss(...args, '--help');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Usage: gloss`));
      assert.ok(run.stdout.includes(option), `${args.join(' ')} --help mentions ${option}`);
    }
  });
});
