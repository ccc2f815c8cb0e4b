// Activation on the example study, measured in the real VS Code host (code-server + headless
// Chromium): the time activate() takes, and the time to open the study after it. Baseline, in the
// same run: reading and parsing the same study files in plain Node. Builds dist/ first, so that a
// fresh clone measures the current source. GLOSS_BENCH_SKIP_HOST=1 leaves it out.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Study } from '../src/core/study/study';
import { median, timeMedian, type BenchRow } from './measure';

const repo = path.join(__dirname, '..');
const EXAMPLE = path.join(repo, 'examples', 'city-partnerships');
const RUNS = 3;

interface HostModules {
  ensureHost(): Promise<unknown>;
  startCodeServer(options: object): Promise<{ userDataDir: string; stop(): Promise<void> }>;
  workbenchUrl(server: unknown, options: object): string;
  openWorkbench(server: unknown, url: string): Promise<{ close(): Promise<void> }>;
}

async function findFile(folder: string, name: string): Promise<string | undefined> {
  const entries = await fs.readdir(folder, { recursive: true }).catch(() => [] as string[]);
  const hit = entries.find((entry) => path.basename(entry) === name);
  return hit === undefined ? undefined : path.join(folder, hit);
}

/** Waits for the extension's log to say it activated and opened the study; returns both times. */
async function readActivationLog(userDataDir: string, timeoutMs = 60_000): Promise<{ activate: number; open: number }> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const file = await findFile(path.join(userDataDir, 'logs'), 'Gloss.log');
    const text = file ? await fs.readFile(file, 'utf8') : '';
    const activate = /Activated in ([\d.]+) ms/.exec(text);
    const open = /Opened the study at .* in (\d+) ms/.exec(text);
    if (activate && open) return { activate: Number(activate[1]), open: Number(open[1]) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the extension did not log its activation in time');
}

export async function hostActivationBenchmarks(): Promise<BenchRow[]> {
  if (process.env.GLOSS_BENCH_SKIP_HOST === '1') return [];
  const build = spawnSync(process.execPath, [path.join(repo, 'esbuild.js')], { cwd: repo, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed (node esbuild.js)');
  const install = (await import(path.join(repo, 'scripts', 'host', 'install.mjs'))) as HostModules;
  const workbench = (await import(path.join(repo, 'scripts', 'host', 'workbench.mjs'))) as HostModules;
  const host = await install.ensureHost();
  const activations: number[] = [];
  const opens: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-host-'));
    const folder = path.join(scratch, 'city-partnerships');
    await fs.cp(EXAMPLE, folder, { recursive: true });
    const server = await workbench.startCodeServer({ host });
    try {
      const page = await workbench.openWorkbench(server, workbench.workbenchUrl(server, { folder, extensionDevelopmentPath: repo }));
      try {
        const times = await readActivationLog(server.userDataDir);
        activations.push(times.activate);
        opens.push(times.open);
      } finally {
        await page.close();
      }
    } finally {
      await server.stop();
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }
  const baseline = await timeMedian(() => Study.load(EXAMPLE), 5);
  return [
    {
      task: 'activate() on the example study, in the real VS Code host',
      ms: median(activations),
      baselineName: 'Study.load of the same files in plain Node',
      baselineMs: baseline,
    },
    {
      task: 'open the example study after activation (load, Git identity, watchers)',
      ms: median(opens),
      baselineName: 'Study.load of the same files in plain Node',
      baselineMs: baseline,
    },
  ];
}
