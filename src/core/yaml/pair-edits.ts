// Writing one `key: value` pair: its lines when new, a splice replacing its value in place, or the
// splices removing it. Only the pair's own characters change; the researcher's quoting is kept when
// it can hold the new value, and a comment after the value stays (after a block scalar's `|` when
// the value becomes a block scalar).

import { isMap, isPair, isScalar, isSeq, Parser, type ParsedNode, type Scalar, type YAMLMap } from 'yaml';
import { commentOffsets, hasCommentBetween } from './comments';
import { contentEndOffset, isBlockScalar, styleOf, type ParsedPair } from './nodes';
import { formatScalar, type ScalarStyle } from './scalar';
import { deleteLines, type SourceText, type Splice } from './text';

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

/** Why a pair cannot be removed without losing or breaking what surrounds it. */
export type PairRemovalRefusal = 'only-key' | 'comments-after-first-key';

export interface PairRemovalOptions {
  /** Removing the map's only key: refused, or the map is left empty (`{}` in block style, `{ }` in flow). */
  readonly onlyKey: 'refuse' | 'leave-empty';
  /** Comment lines inside the pair's value (in a removed list, say) stay; otherwise all its lines go. */
  readonly keepInnerCommentLines: boolean;
  /** Offsets of the file's comments (`commentOffsets`) when the caller has them; else read when needed. */
  readonly comments?: readonly number[];
  /** The error thrown on a refusal, worded by each editor in its own terms. */
  readonly refusal: (reason: PairRemovalRefusal) => Error;
}

/**
 * Splices removing `pair` from `map`. Flow map: `a: 1, b: 2` loses `, b: 2`, or `a: 1, ` when it is
 * first (when a comment sits there, only the pair and one comma go). Block map: the pair's lines go;
 * a first key sharing its line with a list's `-` is replaced by the next key pulled up, refused when
 * comments sit between them.
 */
export function removePairSplices(source: SourceText, map: YAMLMap.Parsed, pair: ParsedPair, options: PairRemovalOptions): Splice[] {
  const text = source.text;
  const comments = lazyComments(source, options.comments);
  const index = map.items.indexOf(pair);
  const start = pair.key.range[0];
  const end = contentEndOffset(pair.value ?? pair.key, text);
  if (map.items.length === 1) {
    if (options.onlyKey === 'refuse') throw options.refusal('only-key');
    return [{ start, end, insert: map.flow ? '' : '{}' }];
  }
  if (map.flow) return removeFromFlow(source, map, index, end, comments);
  const keyLine = source.lineOf(start);
  if (index === 0 && source.column(start) > source.indent(keyLine)) {
    // The `-` (or whatever precedes the key on its line) stays: the next key moves up next to it.
    const next = map.items[1].key.range[0];
    if (comments.between(start, next)) throw options.refusal('comments-after-first-key');
    return [{ start, end: next, insert: '' }];
  }
  let last = source.lineOf(Math.max(start, end - 1));
  const kept = options.keepInnerCommentLines ? comments.linesOnly(keyLine + 1, last) : new Set<number>();
  const above = index > 0 ? blockScalarAtEnd(map.items[index - 1].value) : undefined;
  // A block scalar above that keeps its final line breaks (`|+`) would take in the blank lines below.
  if (above && kept.size === 0 && /^[|>][0-9-]*\+/.test(source.text.slice(above.range[0]))) {
    while (last + 2 < source.lineCount && source.isBlank(last + 1)) last++;
  }
  const splices: Splice[] = [];
  let runStart = keyLine;
  for (let line = keyLine; line <= last + 1; line++) {
    if (line <= last && !kept.has(line)) continue;
    if (runStart < line) splices.push(deleteLines(source, runStart, line - 1));
    runStart = line + 1;
  }
  if (above) splices.push(...outdentCommentsAfter(source, kept, last, source.column(start)));
  return splices;
}

/** The block scalar a node's text ends with, if any (a list's last item, say). */
function blockScalarAtEnd(node: ParsedNode | null): Scalar.Parsed | undefined {
  if (isScalar(node)) return isBlockScalar(node) ? node : undefined;
  if ((!isMap(node) && !isSeq(node)) || node.flow) return undefined;
  const last = node.items.at(-1) as ParsedPair | ParsedNode | null | undefined;
  return blockScalarAtEnd(isPair(last) ? (last.value ?? last.key) : (last ?? null));
}

