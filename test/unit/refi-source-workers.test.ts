import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_ARCHIVE_LIMITS, openArchive } from '../../src/core/refi/archive';
import { importQdpxBytes } from '../../src/core/refi/import-project';
import { IMPORT_REPORT_FILE } from '../../src/core/refi/import-report';
import { readProjectBytes } from '../../src/core/refi/read-project';
import { prepareSource, sourceJob } from '../../src/core/refi/source-preparation';
import { SourcePreparers } from '../../src/core/refi/source-preparers';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'refi', 'samples');
const NOW = '2026-12-01T00:00:00.000Z';
const USER = '9f0a8c41-5d4e-4a3b-9c2d-1e0f2a3b4c5d';
const CODE = 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6';

let scratch: string;
beforeEach(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-refi-workers-'));
});
afterEach(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const guid = (n: number) => `5b9f0b5e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A project with every kind of source the preparation tells apart: CRLF, BOM and emoji counted in
 * UTF-16; inline text; UTF-16 bytes; bytes that are not UTF-8; an empty text; a text not in the
 * archive; a damaged entry; selections outside the text or reversed; codings of the whole source;
 * and sources of one name.
 */
function mixedProject(): Uint8Array {
  const raw = '\uFEFFI: The 🎉 party\r\nR: The क्षत्रिय families came 👩🏽‍🔬 later.\r\n';
  const unit = (word: string) => raw.indexOf(word);
  let n = 100;
  const selection = (start: number, end: number, name = '') =>
    `<PlainTextSelection guid="${guid(n++)}" name="${name}" startPosition="${start}" endPosition="${end}" creatingUser="${USER}"><Coding guid="${guid(n++)}" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>`;
  const source = (id: number, name: string, inside: string, attributes = `plainTextPath="internal://${guid(id)}.txt"`) => `<TextSource guid="${guid(id)}" name="${name}" ${attributes}>${inside}</TextSource>`;
  const wholeCoding = `<Coding guid="${guid(n++)}" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding>`;
  const sources = [
    source(1, 'Interview', selection(unit('क्षत्रिय'), unit('क्षत्रिय') + 'क्षत्रिय families'.length, 'क्षत्रिय families') + selection(unit('later'), unit('later') + 5) + selection(5, 9999) + selection(20, 10) + wholeCoding),
    source(2, 'Interview', selection(0, 4), `plainTextPath="internal://${guid(2)}.txt"`),
    source(3, 'Inline', `<PlainTextContent>Some words here.</PlainTextContent>${selection(5, 10)}`, ''),
    source(4, 'Wide', selection(0, 2)),
    source(5, 'Latin-1', selection(0, 2)),
    source(6, 'Empty', selection(0, 2)),
    source(7, 'Elsewhere', selection(0, 2), 'plainTextPath="file:///C:/elsewhere.txt"'),
    source(8, 'Damaged', selection(0, 2)),
    source(9, 'Interview', selection(0, 4) + selection(6, 11)),
  ];
  const project =
    `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="mixed" origin="a test"><Users><User guid="${USER}" name="Ana"/></Users>` +
    `<CodeBook><Codes><Code guid="${CODE}" name="Harvest" isCodable="true"/></Codes></CodeBook><Sources>${sources.join('')}</Sources></Project>`;
  const damaged = zipSync({ [`sources/${guid(8)}.txt`]: strToU8('words that are compressed well, words that are compressed well') }, { level: 6 });
  // The first byte of the compressed data (after the 30-byte local header and the name): a final block of the reserved type 3.
  damaged[30 + `sources/${guid(8)}.txt`.length] = 0x07;
  const entries = {
    'project.qde': strToU8(project),
    [`sources/${guid(1)}.txt`]: strToU8(raw),
    [`sources/${guid(2)}.txt`]: strToU8('Second interview.\n'),
    [`sources/${guid(4)}.txt`]: new Uint8Array([0xff, 0xfe, 0x41, 0x00]),
    [`sources/${guid(5)}.txt`]: new Uint8Array([0x41, 0x0a, 0xe9, 0x41]),
    [`sources/${guid(6)}.txt`]: strToU8(' \n'),
    [`sources/${guid(9)}.txt`]: strToU8('Third interview.\n'),
  };
  // The damaged entry first, where its data starts right after its header; then the others.
  const others = zipSync(entries, { level: 6 });
  return joinZips(damaged, others);
}

/** One zip of the entries of two (rewritten with fflate's reader). */
function joinZips(first: Uint8Array, second: Uint8Array): Uint8Array {
  // The damaged entry cannot be read back to be zipped again: its raw bytes are kept by storing the
  // two archives' entries in a zip built by hand from their local parts and central directories.
  const parts = (zip: Uint8Array) => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    const count = view.getUint16(end + 10, true);
    const directoryAt = view.getUint32(end + 16, true);
    return { local: zip.subarray(0, directoryAt), directory: zip.subarray(directoryAt, end), count };
  };
  const a = parts(first);
  const b = parts(second);
  // The second archive's central directory points at its local headers: shift them past the first's.
  const directory = new Uint8Array(b.directory);
  const view = new DataView(directory.buffer);
  for (let at = 0; at < directory.length; ) {
    view.setUint32(at + 42, view.getUint32(at + 42, true) + a.local.length, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, a.count + b.count, true);
  endView.setUint16(10, a.count + b.count, true);
  endView.setUint32(12, a.directory.length + directory.length, true);
  endView.setUint32(16, a.local.length + b.local.length, true);
  const all = new Uint8Array(a.local.length + b.local.length + a.directory.length + directory.length + end.length);
  let at = 0;
  for (const part of [a.local, b.local, a.directory, directory, end]) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Every file under the folder, with its bytes. */
async function tree(folder: string, relative = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of (await fs.readdir(path.join(folder, relative), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) for (const [name, bytes] of await tree(folder, child)) files.set(name, bytes);
    else files.set(child, await fs.readFile(path.join(folder, child), 'latin1'));
  }
  return files;
}

describe('REFI-QDA import: sources prepared on worker threads', () => {
  it('prepares each source on a worker thread exactly as on the main thread', async () => {
    const bytes = mixedProject();
    const archive = openArchive(bytes);
    const project = readProjectBytes(archive.read('project.qde')!, 'project.qde');
    const jobs = project.sources.map((source) => sourceJob(source, archive.entries.find((entry) => entry.name === `sources/${source.guid}.txt`)?.name));
    const preparers = new SourcePreparers(archive, bytes, DEFAULT_ARCHIVE_LIMITS, 2);
    try {
      assert.equal(preparers.threads, 2, 'two worker threads started');
      const onWorkers = await Promise.all(jobs.map((job) => preparers.prepare(job)));
      const here = jobs.map((job) => prepareSource(job, archive));
      assert.deepStrictEqual(onWorkers, here);
      assert.deepEqual(
        here.map((prepared) => ('skipped' in prepared ? prepared.skipped.replace(/is damaged \(.*\)\./, 'is damaged (…).') : prepared.countingDescription)),
        [
          'UTF-16 units, CRLF as two characters, the BOM counted',
          'code points',
          'code points',
          `: its text (sources/${guid(4)}.txt) is UTF-16, not UTF-8 as the standard says: not imported.`,
          `: its text (sources/${guid(5)}.txt) is not UTF-8 (line 2): not imported.`,
          'has an empty plain text: not imported.',
          ': its text “file:///C:/elsewhere.txt” is not in the archive (external files are not read): not imported.',
          `: its text cannot be read: Entry "sources/${guid(8)}.txt" is damaged (…). Not imported.`,
          'code points',
        ],
      );
    } finally {
      await preparers.close();
    }
  });

  it('imports the same study, byte for byte, with workers as without (the samples and a project of every kind of source)', async () => {
    const projects: [string, Uint8Array][] = [['mixed.qdpx', mixedProject()]];
    for (const name of ['qc-demo.qdpx', 'nvivo15.qdpx', 'atlas23.qdpx']) projects.push([name, await fs.readFile(path.join(SAMPLES, name))]);
    for (const [name, bytes] of projects) {
      const here = path.join(scratch, `${name}-here`);
      const onWorkers = path.join(scratch, `${name}-workers`);
      const reportHere = await importQdpxBytes(bytes, name, here, { now: NOW, sourceWorkers: 0 });
      const reportOnWorkers = await importQdpxBytes(bytes, name, onWorkers, { now: NOW, sourceWorkers: 2 });
      assert.deepEqual(reportOnWorkers, reportHere, `${name}: the same report`);
      assert.deepEqual(await tree(onWorkers), await tree(here), `${name}: the same files`);
    }
    const report = await fs.readFile(path.join(scratch, 'mixed.qdpx-here', IMPORT_REPORT_FILE), 'utf8');
    assert.match(report, /Damaged.*damaged.*Not imported/s, 'the damaged source is reported, and the project imported without it');
    const transcripts = (await fs.readdir(path.join(scratch, 'mixed.qdpx-here', 'transcripts'))).sort();
    assert.deepEqual(transcripts, ['Inline.txt', 'Interview (2).txt', 'Interview (3).txt', 'Interview.txt']);
  });
});
