// The module the extension host loads as extensionTestsPath: runs the bundled *.test.js files
// next to it with mocha. Under code-server the extension host's stdout reaches no terminal,
// so the reporter writes to the file named by GLOSS_TEST_OUTPUT (the launcher prints it);
// without that variable (a desktop VS Code run) it writes to the console as usual.
// Each top-level suite starts from a fresh copy of the example study (helpers/fresh-study.ts), so
// suites do not depend on each other: GLOSS_TEST_ORDER=reverse or shuffle[:seed] runs the files in
// another order to show it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { freshStudy } from './helpers/fresh-study';

export function run(): Promise<void> {
  const outputFile = process.env.GLOSS_TEST_OUTPUT;
  const write = (line: string) => (outputFile ? fs.appendFileSync(outputFile, `${line}\n`) : console.log(line));
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => write(format(...args));

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 20_000,
    color: process.env.GLOSS_TEST_COLOR === '1',
    ...(process.env.GLOSS_TEST_GREP ? { grep: process.env.GLOSS_TEST_GREP } : {}),
  });
  // Added as each top-level suite is made, before its own hooks: the first thing it runs.
  mocha.suite.on(Mocha.Suite.constants.EVENT_SUITE_ADD_SUITE, (suite: Mocha.Suite) => {
    suite.beforeAll('a fresh copy of the example study', freshStudy);
  });
  const files = ordered(fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort(), process.env.GLOSS_TEST_ORDER);
  if (process.env.GLOSS_TEST_ORDER) write(`suite files in ${process.env.GLOSS_TEST_ORDER} order: ${files.join(', ')}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      write(`no *.test.js files next to ${__filename}`);
      write('0 passed, 1 failed');
      reject(new Error('no integration tests found'));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        write(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} integration tests failed`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws while loading never reaches the reporter.
      write(String(err instanceof Error ? err.stack : err));
      write('0 passed, 1 failed');
      reject(err);
    }
  });
}

/** The files as sorted, reversed, or shuffled by a seeded generator ("shuffle:42"). */
function ordered(files: string[], order: string | undefined): string[] {
  if (order === 'reverse') return [...files].reverse();
  const shuffle = /^shuffle(?::(\d+))?$/.exec(order ?? '');
  if (!shuffle) return files;
  let seed = Number(shuffle[1] ?? Date.now() % 100_000);
  const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const result = [...files];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
