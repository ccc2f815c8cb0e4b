// `npm run bench`: every figure beside a baseline measured in the same run, as a Markdown table.
import * as os from 'node:os';
import { studyBenchmarks } from './study';
import { hostActivationBenchmarks } from './host-activation';
import { codebookTreeBenchmarks } from './codebook-tree.bench';
import { codebookFileBenchmarks } from './codebook-file.bench';
import { anchoringBenchmarks } from './anchoring.bench';
import { hostCodingBenchmarks } from './host-coding';
import { matrixBenchmarks } from './matrix.bench';
import { agreementBenchmarks } from './agreement.bench';
import { refiBenchmarks } from './refi.bench';
import { refiImportBenchmarks } from './refi-import.bench';
import { documentImportBenchmarks } from './document-import.bench';
import { subtitleImportBenchmarks } from './subtitle-import.bench';
import { hostComparisonBenchmarks } from './host-comparison';
import { searchBenchmarks } from './search.bench';
import type { BenchRow } from './measure';

type Suite = () => Promise<BenchRow[]>;

// Each suite is one file of bench/; add yours here.
const SUITES: Array<[string, Suite]> = [
  ['study files', studyBenchmarks],
  ['anchoring', anchoringBenchmarks],
  ['codebook tree', codebookTreeBenchmarks],
  ['codebook file', codebookFileBenchmarks],
  ['comparison matrices', matrixBenchmarks],
  ['inter-coder agreement', agreementBenchmarks],
  ['REFI-QDA export', refiBenchmarks],
  ['REFI-QDA import', refiImportBenchmarks],
  ['document import', documentImportBenchmarks],
  ['subtitle import', subtitleImportBenchmarks],
  ['study-wide search and word frequencies', searchBenchmarks],
  ['activation in the real VS Code host', hostActivationBenchmarks],
  ['coding in the real VS Code host', hostCodingBenchmarks],
  ['comparison in the real VS Code host', hostComparisonBenchmarks],
];

function cell(ms: number): string {
  return Number.isNaN(ms) ? '' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

async function main(): Promise<void> {
  // `npm run bench -- REFI` runs only the suites whose names hold one of the words given.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const rows: BenchRow[] = [];
  for (const [name, suite] of SUITES) {
    if (only.length > 0 && !only.some((word) => name.toLowerCase().includes(word))) continue;
    process.stderr.write(`running ${name}…\n`);
    rows.push(...(await suite()));
  }
  const extra = process.env.GLOSS_BENCH_EXTRA_ROWS;
  if (extra) rows.push(...(JSON.parse(extra) as BenchRow[]));
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; median of several runs, ms\n`);
  console.log('| task | ms | baseline | baseline ms | target | met |');
  console.log('| --- | ---: | --- | ---: | --- | --- |');
  for (const row of rows) {
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
    console.log(`| ${row.task} | ${row.note ?? cell(row.ms)} | ${row.baselineName} | ${cell(row.baselineMs)} | ${row.target ?? ''} | ${met} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
