// Reading a project.qde in parts (project-layout.ts, readProjectSkeleton, readers apart) against
// reading it in one pass: for any project, either the parts are refused (and the import reads it in
// one pass) or they give the same project and the same findings, in the same order.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { projectLayout } from '../../src/core/refi/project-layout';
import { Reader, readProjectBytes, readProjectSkeleton, readSourceElement, SOURCE_DEPTH, type RefiSourceHeader } from '../../src/core/refi/read-project';
import { parseXmlBytes, XmlError } from '../../src/core/refi/xml';

const encode = (text: string) => new TextEncoder().encode(text);

/** What reading in parts makes of a project: undefined where the import would go back to one pass. */
function readApart(bytes: Uint8Array) {
  const layout = projectLayout(bytes);
  if (layout === undefined) return undefined;
  let skeleton;
  try {
    skeleton = readProjectSkeleton(layout.skeleton, 'project.qde');
  } catch (error) {
    if (error instanceof XmlError) return undefined;
    throw error;
  }
  if (skeleton === undefined) return undefined;
  for (const [start, end] of layout.sources) {
    let element;
    try {
      element = parseXmlBytes(bytes.subarray(start, end), 'project.qde', undefined, SOURCE_DEPTH);
    } catch (error) {
      if (error instanceof XmlError) return undefined;
      throw error;
    }
    const reader = new Reader([]);
    const source = readSourceElement(element, reader);
    const header = source && { guid: source.guid, name: source.name, plainTextPath: source.plainTextPath, noteGuids: source.noteGuids, variableValues: source.variableValues };
    if (!skeleton.adopt(reader.detached(), header)) return undefined;
  }
  return skeleton.project;
}

/** The one-pass reading in the same terms (sources as headers); an XmlError as its message. */
function readInOnePass(bytes: Uint8Array) {
  try {
    const project = readProjectBytes(bytes, 'project.qde');
    const sources: RefiSourceHeader[] = project.sources.map((s) => ({ guid: s.guid, name: s.name, plainTextPath: s.plainTextPath, noteGuids: s.noteGuids, variableValues: s.variableValues }));
    return { ...project, sources };
  } catch (error) {
    if (error instanceof XmlError) return error.message;
    throw error;
  }
}

