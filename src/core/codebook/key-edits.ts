// Splices that set or remove one key of a code entry (`name`, `colour`, `description`), or add ids
// to its `aliases:` list, in a block map or in a flow map `{ … }`. Only the value's own characters change; a comment after the value
// stays where it was (after a block scalar's `|` when the value becomes a block scalar).

import { isScalar, isSeq, type Pair, type ParsedNode } from 'yaml';
import { ALIASES_KEY, CHILDREN_KEY, contentEndOffset, keyText, styleOf, type CodebookLayout, type EntryLayout } from './layout';
import { BLOCK_SCALAR_INDENT } from './render';
import { formatScalar, type ScalarStyle } from './scalar';
import { deleteLines, insertLinesBefore, type Splice } from './text';
import { CodebookEditError } from './errors';

type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

/** Keys in the order the format documents; a new key goes before the first later one present. */
const KEY_ORDER: readonly string[] = ['id', 'name', 'colour', 'description', ALIASES_KEY, CHILDREN_KEY];

/** A value written as given (a flow list), rather than a string to format as a scalar. */
interface Written {
  readonly head: string;
  readonly lines: readonly string[];
}

export function setKey(layout: CodebookLayout, entry: EntryLayout, key: string, value: string, preferred?: ScalarStyle): Splice[] {
  const pair = entry.pairs.get(key);
  return pair ? replaceValue(layout, entry, pair, value, preferred) : addKey(layout, entry, key, value, preferred);
}

/**
 * Adds ids to a code's `aliases:`: new items after the last one of a block list, else the list
 * written as one flow list `[a, b]` (which is how the extension writes a new `aliases:` key).
 */
export function addAliases(layout: CodebookLayout, entry: EntryLayout, all: readonly string[], added: readonly string[]): Splice[] {
  const pair = entry.pairs.get(ALIASES_KEY);
  const list = pair?.value;
  const { source } = layout;
  if (isSeq(list) && !list.flow && list.items.length > 0 && !entry.flow) {
    const last = list.items.at(-1) as ParsedNode;
    const dashLine = source.lineOf(last.range[0]);
    const dashColumn = source.indent(dashLine);
    const lastLine = source.lineOf(Math.max(last.range[0], contentEndOffset(last, source.text) - 1));
    const lines = added.map((id) => `${' '.repeat(dashColumn)}- ${formatScalar(id, { inFlow: true, blockIndent: 0 }).head}`);
    return [insertLinesBefore(source, lastLine + 1, lines)];
  }
  const flowList = `[${all.map((id) => formatScalar(id, { inFlow: true, blockIndent: 0 }).head).join(', ')}]`;
  if (!pair) return addKey(layout, entry, ALIASES_KEY, { head: flowList, lines: [] });
  return replaceValue(layout, entry, pair, { head: flowList, lines: [] });
}

export function removeKey(layout: CodebookLayout, entry: EntryLayout, key: string): Splice[] {
  const map = entry.map;
  const pair = entry.pairs.get(key);
  if (!map || !pair) return [];
  const { source } = layout;
  const index = map.items.indexOf(pair);
  const pairEnd = contentEndOffset(pair.value ?? pair.key, source.text);
  if (entry.flow) {
    if (map.items.length === 1) throw new CodebookEditError(`Cannot remove "${key}", the only key of the code.`);
    // `a: 1, b: 2, c: 3` loses `, b: 2`, or `a: 1, ` when it is first.
    if (index > 0) {
      const previous = map.items[index - 1];
      return [{ start: contentEndOffset(previous.value ?? previous.key, source.text), end: pairEnd, insert: '' }];
    }
    return [{ start: pair.key.range[0], end: map.items[1].key.range[0], insert: '' }];
  }
  const keyLine = source.lineOf(pair.key.range[0]);
  const lastLine = source.lineOf(Math.max(pair.key.range[0], pairEnd - 1));
  if (index > 0 || keyLine !== entry.lines?.dash) return [deleteLines(source, keyLine, lastLine)];
  // The first key shares its line with the `-`: pull the next key up onto that line.
  const next = map.items[1];
  if (!next) throw new CodebookEditError(`Cannot remove "${key}", the only key of the code.`);
  const between = layout.commentOffsets.some((offset) => offset > pair.key.range[0] && offset < next.key.range[0]);
  if (between) throw new CodebookEditError(`Cannot remove "${key}": it is the code's first key and comments follow it; move it down first.`);
  return [{ start: pair.key.range[0], end: next.key.range[0], insert: '' }];
}

