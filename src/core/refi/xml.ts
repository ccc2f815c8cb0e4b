// Reading project.qde and .qdc files without trusting them. A document type declaration can define
// entities that read local files or the network (XXE) or expand exponentially (billion laughs), so
// any document with `<!DOCTYPE` or `<!ENTITY` is refused before parsing, and the parser itself
// never expands entities: only XML's five predefined ones and character references are decoded,
// here, after parsing. Instead of the parser's full validator (slower than the parse itself), the
// nesting of the elements is checked (xml-nesting.ts), so that a file cut short is refused whole.
import { XMLParser } from 'fast-xml-parser';
import { decodeUtf8, NotUtf8Error } from '../storage/files';
import { lineAt, nestingProblem } from './xml-nesting';

/** An XML element with namespace prefixes removed. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (text and CDATA children joined), entities decoded. */
  readonly text: string;
}

/** A document refused (not UTF-8, a DTD, too large, not well-formed). */
export class XmlError extends Error {}

/** Characters of XML Gloss reads (a project.qde of 100,000 codings is some 40 MB). */
export const XML_CHARACTER_LIMIT = 512 * 1024 * 1024;
/** Elements nested deeper than this are refused (code hierarchies are a few levels deep). */
const NESTING_LIMIT = 512;

const DECLARATIONS = /<!(DOCTYPE|ENTITY)/i;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: NESTING_LIMIT,
});

/** Parses UTF-8 XML bytes (a BOM is dropped) into its root element. Throws XmlError. */
export function parseXmlBytes(bytes: Uint8Array, file: string): XmlElement {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new XmlError(`${file} is not UTF-8 (line ${error.line}).`);
    throw error;
  }
  return parseXml(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
}

export function parseXml(text: string, file: string): XmlElement {
  if (text.length > XML_CHARACTER_LIMIT) throw new XmlError(`${file} is larger than ${XML_CHARACTER_LIMIT / 1024 / 1024} MB of text.`);
  const declaration = DECLARATIONS.exec(text);
  if (declaration) {
    throw new XmlError(
      `${file} declares a document type or entities (<!${declaration[1]}, line ${lineAt(text, declaration.index)}): ` +
        'REFI-QDA files never need one, and entities can read local files or expand without end, so Gloss refuses the file.',
    );
  }
  const problem = nestingProblem(text);
  if (problem !== undefined) throw new XmlError(`${file} is not well-formed XML (${problem}).`);
  let nodes: unknown[];
  try {
    nodes = parser.parse(text) as unknown[];
  } catch (error) {
    throw new XmlError(`${file} is not well-formed XML (${(error as Error).message}).`);
  }
  const roots = nodes.map(toElement).filter((element): element is XmlElement => element !== undefined);
  if (roots.length !== 1) throw new XmlError(`${file} should hold exactly one root element.`);
  return roots[0];
}

type RawNode = Record<string, unknown>;

function toElement(node: unknown): XmlElement | undefined {
  const raw = node as RawNode;
  const name = Object.keys(raw).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
  if (name === undefined) return undefined;
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries((raw[':@'] as Record<string, unknown> | undefined) ?? {})) {
    attributes[key] = decodeEntities(String(value));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (raw[name] as unknown[]) ?? []) {
    const c = child as RawNode;
    if ('#text' in c) text += decodeEntities(String(c['#text']));
    else if ('#cdata' in c) text += (c['#cdata'] as RawNode[]).map((part) => String(part['#text'] ?? '')).join('');
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes, children, text };
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references; anything else stays as written. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff) ? String.fromCodePoint(codePoint) : whole;
    }
    return PREDEFINED[body] ?? whole;
  });
}

/** The child elements named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
