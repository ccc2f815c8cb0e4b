// Reading project.qde and .qdc files without trusting them, with saxes: a strict, streaming XML
// parser that checks well-formedness in full and decodes only XML's predefined entities and
// character references. A document type declaration could define entities that read local files or
// the network (XXE) or expand exponentially (billion laughs): saxes never expands them, and Gloss
// refuses any document that has one. The elements are built as saxes reads them, each once, with
// only what the import reads: name without namespace prefix, attributes, own text, child elements.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeUtf8, NotUtf8Error } from '../storage/files';

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

interface Building {
  readonly name: string;
  readonly attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Shared by every element without children until it gets one (most elements of a project have none). */
const NO_CHILDREN: XmlElement[] = [];

/**
 * Called as each element closes, with the element it is in. Returning true leaves the element out
 * of its parent's children: it has been read, and its memory can go (a project's sources are read
 * one by one this way, never all held at once).
 */
export type XmlElementReader = (element: XmlElement, parent: XmlElement, depth: number) => boolean;

/**
 * Parses UTF-8 XML bytes (a BOM is dropped) into its root element. Throws XmlError. `outerDepth`:
 * how deep in its file the root is, when a part of a file is parsed (project-layout.ts).
 */
export function parseXmlBytes(bytes: Uint8Array, file: string, read?: XmlElementReader, outerDepth = 0): XmlElement {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new XmlError(`${file} is not UTF-8 (line ${error.line}).`);
    throw error;
  }
  return parseXml(text.startsWith('\uFEFF') ? text.slice(1) : text, file, read, outerDepth);
}

export function parseXml(text: string, file: string, read?: XmlElementReader, outerDepth = 0): XmlElement {
  if (text.length > XML_CHARACTER_LIMIT) throw new XmlError(`${file} is larger than ${XML_CHARACTER_LIMIT / 1024 / 1024} MB of text.`);
  // Without namespace processing: it is the fastest setting, and prefixes are dropped anyway.
  const parser = new SaxesParser({ xmlns: false, position: true });
  const open: Building[] = [];
  let top: Building | undefined;
  let root: Building | undefined;
  let lastClosed = '';
  let ended = false;
  parser.on('error', (error) => {
    let reason = error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    // saxes names neither tag of crossed tags: the element it closed just before failing is the one the end tag does not match.
    if (reason === 'unexpected close tag') reason += `: it does not close <${lastClosed}>, the element last opened`;
    if (ended && text.trim() !== '') reason += '; the file is cut short';
    throw new XmlError(`${file} is not well-formed XML (line ${parser.line}, column ${parser.column}: ${reason}).`);
  });
  parser.on('doctype', () => {
    throw new XmlError(
      `${file} declares a document type or entities (<!DOCTYPE, line ${parser.line}): ` +
        'REFI-QDA files never need one, and entities can read local files or expand without end, so Gloss refuses the file.',
    );
  });
  // Whether an attribute of the tag being read has a prefix or declares a namespace (seldom: checked as each attribute is read).
  let prefixed = false;
  parser.on('attribute', ({ name }) => {
    if (!prefixed && (name.includes(':') || name === 'xmlns')) prefixed = true;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (open.length + outerDepth >= NESTING_LIMIT) throw new XmlError(`${file} nests <${tag.name}> on line ${parser.line} more than ${NESTING_LIMIT} elements deep: Gloss refuses the file.`);
    const element: Building = { name: localName(tag.name), attributes: prefixed ? withoutNamespaces(tag.attributes) : tag.attributes, children: NO_CHILDREN, text: '' };
    prefixed = false;
    if (top === undefined) root = element;
    else if (top.children === NO_CHILDREN) top.children = [element];
    else top.children.push(element);
    open.push(element);
    top = element;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    lastClosed = tag.name;
    const element = open.pop()!;
    top = open[open.length - 1];
    if (read !== undefined && top !== undefined && read(element, top, open.length)) {
      if (top.children.length === 1) top.children = NO_CHILDREN;
      else top.children.pop();
    }
  });
  // Text outside the root element (only white space, or saxes refuses it) is not kept.
  const addText = (chunk: string) => {
    if (top !== undefined) top.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text);
  ended = true;
  parser.close();
  // saxes refuses a document without a root element, so there is one.
  return root as XmlElement;
}

/** Attributes with their prefixes removed and namespace declarations left out. */
function withoutNamespaces(attributes: Record<string, string>): Record<string, string> {
  const local = Object.create(null) as Record<string, string>;
  for (const name in attributes) if (name !== 'xmlns' && !name.startsWith('xmlns:')) local[localName(name)] = attributes[name];
  return local;
}

/** A name without its namespace prefix (`qda:Code` is read as `Code`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon > 0 && colon < name.length - 1 && colon === name.lastIndexOf(':') ? name.slice(colon + 1) : name;
}

/** The child elements named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
