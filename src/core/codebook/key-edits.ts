// Splices that set or remove one key of a code entry (`name`, `colour`, `description`), or add ids
// to its `aliases:` list, in a block map or in a flow map `{ … }`. Only the value's own characters change; a comment after the value
// stays where it was (after a block scalar's `|` when the value becomes a block scalar).

import { isSeq, type ParsedNode } from 'yaml';
import { ALIASES_KEY, CHILDREN_KEY, type CodebookLayout, type EntryLayout } from './layout';
import { contentEndOffset, keyText, lastLineOf, type ParsedPair } from '../yaml/nodes';
import { removePairSplices, renderPair, replaceValue as replaceYamlValue, type WrittenValue } from '../yaml/pair-edits';
import { flowList, flowScalar, formatScalar, type ScalarStyle } from '../yaml/scalar';
import { insertLinesBefore, type Splice } from '../yaml/text';
import { CodebookEditError } from './errors';

/** Keys in the order the format documents; a new key goes before the first later one present. */
const KEY_ORDER: readonly string[] = ['id', 'name', 'colour', 'description', ALIASES_KEY, CHILDREN_KEY];

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
    const lastLine = lastLineOf(source, last);
    const lines = added.map((id) => `${' '.repeat(dashColumn)}- ${flowScalar(id)}`);
    return [insertLinesBefore(source, lastLine + 1, lines)];
  }
  if (!pair) return addKey(layout, entry, ALIASES_KEY, { head: flowList(all), lines: [] });
  return replaceValue(layout, entry, pair, { head: flowList(all), lines: [] });
}

export function removeKey(layout: CodebookLayout, entry: EntryLayout, key: string): Splice[] {
  const pair = entry.pairs.get(key);
  if (!entry.map || !pair) return [];
  return removePairSplices(layout.source, entry.map, pair, {
    onlyKey: 'refuse',
    keepInnerCommentLines: false,
    comments: layout.commentOffsets,
    refusal: (reason) =>
      new CodebookEditError(
        reason === 'only-key' ? `Cannot remove "${key}", the only key of the code.` : `Cannot remove "${key}": it is the code's first key and comments follow it; move it down first.`,
      ),
  });
}

function replaceValue(layout: CodebookLayout, entry: EntryLayout, pair: ParsedPair, value: string | WrittenValue, preferred?: ScalarStyle): Splice[] {
  return [replaceYamlValue(layout.source, pair, value, { inFlow: entry.flow, preferred })];
}

function addKey(layout: CodebookLayout, entry: EntryLayout, key: string, value: string | WrittenValue, preferred?: ScalarStyle): Splice[] {
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
  const [keyLine, ...valueLines] = typeof value === 'string' ? renderPair(key, value, keyColumn, preferred) : [`${key}: ${value.head}`, ...value.lines];
  const newLines = [' '.repeat(keyColumn) + keyLine, ...valueLines];
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
  const lastLine = lastLineOf(source, map);
  return [insertLinesBefore(source, lastLine + 1, newLines)];
}
