// Writing one `key: value` pair: its lines when new, or a splice replacing its value in place.
// Only the value's own characters change; the researcher's quoting is kept when it can hold the
// new value, and a comment after the value stays (after a block scalar's `|` when the value
// becomes a block scalar).

import { isScalar } from 'yaml';
import { contentEndOffset, isBlockScalar, styleOf, type ParsedPair } from './nodes';
import { formatScalar, type ScalarStyle } from './scalar';
import type { SourceText, Splice } from './text';

/** Columns a block scalar's lines sit deeper than their key. */
export const BLOCK_SCALAR_INDENT = 2;

/** A value written as given (a flow list, say), rather than a string to format as a scalar. */
export interface WrittenValue {
  readonly head: string;
  readonly lines: readonly string[];
}

/** One `key: value` pair as lines; the key line starts at column 0 (the caller places it). */
export function renderPair(key: string, value: string, keyColumn: number, preferred?: ScalarStyle): string[] {
  const scalar = formatScalar(value, { inFlow: false, blockIndent: keyColumn + BLOCK_SCALAR_INDENT, preferred });
  return [`${key}: ${scalar.head}`, ...scalar.lines];
}

/** Replaces the value of `pair` (a scalar, or nothing after `key:`) with `value`. */
export function replaceValue(source: SourceText, pair: ParsedPair, value: string | WrittenValue, place: { readonly inFlow: boolean; readonly preferred?: ScalarStyle }): Splice {
  const text = source.text;
  const keyColumn = source.column(pair.key.range[0]);
  const format = (blockIndent: number, preferred: ScalarStyle | undefined) => (typeof value === 'string' ? formatScalar(value, { inFlow: place.inFlow, blockIndent, preferred }) : value);
  // `key:` with no value: the new value goes right after the colon, before any comment.
  const old = pair.value && !(isScalar(pair.value) && pair.value.range[0] === pair.value.range[1]) ? pair.value : undefined;
  if (!old) {
    const scalar = format(keyColumn + BLOCK_SCALAR_INDENT, place.preferred);
    const afterColon = text.indexOf(':', pair.key.range[1]) + 1;
    return replaceRange(source, afterColon, afterColon, ' ' + scalar.head, scalar.lines);
  }
  const start = old.range[0];
  const oldIsBlockScalar = isScalar(old) && isBlockScalar(old);
  const keepStyle = isScalar(old) && text.slice(old.range[0], old.range[1]).trim() !== '' ? styleOf(old) : undefined;
  const scalar = format(oldIsBlockScalar ? blockScalarIndent(source, start, keyColumn) : keyColumn + BLOCK_SCALAR_INDENT, keepStyle ?? place.preferred);
  if (oldIsBlockScalar) {
    // Replace the header and the body's lines; a comment on the header line is kept.
    const end = source.lineEnd(source.lineOf(Math.max(start, contentEndOffset(old, text) - 1)));
    const headerLine = text.slice(start, source.lineEnd(source.lineOf(start)));
    const headerComment = /^[|>][0-9+-]*(\s+#.*?)\s*$/.exec(headerLine)?.[1] ?? '';
    return { start, end, insert: scalar.head + headerComment + linesAfter(source, scalar.lines) };
  }
  return replaceRange(source, start, contentEndOffset(old, text), scalar.head, scalar.lines);
}

/**
 * Replaces [start, end) by `head`. When a block scalar's lines follow, what stood after the old
 * value on its line (a comment) moves up to the header line, since the body must follow it.
 */
function replaceRange(source: SourceText, start: number, end: number, head: string, lines: readonly string[]): Splice {
  if (lines.length === 0) return { start, end, insert: head };
  const lineEnd = source.lineEnd(source.lineOf(end));
  const rest = source.text.slice(end, lineEnd);
  return { start, end: lineEnd, insert: head + rest.trimEnd() + linesAfter(source, lines) };
}

function linesAfter(source: SourceText, lines: readonly string[]): string {
  return lines.map((line) => source.eol + line).join('');
}

/** The indentation of an existing block scalar's body, so a rewritten body lines up with it. */
function blockScalarIndent(source: SourceText, headerOffset: number, keyColumn: number): number {
  for (let line = source.lineOf(headerOffset) + 1; line < source.lineCount; line++) {
    if (!source.isBlank(line)) return Math.max(source.indent(line), keyColumn + 1);
  }
  return keyColumn + BLOCK_SCALAR_INDENT;
}
