// Reading where things stand in a parsed YAML file: a pair's key, a node's end and last line, a
// scalar's quoting, a list item's `-`. Shared by every editor that splices YAML text.

import { isMap, isScalar, isSeq, type Pair, type ParsedNode, type Scalar, type YAMLMap } from 'yaml';
import type { ScalarStyle } from './scalar';
import type { SourceText } from './text';

export type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

/** The text of a scalar key, or undefined for a non-scalar (or null) key. */
export function keyText(pair: ParsedPair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

/** The first pair of `map` whose key is `key`. */
export function pairOf(map: YAMLMap.Parsed | undefined, key: string): ParsedPair | undefined {
  return map?.items.find((pair) => keyText(pair) === key);
}

/** A scalar's value as text; undefined for a list, a map, a null or a missing node. */
export function scalarValue(node: ParsedNode | null | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** `key:` with nothing written after it. */
export function isEmptyValue(node: ParsedNode | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || (node.value === '' && node.range[0] === node.range[1])));
}

/** Offset just after the last character of a node's content (comments after it excluded). */
export function contentEndOffset(node: ParsedNode, text: string): number {
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return node.range[1];
    let end = node.range[0];
    for (const item of node.items as unknown[]) {
      if (isPairLike(item)) {
        if (item.key) end = Math.max(end, contentEndOffset(item.key, text));
        if (item.value) end = Math.max(end, contentEndOffset(item.value, text));
      } else if (item) {
        end = Math.max(end, contentEndOffset(item as ParsedNode, text));
      }
    }
    return end;
  }
  // Block scalars' ranges run over their final line breaks; stop after the last visible character.
  let end = node.range[1];
  if (isScalar(node) && isBlockScalar(node)) {
    while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
  }
  return end;
}

function isPairLike(item: unknown): item is ParsedPair {
  return typeof item === 'object' && item !== null && 'key' in item && 'value' in item;
}

/** The last line holding the node's content; `from` (default: the node's start) when that is later. */
export function lastLineOf(source: SourceText, node: ParsedNode, from = node.range[0]): number {
  return source.lineOf(Math.max(from, contentEndOffset(node, source.text) - 1));
}

/** Column of the `-` before a block list item (the line's indentation when the `-` is not on its line). */
export function dashColumn(source: SourceText, item: ParsedNode): number {
  const line = source.lineOf(item.range[0]);
  const dash = source.text.slice(source.lineStart(line), item.range[0]).lastIndexOf('-');
  return dash === -1 ? source.indent(line) : dash;
}

export function isBlockScalar(node: Scalar): boolean {
  return node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
}

/** How a scalar is written, so that a new value can keep the researcher's quoting. */
export function styleOf(scalar: Scalar): ScalarStyle {
  switch (scalar.type) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return 'literal';
    default:
      return 'plain';
  }
}
