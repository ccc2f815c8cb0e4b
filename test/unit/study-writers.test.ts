// Two writers on one study folder (two windows, a window and a script, a pull landing while one
// codes): every write applies its change to the file on disk now, so nothing is lost.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { addCode } from '../../src/core/codebook/edit';
import { formatCodingLine, formatCodingsFile, parseCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { WriteRefusedError } from '../../src/core/storage/update';
import { Study } from '../../src/core/study/study';

const DOCUMENT = 'transcripts/t1.txt';
const FILE = `codings/marike/${DOCUMENT}.jsonl`;

function coding(id: string, start: number, coder = 'Marike'): Coding {
  return { id, code: 'policy', start, end: start + 4, quote: 'abcd', prefix: '', suffix: '', version: 'v1', coder, created: '2026-01-01T00:00:00.000Z' };
}

async function studyFolder(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-writers-'));
  await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes:\n  - id: policy\n    name: Policy\n');
  return root;
}

async function idsOnDisk(root: string, relativePath = FILE): Promise<string[]> {
  return parseCodingsFile(await fs.readFile(path.join(root, relativePath), 'utf8'), relativePath)
    .codings.map((c) => c.id)
    .sort();
}

/** A script writing the file behind the study's back (no lock, no study): appends a line. */
function scriptAppends(root: string, line: string, relativePath = FILE): void {
  const file = path.join(root, relativePath);
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${line}\n`);
}

async function writeFileSync(root: string, relativePath: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, relativePath)), { recursive: true });
  await fs.writeFile(path.join(root, relativePath), text);
}

describe('two writers on one study', function () {
  it('keeps all 2N codings written by two Study instances at once (N = 50 each)', async () => {
    const root = await studyFolder();
    const [a, b] = await Promise.all([Study.load(root), Study.load(root)]);
    const N = 50;
    const writer = async (study: Study, prefix: string) => {
      for (let i = 0; i < N; i++) await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding(`${prefix}-${i}`, i * 10)]);
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const kept = await idsOnDisk(root);
    assert.equal(kept.length, 2 * N, `${2 * N} written, ${kept.length} kept`);
    assert.equal((await fs.readdir(path.dirname(path.join(root, FILE)))).filter((f) => f.endsWith('.gloss-lock') || f.endsWith('.gloss-tmp')).length, 0, 'no lock or temporary file left');
  });

  it('keeps all 2N codings written at once by this process and another one (N = 50 each)', async () => {
    const root = await studyFolder();
    const study = await Study.load(root);
    const N = 50;
    const script = path.join(__dirname, 'helpers', 'write-codings.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, root, 'script', String(N)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const other = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the script exited with ${code}`)))));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    for (let i = 0; i < N; i++) await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding(`window-${i}`, i * 10)]);
    await other;
    const kept = await idsOnDisk(root);
    assert.equal(kept.length, 2 * N, `${2 * N} written, ${kept.length} kept`);
  });

  it('keeps all 60 codes added by two Study instances at once (30 each)', async () => {
    const root = await studyFolder();
    const [a, b] = await Promise.all([Study.load(root), Study.load(root)]);
    const N = 30;
    const writer = async (study: Study, prefix: string) => {
      for (let i = 0; i < N; i++) await study.editCodebook((text) => addCode(text, { id: `${prefix}${i}`, name: `${prefix} ${i}` }, undefined));
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    const reread = await Study.load(root);
    assert.equal(reread.codebook.size - 1, 2 * N, `${2 * N} added, ${reread.codebook.size - 1} kept`);
  });

  it('a second window writing while the first is between reading and writing waits, then builds on it', async () => {
    const root = await studyFolder();
    const [a, b] = await Promise.all([Study.load(root), Study.load(root)]);
    let second: Promise<unknown> | undefined;
    await a.updateCodings('Marike', DOCUMENT, (onDisk) => {
      // Step 1: A has read the file. Step 2: B starts its write. Step 3: A writes.
      second ??= b.updateCodings('Marike', DOCUMENT, (bOnDisk) => [...bOnDisk, coding('b-1', 10)]);
      return [...onDisk, coding('a-1', 0)];
    });
    await second;
    assert.deepEqual(await idsOnDisk(root), ['a-1', 'b-1']);
    assert.deepEqual(b.codingsOf(DOCUMENT).map((c) => c.id).sort(), ['a-1', 'b-1'], 'B saw what A wrote');
  });

  it('a script writing between the read and the write: the change is applied again on its text', async () => {
    const root = await studyFolder();
    await writeFileSync(root, FILE, formatCodingsFile([coding('old', 0)]));
    const study = await Study.load(root);
    let calls = 0;
    await study.updateCodings('Marike', DOCUMENT, (onDisk) => {
      if (calls++ === 0) scriptAppends(root, formatCodingLine(coding('script-1', 50)));
      return [...onDisk, coding('mine', 20)];
    });
    assert.equal(calls, 2, 'applied again on the new text');
    assert.deepEqual(await idsOnDisk(root), ['mine', 'old', 'script-1']);
  });

  it('the same for the codebook: a code added by a script between read and write is kept', async () => {
    const root = await studyFolder();
    const study = await Study.load(root);
    let calls = 0;
    await study.editCodebook((text) => {
      if (calls++ === 0) scriptAppends(root, '  - id: script\n    name: Script', 'codebook.yaml');
      return addCode(text, { id: 'mine', name: 'Mine' }, undefined);
    });
    assert.equal(calls, 2, 'applied again on the new text');
    const reread = await Study.load(root);
    assert.deepEqual(reread.codebook.codes.map((c) => c.id).sort(), ['mine', 'policy', 'script']);
  });

  it('refuses, writing nothing, when the file keeps changing under every attempt', async () => {
    const root = await studyFolder();
    const study = await Study.load(root);
    let n = 0;
    await assert.rejects(
      study.updateCodings('Marike', DOCUMENT, (onDisk) => {
        scriptAppends(root, formatCodingLine(coding(`script-${n}`, n++ * 10)));
        return [...onDisk, coding('mine', 0)];
      }),
      (error: unknown) => error instanceof WriteRefusedError && /kept changing/.test(error.message),
    );
    const ids = await idsOnDisk(root);
    assert.ok(!ids.includes('mine'));
    assert.equal(ids.length, n, 'every line the script wrote is there');
  });

  it('refuses to write a codings file with a line that failed to parse, leaving it byte for byte', async () => {
    const root = await studyFolder();
    const text = `${formatCodingLine(coding('old', 0))}\n{not json\n`;
    await writeFileSync(root, FILE, text);
    const study = await Study.load(root);
    await assert.rejects(study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('new', 10)]), /failed to parse \(line 2\)/);
    assert.equal(await fs.readFile(path.join(root, FILE), 'utf8'), text);
  });

  it('takes over the lock left by a writer that crashed', async () => {
    const root = await studyFolder();
    const study = await Study.load(root);
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    await writeFileSync(root, `codings/marike/transcripts/.t1.txt.jsonl.gloss-lock`, JSON.stringify({ pid: dead, host: os.hostname() }));
    await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('new', 10)]);
    assert.deepEqual(await idsOnDisk(root), ['new']);
    assert.deepEqual(await fs.readdir(path.join(root, 'codings/marike/transcripts')), ['t1.txt.jsonl']);
  });
});