/**
 * The comment lines left right after a block scalar (kept ones inside the removed pair, then those
 * below it) would read as its text if indented deeper than the keys: they move to the keys' column.
 */
function outdentCommentsAfter(source: SourceText, kept: ReadonlySet<number>, last: number, keyColumn: number): Splice[] {
  const lines = [...kept].sort((a, b) => a - b);
  for (let line = last + 1; line < source.lineCount && (source.isBlank(line) || source.content(line).trimStart().startsWith('#')); line++) lines.push(line);
  return lines
    .filter((line) => !source.isBlank(line) && source.indent(line) > keyColumn)
    .map((line) => ({ start: source.lineStart(line), end: source.lineStart(line) + source.indent(line), insert: ' '.repeat(keyColumn) }));
}

function removeFromFlow(source: SourceText, map: YAMLMap.Parsed, index: number, end: number, comments: LazyComments): Splice[] {
  const text = source.text;
  const pair = map.items[index];
  const previous = map.items[index - 1] as ParsedPair | undefined;
  const next = map.items[index + 1] as ParsedPair | undefined;
  const previousEnd = previous ? contentEndOffset(previous.value ?? previous.key, text) : undefined;
  const spanStart = previousEnd ?? pair.key.range[0];
  const spanEnd = previousEnd !== undefined ? end : next!.key.range[0];
  if (!comments.between(spanStart, spanEnd)) return [{ start: spanStart, end: spanEnd, insert: '' }];
  // A comment sits next to the pair: the pair goes with the comma after it (before it when last).
  const comma = next ? commaIn(text, comments, end, next.key.range[0]) : commaIn(text, comments, previousEnd!, pair.key.range[0]);
  let start = pair.key.range[0];
  let stop = end;
  const splices: Splice[] = [];
  if (comma !== undefined && comma >= end && text.slice(end, comma).trim() === '') {
    stop = comma + 1;
    while (text[stop] === ' ') stop++;
  } else if (comma !== undefined) {
    splices.push({ start: comma, end: comma + 1, insert: '' });
  }
  // A pair alone on its lines takes them along; else it takes the spaces on the side where its line
  // starts or ends, so no stray space is left.
  const firstLine = source.lineOf(start);
  const lastLine = source.lineOf(stop);
  const startsLine = text.slice(source.lineStart(firstLine), start).trim() === '';
  const endsLine = text.slice(stop, source.lineEnd(lastLine)).trim() === '';
  if (startsLine && endsLine) return [...splices, deleteLines(source, firstLine, lastLine)];
  while (endsLine && text[start - 1] === ' ') start--;
  while (startsLine && text[stop] === ' ') stop++;
  return [...splices, { start, end: stop, insert: '' }];
}

/** The first `,` in [from, to) outside comments. */
function commaIn(text: string, comments: LazyComments, from: number, to: number): number | undefined {
  for (let at = from; at < to; at++) {
    if (text[at] === '#' && comments.between(at, at + 1)) {
      at = text.indexOf('\n', at);
      if (at === -1) return undefined;
    } else if (text[at] === ',') {
      return at;
    }
  }
  return undefined;
}

interface LazyComments {
  /** Whether a comment starts in [start, end). */
  between(start: number, end: number): boolean;
  /** The lines from `first` to `last` that hold only a comment. */
  linesOnly(first: number, last: number): Set<number>;
}

/** The file's comments, parsed for only when a `#` stands where it matters. */
function lazyComments(source: SourceText, given: readonly number[] | undefined): LazyComments {
  let offsets = given;
  const all = () => (offsets ??= commentOffsets(new Parser().parse(source.text)));
  return {
    between: (start, end) => source.text.slice(start, end).includes('#') && hasCommentBetween(all(), start, end),
    linesOnly: (first, last) => {
      const lines = new Set<number>();
      if (first > last || !source.text.slice(source.lineStart(first), source.lineEnd(last)).includes('#')) return lines;
      for (const offset of all()) {
        const line = source.lineOf(offset);
        if (line >= first && line <= last && source.column(offset) === source.indent(line)) lines.add(line);
      }
      return lines;
    },
  };
}
