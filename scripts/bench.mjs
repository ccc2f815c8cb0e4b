// `npm run bench`: bundles bench/ with esbuild as the extension and command line are built (no
// names kept for functions, unlike tsx, which wraps every closure it makes), then runs it.
// Packages stay outside the bundle and load from node_modules as they are.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// In .bench/ at the top of the repository, so that the suites find the repository as `..`.
const outfile = path.join(repo, '.bench', 'index.js');
await esbuild.build({
  // The REFI-QDA import's worker goes beside the benchmark, as it goes beside the extension.
  entryPoints: { index: path.join(repo, 'bench', 'index.ts'), 'refi-source-worker': path.join(repo, 'src', 'core', 'refi', 'source-worker.ts') },
  outdir: path.dirname(outfile),
  bundle: true,
  packages: 'external',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'error',
});
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: repo });
process.exit(run.status ?? 1);
