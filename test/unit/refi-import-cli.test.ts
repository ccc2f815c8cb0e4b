// `gloss import` run as a user runs it: a child process with an argument array.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');
const SAMPLES = path.join(repo, 'test', 'fixtures', 'refi', 'samples');

function gloss(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(repo, 'src', 'cli', 'main.ts'), ...args], { cwd: repo, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('gloss import', function () {
  this.timeout(60_000);
  let scratch: string;
  beforeEach(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-import-cli-'));
  });
  afterEach(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('imports a project into a new folder (exit 0), and refuses a folder that is not empty (exit 2, one line)', async () => {
    const target = path.join(scratch, 'qc');
    const run = await gloss('import', path.join(SAMPLES, 'qc-demo.qdpx'), target);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /262 codes, 2 transcripts, 205 codings by 1 coder,/);
    assert.ok((await fs.readdir(target)).includes('codebook.yaml'));
    const again = await gloss('import', path.join(SAMPLES, 'qc-demo.qdpx'), target);
    assert.equal(again.code, 2);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /^gloss: .* is not empty/);
    assert.equal(again.stderr.trimEnd().split('\n').length, 1);
  });

  it('exits 1 and points at the import report when something was not imported (NVivo docx sources)', async () => {
    const run = await gloss('import', path.join(SAMPLES, 'nvivo15.qdpx'), path.join(scratch, 'nvivo'));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /2 things were not imported as they were: see .*import-report.md/);
  });

  it('merges a codebook into a study, then finds everything already there', async () => {
    const study = path.join(scratch, 'study');
    const qdc = path.join(scratch, 'codes.qdc');
    await fs.writeFile(qdc, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0a0a0a0a-0000-4000-8000-000000000001" name="Trust" isCodable="true"/></Codes></CodeBook>');
    const created = await gloss('import', qdc, study);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created a study in .*: 1 codes added/);
    const merged = await gloss('import', qdc, study);
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stdout, /Merged into the codebook of .*: 0 codes added, 1 matched by GUID/);
  });
});
