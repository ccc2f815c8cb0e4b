// Rewriting a flow list `[ … ]` or a code written as a flow map `{ … }` in block style, which
// structural edits (adding children, moving, removing) need. Only the lines of that list or map
// change; each value keeps its exact source text.

import type { Pair, ParsedNode } from 'yaml';
import { CodebookEditError } from './errors';
import { contentEndOffset } from '../yaml/nodes';
import { type CodebookLayout, type EntryLayout, type SequenceLayout } from './layout';
import type { Splice } from '../yaml/text';

type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

/** `children: [{id: a, name: A}]` → `children:` followed by `- {id: a, name: A}` lines. */
export function flowSequenceToBlock(layout: CodebookLayout, sequence: SequenceLayout, dashColumn: number): Splice[] {
  const { source } = layout;
  const text = source.text;
  const { pair, node } = sequence;
  if (!pair || !node?.flow) return [];
  if (sequence.owner?.flow) throw new CodebookEditError('Internal: the owning code must be written in block style first.');
  const start = node.range[0];
  const end = contentEndOffset(node, text);
  refuseComments(layout, start, end, 'list');
  const items = sequence.entries.map((entry) => {
    const item = entry.node;
    return item ? text.slice(item.range[0], contentEndOffset(item, text)) : '';
  });
  if (items.some((item) => item.includes('\n'))) throw new CodebookEditError('Cannot rewrite a flow list whose items span lines; write it in block style first.');
  const colon = text.indexOf(':', pair.key.range[1]);
  const lastLineEnd = source.lineEnd(source.lineOf(end - 1));
  const rest = text.slice(end, lastLineEnd).trimEnd();
  const pad = ' '.repeat(dashColumn);
  const lines = items.map((item) => source.eol + pad + '- ' + item).join('');
  return [{ start: colon + 1, end: lastLineEnd, insert: rest + lines }];
}

/** `- {id: a, name: A}` → `- id: a` / `  name: A`, each value's source kept. */
export function flowEntryToBlock(layout: CodebookLayout, entry: EntryLayout): Splice[] {
  const { source } = layout;
  const text = source.text;
  const map = entry.map;
  if (!map?.flow || !entry.lines) return [];
  const start = map.range[0];
  const end = contentEndOffset(map, text);
  refuseComments(layout, start, end, 'map');
  const keyColumn = source.column(start);
  const pairs = map.items.map((pair) => pairSource(text, pair));
  if (pairs.some((pair) => pair.includes('\n'))) throw new CodebookEditError('Cannot rewrite a flow map whose values span lines; write it in block style first.');
  const lastLineEnd = source.lineEnd(source.lineOf(end - 1));
  const rest = text.slice(end, lastLineEnd).trimEnd();
  const [first, ...others] = pairs;
  const lines = others.map((pair) => source.eol + ' '.repeat(keyColumn) + pair).join('');
  return [{ start, end: lastLineEnd, insert: (first ?? '') + rest + lines }];
}

function pairSource(text: string, pair: ParsedPair): string {
  const key = text.slice(pair.key.range[0], pair.key.range[1]);
  if (!pair.value || pair.value.range[0] === pair.value.range[1]) return `${key}:`;
  return `${key}: ${text.slice(pair.value.range[0], contentEndOffset(pair.value, text))}`;
}

function refuseComments(layout: CodebookLayout, start: number, end: number, what: string): void {
  if (layout.commentOffsets.some((offset) => offset > start && offset < end)) {
    throw new CodebookEditError(`Cannot rewrite a flow ${what} that contains comments; write it in block style first.`);
  }
}
