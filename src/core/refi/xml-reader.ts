// One pass over a REFI-QDA document that checks its elements nest and builds them. Reading the
// parser's own tree and then converting it cost twice the parse and most of the import's garbage
// (a project of 100,000 codings is some 40 MB of XML): here each element is made once, as it is read.
// It reads only what a document without a DTD can hold (xml.ts refuses any <!DOCTYPE or
// <!ENTITY before calling it): elements, attributes, text, CDATA, comments and processing
// instructions. Entities are decoded by the caller, never defined or expanded here. Every end tag
// must close the element last opened and every element must be closed, so a file cut short or with
// crossed tags is refused whole, naming the line, instead of half imported.

/** An XML element with namespace prefixes removed. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (text and CDATA children joined), entities decoded. */
  readonly text: string;
}

/** Why a document is not well-formed (its message names the line). */
export class NotWellFormed extends Error {}

interface Building {
  readonly name: string;
  readonly attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const LESS_THAN = 60;
const GREATER_THAN = 62;
const SLASH = 47;
const EXCLAMATION = 33;
const QUESTION = 63;
const EQUALS = 61;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** Shared by every element without children until it gets one (most elements of a project have none). */
const NO_CHILDREN: XmlElement[] = [];

/**
 * The top-level elements of `text` (CR and CRLF already read as LF). `decode` turns the entity
 * references of text and attribute values into characters. Throws NotWellFormed.
 */
export function readElements(text: string, decode: (raw: string) => string, nestingLimit: number): XmlElement[] {
  const roots: XmlElement[] = [];
  const open: Building[] = [];
  const openNames: string[] = [];
  const openedAt: number[] = [];
  let top: Building | undefined;
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    // Text outside the root element (only white space in XML) is not kept.
    if (top !== undefined && textEnd > i) top.text += decode(text.slice(i, textEnd));
    if (lt === -1) break;
    const second = text.charCodeAt(lt + 1);
    if (second === EXCLAMATION || second === QUESTION) {
      const cdata = text.startsWith('<![CDATA[', lt);
      const end = text.startsWith('<!--', lt) ? '-->' : cdata ? ']]>' : second === QUESTION ? '?>' : undefined;
      if (end === undefined) throw new NotWellFormed(`${text.slice(lt, lt + 9)}… on line ${lineAt(text, lt)} is not an element, comment or CDATA section`);
      const found = text.indexOf(end, lt + 2);
      if (found === -1) throw new NotWellFormed(`${text.slice(lt, lt + 9)}… on line ${lineAt(text, lt)} is never closed: the file is cut short`);
      if (cdata && top !== undefined) top.text += text.slice(lt + 9, found);
      i = found + end.length;
      continue;
    }
    if (second === SLASH) {
      const gt = text.indexOf('>', lt + 2);
      const name = text.slice(lt + 2, gt === -1 ? nameEnd(text, lt + 2) : gt).trim();
      if (gt === -1) throw new NotWellFormed(`the tag </${name} on line ${lineAt(text, lt)} is never closed: the file is cut short`);
      const opened = openNames.pop();
      if (opened === undefined) throw new NotWellFormed(`</${name}> on line ${lineAt(text, lt)} closes no element`);
      const at = openedAt.pop() as number;
      if (opened !== name) throw new NotWellFormed(`</${name}> on line ${lineAt(text, lt)} closes <${opened}>, opened on line ${lineAt(text, at)}`);
      open.pop();
      top = open[open.length - 1];
      i = gt + 1;
      continue;
    }
    const afterName = nameEnd(text, lt + 1);
    const rawName = text.slice(lt + 1, afterName);
    if (rawName === '') throw new NotWellFormed(`a “<” on line ${lineAt(text, lt)} starts no tag`);
    const element: Building = { name: localName(rawName), attributes: Object.create(null) as Record<string, string>, children: NO_CHILDREN, text: '' };
    const { end, selfClosing } = readAttributes(text, afterName, element.attributes, decode, () => `<${rawName} on line ${lineAt(text, lt)}`);
    if (top === undefined) roots.push(element);
    else if (top.children === NO_CHILDREN) top.children = [element];
    else top.children.push(element);
    if (!selfClosing) {
      if (open.length >= nestingLimit) throw new NotWellFormed(`<${rawName}> on line ${lineAt(text, lt)} is nested more than ${nestingLimit} elements deep`);
      open.push(element);
      openNames.push(rawName);
      openedAt.push(lt);
      top = element;
    }
    i = end;
  }
  if (openNames.length > 0) {
    const last = openNames.length - 1;
    throw new NotWellFormed(`the element <${openNames[last]}> opened on line ${lineAt(text, openedAt[last])} is never closed: the file is cut short`);
  }
  return roots;
}

/**
 * Reads the attributes of a start tag from `k` (just after its name) into `attributes`; returns
 * where the tag ends and whether it closes itself. Namespace declarations are left out.
 */
function readAttributes(text: string, k: number, attributes: Record<string, string>, decode: (raw: string) => string, tag: () => string): { end: number; selfClosing: boolean } {
  const length = text.length;
  for (;;) {
    while (k < length && text.charCodeAt(k) <= 32) k++;
    if (k >= length) throw new NotWellFormed(`the tag ${tag()} is never closed: the file is cut short`);
    const c = text.charCodeAt(k);
    if (c === GREATER_THAN) return { end: k + 1, selfClosing: false };
    if (c === SLASH && text.charCodeAt(k + 1) === GREATER_THAN) return { end: k + 2, selfClosing: true };
    const nameStart = k;
    for (; k < length; k++) {
      const n = text.charCodeAt(k);
      if (n <= 32 || n === EQUALS || n === GREATER_THAN || n === SLASH || n === LESS_THAN) break;
    }
    const name = text.slice(nameStart, k);
    while (k < length && text.charCodeAt(k) <= 32) k++;
    if (k >= length) throw new NotWellFormed(`the tag ${tag()} is never closed: the file is cut short`);
    if (name === '') throw new NotWellFormed(`the tag ${tag()} holds “${text[nameStart]}” where an attribute belongs`);
    if (text.charCodeAt(k) !== EQUALS) throw new NotWellFormed(`the attribute ${name} of ${tag()} has no value`);
    k++;
    while (k < length && text.charCodeAt(k) <= 32) k++;
    const quote = text.charCodeAt(k);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) {
      if (k >= length) throw new NotWellFormed(`the tag ${tag()} is never closed: the file is cut short`);
      throw new NotWellFormed(`the attribute ${name} of ${tag()} has no quoted value`);
    }
    const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", k + 1);
    if (close === -1) throw new NotWellFormed(`the tag ${tag()} is never closed: the file is cut short`);
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) attributes[localName(name)] = decode(text.slice(k + 1, close));
    k = close + 1;
  }
}

/** Where a tag's name that starts at `k` ends: at white space, `/`, `>` or `<`. */
function nameEnd(text: string, k: number): number {
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c <= 32 || c === SLASH || c === GREATER_THAN || c === LESS_THAN) break;
  }
  return k;
}

/** A name without its namespace prefix (`qda:Code` is read as `Code`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon > 0 && colon < name.length - 1 && colon === name.lastIndexOf(':') ? name.slice(colon + 1) : name;
}

export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
