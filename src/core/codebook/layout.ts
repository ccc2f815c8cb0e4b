// Where each code entry of a codebook.yaml sits in the text: its nodes, the line of its `-`, the
// comment lines that belong to it, and the file's indentation style. Parsing and editing both read
// the file through this layout.

import { Composer, isMap, isScalar, isSeq, Parser, type Document, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { countAtOrBelow, countBelow } from '../util/sorted';
import { commentLines as findCommentLines, commentOffsets as findCommentOffsets } from '../yaml/comments';
import { keyText, lastLineOf, styleOf, type ParsedPair } from '../yaml/nodes';
import type { ScalarStyle } from '../yaml/scalar';
import { SourceText } from '../yaml/text';

/** The `codes:` list or a code's `children:` list. */
export interface SequenceLayout {
  /** The code owning a `children:` list; undefined for the top-level `codes:`. */
  readonly owner: EntryLayout | undefined;
  /** The `codes:` / `children:` pair, when the key is written. */
  readonly pair: ParsedPair | undefined;
  /** The list itself, when the key's value is a sequence. */
  readonly node: YAMLSeq.Parsed | undefined;
  readonly entries: readonly EntryLayout[];
}

/** Lines (0-based) of an entry of a block sequence. */
export interface EntryLines {
  /** The line of the entry's `-`. */
  readonly dash: number;
  /** First line of the entry: its own comment lines directly above the `-`, or the `-` line. */
  readonly first: number;
  /** Last line holding the entry's content (its deepest, last value). */
  readonly contentEnd: number;
  /** Last line of the entry: comment lines indented deeper than its `-` directly below its content. */
  readonly last: number;
}

export interface EntryLayout {
  readonly sequence: SequenceLayout;
  readonly node: ParsedNode | null;
  /** The entry's map, when the entry is one. */
  readonly map: YAMLMap.Parsed | undefined;
  /** The entry is written as a flow map `{ … }`. */
  readonly flow: boolean;
  /** First pair of each plain-text key. */
  readonly pairs: ReadonlyMap<string, ParsedPair>;
  readonly children: SequenceLayout;
  /** Lines of an entry of a block sequence; undefined inside a flow sequence `[ … ]`. */
  readonly lines: EntryLines | undefined;
  /** Column of the `-` (block sequences only). */
  readonly dashColumn: number;
  /** Column of the map's keys (block maps only). */
  readonly keyColumn: number;
  /** Offset where the entry's content starts, for reports. */
  readonly offset: number;
}

/** How the file indents, so that new lines look like the researcher's own. */
export interface FileStyle {
  /** Columns from a `children:` / `codes:` key to the `-` of its entries (0 for indentless lists). */
  readonly sequenceIndent: number;
  /** Columns from an entry's `-` to its keys. */
  readonly mapIndent: number;
  /** How colours are quoted in the file. */
  readonly colourStyle: ScalarStyle;
}

export interface CodebookLayout {
  readonly source: SourceText;
  readonly doc: Document.Parsed;
  /** The root map; undefined when the document is empty or not a map. */
  readonly root: YAMLMap.Parsed | undefined;
  readonly top: SequenceLayout;
  /** Lines that hold only a comment. */
  readonly commentLines: ReadonlySet<number>;
  /** Offsets of every comment (`#`), in order. */
  readonly commentOffsets: readonly number[];
  readonly style: FileStyle;
}

export interface YamlSyntaxError {
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export type LayoutResult = { readonly ok: true; readonly layout: CodebookLayout } | { readonly ok: false; readonly errors: readonly YamlSyntaxError[] };

export const CODES_KEY = 'codes';
export const CHILDREN_KEY = 'children';
export const ALIASES_KEY = 'aliases';

export function readLayout(text: string): LayoutResult {
  const source = new SourceText(text);
  // One pass of the parser serves both the document and the comment positions (parsing is the
  // bulk of the cost). The failsafe schema reads every scalar as the string written, so `id: 007`
  // stays "007" and a code named `yes` stays "yes".
  const tokens = Array.from(new Parser().parse(text));
  const composer = new Composer({ schema: 'failsafe', keepSourceTokens: true });
  const [doc, ...more] = Array.from(composer.compose(tokens, true, text.length)) as Document.Parsed[];
  const errors: YamlSyntaxError[] = doc.errors.map((error) => ({ line: source.lineOf(error.pos[0]) + 1, message: error.message }));
  if (more.length > 0) errors.push({ line: source.lineOf(more[0].range[0]) + 1, message: 'The file holds more than one YAML document (a second `---`).' });
  if (errors.length > 0) return { ok: false, errors };

  const commentOffsets = findCommentOffsets(tokens);
  const commentLines = findCommentLines(source, commentOffsets);
  const root = isMap(doc.contents) ? (doc.contents as YAMLMap.Parsed) : undefined;
  const builder = new LayoutBuilder(source, commentLines);
  const top = builder.sequence(root, undefined);
  return { ok: true, layout: { source, doc, root, top, commentLines, commentOffsets, style: detectStyle(source, top) } };
}

class LayoutBuilder {
  constructor(
    private readonly source: SourceText,
    private readonly commentLines: ReadonlySet<number>,
  ) {}

  sequence(map: YAMLMap.Parsed | undefined, owner: EntryLayout | undefined): SequenceLayout {
    const key = owner ? CHILDREN_KEY : CODES_KEY;
    const pair = map?.items.find((item) => keyText(item) === key);
    const node = pair && isSeq(pair.value) ? (pair.value as YAMLSeq.Parsed) : undefined;
    const entries: EntryLayout[] = [];
    const layout: SequenceLayout = { owner, pair, node, entries };
    if (node) {
      const dashes = node.flow ? [] : dashOffsets(node);
      for (const item of node.items) entries.push(this.entry(item, layout, dashes));
    }
    return layout;
  }

  private entry(node: ParsedNode | null, sequence: SequenceLayout, dashes: readonly number[]): EntryLayout {
    const map = isMap(node) ? (node as YAMLMap.Parsed) : undefined;
    const pairs = new Map<string, ParsedPair>();
    for (const pair of map?.items ?? []) {
      const key = keyText(pair);
      if (key !== undefined && !pairs.has(key)) pairs.set(key, pair);
    }
    const offset = node?.range[0] ?? sequence.node?.range[0] ?? 0;
    // The item's `-` is the last one before its content (binary search: lists may be long).
    const dash = dashes[(node === null ? countAtOrBelow : countBelow)(dashes, offset) - 1] as number | undefined;
    const lines = dash === undefined ? undefined : this.lines(dash, node);
    const entry: { -readonly [K in keyof EntryLayout]: EntryLayout[K] } = {
      sequence,
      node,
      map,
      flow: Boolean(map?.flow),
      pairs,
      children: { owner: undefined, pair: undefined, node: undefined, entries: [] },
      lines,
      dashColumn: dash === undefined ? 0 : this.source.column(dash),
      keyColumn: map && !map.flow ? this.source.column(map.range[0]) : 0,
      offset,
    };
    entry.children = this.sequence(map, entry);
    return entry;
  }

  private lines(dash: number, node: ParsedNode | null): EntryLines {
    const { source, commentLines } = this;
    const dashLine = source.lineOf(dash);
    const dashColumn = source.column(dash);
    let first = dashLine;
    while (first > 0 && commentLines.has(first - 1) && source.indent(first - 1) <= dashColumn) first--;
    const contentEnd = node ? lastLineOf(source, node, dash) : dashLine;
    let last = contentEnd;
    while (last + 1 < source.lineCount && commentLines.has(last + 1) && source.indent(last + 1) > dashColumn) last++;
    return { dash: dashLine, first, contentEnd, last };
  }
}

/** Offsets of the `-` indicators of a block sequence, from its source tokens. */
function dashOffsets(node: YAMLSeq.Parsed): number[] {
  const token = node.srcToken;
  if (token?.type !== 'block-seq') return [];
  return token.items.flatMap((item) => item.start.filter((t) => t.type === 'seq-item-ind').map((t) => t.offset));
}

function detectStyle(source: SourceText, top: SequenceLayout): FileStyle {
  let sequenceIndent: number | undefined;
  let mapIndent: number | undefined;
  let colourStyle: ScalarStyle | undefined;
  const visit = (sequence: SequenceLayout): void => {
    const first = sequence.entries[0];
    if (sequence.pair && first?.lines) {
      sequenceIndent ??= first.dashColumn - source.column(sequence.pair.key.range[0]);
    }
    for (const entry of sequence.entries) {
      if (entry.lines && entry.map && !entry.flow && source.lineOf(entry.map.range[0]) === entry.lines.dash) {
        mapIndent ??= entry.keyColumn - entry.dashColumn;
      }
      const colour = entry.pairs.get('colour')?.value;
      if (colourStyle === undefined && isScalar(colour)) colourStyle = styleOf(colour);
      visit(entry.children);
    }
  };
  // Children lists say most about how a new `children:` should look, so visit them first.
  for (const entry of top.entries) visit(entry.children);
  visit(top);
  return { sequenceIndent: sequenceIndent ?? 2, mapIndent: mapIndent ?? 2, colourStyle: colourStyle ?? 'double' };
}
