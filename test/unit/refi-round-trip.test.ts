// Export → import → export gives the same project: the import restores every study object under
// the GUIDs the export made of it (docs/refi-qda.md).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildRefiProject, zipQdpx } from '../../src/core/refi/export-project';
import { importQdpxBytes } from '../../src/core/refi/import-project';
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
});