function replaceValue(layout: CodebookLayout, entry: EntryLayout, pair: ParsedPair, value: string | Written, preferred?: ScalarStyle): Splice[] {
  const { source } = layout;
  const text = source.text;
  const keyColumn = source.column(pair.key.range[0]);
  // `key:` with no value: the new value goes right after the colon, before any comment.
  const old = pair.value && !(isScalar(pair.value) && pair.value.range[0] === pair.value.range[1]) ? pair.value : undefined;
  if (!old) {
    const scalar = typeof value === 'string' ? formatScalar(value, { inFlow: entry.flow, blockIndent: keyColumn + BLOCK_SCALAR_INDENT, preferred }) : value;
    const afterColon = text.indexOf(':', pair.key.range[1]) + 1;
    return [replaceRange(layout, afterColon, afterColon, ' ' + scalar.head, scalar.lines)];
  }
  const start = old.range[0];
  const oldIsBlockScalar = isScalar(old) && (old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED');
  // The researcher's quoting is kept when it can hold the new value.
  const keepStyle = isScalar(old) && text.slice(old.range[0], old.range[1]).trim() !== '' ? styleOf(old) : undefined;
  const blockIndent = oldIsBlockScalar ? blockScalarIndent(layout, start, keyColumn) : keyColumn + BLOCK_SCALAR_INDENT;
  const scalar = typeof value === 'string' ? formatScalar(value, { inFlow: entry.flow, blockIndent, preferred: keepStyle ?? preferred }) : value;
  if (oldIsBlockScalar) {
    // Replace the header and the body's lines; a comment on the header line is kept.
    const end = source.lineEnd(source.lineOf(Math.max(start, contentEndOffset(old, text) - 1)));
    const headerLine = text.slice(start, source.lineEnd(source.lineOf(start)));
    const headerComment = /^[|>][0-9+-]*(\s+#.*?)\s*$/.exec(headerLine)?.[1] ?? '';
    return [{ start, end, insert: scalar.head + headerComment + linesAfter(layout, scalar.lines) }];
  }
  return [replaceRange(layout, start, contentEndOffset(old, text), scalar.head, scalar.lines)];
}

/**
 * Replaces [start, end) by `head`. When a block scalar's lines follow, what stood after the old
 * value on its line (a comment) moves up to the header line, since the body must follow it.
 */
function replaceRange(layout: CodebookLayout, start: number, end: number, head: string, lines: readonly string[]): Splice {
  const { source } = layout;
  if (lines.length === 0) return { start, end, insert: head };
  const lineEnd = source.lineEnd(source.lineOf(end));
  const rest = source.text.slice(end, lineEnd);
  return { start, end: lineEnd, insert: head + rest.trimEnd() + linesAfter(layout, lines) };
}

function linesAfter(layout: CodebookLayout, lines: readonly string[]): string {
  return lines.map((line) => layout.source.eol + line).join('');
}

/** The indentation of an existing block scalar's body, so a rewritten body lines up with it. */
function blockScalarIndent(layout: CodebookLayout, headerOffset: number, keyColumn: number): number {
  const { source } = layout;
  for (let line = source.lineOf(headerOffset) + 1; line < source.lineCount; line++) {
    if (!source.isBlank(line)) return Math.max(source.indent(line), keyColumn + 1);
  }
  return keyColumn + BLOCK_SCALAR_INDENT;
}

function addKey(layout: CodebookLayout, entry: EntryLayout, key: string, value: string | Written, preferred?: ScalarStyle): Splice[] {
  const map = entry.map;
  if (!map) throw new CodebookEditError('The entry is not a map.');
  const { source } = layout;
  const text = source.text;
  if (entry.flow) {
    const last = map.items.at(-1);
    const scalar = typeof value === 'string' ? formatScalar(value, { inFlow: true, blockIndent: 0, preferred }) : value;
    if (!last) {
      return [{ start: map.range[0] + 1, end: map.range[0] + 1, insert: ` ${key}: ${scalar.head} ` }];
    }
    const at = contentEndOffset(last.value ?? last.key, text);
    return [{ start: at, end: at, insert: `, ${key}: ${scalar.head}` }];
  }
  const keyColumn = entry.keyColumn;
  const scalar = typeof value === 'string' ? formatScalar(value, { inFlow: false, blockIndent: keyColumn + BLOCK_SCALAR_INDENT, preferred }) : value;
  const newLines = [' '.repeat(keyColumn) + `${key}: ${scalar.head}`, ...scalar.lines];
  const rank = KEY_ORDER.indexOf(key);
  const before = map.items.find((item, index) => {
    const itemRank = KEY_ORDER.indexOf(keyText(item) ?? '');
    return index > 0 && itemRank > rank;
  });
  if (before) {
    // Comments directly above that key speak about it: the new key goes above them.
    let line = source.lineOf(before.key.range[0]);
    while (line > 0 && layout.commentLines.has(line - 1) && source.indent(line - 1) <= keyColumn && line - 1 > source.lineOf(map.range[0])) line--;
    return [insertLinesBefore(source, line, newLines)];
  }
  const lastLine = source.lineOf(Math.max(map.range[0], contentEndOffset(map, text) - 1));
  return [insertLinesBefore(source, lastLine + 1, newLines)];
}
