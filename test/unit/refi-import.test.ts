import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseCases } from '../../src/core/cases/cases';
import { parseCodebook } from '../../src/core/codebook/parse';
import { Study } from '../../src/core/study/study';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { sliceCodePoints } from '../../src/core/text/offsets';
import { ImportError, importQdpx, importQdpxBytes } from '../../src/core/refi/import-project';
import { IMPORT_REPORT_FILE } from '../../src/core/refi/import-report';
import { parseXml } from '../../src/core/refi/xml';
import { scratchFolderPerTest } from './helpers/scratch';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'refi', 'samples');
const NOW = '2026-12-01T00:00:00.000Z';

const scratchFolder = scratchFolderPerTest('gloss-refi-import-');

/** Every codings file of the study checked against its transcript: version, offsets and quote. */
async function checkEveryCodingOnItsText(root: string): Promise<number> {
  const study = await Study.load(root);
  assert.deepEqual(study.problems, [], 'the imported study loads without problems');
  let count = 0;
  for (const file of study.codingsFileList) {
    const text = normaliseText(await fs.readFile(path.join(root, file.documentPath), 'utf8'));
    for (const coding of file.codings) {
      assert.equal(coding.version, textVersion(text), `${coding.id} refers to the imported text`);
      assert.equal(sliceCodePoints(text, coding.start, coding.end), coding.quote, `${coding.id} sits on its quote`);
      count++;
    }
  }
  return count;
}

function qdpx(entries: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, typeof value === 'string' ? strToU8(value) : value])));
}

const PROJECT_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="test" origin="a test">';
const USER = '9f0a8c41-5d4e-4a3b-9c2d-1e0f2a3b4c5d';
const CODE = 'A182CD3A-D83C-4D8C-BC80-26D9103EC6D6';
const CODEBOOK = `<Users><User guid="${USER}" name="Ana"/></Users><CodeBook><Codes><Code guid="${CODE}" name="Harvest" isCodable="true" color="#ff000080"/></Codes></CodeBook>`;

async function listing(folder: string): Promise<string[]> {
  return (await fs.readdir(folder)).sort();
}

describe('REFI-QDA import: the three real samples', () => {
  it('qc 1.3.2: 262 codes, 2 sources, 158 selections with 205 codings by 1 user, every coding on its line of text', async () => {
    const target = path.join(scratchFolder(), 'qc');
    const report = await importQdpx(path.join(SAMPLES, 'qc-demo.qdpx'), target, { now: NOW });
    assert.equal(report.codes, 262);
    assert.deepEqual(report.transcripts.map((t) => [t.path, t.selections, t.codings, t.counting]), [
      ['transcripts/board_2017.txt', 158, 205, 'code points'],
      ['transcripts/admin-1.txt', 0, 0, 'code points'],
    ]);
    assert.equal(report.codings, 205);
    assert.deepEqual(report.coders, ['cp']);
    assert.deepEqual(report.findings, []);
    const written = await fs.readFile(path.join(target, IMPORT_REPORT_FILE), 'utf8');
    assert.match(written, /^- 262 codes, 2 transcripts, 205 codings by 1 coder \(cp\)\n- 0 cases, 0 memos\n- everything imported as it was\n/m, 'counts read as words do (1 coder, not 1 coders)');
    assert.equal(await checkEveryCodingOnItsText(target), 205);
    // qc codes whole lines and names each selection "line:<zero-based line>": each quote is that line.
    const text = await fs.readFile(path.join(target, 'transcripts/board_2017.txt'), 'utf8');
    const lines = text.split('\n');
    const study = await Study.load(target);
    const codings = study.codingsOf('transcripts/board_2017.txt');
    const lineOf = (start: number) => text.slice(0, start).split('\n').length - 1;
    for (const coding of codings) assert.equal(coding.quote, lines[lineOf(coding.start)] + '\n');
    assert.equal(study.codebook.size, 262);
    // Readable ids made from the names; each code keeps its GUID for the next export.
    assert.ok(study.codebook.codes.every((code) => code.guid !== undefined && !/^[0-9a-f]{8}-/.test(code.id)));
  });

  it('NVivo 15: 262 codes, 2 users; its 2 docx sources whose .txt renderings are empty are reported, not imported as empty transcripts', async () => {
    const target = path.join(scratchFolder(), 'nvivo');
    const report = await importQdpx(path.join(SAMPLES, 'nvivo15.qdpx'), target, { now: NOW });
    assert.equal(report.codes, 262);
    assert.equal(report.transcripts.length, 0);
    assert.equal(report.codings, 0);
    assert.equal(report.findings.length, 2);
    for (const finding of report.findings) assert.match(finding.message, /empty plain text .*\.docx.*not imported/);
    assert.deepEqual(await fs.readdir(path.join(target, 'transcripts')).catch(() => []), []);
    const written = await fs.readFile(path.join(target, IMPORT_REPORT_FILE), 'utf8');
    assert.match(written, /66653866-6334-3535-3435-366637306566/);
    // Two codes named "programming" under different parents stay apart.
    const { codebook } = parseCodebook(await fs.readFile(path.join(target, 'codebook.yaml'), 'utf8'), 'codebook.yaml');
    assert.equal(codebook.codes.filter((code) => code.name === 'programming').length, 2);
  });

  it('ATLAS.ti 23: a codebook of 3 nested codes with upper-case GUIDs, kept in lower case', async () => {
    const target = path.join(scratchFolder(), 'atlas');
    const report = await importQdpx(path.join(SAMPLES, 'atlas23.qdpx'), target, { now: NOW });
    assert.equal(report.codes, 3);
    assert.equal(report.transcripts.length, 0);
    assert.deepEqual(report.findings, []);
    const { codebook } = parseCodebook(await fs.readFile(path.join(target, 'codebook.yaml'), 'utf8'), 'codebook.yaml');
    const commits = codebook.codes.find((code) => code.guid === CODE.toLowerCase())!;
    assert.equal(commits.name, 'Commits');
    assert.equal(commits.id, 'commits');
    assert.equal(commits.guid, CODE.toLowerCase());
    assert.deepEqual(codebook.children(commits.id).map((code) => code.name), ['2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92']);
  });
});