describe('two writers, random operations (property)', function () {
  type Operation = { kind: 'add' } | { kind: 'remove'; pick: number } | { kind: 'memo'; pick: number; memo: string } | { kind: 'code' };
  const operation = fc.oneof(
    fc.constant<Operation>({ kind: 'add' }),
    fc.nat().map((pick): Operation => ({ kind: 'remove', pick })),
    fc.record({ pick: fc.nat(), memo: fc.string({ maxLength: 8 }) }).map(({ pick, memo }): Operation => ({ kind: 'memo', pick, memo })),
    fc.constant<Operation>({ kind: 'code' }),
  );

  it('two Study instances running random codings, removals, memos and codebook additions at once lose and duplicate nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 12 }), fc.array(operation, { maxLength: 12 }), async (first, second) => {
        const root = await studyFolder();
        const [a, b] = await Promise.all([Study.load(root), Study.load(root)]);
        // What each writer expects of its own codings (each touches only the ones it added) and codes.
        const run = async (study: Study, prefix: string, operations: Operation[]) => {
          const mine = new Map<string, string | undefined>();
          const codes: string[] = [];
          for (const [i, op] of operations.entries()) {
            const own = [...mine.keys()];
            if (op.kind === 'add') {
              const id = `${prefix}-${i}`;
              await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding(id, i * 10)]);
              mine.set(id, undefined);
            } else if (op.kind === 'remove' && own.length > 0) {
              const id = own[op.pick % own.length];
              await study.updateCodings('Marike', DOCUMENT, (onDisk) => onDisk.filter((c) => c.id !== id));
              mine.delete(id);
            } else if (op.kind === 'memo' && own.length > 0) {
              const id = own[op.pick % own.length];
              await study.updateCodings('Marike', DOCUMENT, (onDisk) => onDisk.map((c) => (c.id === id ? { ...c, memo: op.memo } : c)));
              mine.set(id, op.memo === '' ? undefined : op.memo);
            } else if (op.kind === 'code') {
              await study.editCodebook((text) => addCode(text, { id: `${prefix}${i}`, name: `${prefix} ${i}` }, undefined));
              codes.push(`${prefix}${i}`);
            }
          }
          return { mine, codes };
        };
        const [fromA, fromB] = await Promise.all([run(a, 'a', first), run(b, 'b', second)]);
        const text = (await fs.readFile(path.join(root, FILE), 'utf8').catch(() => '')) as string;
        const onDisk = parseCodingsFile(text, FILE).codings;
        assert.equal(new Set(onDisk.map((c) => c.id)).size, onDisk.length, 'no duplicate');
        const expected = new Map([...fromA.mine, ...fromB.mine]);
        assert.deepEqual(new Map(onDisk.map((c) => [c.id, c.memo])), expected);
        const codebook = (await Study.load(root)).codebook;
        assert.deepEqual(codebook.codes.map((c) => c.id).sort(), ['policy', ...fromA.codes, ...fromB.codes].sort());
        await fs.rm(root, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  });
});

