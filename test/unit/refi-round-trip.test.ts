// Export → import → export gives the same project: the import restores every study object under
// the GUIDs the export made of it (docs/refi-qda.md).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRefiProject, zipQdpx } from '../../src/core/refi/export-project';
import { importQdpxBytes } from '../../src/core/refi/import-project';
import { checkStudy } from '../../src/core/study/check';
import { Study } from '../../src/core/study/study';
import type { TextVersions } from '../../src/core/study/versions';

const EXAMPLE = path.resolve(__dirname, '../../examples/city-partnerships');
const NO_VERSIONS: TextVersions = { get: async () => undefined, remember: async () => undefined };

describe('REFI-QDA round trip', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-refi-round-'));
  });
  afterEach(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it('exports the example study, imports it into a new folder, and exports the same project.qde and sources again', async () => {
    const first = await buildRefiProject(await Study.load(EXAMPLE), { versions: NO_VERSIONS, origin: 'Gloss test' });
    const imported = path.join(scratch, 'city-partnerships');
    const report = await importQdpxBytes(zipQdpx(first), 'example.qdpx', imported);
    assert.equal(report.codings, first.counts.selections);
    assert.equal(report.transcripts.length, first.counts.sources);
    const second = await buildRefiProject(await Study.load(imported), { versions: NO_VERSIONS, origin: 'Gloss test' });
    assert.deepEqual(second.counts, first.counts);
    assert.deepEqual([...second.sources.entries()], [...first.sources.entries()]);
    assert.equal(second.xml, first.xml);
  });

  it('gives back the code ids its framework matrix and code memos name, so they still name their codes', async () => {
    const original = await Study.load(EXAMPLE);
    const first = await buildRefiProject(original, { versions: NO_VERSIONS, origin: 'Gloss test' });
    const imported = path.join(scratch, 'city-partnerships');
    await importQdpxBytes(zipQdpx(first), 'example.qdpx', imported);
    const study = await Study.load(imported);
    for (const id of ['imp-lg-effectiveness', 'imp-lg-responsiveness', 'imp-civic-society']) assert.ok(study.codebook.has(id), `${id}, a theme of matrices/impact-south.yaml`);
    for (const memo of await fs.readdir(path.join(EXAMPLE, 'memos', 'codes'))) assert.ok(study.codebook.has(memo.replace(/\.md$/, '')), `the code of memos/codes/${memo}`);
    const check = await checkStudy(study, NO_VERSIONS);
    assert.deepEqual(check.problems.map((problem) => `${problem.file}:${problem.line ?? ''} ${problem.message}`), []);
  });

  it('gives codes of another tool readable ids made from their names, keeping their GUIDs', async () => {
    const first = await buildRefiProject(await Study.load(EXAMPLE), { versions: NO_VERSIONS, origin: 'Gloss test' });
    // As another tool would write it: GUIDs of its own, no Gloss memos or matrices to recover ids from.
    const foreign = first.xml.replace(/<Note [\s\S]*?<\/Note>/g, '').replace(/<NoteRef [^>]*\/>/g, '').replace(/<Notes>\s*<\/Notes>/g, '');
    const imported = path.join(scratch, 'foreign');
    await importQdpxBytes(zipQdpx({ ...first, xml: foreign }), 'foreign.qdpx', imported);
    const study = await Study.load(imported);
    const policy = study.codebook.codes.find((code) => code.name === 'Policy');
    assert.equal(policy?.id, 'policy');
    assert.ok(policy?.guid !== undefined, 'the GUID is kept for the next export');
    assert.ok(study.codebook.codes.every((code) => !/^[0-9a-f]{8}-/.test(code.id)), 'no GUID ids');
  });
});