describe('REFI-QDA import: what other tools write', () => {
  it('reads UTF-16 positions of a CRLF source with a BOM (as a .NET tool writes them), with the quote in the selection name', async () => {
    const raw = '\uFEFFI: The 🎉 party\r\nR: The क्षत्रिय families came 👩🏽‍🔬 later.\r\n';
    const normalised = normaliseText(raw);
    const word = (w: string) => {
      const unit = raw.indexOf(w);
      return { start: unit, end: unit + w.length }; // UTF-16 units of the raw text, BOM and CR counted
    };
    const families = word('क्षत्रिय families');
    const later = word('later');
    const project = `${PROJECT_HEAD}${CODEBOOK}<Sources><TextSource guid="5b9f0b5e-0000-4000-8000-000000000001" name="Interview 1" plainTextPath="internal://5b9f0b5e-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="5b9f0b5e-0000-4000-8000-000000000002" name="क्षत्रिय families" startPosition="${families.start}" endPosition="${families.end}" creatingUser="${USER}" creationDateTime="2024-01-02T03:04:05Z">
        <Coding guid="5b9f0b5e-0000-4000-8000-000000000003" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>
      <PlainTextSelection guid="5b9f0b5e-0000-4000-8000-000000000004" name="later" startPosition="${later.start}" endPosition="${later.end}">
        <Coding guid="5b9f0b5e-0000-4000-8000-000000000005" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>
    </TextSource></Sources></Project>`;
    const target = path.join(scratchFolder(), 'study');
    const report = await importQdpxBytes(qdpx({ 'project.qde': project, 'Sources/5b9f0b5e-0000-4000-8000-000000000001.txt': raw }), 'x.qdpx', target, { now: NOW });
    assert.equal(report.transcripts[0].counting, 'UTF-16 units, CRLF as two characters, the BOM counted');
    assert.equal(report.codings, 2);
    assert.equal(await fs.readFile(path.join(target, 'transcripts/Interview 1.txt'), 'utf8'), normalised, 'UTF-8, LF, no BOM');
    assert.equal(await checkEveryCodingOnItsText(target), 2);
    const codings = (await Study.load(target)).codingsOf('transcripts/Interview 1.txt');
    assert.deepEqual(codings.map((c) => [c.id, c.quote, c.coder, c.created]), [
      ['5b9f0b5e-0000-4000-8000-000000000002', 'क्षत्रिय families', 'Ana', '2024-01-02T03:04:05.000Z'],
      ['5b9f0b5e-0000-4000-8000-000000000004', 'later', 'Ana', NOW],
    ]);
    assert.match(report.findings.map((f) => f.message).join('\n'), /#ff000080/, 'a colour with alpha is not silently taken');
  });

  it('imports cases with typed variables, notes as memos, and reports picture sources, unknown elements and duplicate GUIDs', async () => {
    const v = (n: number) => `0c0c0c0c-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const project = `${PROJECT_HEAD}${CODEBOOK.replace('color="#ff000080"/>', `><NoteRef targetGUID="${v(60)}"/></Code><Code guid="${CODE}" name="Twin" isCodable="true"/>`)}
      <Variables><Variable guid="${v(1)}" name="age" typeOfVariable="Integer"/><Variable guid="${v(2)}" name="region" typeOfVariable="Text"><Description>choice: North, South</Description></Variable></Variables>
      <Cases><Case guid="${v(10)}" name="Velden"><VariableValue><VariableRef targetGUID="${v(2)}"/><TextValue>North</TextValue></VariableValue><SourceRef targetGUID="${v(20)}"/></Case></Cases>
      <Sources>
        <TextSource guid="${v(20)}" name="transcripts/velden/one.txt" plainTextPath="internal://${v(20)}.txt"><NoteRef targetGUID="${v(61)}"/>
          <VariableValue><VariableRef targetGUID="${v(1)}"/><IntegerValue>42</IntegerValue></VariableValue>
          <PlainTextSelection guid="${v(21)}" startPosition="0" endPosition="5"><Coding guid="${v(22)}" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding><NoteRef targetGUID="${v(62)}"/></PlainTextSelection>
          <PlainTextSelection guid="${v(21)}" startPosition="6" endPosition="11"><Coding guid="${v(23)}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>
          <PlainTextSelection guid="${v(24)}" startPosition="6" endPosition="400"><Coding guid="${v(25)}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>
          <Hologram/>
        </TextSource>
        <PictureSource guid="${v(30)}" name="map.png" path="internal://map.png"><PictureSelection guid="${v(31)}" firstX="0" firstY="0" secondX="1" secondY="1"/></PictureSource>
        <PDFSource guid="${v(32)}" name="minutes.pdf" path="internal://minutes.pdf"/>
      </Sources>
      <Notes>
        <Note guid="${v(60)}" name="memos/codes/x.md"><PlainTextContent>A code memo.&#10;With two lines &amp; an ampersand.</PlainTextContent></Note>
        <Note guid="${v(61)}" name="doc"><PlainTextContent>About the interview.</PlainTextContent></Note>
        <Note guid="${v(62)}" name="first"><PlainTextContent>Said twice.</PlainTextContent></Note>
        <Note guid="${v(63)}" name="matrices/impact.yaml"><PlainTextContent>title: Impact&#10;</PlainTextContent></Note>
        <Note guid="${v(64)}" name="Loose thoughts"><PlainTextContent>Unattached.</PlainTextContent></Note>
      </Notes>
      <Graphs><Graph guid="${v(70)}"/></Graphs></Project>`;
    const target = path.join(scratchFolder(), 'study');
    const report = await importQdpxBytes(qdpx({ 'project.qde': project, [`sources/${v(20)}.txt`]: 'Hello world, and more.\n', 'sources/map.png': new Uint8Array([1, 2, 3]) }), 'x.qdpx', target, { now: NOW });
    const messages = report.findings.map((f) => `${f.subject} ${f.message}`).join('\n');
    assert.match(messages, /Code “Twin” has the GUID .* already used by Code “Harvest”: skipped/);
    assert.match(messages, /Selection .* has the GUID .* already used by .*: skipped/);
    assert.match(messages, /PictureSource “map.png” is not a text source: not imported \(1 selection/);
    assert.match(messages, /PDFSource “minutes.pdf” is not a text source/);
    assert.match(messages, /<Hologram>/);
    assert.match(messages, /Graphs \(1\) are not imported/);
    assert.match(messages, /\(6–400\) .* does not line up .* outside the text/);
    assert.equal(report.codings, 1);
    assert.equal(await checkEveryCodingOnItsText(target), 1);

    const { cases } = parseCases(await fs.readFile(path.join(target, 'cases.yaml'), 'utf8'));
    assert.deepEqual(cases.attributes, [{ name: 'age', type: 'number' }, { name: 'region', type: 'choice', values: ['North', 'South'] }]);
    assert.deepEqual(cases.cases, [{ id: 'velden', name: 'Velden', attributes: { region: 'North' }, documents: [{ path: 'transcripts/velden/one.txt', attributes: { age: 42 } }] }]);
    const read = (file: string) => fs.readFile(path.join(target, file), 'utf8');
    const code = (await Study.load(target)).codebook.codes.find((c) => c.guid === CODE.toLowerCase())!;
    assert.equal(await read(`memos/codes/${code.id}.md`), 'A code memo.\nWith two lines & an ampersand.');
    assert.equal(await read('memos/documents/transcripts/velden/one.txt.md'), 'About the interview.');
    assert.equal(await read('matrices/impact.yaml'), 'title: Impact\n');
    assert.equal(await read('memos/notes/Loose thoughts.md'), 'Unattached.');
    const [coding] = (await Study.load(target)).codingsOf('transcripts/velden/one.txt');
    assert.equal(coding.memo, 'Said twice.');
    assert.equal(coding.quote, 'Hello');
  });
});

describe('REFI-QDA import: parts of the project in any order and number', () => {
  it('reads each part where it stands, reports a second CodeBook and unknown parts, and takes a project note wherever it is', async () => {
    const v = (n: number) => `0d0d0d0d-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const project = `${PROJECT_HEAD}<Sources><TextSource guid="${v(1)}" name="one" plainTextPath="internal://${v(1)}.txt">
        <PlainTextSelection guid="${v(2)}" startPosition="0" endPosition="5"><Coding guid="${v(3)}" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection></TextSource></Sources>
      ${CODEBOOK}<CodeBook><Codes><Code guid="${v(4)}" name="Second" isCodable="true"/></Codes></CodeBook>
      <Hologram/><Hologram/><NoteRef targetGUID="${v(5)}"/><Notes><Note guid="${v(5)}" name="project"><PlainTextContent>Why this project.</PlainTextContent></Note></Notes></Project>`;
    const target = path.join(scratchFolder(), 'study');
    const report = await importQdpxBytes(qdpx({ 'project.qde': project, [`sources/${v(1)}.txt`]: 'Hello world.\n' }), 'x.qdpx', target, { now: NOW });
    const messages = report.findings.map((f) => `${f.subject} ${f.message}`).join('\n');
    assert.match(messages, /The project holds a second <CodeBook> element: not imported\./);
    assert.match(messages, /The project holds 2 <Hologram> elements Gloss does not know: not imported\./);
    assert.equal(report.codes, 1, 'the first codebook only');
    assert.equal(report.codings, 1, 'a coding read before the codebook that names its code is imported');
    assert.equal(await checkEveryCodingOnItsText(target), 1);
    assert.equal(await fs.readFile(path.join(target, 'memos/project.md'), 'utf8'), 'Why this project.');
  });
});

describe('REFI-QDA import: an interrupted import', () => {
  it('leaves a report saying the study is incomplete', async () => {
    const target = path.join(scratchFolder(), 'study');
    const stopped = new Error('stopped');
    const sources = Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`sources/s${n}.txt`, `Source ${n}.\n`]));
    const textSources = Object.keys(sources).map((entry, n) => `<TextSource guid="0e0e0e0e-0000-4000-8000-${String(n).padStart(12, '0')}" name="s${n}" plainTextPath="internal://${entry.slice(8)}"/>`);
    const project = `${PROJECT_HEAD}${CODEBOOK}<Sources>${textSources.join('')}</Sources></Project>`;
    await assert.rejects(
      importQdpxBytes(qdpx({ 'project.qde': project, ...sources }), 'cut.qdpx', target, {
        now: NOW,
        progress: (step) => {
          if (step.step === 'sources') throw stopped;
        },
      }),
      (error) => error === stopped,
    );
    assert.match(await fs.readFile(path.join(target, IMPORT_REPORT_FILE), 'utf8'), /^# Import of cut\.qdpx: not finished\n[\s\S]*incomplete: delete the folder and import again/);
  });
});

