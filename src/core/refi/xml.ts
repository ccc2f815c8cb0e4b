// Reading project.qde and .qdc files without trusting them. A document type declaration can define
// entities that read local files or the network (XXE) or expand exponentially (billion laughs), so
// any document with `<!DOCTYPE` or `<!ENTITY` is refused before reading, and nothing expands
// entities: only XML's five predefined ones and character references are decoded. The elements are
// read in one pass that also refuses a file cut short or with crossed tags (xml-reader.ts).
import { decodeUtf8, NotUtf8Error } from '../storage/files';
import { lineAt, NotWellFormed, readElements, type XmlElement } from './xml-reader';

export type { XmlElement } from './xml-reader';

/** A document refused (not UTF-8, a DTD, too large, not well-formed). */
export class XmlError extends Error {}

/** Characters of XML Gloss reads (a project.qde of 100,000 codings is some 40 MB). */
export const XML_CHARACTER_LIMIT = 512 * 1024 * 1024;
/** Elements nested deeper than this are refused (code hierarchies are a few levels deep). */
const NESTING_LIMIT = 512;

/** Where the document declares a document type or an entity, if it does. */
function declaration(text: string): { keyword: string; index: number } | undefined {
  for (let i = text.indexOf('<!'); i !== -1; i = text.indexOf('<!', i + 2)) {
    const keyword = /^(DOCTYPE|ENTITY)/i.exec(text.slice(i + 2, i + 9))?.[1];
    if (keyword !== undefined) return { keyword, index: i };
  }
  return undefined;
}

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
  const declared = declaration(text);
  if (declared) {
    throw new XmlError(
      `${file} declares a document type or entities (<!${declared.keyword}, line ${lineAt(text, declared.index)}): ` +
        'REFI-QDA files never need one, and entities can read local files or expand without end, so Gloss refuses the file.',
    );
  }
  let roots: XmlElement[];
  try {
    // XML reads every CRLF and lone CR as LF, in text and attribute values alike.
    roots = readElements(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, decodeEntities, NESTING_LIMIT);
  } catch (error) {
    if (error instanceof NotWellFormed) throw new XmlError(`${file} is not well-formed XML (${error.message}).`);
    throw error;
  }
  if (roots.length !== 1) throw new XmlError(`${file} should hold exactly one root element.`);
  return roots[0];
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
