// Bundles the extension and the `gloss` command line (and, with --tests, the integration tests) into dist/.
// --production minifies; --watch rebuilds on change and reports errors in a form
// VS Code's $esbuild-watch problem matcher understands.
const esbuild = require('esbuild');
const path = require('path');
const fs = require('fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

// The Word and PDF readers (mammoth, and unpdf with pdf.js: 3 MB together) are loaded only when a
// document is imported (src/core/documents/engines.ts): each is its own file in
// dist/document-engines/, and the extension and command line require it from there.
const DOCUMENT_ENGINES = ['mammoth', 'unpdf'];

/** @type {import('esbuild').Plugin} */
const documentEnginesApart = {
  name: 'document-engines-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${DOCUMENT_ENGINES.join('|')})$`) }, (args) => ({ path: `./document-engines/${args.path}.js`, external: true }));
  },
};

function integrationTestEntries() {
  const dir = path.join(__dirname, 'test', 'integration');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

async function main() {
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    sourcesContent: false,
    minify: production,
    external: ['vscode'],
    logLevel: watch ? 'silent' : 'error',
    plugins: watch ? [problemMatcher] : [],
  };
  const withEnginesApart = [...common.plugins, documentEnginesApart];
  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: withEnginesApart },
    // The command line needs no VS Code; commander is bundled, so dist/cli.js runs on its own (beside dist/document-engines/).
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: [], banner: { js: '#!/usr/bin/env node' }, plugins: withEnginesApart },
    { ...common, entryPoints: Object.fromEntries(DOCUMENT_ENGINES.map((name) => [name, name])), outdir: 'dist/document-engines', external: [] },
    // The worker threads a large REFI-QDA import reads and imports its sources on (src/core/refi/source-workers.ts), beside both bundles.
    { ...common, entryPoints: ['src/core/refi/source-worker.ts'], outfile: 'dist/refi-source-worker.js', external: [] },
  ];
  const webviewEntries = fs.existsSync('src/webview')
    ? fs.readdirSync('src/webview').filter((f) => f.endsWith('.main.ts')).map((f) => path.join('src/webview', f))
    : [];
  if (webviewEntries.length > 0) {
    builds.push({
      ...common,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      external: [],
      entryPoints: webviewEntries,
      outdir: 'media/dist',
      entryNames: '[name]',
    });
  }
  if (withTests) {
    // Tests are bundled with mocha itself so the extension host needs nothing from node_modules.
    builds.push({
      ...common,
      entryPoints: integrationTestEntries(),
      outdir: 'dist/test/integration',
      minify: false,
    });
  }
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    const result = await ctx.rebuild().catch((e) => ({ errors: e.errors ?? [e] }));
    if (result.errors && result.errors.length) failed = true;
    await ctx.dispose();
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
