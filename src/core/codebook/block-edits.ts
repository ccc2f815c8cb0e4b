// Splices that cut a code's entry block out of its list and insert blocks of lines into a list.
// A block is whole lines: the entry's own comment lines above its `-`, the entry with everything
// below it, and its trailing comment lines (see EntryLines). Blank lines between siblings follow
// the list's habit: a list whose entries are separated by blank lines stays that way.

import { isScalar, isSeq, type ParsedNode } from 'yaml';
import { CodebookEditError } from './errors';
import { contentEndOffset } from '../yaml/nodes';
import { type CodebookLayout, type EntryLayout, type EntryLines, type SequenceLayout } from './layout';
import { deleteLines, insertLinesBefore, reindent, type SourceText, type Splice } from '../yaml/text';

/** The entry's lines as written (without line breaks). */
export function blockLines(layout: CodebookLayout, entry: EntryLayout): string[] {
  const lines = requireLines(entry);
  const result: string[] = [];
  for (let line = lines.first; line <= lines.last; line++) result.push(layout.source.content(line));
  return result;
}

/** Lines shifted so that a block whose `-` stood at `fromColumn` has it at `toColumn`. */
export function reindentBlock(lines: readonly string[], fromColumn: number, toColumn: number): string[] {
  return lines.map((line) => reindent(line, toColumn - fromColumn));
}

/**
 * Splices removing an entry's block. When its list becomes empty the list's key is removed
 * (`children:`) or its value written `[]` (`codes:`, or a key carrying a comment).
 */
export function cutEntry(layout: CodebookLayout, entry: EntryLayout): Splice[] {
  const { source } = layout;
  const lines = requireLines(entry);
  const siblings = entry.sequence.entries;
  const index = siblings.indexOf(entry);
  const next = siblings[index + 1]?.lines;
  const previous = siblings[index - 1]?.lines;
  let first = lines.first;
  let last = lines.last;
  // Take one separating run of blank lines with the block, so the gap left is a single one.
  if (next && allBlank(source, last + 1, next.first - 1)) last = next.first - 1;
  else if (!next && previous && allBlank(source, previous.last + 1, first - 1)) first = previous.last + 1;

  const pair = entry.sequence.pair;
  if (siblings.length > 1 || !pair) return [deleteLines(source, first, last)];
  // The list becomes empty.
  const keyLine = source.lineOf(pair.key.range[0]);
  const colon = source.text.indexOf(':', pair.key.range[1]);
  const afterKey = source.text.slice(colon + 1, source.lineEnd(keyLine));
  const keyStandsAlone = source.indent(keyLine) === source.column(pair.key.range[0]) && afterKey.trim() === '';
  if (entry.sequence.owner && keyStandsAlone && (keyLine + 1 === first || allBlank(source, keyLine + 1, first - 1))) {
    return [deleteLines(source, keyLine, last)];
  }
  return [{ start: colon + 1, end: colon + 1, insert: ' []' }, deleteLines(source, first, last)];
}

/** Blank lines separating the entries of a list: the smallest gap made only of blank lines. */
export function siblingGap(layout: CodebookLayout, sequence: SequenceLayout): number {
  const { source } = layout;
  let gap: number | undefined;
  const blocks = sequence.entries.map((entry) => entry.lines).filter((lines): lines is EntryLines => lines !== undefined);
  for (let i = 0; i + 1 < blocks.length; i++) {
    const from = blocks[i].last + 1;
    const to = blocks[i + 1].first - 1;
    if (allBlank(source, from, to)) gap = Math.min(gap ?? Infinity, to - from + 1);
  }
  return gap ?? 0;
}

/** Column of the `-` for an entry of `sequence`, new or existing. */
export function dashColumnFor(layout: CodebookLayout, sequence: SequenceLayout): number {
  const existing = sequence.entries.find((entry) => entry.lines);
  if (existing) return existing.dashColumn;
  return keyColumnFor(layout, sequence) + layout.style.sequenceIndent;
}

/** Column of the list's key (`codes:` / `children:`), written or to be written. */
function keyColumnFor(layout: CodebookLayout, sequence: SequenceLayout): number {
  const { source } = layout;
  if (sequence.pair) return source.column(sequence.pair.key.range[0]);
  if (sequence.owner) return sequence.owner.keyColumn;
  return layout.root ? source.column(layout.root.range[0]) : 0;
}

/**
 * Splices inserting a block (lines already indented for `sequence`) so that it becomes entry
 * number `position` of the list (`position` = entries.length appends). Writes the list's key
 * when the list does not exist yet.
 */
export function insertBlock(layout: CodebookLayout, sequence: SequenceLayout, position: number, block: readonly string[]): Splice[] {
  const { source } = layout;
  const entries = sequence.entries;
  const gap = Array<string>(siblingGap(layout, sequence)).fill('');
  if (entries.length > 0) {
    if (entries.some((entry) => !entry.lines)) throw new CodebookEditError('Cannot insert into a list written in flow style [ … ].');
    if (position < entries.length) return [insertLinesBefore(source, requireLines(entries[position]).first, [...block, ...gap])];
    return [insertLinesBefore(source, requireLines(entries[entries.length - 1]).last + 1, [...gap, ...block])];
  }
  const pair = sequence.pair;
  if (pair && pair.value && !isSeq(pair.value) && pair.value.range[0] !== pair.value.range[1] && !isEmptyScalar(pair.value)) {
    throw new CodebookEditError(`\`${sequence.owner ? 'children' : 'codes'}:\` on line ${source.lineOf(pair.key.range[0]) + 1} is not a list; fix the codebook first.`);
  }
  if (pair) {
    // `children:` with no value, or with `[]`: the block goes below the key's line.
    const value = pair.value;
    const colon = source.text.indexOf(':', pair.key.range[1]);
    // `[]`, `~` or `null` make way for the block list; an empty value needs nothing.
    const written = value && (isSeq(value) || isEmptyScalar(value)) ? value : undefined;
    const valueEnd = written ? contentEndOffset(written, source.text) : colon + 1;
    const keyLine = source.lineOf(Math.max(colon, valueEnd - 1));
    const splices: Splice[] = [insertLinesBefore(source, keyLine + 1, block)];
    if (written) splices.push({ start: colon + 1, end: valueEnd, insert: '' });
    return splices;
  }
  const keyLine = ' '.repeat(keyColumnFor(layout, sequence)) + (sequence.owner ? 'children:' : 'codes:');
  if (sequence.owner) {
    return [insertLinesBefore(source, requireLines(sequence.owner).contentEnd + 1, [keyLine, ...block])];
  }
  // No `codes:` yet: after the root map's content, or at the end of an empty document.
  const root = layout.root;
  const after = root ? source.lineOf(Math.max(root.range[0], contentEndOffset(root, source.text) - 1)) + 1 : source.lineCount;
  return [insertLinesBefore(source, after, [keyLine, ...block])];
}

/** `~`, `null`: written, but meaning no value. */
function isEmptyScalar(node: ParsedNode): boolean {
  return isScalar(node) && node.type === 'PLAIN' && /^(?:~|null|Null|NULL)$/.test(String(node.value));
}

function requireLines(entry: EntryLayout): EntryLines {
  if (!entry.lines) throw new CodebookEditError('Cannot edit a code written inside a flow list [ … ] here.');
  return entry.lines;
}

function allBlank(source: SourceText, from: number, to: number): boolean {
  if (from > to) return false;
  for (let line = from; line <= to; line++) if (!source.isBlank(line)) return false;
  return true;
}
