// The parser builds its tree without checking that end tags match (a file cut short simply ends
// with its elements open), and fast-xml-parser's full validator costs more than the parse itself.
// This one pass over the tags is the check that matters for an import: every end tag closes the
// element last opened, and every element is closed by the end, so a truncated or broken
// project.qde is refused whole instead of half imported.

const LESS_THAN = 60;
const GREATER_THAN = 62;
const SLASH = 47;
const EXCLAMATION = 33;
const QUESTION = 63;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** Returns why the elements of `text` do not nest, or undefined when they do. */
export function nestingProblem(text: string): string | undefined {
  const openNames: string[] = [];
  const openedAt: number[] = [];
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i)) {
    const second = text.charCodeAt(i + 1);
    if (second === EXCLAMATION || second === QUESTION) {
      const end = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : second === QUESTION ? '?>' : '>';
      const found = text.indexOf(end, i + 2);
      if (found === -1) return `${text.slice(i, i + 9)}… on line ${lineAt(text, i)} is never closed: the file is cut short`;
      i = found + end.length;
      continue;
    }
    const closing = second === SLASH;
    const nameStart = closing ? i + 2 : i + 1;
    let k = nameStart;
    while (k < text.length && !endsName(text.charCodeAt(k))) k++;
    const name = text.slice(nameStart, k);
    // The tag ends at the first `>` outside a quoted attribute value (which may hold `>`).
    for (; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === GREATER_THAN) break;
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        k = text.indexOf(c === DOUBLE_QUOTE ? '"' : "'", k + 1);
        if (k === -1) break;
      }
    }
    if (k === -1 || k >= text.length) return `the tag <${closing ? '/' : ''}${name} on line ${lineAt(text, i)} is never closed: the file is cut short`;
    if (closing) {
      const open = openNames.pop();
      if (open === undefined) return `</${name}> on line ${lineAt(text, i)} closes no element`;
      const at = openedAt.pop() as number;
      if (open !== name) return `</${name}> on line ${lineAt(text, i)} closes <${open}>, opened on line ${lineAt(text, at)}`;
    } else if (text.charCodeAt(k - 1) !== SLASH) {
      openNames.push(name);
      openedAt.push(i);
    }
    i = k + 1;
  }
  if (openNames.length > 0) {
    const last = openNames.length - 1;
    return `the element <${openNames[last]}> opened on line ${lineAt(text, openedAt[last])} is never closed: the file is cut short`;
  }
  return undefined;
}

/** Whitespace, `/` and `>` end a tag's name. */
function endsName(c: number): boolean {
  return c <= 32 || c === SLASH || c === GREATER_THAN || c === LESS_THAN;
}

export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
