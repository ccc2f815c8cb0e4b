// A new code's readable id is never one the study already uses: not a code's, not an alias of a
// merged code, not the code of a coding whose code was deleted, whatever the case.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { formatCodingsFile } from '../../src/core/codings/format';
import { Study } from '../../src/core/study/study';

const CODEBOOK = 'codes:\n  - id: Policy\n    name: Policy\n    aliases: [policy-2]\n';

describe('new code ids in a study', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-ids-'));
    await fs.writeFile(path.join(root, 'codebook.yaml'), CODEBOOK);
    await fs.mkdir(path.join(root, 'codings', 'ana'), { recursive: true });
    const coding = { id: 'c1', code: 'policy-3', start: 0, end: 1, quote: 'a', prefix: '', suffix: '', version: 'v1', coder: 'Ana', created: '2026-01-01T00:00:00.000Z' };
    await fs.writeFile(path.join(root, 'codings', 'ana', 'a.txt.jsonl'), formatCodingsFile([coding]));
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('skips ids of codes (ignoring case), aliases and codings of deleted codes', async () => {
    const study = await Study.load(root);
    assert.deepEqual(study.problems, []);
    assert.equal(study.newCodeId('Policy'), 'policy-4');
    assert.equal(study.newCodeId('Motivation'), 'motivation');
  });
});