describe('a coder folder named in another case (case-insensitive file systems)', function () {
  it('updates the existing codings/Marike/ file for coder "Marike" (slug marike), keeping its codings', async () => {
    const root = await studyFolder();
    const existing = `codings/Marike/${DOCUMENT}.jsonl`;
    await writeFileSync(root, existing, formatCodingsFile([coding('old-1', 0), coding('old-2', 10)]));
    const study = await Study.load(root);
    await study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('new-1', 20)]);
    assert.deepEqual(await idsOnDisk(root, existing), ['new-1', 'old-1', 'old-2']);
    assert.deepEqual(await fs.readdir(path.join(root, 'codings')), ['Marike'], 'no second folder');
    assert.deepEqual(study.codingsOf(DOCUMENT).map((c) => c.id).sort(), ['new-1', 'old-1', 'old-2']);
    assert.equal(study.codingsFileList.length, 1);
  });

  it('reports two folders differing only in case, and writes to neither', async () => {
    const root = await studyFolder();
    await writeFileSync(root, `codings/Marike/${DOCUMENT}.jsonl`, formatCodingsFile([coding('upper', 0)]));
    await writeFileSync(root, `codings/marike/${DOCUMENT}.jsonl`, formatCodingsFile([coding('lower', 0)]));
    const study = await Study.load(root);
    assert.ok(study.problems.some((p) => p.file === 'codings' && /codings\/Marike and codings\/marike differ only in case/.test(p.message)));
    await assert.rejects(study.updateCodings('Marike', DOCUMENT, (onDisk) => [...onDisk, coding('new', 20)]), WriteRefusedError);
    assert.deepEqual(await idsOnDisk(root, `codings/Marike/${DOCUMENT}.jsonl`), ['upper']);
    assert.deepEqual(await idsOnDisk(root, `codings/marike/${DOCUMENT}.jsonl`), ['lower']);
  });
});
