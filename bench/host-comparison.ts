// The comparison measured inside a real VS Code (code-server + headless Chromium): runs the
// integration tier with only test/integration/comparison-bench.test.ts enabled and returns its
// rows. Takes a minute or two (the host starts once). GLOSS_BENCH_SKIP_HOST=1 leaves it out.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchRow } from './measure';

export async function hostComparisonBenchmarks(): Promise<BenchRow[]> {
  if (process.env.GLOSS_BENCH_SKIP_HOST === '1') return [];
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-comparison-'));
  const out = path.join(scratch, 'rows.json');
  try {
    const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'test-integration.mjs')], {
      env: { ...process.env, GLOSS_BENCH_HOST: '1', GLOSS_BENCH_OUT: out, GLOSS_TEST_GREP: 'comparison host benchmark', GLOSS_TEST_TIMEOUT: '600' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const rows = await fs.readFile(out, 'utf8').then((t) => JSON.parse(t) as BenchRow[], () => undefined);
    if (run.status !== 0 || !rows || rows.length === 0) {
      const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join(' ⏎ ').replace(/\|/g, '/');
      const failed: BenchRow[] = [{ task: 'host: comparison benchmark in VS Code', ms: NaN, baselineName: '', baselineMs: NaN, note: 'failed', met: false }];
      if (tail) failed.push({ task: `(output: ${tail.slice(0, 400)})`, ms: NaN, baselineName: '', baselineMs: NaN });
      return failed;
    }
    return rows.map((r) => ({ ...r, ms: r.ms ?? NaN, baselineMs: r.baselineMs ?? NaN }));
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
