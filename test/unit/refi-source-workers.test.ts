import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_ARCHIVE_LIMITS, openArchive } from '../../src/core/refi/archive';
import { importQdpxBytes, ImportError } from '../../src/core/refi/import-project';
import { IMPORT_REPORT_FILE } from '../../src/core/refi/import-report';
import { projectLayout } from '../../src/core/refi/project-layout';
import { SourceWorkers } from '../../src/core/refi/source-workers';
import { scratchFolderPerTest } from './helpers/scratch';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'refi', 'samples');
const NOW = '2026-12-01T00:00:00.000Z';
const USER = '9f0a8c41-5d4e-4a3b-9c2d-1e0f2a3b4c5d';
/** A user who codes but is not among the project's users. */
const STRANGER = '0b7a8c41-5d4e-4a3b-9c2d-1e0f2a3b4c5e';
const CODE = 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6';

const scratchFolder = scratchFolderPerTest('gloss-refi-workers-');

const guid = (n: number) => `5b9f0b5e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A project with every kind of source the import tells apart: CRLF, BOM and emoji counted in
 * UTF-16; inline text; UTF-16 bytes; bytes that are not UTF-8; an empty text; a text not in the
 * archive; a damaged entry; selections outside the text or reversed; codings of the whole source;
 * sources of one name; a PDF source; a user who is not among the project's; notes on a selection,
 * a code and a source; a case. `change` rewrites its project.qde.
 */
function mixedProject(change: (xml: string) => string = (xml) => xml): Uint8Array {
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
    source(
      9,
      'Interview',
      selection(0, 4) +
        selection(6, 11)
          .replace(/(<Coding guid="[^"]+") creatingUser="[^"]+"/, `$1 creatingUser="${STRANGER}"`)
          .replace('><Coding', `><NoteRef targetGUID="${guid(51)}"/><Coding`) +
        `<NoteRef targetGUID="${guid(52)}"/>`,
    ),
    `<PDFSource guid="${guid(10)}" name="Minutes" path="internal://minutes.pdf"><PDFSelection guid="${guid(11)}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/></PDFSource>`,
    source(12, 'Nobody', selection(0, 4).replaceAll(` creatingUser="${USER}"`, ''), `plainTextPath="internal://${guid(2)}.txt"`),
  ];
  const note = (id: number, name: string, text: string) => `<Note guid="${guid(id)}" name="${name}"><PlainTextContent>${text}</PlainTextContent></Note>`;
  const project = change(
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="mixed" origin="a test" creatingUserGUID="${USER}">\n  <Users><User guid="${USER}" name="Ana"/></Users>\n` +
      `  <CodeBook><Codes><Code guid="${CODE}" name="Harvest" isCodable="true"><NoteRef targetGUID="${guid(50)}"/></Code></Codes></CodeBook>\n` +
      `  <Variables><Variable guid="${guid(60)}" name="Region" typeOfVariable="Text"/></Variables>\n` +
      `  <Cases><Case guid="${guid(61)}" name="North"><VariableValue><VariableRef targetGUID="${guid(60)}"/><TextValue>Coast</TextValue></VariableValue><SourceRef targetGUID="${guid(1)}"/></Case></Cases>\n` +
      `  <Sources>\n    ${sources.join('\n    ')}\n  </Sources>\n` +
      `  <Notes>${note(50, 'About Harvest', 'What harvest means here.')}${note(51, 'On a selection', 'A stranger coded this.')}${note(52, 'On a source', 'The third talk.')}${note(53, 'Loose', 'Nobody refers to me.')}</Notes>\n</Project>`,
  );
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

/** Imports with and without workers; asserts the same study and report, and returns how many workers each reading of the project had. */
async function importBothWays(name: string, bytes: Uint8Array): Promise<number[]> {
  const here = path.join(scratchFolder(), `${name}-here`);
  const onWorkers = path.join(scratchFolder(), `${name}-workers`);
  const readings: number[] = [];
  const reportHere = await importQdpxBytes(bytes, name, here, { now: NOW, sourceWorkers: 0 });
  const reportOnWorkers = await importQdpxBytes(bytes, name, onWorkers, { now: NOW, sourceWorkers: 2, progress: (step) => step.step === 'reading' && readings.push(step.workers) });
  assert.deepEqual(reportOnWorkers, reportHere, `${name}: the same report`);
  assert.deepEqual(await tree(onWorkers), await tree(here), `${name}: the same files`);
  return readings;
}

/** Workers reading the project: in one pass here, or in parts on two workers. */
const ONE_PASS = 0;
const APART = 2;

describe('REFI-QDA import: sources read and imported on worker threads', () => {
  it('imports the same study, byte for byte, with workers as in one pass (the samples and a project of every kind of source)', async () => {
    assert.ok(projectLayout(openArchive(mixedProject()).read('project.qde')!), 'the mixed project is read in parts');
    assert.deepEqual(
      (await importBothWays('mixed.qdpx', mixedProject())),
      [APART],
      'read on the workers, without starting again',
    );
    for (const name of ['qc-demo.qdpx', 'nvivo15.qdpx', 'atlas23.qdpx']) await importBothWays(name, await fs.readFile(path.join(SAMPLES, name)));
    const here = path.join(scratchFolder(), 'mixed.qdpx-here');
    const report = await fs.readFile(path.join(here, IMPORT_REPORT_FILE), 'utf8');
    assert.match(report, /Damaged.*damaged.*Not imported/s, 'the damaged source is reported, and the project imported without it');
    assert.match(report, /PDFSource “Minutes”.*is not a text source/, 'the PDF source is reported');
    assert.match(report, /User 0b7a8c41.*not in the project’s users/, 'the stranger is reported');
    const transcripts = (await fs.readdir(path.join(here, 'transcripts'))).sort();
    assert.deepEqual(transcripts, ['Inline.txt', 'Interview (2).txt', 'Interview (3).txt', 'Interview.txt', 'Nobody.txt']);
    const strangers = await fs.readFile(path.join(here, 'codings', 'user-0b7a8c41', 'transcripts', 'Interview (3).txt.jsonl'), 'utf8');
    assert.match(strangers, /"memo":"A stranger coded this\."/, 'a selection note is the coding memo of a coder named on the main thread');
    assert.equal(await fs.readFile(path.join(here, 'memos', 'notes', 'Loose.md'), 'utf8'), 'Nobody refers to me.', 'a note nobody refers to');
  });

  it('starts again in one pass, leaving nothing of the first try, when a source cannot be read apart from the rest of the project', async () => {
    const variants: Record<string, (xml: string) => string> = {
      'a GUID of an earlier source': (xml) => xml.replace(`guid="${guid(109)}"`, `guid="${guid(101)}"`),
      'a GUID of a later note': (xml) => xml.replace(`guid="${guid(53)}"`, `guid="${guid(101)}"`),
      'a selection without a GUID': (xml) => xml.replace(`<PlainTextSelection guid="${guid(101)}"`, '<PlainTextSelection'),
    };
    for (const [name, change] of Object.entries(variants)) {
      const bytes = mixedProject(change);
      assert.ok(projectLayout(openArchive(bytes).read('project.qde')!), `${name}: read in parts at first`);
      assert.deepEqual((await importBothWays(name, bytes)), [APART, ONE_PASS], `${name}: started again`);
    }
  });

  it('reads in one pass a project whose sources cannot be told apart with certainty', async () => {
    const variants: Record<string, (xml: string) => string> = {
      'a comment': (xml) => xml.replace('<Sources>', '<Sources><!-- </TextSource> -->'),
      'a CDATA section': (xml) => xml.replace('<PlainTextContent>', '<PlainTextContent><![CDATA[<TextSource>]]>'),
      'a processing instruction': (xml) => xml.replace('<Notes>', '<?gloss x?><Notes>'),
      'a source inside a source': (xml) => xml.replace('</TextSource>', `<TextSource guid="${guid(70)}" name="Inner"></TextSource></TextSource>`),
      'two Sources': (xml) => xml.replace('<Notes>', '<Sources></Sources><Notes>'),
      'text between sources': (xml) => xml.replace('</TextSource>', '</TextSource>words'),
    };
    for (const [name, change] of Object.entries(variants)) {
      const bytes = mixedProject(change);
      assert.equal(projectLayout(openArchive(bytes).read('project.qde')!), undefined, `${name}: not read in parts`);
      assert.deepEqual((await importBothWays(name, bytes)), [ONE_PASS], `${name}: read in one pass`);
    }
  });

  it('fails the sources asked of a worker that has stopped, and closes without waiting for it', async function () {
    this.timeout(20_000);
    // An archive that is not a zip: the worker stops as it starts.
    const workers = SourceWorkers.start(1, { archiveBytes: strToU8('not a zip'), limits: DEFAULT_ARCHIVE_LIMITS })!;
    workers.project({ projectBytes: new Uint8Array(), projectFile: 'project.qde', context: { codeIds: new Map(), coders: new Map(), notes: new Map(), now: NOW } });
    await assert.rejects(workers.read(0, 0, 0));
    while (workers.threads > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await workers.close();
  });

  it('refuses a project that is not well-formed, naming its line, and leaves no folder behind', async () => {
    const bytes = mixedProject((xml) => xml.replace('<Coding guid=', '<Coding x="1" x="2" guid='));
    const target = path.join(scratchFolder(), 'refused');
    await assert.rejects(importQdpxBytes(bytes, 'refused.qdpx', target, { sourceWorkers: 2 }), (error) => error instanceof ImportError && /project\.qde is not well-formed XML \(line 8\b/.test(error.message));
    await assert.rejects(fs.stat(target), /ENOENT/, 'no folder left');
  });
});
