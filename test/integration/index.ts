// The module the extension host loads as extensionTestsPath: runs the bundled *.test.js files
// next to it with mocha. Under code-server the extension host's stdout reaches no terminal,
// so the reporter writes to the file named by GLOSS_TEST_OUTPUT (the launcher prints it);
// without that variable (a desktop VS Code run) it writes to the console as usual.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

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
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
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
