import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { exportRefiCommand } from '../../src/cli/export-refi';
import { InputError } from '../../src/cli/input-error';
import { formatCodingsFile } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { exportQdc, exportQdpx } from '../../src/core/refi/export-files';
import { buildRefiProject, zipQdpx } from '../../src/core/refi/export-project';
import { codeGuid, selectionGuid, sourceGuid, userGuid } from '../../src/core/refi/guids';
import { childNamed, parseXmlBytes, type XmlElement } from '../../src/core/refi/xml';
import { Study } from '../../src/core/study/study';
import type { TextVersions } from '../../src/core/study/versions';
import { GitAndSnapshotVersions } from '../../src/core/study/versions';
import { codingOn } from './helpers/tracked-text';

const EXAMPLE = path.resolve(__dirname, '../../examples/city-partnerships');
const SCHEMAS = path.resolve(__dirname, '../fixtures/refi');
const ORIGIN = 'Gloss test';
/** No old text versions: codings of another version are placed by their quotes. */
const NO_VERSIONS: TextVersions = { get: async () => undefined, remember: async () => undefined };

/** Runs xmllint against a schema; throws with xmllint's message when the file is invalid or xmllint is missing. */
function validate(file: string, schema: 'Project.xsd' | 'Codebook.xsd'): void {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('xmllint is not installed (Debian: libxml2-utils; `npm test` installs it).');
    throw new Error(`${path.basename(file)} does not validate against ${schema}:\n${e.stderr?.toString() ?? e.message}`);
  }
}

/** What xmllint, a second reader, gives as the value of an XPath expression. */
function xpath(file: string, expression: string): string {
  return execFileSync('xmllint', ['--nonet', '--xpath', expression, file], { encoding: 'utf8' });
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['User', 'Code', 'Case', 'TextSource', 'PlainTextSelection', 'Note', 'NoteRef', 'Variable', 'VariableValue', 'SourceRef'].includes(name), parseAttributeValue: false, parseTagValue: false, trimValues: false });

interface Unzipped {
  readonly project: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly sources: Map<string, string>;
  readonly names: string[];
}

function unzip(bytes: Uint8Array): Unzipped {
  const entries = unzipSync(bytes);
  const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  const sources = new Map<string, string>();
  for (const [name, data] of Object.entries(entries)) if (name.startsWith('sources/')) sources.set(name.slice('sources/'.length, -'.txt'.length), decode(data));
  return { project: parser.parse(decode(entries['project.qde'])).Project, sources, names: Object.keys(entries) };
}

function allCodes(codes: any[]): any[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return codes.flatMap((code) => [code, ...allCodes(code.Code ?? [])]);
}

const temporaryFolders: string[] = [];

async function temporaryFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-refi-'));
  temporaryFolders.push(folder);
  return folder;
}

async function exampleCodings(): Promise<Coding[]> {
  const study = await Study.load(EXAMPLE);
  return study.codingsFileList.flatMap((f) => f.codings);
}

