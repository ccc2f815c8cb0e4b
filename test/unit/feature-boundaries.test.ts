// The lint rule that keeps feature folders apart, run through ESLint with the project's own
// configuration on small snippets placed in the folders they would live in.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');

async function problems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'gloss/feature-boundaries').map((m) => m.message);
}

describe('feature boundaries (lint)', function () {
  this.timeout(60_000);

  it('fails a feature that imports another feature', async () => {
    const found = await problems('src/memos/probe.ts', "import { Swatches } from '../codebook-view/tree';\nexport const s = Swatches;\n");
    assert.equal(found.length, 1);
    assert.match(found[0], /src\/memos must not import from src\/codebook-view/);
  });

  it('fails re-exports and dynamic imports across features too', async () => {
    const found = await problems('src/retrieval/probe.ts', "export { x } from '../coding/register';\nexport const y = import('../comparison/panel');\n");
    assert.equal(found.length, 2);
  });

  it('fails a webview script that imports another webview', async () => {
    const found = await problems('src/webview/agreement/probe.ts', "import { App } from '../comparison/app';\nexport const a = App;\n");
    assert.equal(found.length, 1);
  });

  it('fails the domain core importing editor glue', async () => {
    const found = await problems('src/core/probe/probe.ts', "import { pickCode } from '../../ui/code-pick';\nexport const p = pickCode;\n");
    assert.equal(found.length, 1);
  });

  it('lets a feature import the shared UI, the core, the study service and itself', async () => {
    const found = await problems(
      'src/memos/probe.ts',
      [
        "import { pickCode } from '../ui/code-pick';",
        "import { Codebook } from '../core/codebook/codebook';",
        "import type { StudyFeature } from '../study/register';",
        "import { registerMemos } from './register';",
        'export const all: unknown[] = [pickCode, Codebook, registerMemos];',
        'export type F = StudyFeature;',
      ].join('\n'),
    );
    assert.deepEqual(found, []);
  });

  it('lets src/extension.ts compose every feature', async () => {
    const found = await problems('src/extension.ts', "import { registerMemos } from './memos/register';\nimport { registerCoding } from './coding/register';\nexport const r = [registerMemos, registerCoding];\n");
    assert.deepEqual(found, []);
  });
});
