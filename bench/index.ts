// `npm run bench`: every figure beside a baseline measured in the same run, as a Markdown table.
import * as os from 'node:os';
import { studyBenchmarks } from './study';
import type { BenchRow } from './measure';

type Suite = () => Promise<BenchRow[]>;

async function loadSuites(): Promise<Array<[string, Suite]>> {
  const suites: Array<[string, Suite]> = [['study files', studyBenchmarks]];
  const anchoring = await import('./anchoring.bench').catch(() => undefined);
  if (anchoring) suites.push(['anchoring', anchoring.anchoringBenchmarks]);
  return suites;
}

function cell(ms: number): string {
  return Number.isNaN(ms) ? '' : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const [name, suite] of await loadSuites()) {
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
