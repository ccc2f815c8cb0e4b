// Loading and writing codings at the scale of a large study: 100,000 codings over 500 documents.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCodingsFile } from '../src/core/codings/format';
import { codingsFilePath } from '../src/core/codings/paths';
import type { Coding } from '../src/core/model';
import { absolutePath } from '../src/core/storage/files';
import { Study } from '../src/core/study/study';
import { timeMedian, type BenchRow } from './measure';

const DOCUMENTS = 500;
const CODINGS = 100_000;

function syntheticCoding(document: number, n: number): Coding {
  const start = n * 120;
  return {
    id: `${document.toString(16).padStart(4, '0')}-${n.toString(16).padStart(8, '0')}-4000-8000-000000000000`,
    code: `code-${(n * 7 + document) % 300}`,
    start,
    end: start + 80,
    quote: 'we wrote the policy together with the council and the committee, and it held up',
    prefix: 'and then in 2014, the council ',
    suffix: ' for ten years, until the elec',
    version: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad',
    coder: 'Marike',
    created: '2026-11-28T10:00:00.000Z',
  };
}

export async function studyBenchmarks(): Promise<BenchRow[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-study-'));
  try {
    await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes: []\n');
    const perDocument = CODINGS / DOCUMENTS;
    const files: string[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const codings = Array.from({ length: perDocument }, (_, n) => syntheticCoding(d, n));
      const file = absolutePath(root, codingsFilePath('Marike', `transcripts/t${d}.txt`));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, formatCodingsFile(codings));
      files.push(file);
    }
    const baseline = await timeMedian(async () => {
      for (const file of files) {
        const text = await fs.readFile(file, 'utf8');
        for (const line of text.split('\n')) if (line !== '') JSON.parse(line);
      }
    }, 5);
    let loaded: Study | undefined;
    const load = await timeMedian(async () => {
      loaded = await Study.load(root);
    }, 5);
    const codings = loaded!.codingsOf('transcripts/t0.txt');
    const changed = codings.map((c, i) => (i === 0 ? { ...c, memo: 'edited' } : c));
    const rawWrite = await timeMedian(async () => {
      await fs.writeFile(path.join(root, 'raw.jsonl'), formatCodingsFile(changed));
    }, 20);
    let flip = false;
    const write = await timeMedian(async () => {
      flip = !flip;
      await loaded!.updateCodings('Marike', 'transcripts/t0.txt', () => (flip ? changed : codings));
    }, 20);
    // maxRSS is in KiB: the peak of this whole process, so far.
    const memoryMiB = process.resourceUsage().maxRSS / 1024;
    return [
      {
        task: `load ${CODINGS.toLocaleString('en')} codings in ${DOCUMENTS} files`,
        ms: load,
        baselineName: 'read + JSON.parse of the same bytes',
        baselineMs: baseline,
        target: 'within 3x of baseline',
        met: load <= 3 * baseline,
      },
      {
        task: `write one changed codings file (${perDocument} codings, atomic)`,
        ms: write,
        baselineName: 'plain writeFile of the same text',
        baselineMs: rawWrite,
      },
      { task: 'peak resident memory of the benchmark process', ms: NaN, baselineName: '', baselineMs: NaN, note: `${memoryMiB.toFixed(0)} MiB` },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