describe('REFI-QDA export', () => {
  after(async () => {
    for (const folder of temporaryFolders.splice(0)) await fs.rm(folder, { recursive: true, force: true });
  });

  it('exports the example study as a .qdpx that validates against Project.xsd, with every coding, coder, case, memo and matrix', async () => {
    const folder = await temporaryFolder();
    const file = path.join(folder, 'city.qdpx');
    const study = await Study.load(EXAMPLE);
    const result = await exportQdpx(study, file, { versions: new GitAndSnapshotVersions(EXAMPLE, undefined), origin: ORIGIN });
    const { project, sources, names } = unzip(await fs.readFile(file));
    const qde = path.join(folder, 'project.qde');
    await fs.writeFile(qde, unzipSync(await fs.readFile(file))['project.qde']);
    validate(qde, 'Project.xsd');

    const codings = await exampleCodings();
    const memos = codings.filter((c) => c.memo).length;
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.counts, { users: 2, codes: 24, sources: 12, selections: codings.length, cases: 8, variables: 11, notes: 6 + memos });
    assert.equal(codings.length, 194);
    assert.deepEqual(project.Users.User.map((u: { name: string }) => u.name), ['Joaquín', 'Marike']);
    assert.equal(allCodes(project.CodeBook.Codes.Code).length, 24);
    assert.equal(project.Sources.TextSource.length, 12);
    assert.equal(names[0], 'project.qde', 'project.qde comes first in the zip');
    assert.equal(names.length, 13);
    const selections = project.Sources.TextSource.flatMap((s: { PlainTextSelection?: unknown[] }) => s.PlainTextSelection ?? []);
    assert.equal(selections.length, 194);
    const noteNames = project.Notes.Note.map((n: { name: string }) => n.name);
    for (const expected of ['memos/project.md', 'memos/codes/int-ownership.md', 'memos/documents/transcripts/velden/velden-official-01.txt.md', 'matrices/impact-south.yaml']) {
      assert.ok(noteNames.includes(expected), `a note for ${expected}`);
    }
    const projectMemo = project.Notes.Note.find((n: { name: string }) => n.name === 'memos/project.md');
    assert.equal(project.NoteRef[0].targetGUID, projectMemo.guid, 'the project memo is referenced from the project');
    const velden = project.Sources.TextSource.find((s: { name: string }) => s.name === 'transcripts/velden/velden-official-01.txt');
    const veldenMemo = project.Notes.Note.find((n: { name: string }) => n.name === 'memos/documents/transcripts/velden/velden-official-01.txt.md');
    assert.equal(velden.NoteRef[0].targetGUID, veldenMemo.guid, 'the document memo is referenced from its source');
    assert.equal(velden.plainTextPath, `internal://${sourceGuid('transcripts/velden/velden-official-01.txt')}.txt`);
    assert.ok(sources.has(velden.guid));
    const ownership = allCodes(project.CodeBook.Codes.Code).find((c) => c.name === 'Ownership');
    assert.ok(ownership.NoteRef, 'the code memo is referenced from its code');
    const veldenCase = project.Cases.Case.find((c: { name: string }) => c.name === 'Velden');
    const report = project.Sources.TextSource.find((s: { name: string }) => s.name === 'transcripts/reports/velden-san-aurelio-annual-report-2025.txt');
    assert.deepEqual(veldenCase.SourceRef.map((r: { targetGUID: string }) => r.targetGUID), [velden.guid, report.guid]);
  });

  it('places each selection on its source text in code points: the text between the positions is the coding\'s quote', async () => {
    const study = await Study.load(EXAMPLE);
    const { project, sources } = unzip(zipQdpx(await buildRefiProject(study, { versions: NO_VERSIONS, origin: ORIGIN })));
    const byId = new Map((await exampleCodings()).map((c) => [selectionGuid(c.id), c]));
    let checked = 0;
    for (const source of project.Sources.TextSource) {
      const text = [...(sources.get(source.guid) as string)];
      for (const selection of source.PlainTextSelection ?? []) {
        const coding = byId.get(selection.guid) as Coding;
        assert.equal(text.slice(Number(selection.startPosition), Number(selection.endPosition)).join(''), coding.quote);
        assert.equal(selection.creatingUser, userGuid(coding.coder === 'Joaquín' ? 'joaquin' : 'marike'));
        assert.equal(selection.creationDateTime, coding.created);
        assert.equal(selection.Coding.CodeRef.targetGUID, codeGuid(study.codebook.get(coding.code)!));
        checked++;
      }
    }
    assert.equal(checked, 194);
  });

  it('gives the same bytes for two exports of the same study', async () => {
    const study = await Study.load(EXAMPLE);
    const first = zipQdpx(await buildRefiProject(study, { versions: NO_VERSIONS, origin: ORIGIN }));
    const second = zipQdpx(await buildRefiProject(await Study.load(EXAMPLE), { versions: NO_VERSIONS, origin: ORIGIN }));
    assert.ok(Buffer.from(first).equals(Buffer.from(second)));
  });

  it('exports from the command line with exit code 0 when nothing is left out', async () => {
    const file = path.join(await temporaryFolder(), 'city.qdc');
    const output: string[] = [];
    assert.equal(await exportRefiCommand('qdc', EXAMPLE, file, ORIGIN, (text) => output.push(text), (line) => assert.fail(line)), 0);
    assert.equal(output.join(''), `${file}: 24 codes\n`);
    validate(file, 'Codebook.xsd');
  });

  it('exports the codebook as a .qdc that validates against Codebook.xsd, nested, with GUIDs, colours and descriptions', async () => {
    const folder = await temporaryFolder();
    const file = path.join(folder, 'codebook.qdc');
    const study = await Study.load(EXAMPLE);
    const result = await exportQdc(study, file, ORIGIN);
    validate(file, 'Codebook.xsd');
    assert.deepEqual(result.problems, []);
    const codebook = parser.parse(await fs.readFile(file, 'utf8')).CodeBook;
    assert.equal(codebook.xmlns, 'urn:QDA-XML:codebook:1.0');
    const codes = allCodes(codebook.Codes.Code);
    assert.equal(codes.length, 24);
    const organisation = codebook.Codes.Code[0];
    assert.deepEqual([organisation.name, organisation.color, organisation.isCodable], ['Organisation', '#3B6FA8', 'true']);
    assert.equal(organisation.guid, codeGuid(study.codebook.get('organisation')!));
    assert.ok(organisation.Description.startsWith('How partnerships are organised'));
    assert.equal(organisation.Code[0].name, 'Policy', 'children are nested in their parent');
  });

  describe('a study with awkward text', () => {
    const SCIENTIST = '👩🏽‍🔬';
    const KSHATRIYA = 'क्षत्रिय';
    const CAFE = 'cafe\u0301';
    // On disk with a BOM and CRLF: the export writes the normalised text (LF, no BOM) and counts on it.
    const RAW = `\uFEFFI: Who came?\r\nR: The ${SCIENTIST} from the ${KSHATRIYA} office, at the ${CAFE}.\r\nI: And then?\r\n`;
    const TEXT = `I: Who came?\nR: The ${SCIENTIST} from the ${KSHATRIYA} office, at the ${CAFE}.\nI: And then?\n`;
    const span = (part: string) => {
      const start = [...TEXT.slice(0, TEXT.indexOf(part))].length;
      return { start, end: start + [...part].length };
    };
    let root: string;

    beforeEach(async () => {
      root = await temporaryFolder();
      const write = async (file: string, text: string) => {
        await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await fs.writeFile(path.join(root, file), text);
      };
      await write('codebook.yaml', [
        'codes:',
        '  - id: people',
        '    name: "People \\u0007 & <others>"',
        '    colour: "#AA3377"',
        '    description: "Who \\u0001takes part"',
        '    aliases: [persons]',
        '    guid: 0A1B2C3D-0000-4000-8000-00000000ABCD',
        '  - id: places',
        '    name: Places',
        '',
      ].join('\n'));
      await write('cases.yaml', [
        'attributes:',
        '  size: { type: number }',
        '  region: { type: choice, values: [North, South] }',
        '  founded: { type: date }',
        'cases:',
        '  - id: a',
        '    name: A',
        '    attributes: { size: 1.5, region: North, founded: 1989-04-01 }',
        '    documents:',
        '      - path: transcripts/a.txt',
        '        attributes: { mood: calm }',
        '',
      ].join('\n'));
      await write('transcripts/a.txt', RAW);
      const codings = [
        { ...codingOn(TEXT, span(SCIENTIST), '11111111-1111-4111-8111-111111111111', 'people'), coder: 'Ana' },
        { ...codingOn(TEXT, span(KSHATRIYA), 'not-a-guid', 'persons'), coder: 'Ana', memo: 'Devanagari <here> & there' },
        { ...codingOn(TEXT, span(CAFE), '33333333-3333-4333-8333-333333333333', 'places'), coder: 'Ana' },
        { ...codingOn(TEXT, span('And then?'), '44444444-4444-4444-8444-444444444444', 'gone'), coder: 'Ana' },
        { ...codingOn('an older text that is gone', { start: 3, end: 8 }, '55555555-5555-4555-8555-555555555555', 'places'), coder: 'Ana' },
      ];
      await write('codings/ana/transcripts/a.txt.jsonl', `${formatCodingsFile(codings)}{"id": "broken\n`);
    });

    it('counts positions in code points of the LF text, through emoji, Devanagari and combining marks', async () => {
      const study = await Study.load(root);
      const project = await buildRefiProject(study, { versions: NO_VERSIONS, origin: ORIGIN });
      const { project: xml, sources } = unzip(zipQdpx(project));
      const text = sources.get(sourceGuid('transcripts/a.txt')) as string;
      assert.equal(text, TEXT, 'the source is the normalised text: no BOM, LF');
      const selections = xml.Sources.TextSource[0].PlainTextSelection;
      const at = (guid: string) => selections.find((s: { guid: string }) => s.guid === guid);
      const scientist = at('11111111-1111-4111-8111-111111111111');
      assert.deepEqual([Number(scientist.startPosition), Number(scientist.endPosition)], [span(SCIENTIST).start, span(SCIENTIST).start + 4]);
      assert.equal(Number(scientist.startPosition), 20, 'after "I: Who came?\\nR: The " (LF counted once, the BOM not at all)');
      const cafe = at('33333333-3333-4333-8333-333333333333');
      assert.equal([...text].slice(Number(cafe.startPosition), Number(cafe.endPosition)).join(''), CAFE, 'the combining accent is inside the selection');
      const devanagari = at(selectionGuid('not-a-guid'));
      assert.equal([...text].slice(Number(devanagari.startPosition), Number(devanagari.endPosition)).join(''), KSHATRIYA);
      assert.equal(devanagari.Coding.CodeRef.targetGUID, '0a1b2c3d-0000-4000-8000-00000000abcd', 'a coding of an alias goes to the code that lists it, with the code\'s own GUID');
      const memo = xml.Notes.Note.find((n: { guid: string }) => n.guid === devanagari.NoteRef[0].targetGUID);
      assert.equal(memo.PlainTextContent, 'Devanagari <here> & there', 'the coding memo is a note, escaped and read back intact');
    });

    it('reports what it leaves out: orphans, codings of unknown codes, characters XML forbids', async () => {
      const study = await Study.load(root);
      const project = await buildRefiProject(study, { versions: NO_VERSIONS, origin: ORIGIN });
      assert.equal(project.counts.selections, 3);
      const messages = project.problems.map((p) => `${p.file}: ${p.message}`);
      assert.ok(messages.some((m) => m.includes('55555555-5555-4555-8555-555555555555') && m.includes('could not be placed')), messages.join('\n'));
      assert.ok(messages.some((m) => m.includes('44444444-4444-4444-8444-444444444444') && m.includes('"gone" is not in the codebook')), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('codings/ana/transcripts/a.txt.jsonl: Not exported, as it could not be read')), 'a line that does not parse is named');
      assert.ok(messages.some((m) => m.startsWith('codebook.yaml: 1 character') && m.includes('name of code "people"')), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith('codebook.yaml: 1 character') && m.includes('description of code "people"')), messages.join('\n'));
      const { project: xml } = unzip(zipQdpx(project));
      assert.equal(xml.CodeBook.Codes.Code[0].name, 'People  & <others>');
    });

    it('exits 1 from the command line and names each coding left out, after writing the file', async () => {
      const file = path.join(await temporaryFolder(), 'cli.qdpx');
      const output: string[] = [];
      const warnings: string[] = [];
      const code = await exportRefiCommand('qdpx', root, file, ORIGIN, (text) => output.push(text), (line) => warnings.push(line));
      assert.equal(code, 1);
      assert.match(output.join(''), /3 codings of 1 documents/);
      assert.ok(warnings.some((w) => w.startsWith('codings/ana/transcripts/a.txt.jsonl: Coding 55555555-5555-4555-8555-555555555555')), warnings.join('\n'));
      assert.ok((await fs.stat(file)).size > 0);
      await assert.rejects(exportRefiCommand('qdc', path.join(root, 'transcripts'), file, ORIGIN, () => {}, () => {}), InputError);
    });

    it('writes attributes as typed variables and validates with xmllint', async () => {
      const study = await Study.load(root);
      const file = path.join(await temporaryFolder(), 'awkward.qdpx');
      await exportQdpx(study, file, { versions: NO_VERSIONS, origin: ORIGIN });
      const qde = `${file}.qde`;
      await fs.writeFile(qde, unzipSync(await fs.readFile(file))['project.qde']);
      validate(qde, 'Project.xsd');
      const { project } = unzip(await fs.readFile(file));
      const types = Object.fromEntries(project.Variables.Variable.map((v: { name: string; typeOfVariable: string }) => [v.name, v.typeOfVariable]));
      assert.deepEqual(types, { size: 'Float', region: 'Text', founded: 'Date', mood: 'Text' });
      const values = project.Cases.Case[0].VariableValue.map((v: Record<string, unknown>) => v.FloatValue ?? v.TextValue ?? v.DateValue);
      assert.deepEqual(values, ['1.5', 'North', '1989-04-01']);
      assert.equal(project.Sources.TextSource[0].VariableValue[0].TextValue, 'calm', 'document attributes go on the source');
    });
  });

  describe('tabs and line breaks in names and texts', () => {
    // XML readers turn a literal tab, LF or CR in an attribute value into a space, and a literal CR
    // in text into LF: written as character references, they come back as they were.
    const NAME = 'Tab\there\nLF\rCR\r\nCRLF';
    const DESCRIPTION = 'Line one\r\nline two\rthree\tfour\n';
    const CASE_NAME = 'North\tSouth\nEast';
    const CODER = 'Ana\tMaría';
    const TEXT = 'R: We met the council.\n';
    let root: string;
    /** The first element down a path of element names. */
    const descendant = (element: XmlElement, ...names: string[]): XmlElement => names.reduce((parent, name) => childNamed(parent, name) as XmlElement, element);

    beforeEach(async () => {
      root = await temporaryFolder();
      const write = async (file: string, text: string) => {
        await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await fs.writeFile(path.join(root, file), text);
      };
      await write('codebook.yaml', `codes:\n  - id: breaks\n    name: ${JSON.stringify(NAME)}\n    description: ${JSON.stringify(DESCRIPTION)}\n`);
      await write('cases.yaml', `cases:\n  - id: a\n    name: ${JSON.stringify(CASE_NAME)}\n    documents: [transcripts/a.txt]\n`);
      await write('transcripts/a.txt', TEXT);
      const coding = { ...codingOn(TEXT, { start: 3, end: 9 }, '11111111-1111-4111-8111-111111111111', 'breaks'), coder: CODER };
      await write('codings/ana/transcripts/a.txt.jsonl', formatCodingsFile([coding]));
    });

    it('gives back a code name\'s tab, LF and CR and a description\'s CR to the import\'s reader and to xmllint, valid against Codebook.xsd', async () => {
      const study = await Study.load(root);
      assert.equal(study.codebook.get('breaks')?.name, NAME, 'the study reads the name as written');
      const file = path.join(await temporaryFolder(), 'breaks.qdc');
      assert.deepEqual((await exportQdc(study, file, ORIGIN)).problems, []);
      validate(file, 'Codebook.xsd');
      const code = descendant(parseXmlBytes(await fs.readFile(file), 'breaks.qdc'), 'Codes', 'Code');
      assert.equal(code.attributes.name, NAME);
      assert.equal(childNamed(code, 'Description')?.text, DESCRIPTION);
      assert.equal(xpath(file, 'string(//*[local-name()="Code"]/@name)').replace(/\n$/, ''), NAME, 'xmllint reads the same name');
    });

    it('gives back tabs and line breaks in the names of codes, cases and coders of a .qdpx, valid against Project.xsd', async () => {
      const file = path.join(await temporaryFolder(), 'breaks.qdpx');
      const result = await exportQdpx(await Study.load(root), file, { versions: NO_VERSIONS, origin: ORIGIN });
      assert.deepEqual(result.problems, []);
      const bytes = unzipSync(await fs.readFile(file))['project.qde'];
      const qde = `${file}.qde`;
      await fs.writeFile(qde, bytes);
      validate(qde, 'Project.xsd');
      const project = parseXmlBytes(bytes, 'project.qde');
      const code = descendant(project, 'CodeBook', 'Codes', 'Code');
      assert.equal(code.attributes.name, NAME);
      assert.equal(childNamed(code, 'Description')?.text, DESCRIPTION);
      assert.equal(descendant(project, 'Cases', 'Case').attributes.name, CASE_NAME);
      assert.equal(descendant(project, 'Users', 'User').attributes.name, CODER);
    });
  });
});
