// The XML reader of the REFI-QDA import against an independent parser, and what only a full XML
// parser refuses.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { buildRefiProject } from '../../src/core/refi/export-project';
import { parseXml, parseXmlBytes, XmlError, type XmlElement } from '../../src/core/refi/xml';
import { Study } from '../../src/core/study/study';
import type { TextVersions } from '../../src/core/study/versions';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'refi', 'samples');
const EXAMPLE = path.resolve(__dirname, '../../examples/city-partnerships');
const NO_VERSIONS: TextVersions = { get: async () => undefined, remember: async () => undefined };

/** What the import reads of an element: its name, attributes, own text and child elements. */
interface Plain {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Plain[];
}

function plain(element: XmlElement): Plain {
  return { name: element.name, attributes: { ...element.attributes }, text: element.text, children: element.children.map(plain) };
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * The same document read by fast-xml-parser, in document order, prefixes and namespace declarations
 * removed, entities and character references decoded. It leaves two things of the XML standard to
 * its caller, done here on the text it is given: CRLF and CR read as LF (§2.11), and tab, LF
 * and CR in attribute values read as spaces (§3.3.3; character references to them stay).
 */
function reference(xml: string): Plain {
  const lines = xml.replace(/\r\n?/g, '\n');
  const spaced = lines.replace(/<[^!?/][^>]*>/g, (tag) => tag.replace(/"[^"]*"|'[^']*'/g, (value) => value.replace(/[\t\n]/g, ' ')));
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = parser.parse(spaced) as Ordered[];
  const convert = (node: Ordered): Plain => {
    const name = Object.keys(node).find((key) => key !== ':@') as string;
    const content = node[name] as Ordered[];
    const text = content.filter((child) => '#text' in child).map((child) => String(child['#text'])).join('');
    return { name, attributes: { ...node[':@'] }, text, children: content.filter((child) => !('#text' in child)).map(convert) };
  };
  const roots = nodes.filter((node) => !('#text' in node));
  assert.equal(roots.length, 1);
  return convert(roots[0]);
}

function countElements(element: Plain): number {
  return 1 + element.children.reduce((sum, child) => sum + countElements(child), 0);
}

describe('REFI-QDA XML reading', () => {
  for (const sample of ['qc-demo.qdpx', 'nvivo15.qdpx', 'atlas23.qdpx']) {
    it(`reads the project.qde of ${sample} as fast-xml-parser does: names, attributes and text of every element`, async () => {
      const bytes = unzipSync(await fs.readFile(path.join(SAMPLES, sample)))['project.qde'];
      const ours = plain(parseXmlBytes(bytes, 'project.qde'));
      const theirs = reference(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
      assert.ok(countElements(theirs) > 5, 'the sample has elements to compare');
      assert.deepStrictEqual(ours, theirs);
    });
  }

  it('reads the example study\'s export as fast-xml-parser does, entities and non-ASCII text included', async () => {
    const project = await buildRefiProject(await Study.load(EXAMPLE), { versions: NO_VERSIONS, origin: 'Gloss test' });
    assert.match(project.xml, /&(amp|quot|apos|lt|gt);/, 'the export holds escaped characters');
    assert.deepStrictEqual(plain(parseXml(project.xml, 'project.qde')), reference(project.xml));
  });

  const NOT_WELL_FORMED: Array<[string, string]> = [
    ['an attribute value without quotes', '<Project>\n<Code name=Policy/></Project>'],
    ['an entity no DTD defines', '<Project>\n<Description>Tom &undefined; Jerry</Description></Project>'],
    ['an undefined entity in an attribute value', '<Project>\n<Code name="&nbsp;"/></Project>'],
    ['two root elements', '<Project/>\n<Project/>'],
    ['an attribute given twice', '<Project>\n<Code name="1" name="2"/></Project>'],
    ['a “<” inside an attribute value', '<Project>\n<Code name="a<b"/></Project>'],
    ['a name that starts with a digit', '<Project>\n<1Code/></Project>'],
    ['a reference to a character XML forbids', '<Project>\n<Description>&#0;</Description></Project>'],
    ['a control character in the text', '<Project>\n<Description>\u0001</Description></Project>'],
    ['text after the root element', '<Project/>\nloose text'],
    ['“]]>” in text', '<Project>\n<Description>a ]]> b</Description></Project>'],
    ['“--” inside a comment', '<Project>\n<!-- a -- b --></Project>'],
  ];
  for (const [what, xml] of NOT_WELL_FORMED) {
    it(`refuses ${what}, naming the line`, () => {
      assert.throws(() => parseXml(xml, 'project.qde'), (error) => error instanceof XmlError && /^project\.qde is not well-formed XML \(line 2\b/.test(error.message));
    });
  }
});
