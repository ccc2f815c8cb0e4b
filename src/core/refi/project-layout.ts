// Where a project.qde's sources lie in its bytes, so that they can be parsed apart (on several
// threads) from the rest of the project. A split is made only when it is certain to give what one
// pass would: the file has no comment, CDATA section, processing instruction or document type
// (`<!`, `<?` after the XML declaration), so every `<` in it starts a tag, since XML allows no raw
// `<` in text or attribute values. It has exactly one `<Sources>` element, and only white space
// between the elements under it. Anything else is read in one pass (read-project.ts).
// Each piece is then parsed in full by saxes: well-formed pieces put back together make a
// well-formed file, and a piece that is not well-formed sends the import back to one pass, which
// names the line at fault.

/** The project without its sources' elements, and where each of those elements lies in the bytes. */
export interface ProjectLayout {
  /** The file with everything inside `<Sources>` taken out: `<Sources …></Sources>` is left. */
  readonly skeleton: Uint8Array;
  /** Start and end (exclusive) in the file's bytes of each element under `<Sources>`, in order. */
  readonly sources: readonly (readonly [number, number])[];
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const SOURCES_OPEN = ascii('<Sources');
const SOURCES_CLOSE = ascii('</Sources');
const MARKUP_DECLARATION = ascii('<!');
const INSTRUCTION = ascii('<?');
const INSTRUCTION_END = ascii('?>');

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** Whether a name ends before this byte (white space, `/` or `>`). */
function endsName(byte: number | undefined): boolean {
  return byte !== undefined && (isSpace(byte) || byte === SLASH || byte === GT);
}

/** Index of `needle` in `bytes` from `from`, where the name in it ends right after (`<Sources` but not `<SourcesX`); -1 if none. */
function indexOfName(bytes: Buffer, needle: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(needle, from); at >= 0; at = bytes.indexOf(needle, at + 1)) {
    if (endsName(bytes[at + needle.length])) return at;
  }
  return -1;
}

/** Index of the `>` ending the tag that starts at `at` (a `>` inside a quoted attribute value does not end it); -1 if none. */
function tagEnd(bytes: Buffer, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < bytes.length; i++) {
    const byte = bytes[i];
    if (quote !== 0) {
      if (byte === quote) quote = 0;
    } else if (byte === QUOTE || byte === APOSTROPHE) quote = byte;
    else if (byte === GT) return i;
    else if (byte === LT) return -1;
  }
  return -1;
}

/** The layout of a project.qde's bytes, or undefined when it cannot be split with certainty. */
export function projectLayout(file: Uint8Array): ProjectLayout | undefined {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  // Every `<` a tag: no `<!` at all, and no `<?` but an XML declaration at the start (after a BOM).
  if (bytes.indexOf(MARKUP_DECLARATION) >= 0) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let instructionsFrom = 0;
  if (bytes[bom] === LT && bytes[bom + 1] === 0x3f) {
    const end = bytes.indexOf(INSTRUCTION_END, bom + 2);
    if (end < 0) return undefined;
    instructionsFrom = end + 2;
  }
  if (bytes.indexOf(INSTRUCTION, instructionsFrom) >= 0) return undefined;

  const open = indexOfName(bytes, SOURCES_OPEN, 0);
  if (open < 0 || indexOfName(bytes, SOURCES_OPEN, open + 1) >= 0) return undefined;
  const openEnd = tagEnd(bytes, open);
  if (openEnd < 0 || bytes[openEnd - 1] === SLASH) return undefined;

  const sources: [number, number][] = [];
  let at = openEnd + 1;
  for (;;) {
    while (at < bytes.length && isSpace(bytes[at])) at++;
    if (bytes[at] !== LT) return undefined;
    if (bytes[at + 1] === SLASH) break;
    const end = elementEnd(bytes, at);
    if (end < 0) return undefined;
    sources.push([at, end]);
    at = end;
  }
  // What closes the list must be </Sources>.
  if (bytes.indexOf(SOURCES_CLOSE, at) !== at) return undefined;
  let close = at + SOURCES_CLOSE.length;
  while (isSpace(bytes[close])) close++;
  if (bytes[close] !== GT || sources.length === 0) return undefined;

  const skeleton = new Uint8Array(openEnd + 1 + (bytes.length - at));
  skeleton.set(bytes.subarray(0, openEnd + 1));
  skeleton.set(bytes.subarray(at), openEnd + 1);
  return { skeleton, sources };
}

/**
 * End (exclusive) of the element whose start tag is at `at`: after its start tag when that closes
 * itself, else after the first end tag of its name. When the element holds another of its name,
 * that end tag is the inner one's, and what lies between is not well-formed on its own: the
 * parse of the piece finds it, and the file is then read in one pass. -1 when it cannot be told.
 */
function elementEnd(bytes: Buffer, at: number): number {
  let nameEnd = at + 1;
  while (nameEnd < bytes.length && !endsName(bytes[nameEnd])) nameEnd++;
  if (nameEnd === at + 1 || nameEnd >= bytes.length) return -1;
  const startEnd = tagEnd(bytes, at);
  if (startEnd < 0) return -1;
  if (bytes[startEnd - 1] === SLASH) return startEnd + 1;
  const endTag = new Uint8Array(nameEnd - at + 1);
  endTag[0] = LT;
  endTag[1] = SLASH;
  endTag.set(bytes.subarray(at + 1, nameEnd), 2);
  const closing = indexOfName(bytes, endTag, startEnd + 1);
  if (closing < 0) return -1;
  let end = closing + endTag.length;
  while (isSpace(bytes[end])) end++;
  return bytes[end] === GT ? end + 1 : -1;
}