const guid = (n: number) => `7d3e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Pieces of a project, some of which make reading in parts impossible or change what is read. */
const spaceArb = fc.constantFrom('', ' ', '\n', '\r\n  ', '\t');
const attributeValueArb = fc.constantFrom('plain', 'a > b', "it's", 'say "hi"', '&lt;tag&gt;', '&amp;', 'x/y');
// Mostly GUIDs of their own; now and then one another element has, a malformed one, or one in upper case.
const guidArb = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1000, max: 1_000_000 }).map(guid) }, fc.integer({ min: 1, max: 5 }).map(guid), fc.constant('not-a-guid'), fc.constant(`{${guid(2).toUpperCase()}}`));
const selectionArb = fc
  .record({ guid: fc.option(guidArb, { freq: 40 }), start: fc.nat(30), length: fc.nat(10), code: fc.integer({ min: 1, max: 3 }), coding: guidArb, note: fc.boolean(), space: spaceArb })
  .map(
    (s) =>
      `<PlainTextSelection${s.guid === null ? '' : ` guid="${s.guid}"`} startPosition="${s.start}" endPosition="${s.start + s.length}">${s.space}` +
      `${s.note ? `<NoteRef targetGUID="${guid(90)}"/>` : ''}<Coding guid="${s.coding}"><CodeRef targetGUID="${guid(100 + s.code)}"/></Coding></PlainTextSelection>`,
  );
const sourceArb = fc.oneof(
  { weight: 30, arbitrary: fc.record({ guid: guidArb, name: attributeValueArb, selections: fc.array(selectionArb, { maxLength: 4 }), space: spaceArb }).map((s) => `<TextSource guid="${s.guid}" name="${s.name}" plainTextPath="internal://${s.guid}.txt"${s.space}>${s.space}${s.selections.join(s.space)}</TextSource${s.space}>`) },
  fc.record({ guid: guidArb, space: spaceArb }).map((s) => `<TextSource guid="${s.guid}" name="empty"${s.space}/>`),
  fc.constant(`<PDFSource guid="${guid(80)}" name="minutes"><PDFSelection guid="${guid(81)}"/></PDFSource>`),
  fc.constant('<Unknown/>'),
  fc.constant(`<TextSource guid="${guid(82)}"><TextSource guid="${guid(83)}"></TextSource></TextSource>`),
  fc.constant(`<TextSource guid="${guid(84)}"><Description>words</Description><Coding guid="${guid(85)}"><CodeRef targetGUID="${guid(101)}"/></Coding></TextSource>`),
  fc.constant('<TextSource guid="broken"><Coding x="1" x="2"/></TextSource>'),
);
/** True about once in 15. */
const rarely = fc.nat(14).map((n) => n === 0);
const extraArb = fc.oneof({ weight: 12, arbitrary: fc.constant('') }, fc.constantFrom('<!-- a comment -->', '<?gloss pi?>', 'words', '<![CDATA[ </TextSource> ]]>'));
const projectArb = fc
  .record({
    sources: fc.array(sourceArb, { maxLength: 6 }),
    between: spaceArb,
    extra: extraArb,
    extraAt: fc.nat(3),
    noteGuid: fc.oneof({ weight: 5, arbitrary: fc.constant(guid(90)) }, guidArb),
    secondSources: rarely,
    prefix: rarely,
  })
  .map((p) => {
    const inside = p.sources.join(p.between);
    const extras = ['', '', '', ''];
    extras[p.extraAt] = p.extra;
    const tag = (name: string) => (p.prefix ? `qda:${name}` : name);
    return (
      `<?xml version="1.0" encoding="utf-8"?>\n<${tag('Project')} xmlns:qda="urn:QDA-XML:project:1.0" name="p">` +
      `<Users><User guid="${guid(200)}" name="Ann"/></Users>` +
      `<CodeBook><Codes>${[1, 2, 3].map((c) => `<Code guid="${guid(100 + c)}" name="c${c}" isCodable="true"/>`).join('')}</Codes></CodeBook>${extras[0]}` +
      `<${tag('Sources')}>${extras[1]}${p.between}${inside}${extras[2]}${p.between}</${tag('Sources')}>` +
      `${p.secondSources ? `<Sources><TextSource guid="${guid(95)}"/></Sources>` : ''}` +
      `<Notes><Note guid="${p.noteGuid}" name="n"><PlainTextContent>text${extras[3]}</PlainTextContent></Note></Notes></${tag('Project')}>`
    );
  });

describe('REFI-QDA import: a project read in parts', () => {
  it('property: reading in parts gives what one pass reads, findings in the same order, or is refused', () => {
    let apart = 0;
    fc.assert(
      fc.property(projectArb, (xml) => {
        const bytes = encode(xml);
        const inParts = readApart(bytes);
        if (inParts === undefined) return;
        apart++;
        assert.deepEqual(inParts, readInOnePass(bytes));
      }),
      { numRuns: 1500 },
    );
    assert.ok(apart > 300, `read in parts often enough to tell (${apart} of 1500)`);
  });

  it('lays out the sources of a project, and refuses what cannot be told apart with certainty', () => {
    const head = '<?xml version="1.0"?><Project><Users/>';
    const layout = projectLayout(encode(`${head}<Sources>\n  <TextSource guid="a" name="x > y"/>\n  <TextSource guid='b' name='"'>` + `<Description>d</Description></TextSource >\n</Sources><Notes/></Project>`))!;
    const text = (range: readonly [number, number], of: string) => of.slice(range[0], range[1]);
    const xml = `${head}<Sources>\n  <TextSource guid="a" name="x > y"/>\n  <TextSource guid='b' name='"'><Description>d</Description></TextSource >\n</Sources><Notes/></Project>`;
    assert.deepEqual(
      layout.sources.map((range) => text(range, xml)),
      ['<TextSource guid="a" name="x > y"/>', `<TextSource guid='b' name='"'><Description>d</Description></TextSource >`],
    );
    assert.equal(new TextDecoder().decode(layout.skeleton), `${head}<Sources></Sources><Notes/></Project>`);
    for (const refused of [
      `${head}<!-- c --><Sources><TextSource/></Sources></Project>`,
      `${head}<Sources><TextSource/></Sources><?pi?></Project>`,
      `${head}<Sources><TextSource/></Sources><Sources/></Project>`,
      `${head}<Sources><TextSource/>text</Sources></Project>`,
      `${head}<Sources/></Project>`,
      `${head}<qda:Sources><TextSource/></qda:Sources></Project>`,
      `${head}<Sources><TextSource></Sources></Project>`,
    ]) {
      assert.equal(projectLayout(encode(refused)), undefined, refused);
    }
  });
});