describe('REFI-QDA import: hostile archives are harmless', () => {
  /** Imports into the scratch folder (as target/) and checks that nothing but the target appeared there. */
  async function importHostile(bytes: Uint8Array): Promise<{ error?: Error; target: string }> {
    const target = path.join(scratchFolder(), 'target');
    let error: Error | undefined;
    try {
      await importQdpxBytes(bytes, 'hostile.qdpx', target, { now: NOW });
    } catch (e) {
      error = e as Error;
    }
    const entries = await listing(scratchFolder());
    assert.ok(entries.length === 0 || (entries.length === 1 && entries[0] === 'target'), `only the target is written: ${entries.join(', ')}`);
    return { error, target };
  }

  it('skips zip-slip entries (../, absolute, backslash, drive letter) and names them in the report; source names never leave transcripts/', async () => {
    const source = (n: number, name: string) => `<TextSource guid="0d0d0d0d-0000-4000-8000-00000000000${n}" name="${name}"><PlainTextContent>Some text.</PlainTextContent></TextSource>`;
    const project = `${PROJECT_HEAD}${CODEBOOK}<Sources>${source(1, '../../outside')}${source(2, 'codebook.yaml/inside')}${source(3, '/etc/passwd')}${source(4, 'memos/project.md')}</Sources></Project>`;
    const { error, target } = await importHostile(
      qdpx({ 'project.qde': project, '../evil.txt': 'x', '/etc/evil.txt': 'x', 'sources\\..\\..\\evil.txt': 'x', 'C:/evil.txt': 'x', 'sources/../../evil2.txt': 'x' }),
    );
    assert.equal(error, undefined);
    assert.deepEqual((await fs.readdir(path.join(target, 'transcripts'))).sort(), ['inside.txt', 'outside.txt', 'passwd.txt', 'project.md.txt']);
    assert.match(await fs.readFile(path.join(target, 'codebook.yaml'), 'utf8'), /name: Harvest/);
    const report = await fs.readFile(path.join(target, IMPORT_REPORT_FILE), 'utf8');
    for (const name of ['../evil.txt', '/etc/evil.txt', 'C:/evil.txt', 'sources/../../evil2.txt']) assert.ok(report.includes(`Archive entry “${name}”`), name);
    assert.match(report, /backslash/);
    assert.deepEqual(await listing(scratchFolder()), ['target']);
    assert.ok(!(await listing(target)).some((name) => name.includes('evil')));
  });

  it('refuses XML with an external entity (XXE) and never reads /etc/passwd into the study', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Project name="&xxe;"><CodeBook><Codes><Code guid="${CODE}" name="&xxe;" isCodable="true"/></Codes></CodeBook></Project>`;
    const { error, target } = await importHostile(qdpx({ 'project.qde': xxe }));
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /declares a document type or entities \(<!DOCTYPE, line 1\)/);
    await assert.rejects(fs.stat(target), 'nothing was written, not even the folder');
  });

  it('refuses a project.qde cut short in the middle of a selection, saying so, and writes nothing', async () => {
    const source = '11111111-2222-4333-8444-555555555555';
    const whole =
      `${PROJECT_HEAD}${CODEBOOK}<Sources><TextSource guid="${source}" name="Interview" plainTextPath="internal://${source}.txt">` +
      `<PlainTextSelection guid="22222222-2222-4333-8444-555555555555" startPosition="0" endPosition="4" creatingUser="${USER}">` +
      `<Coding guid="33333333-2222-4333-8444-555555555555" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>` +
      '</TextSource></Sources></Project>';
    const cut = whole.slice(0, whole.indexOf('<CodeRef'));
    const { error, target } = await importHostile(qdpx({ 'project.qde': cut, [`sources/${source}.txt`]: 'The harvest came late.' }));
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /project\.qde is not well-formed XML \(line 2, column \d+: unclosed tag: Coding; the file is cut short\)/);
    await assert.rejects(fs.stat(target), 'nothing was written, not even the folder');
  });

  it('refuses a project.qde whose end tags do not match its elements, naming the line', () => {
    const crossed = `${PROJECT_HEAD}\n<CodeBook><Codes></CodeBook></Codes></Project>`;
    assert.throws(() => parseXml(crossed, 'project.qde'), /project\.qde is not well-formed XML \(line 3, column \d+: unexpected close tag: it does not close <Codes>, the element last opened\)/);
    assert.throws(() => parseXml(`${PROJECT_HEAD}</Project></Project>`, 'project.qde'), /\(line 2, column \d+: unmatched closing tag: Project\)/);
    assert.throws(() => parseXml('<a/>\n<b/>', 'x.qdc'), /\(line 2, column \d+: documents may contain only one root\)/);
    const attribute = parseXml('<Project name="a > b" note=\'say "hi" &lt;/Project>\'><!-- </Project> --><![CDATA[ </x> ]]></Project>', 'project.qde');
    assert.deepEqual({ ...attribute.attributes, text: attribute.text }, { name: 'a > b', note: 'say "hi" </Project>', text: ' </x> ' });
  });

  it('reads prefixed names without their prefix, drops namespace declarations, reads line ends as XML says and refuses nesting 513 deep', () => {
    // In text CRLF is read as LF; in an attribute value a line end is read as a space, a &#10; as LF.
    const root = parseXml('<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" xmlns="urn:x" qda:name="a\r\nb&#10;c"><qda:Description><![CDATA[<x> &amp;]]> &amp;\r\n</qda:Description><Users/></qda:Project>', 'project.qde');
    assert.deepEqual({ name: root.name, attributes: { ...root.attributes }, children: root.children.map((c) => c.name) }, { name: 'Project', attributes: { name: 'a b\nc' }, children: ['Description', 'Users'] });
    assert.equal(root.children[0].text, '<x> &amp; &\n');
    const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    assert.equal(parseXml(deep(512), 'x.qdc').name, 'a');
    assert.throws(() => parseXml(deep(513), 'x.qdc'), /x\.qdc nests <a> on line 1 more than 512 elements deep/);
    assert.throws(() => parseXml('<a b="1" c></a>', 'x.qdc'), /x\.qdc is not well-formed XML \(line 1, column \d+: attribute without value\)/);
  });

  it('refuses a billion laughs, and an entity no DTD declares, naming the line', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><Project name="&lol9;"/>`;
    const { error } = await importHostile(qdpx({ 'project.qde': lol }));
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /DOCTYPE/);
    assert.throws(() => parseXml('<Project>\n<Code name="&lol9;"/></Project>', 'project.qde'), /project\.qde is not well-formed XML \(line 2, column \d+: undefined entity\)/);
    assert.throws(() => parseXml('<Project>\n\n&xxe;</Project>', 'project.qde'), /project\.qde is not well-formed XML \(line 3, column \d+: undefined entity\)/);
    const root = parseXml('<Project name="&amp; &#x1F389;">&lt;&#233;&gt;</Project>', 'project.qde');
    assert.equal(root.attributes.name, '& 🎉');
    assert.equal(root.text, '<é>');
  });

  it('refuses a zip bomb by its compression ratio before inflating anything', async () => {
    const bomb = zipSync({ 'project.qde': new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    assert.ok(bomb.length < 200 * 1024, 'the bomb is small');
    const { error } = await importHostile(bomb);
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /unpacks \d+ times larger than it is stored \(a zip bomb\?\)/);
  });

  it('refuses an entry that says it unpacks to 4 GB, from the central directory, without inflating it', async () => {
    const archive = qdpx({ 'project.qde': `${PROJECT_HEAD}</Project>`, 'sources/huge.txt': 'small really' });
    setCentralDirectoryField(archive, 'sources/huge.txt', 24, 0xffff_fff0);
    const { error } = await importHostile(archive);
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /Entry "sources\/huge.txt" unpacks to 4096 MB, more than the 512 MB allowed for one file/);
  });

  it('stops inflating an entry that unpacks to more than its directory entry says (a lying zip bomb)', async () => {
    const archive = zipSync({ 'project.qde': strToU8(`${PROJECT_HEAD}${' '.repeat(8 * 1024 * 1024)}</Project>`) });
    setCentralDirectoryField(archive, 'project.qde', 24, 1000);
    const { error } = await importHostile(archive);
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /Entry "project.qde" unpacks to more than the 1000 bytes the archive says/);
  });

  it('refuses an entry whose deflate data is damaged, naming it, and one that unpacks to a byte more than it says', async () => {
    const damaged = zipSync({ 'project.qde': strToU8(`${PROJECT_HEAD}${' '.repeat(1000)}</Project>`) }, { level: 6 });
    // The first byte of the compressed data (after the 30-byte local header and the name): a final block of the reserved type 3.
    damaged[30 + 'project.qde'.length] = 0x07;
    const { error } = await importHostile(damaged);
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /Entry "project.qde" is damaged \(.+\)/);
    const text = `${PROJECT_HEAD}</Project>`;
    const lying = zipSync({ 'project.qde': strToU8(text) });
    setCentralDirectoryField(lying, 'project.qde', 24, text.length - 1);
    const byOne = await importHostile(lying);
    assert.match(byOne.error?.message ?? '', new RegExp(`Entry "project.qde" unpacks to more than the ${text.length - 1} bytes the archive says`));
  });

  it('leaves out a note whose text entry unpacks to more than it says, with a finding, and imports the rest', async () => {
    const note = 'c0ffee00-0000-4000-8000-000000000001';
    const project = `${PROJECT_HEAD}${CODEBOOK}<Notes><Note guid="${note}" name="Memo" plainTextPath="internal://${note}.txt"/></Notes></Project>`;
    const text = 'A memo of more than ten bytes.';
    const archive = zipSync({ 'project.qde': strToU8(project), [`sources/${note}.txt`]: strToU8(text) });
    setCentralDirectoryField(archive, `sources/${note}.txt`, 24, 10);
    const target = path.join(scratchFolder(), 'lying-note');
    const report = await importQdpxBytes(archive, 'lying-note.qdpx', target, { now: NOW });
    assert.equal(report.codes, 1, 'the project is imported');
    assert.ok(
      report.findings.some((f) => f.subject === 'Note “Memo”' && /unpacks to more than the 10 bytes the archive says.*Not imported/.test(f.message)),
      JSON.stringify(report.findings),
    );
    assert.deepEqual(await listing(path.join(target, 'memos', 'notes')).catch(() => []), [], 'no memo made from it');
  });

  it('refuses an archive with two entries of one name', async () => {
    const archive = qdpx({ 'project.qde': `${PROJECT_HEAD}</Project>`, 'project.qdX': `${PROJECT_HEAD}</Project>` });
    renameEntry(archive, 'project.qdX', 'project.qde');
    const { error } = await importHostile(archive);
    assert.ok(error instanceof ImportError);
    assert.match(error.message, /two entries named "project.qde"/);
  });

  it('refuses a target folder that is not empty, and one that is a symbolic link', async () => {
    const full = path.join(scratchFolder(), 'full');
    await fs.mkdir(full);
    await fs.writeFile(path.join(full, 'notes.txt'), 'mine');
    await assert.rejects(importQdpx(path.join(SAMPLES, 'atlas23.qdpx'), full), /is not empty/);
    assert.deepEqual(await listing(full), ['notes.txt']);
    const link = path.join(scratchFolder(), 'link');
    await fs.symlink(path.join(scratchFolder(), 'elsewhere'), link);
    await assert.rejects(importQdpx(path.join(SAMPLES, 'atlas23.qdpx'), link), /symbolic link/);
  });

  it('refuses what is not a zip, and a zip without a project', async () => {
    await assert.rejects(importQdpxBytes(strToU8('<Project/>'), 'p.qdpx', path.join(scratchFolder(), 'a')), /not a readable zip archive/);
    await assert.rejects(importQdpxBytes(qdpx({ 'readme.txt': 'hi' }), 'p.qdpx', path.join(scratchFolder(), 'b')), /no project.qde/);
    assert.deepEqual(await listing(scratchFolder()), []);
  });
});

/** Overwrites a 32-bit field of an entry's central directory header (offset from its signature). */
function setCentralDirectoryField(archive: Uint8Array, name: string, offset: number, value: number): void {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  for (let i = 0; i + 46 < archive.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (Buffer.from(archive.subarray(i + 46, i + 46 + nameLength)).toString('utf8') === name) {
      view.setUint32(i + offset, value, true);
      return;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

/** Renames an entry in its local and central headers (same length). */
function renameEntry(archive: Uint8Array, from: string, to: string): void {
  const source = Buffer.from(from);
  const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  for (let i = bytes.indexOf(source); i !== -1; i = bytes.indexOf(source, i + 1)) bytes.write(to, i, 'utf8');
}
