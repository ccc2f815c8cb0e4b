// Editing a framework matrix file as text: a cell's rating, summary or evidence, a new cell, a new
// row or theme. Each edit splices only the lines it concerns, so the researcher's comments, blank
// lines, quoting and key order elsewhere stay exactly as they were, and two researchers editing
// different cells produce changes Git merges without conflict.
import { isMap, isScalar, isSeq, Parser, parseDocument, type Document, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { commentLines, commentOffsets, hasCommentBetween } from '../yaml/comments';
import { contentEndOffset, dashColumn, isEmptyValue, keyText, lastLineOf, pairOf, scalarValue, type ParsedPair } from '../yaml/nodes';
import { BLOCK_SCALAR_INDENT, removePairSplices, renderPair, replaceValue } from '../yaml/pair-edits';
import { flowList, flowScalar, formatScalar, type ScalarStyle } from '../yaml/scalar';
import { applySplices, deleteLines, insertLinesBefore, SourceText, type Splice } from '../yaml/text';
import { parseFramework } from './parse';
import type { FrameworkRow, FrameworkTheme } from './model';

export class FrameworkEditError extends Error {}

/** A change to one cell. Undefined leaves a part as it is; null (or '') removes it. */
export interface CellChange {
  readonly rating?: string | null;
  readonly summary?: string | null;
  /** The cell's evidence afterwards, in full. Kept links keep their lines (and comments). */
  readonly evidence?: readonly EvidenceLink[];
}

export interface EvidenceLink {
  /** A coding id. */
  readonly id: string;
  /** Written as a comment after a newly added id, e.g. the start of the segment's text. */
  readonly note?: string;
}

const CELL_KEY_ORDER = ['case', 'theme', 'rating', 'summary', 'evidence'] as const;
type CellKey = (typeof CELL_KEY_ORDER)[number];
/** Longest note written after an evidence id, in code points. */
export const NOTE_LENGTH = 60;

interface Layout {
  readonly source: SourceText;
  readonly doc: Document.Parsed;
  readonly root: YAMLMap.Parsed | undefined;
  /** Offsets of every `#` that starts a comment (found on first use). */
  readonly comments: readonly number[];
  /** Lines that hold only a comment (found on first use). */
  readonly commentLines: ReadonlySet<number>;
}

function readLayout(text: string): Layout {
  const doc = parseDocument(text, { schema: 'failsafe', keepSourceTokens: true, uniqueKeys: true, prettyErrors: false });
  const source = new SourceText(text);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new FrameworkEditError(`The matrix file has errors (line ${source.lineOf(error.pos[0]) + 1}: ${error.message.split('\n')[0]}); fix them before editing it.`);
  }
  const contents = doc.contents;
  const empty = contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
  if (!empty && !isMap(contents)) throw new FrameworkEditError('The matrix file should be a map with "cases", "themes" and "cells".');
  let comments: number[] | undefined;
  let lines: Set<number> | undefined;
  return {
    source,
    doc,
    root: isMap(contents) ? (contents as YAMLMap.Parsed) : undefined,
    get comments() {
      comments ??= commentOffsets(new Parser().parse(text));
      return comments;
    },
    get commentLines() {
      lines ??= commentLines(source, this.comments);
      return lines;
    },
  };
}

// ---- cells ---------------------------------------------------------------------------------

interface CellLayout {
  readonly map: YAMLMap.Parsed;
  readonly caseId: string | undefined;
  readonly theme: string | undefined;
  /** Line of the cell's `-`. */
  readonly dashLine: number;
  readonly dashColumn: number;
  readonly keyColumn: number;
}

function cellsOf(layout: Layout): { pair: ParsedPair | undefined; seq: YAMLSeq.Parsed | undefined; cells: CellLayout[] } {
  const pair = pairOf(layout.root, 'cells');
  const seq = pair && isSeq(pair.value) ? (pair.value as YAMLSeq.Parsed) : undefined;
  const cells: CellLayout[] = [];
  for (const item of seq?.items ?? []) {
    if (!isMap(item)) continue;
    const map = item as YAMLMap.Parsed;
    const { source } = layout;
    const keyColumn = source.column(map.range[0]);
    cells.push({
      map,
      caseId: scalarValue(pairOf(map, 'case')?.value),
      theme: scalarValue(pairOf(map, 'theme')?.value),
      dashLine: source.lineOf(map.range[0]),
      dashColumn: seq?.flow ? keyColumn : dashColumn(source, map),
      keyColumn,
    });
  }
  return { pair, seq, cells };
}

function findCell(layout: Layout, caseId: string, theme: string): CellLayout | undefined {
  return cellsOf(layout).cells.find((cell) => cell.caseId === caseId && cell.theme === theme);
}

/**
 * Applies `change` to the cell of `caseId` and `theme`, creating the cell (in row, then theme
 * order) when the file has none. A cell left with no rating, summary or evidence is removed,
 * unless comments are written in it.
 */
export function editFrameworkCell(text: string, caseId: string, theme: string, change: CellChange): string {
  let current = text;
  let layout = readLayout(current);
  if (!findCell(layout, caseId, theme)) {
    const rating = change.rating ?? undefined;
    const summary = change.summary ?? undefined;
    const evidence = change.evidence ?? [];
    if (!rating && !summary && evidence.length === 0) return text;
    return insertCell(layout, caseId, theme, { rating, summary, evidence });
  }
  const steps: Array<(l: Layout, cell: CellLayout) => Splice[]> = [];
  if (change.rating !== undefined) steps.push((l, cell) => setOrRemoveScalar(l, cell, 'rating', change.rating || undefined, 'double'));
  if (change.summary !== undefined) steps.push((l, cell) => setOrRemoveScalar(l, cell, 'summary', change.summary || undefined));
  if (change.evidence !== undefined) steps.push((l, cell) => setEvidence(l, cell, change.evidence!));
  for (const step of steps) {
    const cell = findCell(layout, caseId, theme)!;
    current = applySplices(current, step(layout, cell));
    layout = readLayout(current);
  }
  const cell = findCell(layout, caseId, theme)!;
  const empty = !['rating', 'summary', 'evidence'].some((key) => {
    const pair = pairOf(cell.map, key);
    return pair && !isEmptyValue(pair.value) && !(isSeq(pair.value) && pair.value.items.length === 0);
  });
  if (empty) current = removeCellIfClean(layout, cell) ?? current;
  return current;
}

function removeCellIfClean(layout: Layout, cell: CellLayout): string | undefined {
  const { source } = layout;
  // Comment lines right below the cell, indented under it, belong to it too.
  const last = lastLineOfEntry(layout, cell);
  const start = source.lineStart(cell.dashLine);
  const end = source.lineEnd(last);
  if (hasCommentBetween(layout.comments, start, end)) return undefined;
  const seq = cellsOf(layout).seq;
  if (seq?.flow) return undefined;
  return applySplices(source.text, [deleteLines(source, cell.dashLine, last)]);
}

function setOrRemoveScalar(layout: Layout, cell: CellLayout, key: CellKey, value: string | undefined, preferred?: ScalarStyle): Splice[] {
  if (cell.map.flow) return rewriteFlowCell(layout, cell, { [key]: value ?? null });
  const pair = pairOf(cell.map, key);
  if (value === undefined) return pair ? removePair(layout, cell, pair) : [];
  return pair ? replaceScalar(layout, cell, pair, value, preferred) : addPairLines(layout, cell, key, renderPairLines(key, value, cell.keyColumn, preferred));
}

/** The lines of `key: value` at `keyColumn` (a block scalar's body indented deeper). */
function renderPairLines(key: string, value: string, keyColumn: number, preferred?: ScalarStyle): string[] {
  const [keyLine, ...valueLines] = renderPair(key, value, keyColumn, preferred);
  return [' '.repeat(keyColumn) + keyLine, ...valueLines];
}

function replaceScalar(layout: Layout, cell: CellLayout, pair: ParsedPair, value: string, preferred?: ScalarStyle): Splice[] {
  const { source } = layout;
  const old = pair.value;
  if (!isEmptyValue(old) && !isScalar(old)) {
    // A list or map where text belongs: the whole pair is rewritten.
    const keyColumn = source.column(pair.key.range[0]);
    const last = lastLineOf(source, old!, pair.key.range[0]);
    return [{ start: source.lineStart(source.lineOf(pair.key.range[0])), end: source.lineEnd(last), insert: renderPairLines(keyText(pair)!, value, keyColumn, preferred).join(source.eol) }];
  }
  return [replaceValue(source, pair, value, { inFlow: cell.map.flow ?? false, preferred })];
}

/** Whole lines for a new key, placed after the keys that come before it in the documented order. */
function addPairLines(layout: Layout, cell: CellLayout, key: CellKey, lines: readonly string[]): Splice[] {
  const { source } = layout;
  const rank = CELL_KEY_ORDER.indexOf(key);
  const later = cell.map.items.find((item, index) => index > 0 && CELL_KEY_ORDER.indexOf(keyText(item) as CellKey) > rank);
  if (later) {
    let line = source.lineOf(later.key.range[0]);
    while (line - 1 > cell.dashLine && layout.commentLines.has(line - 1) && source.indent(line - 1) <= cell.keyColumn) line--;
    return [insertLinesBefore(source, line, lines)];
  }
  const last = lastLineOf(source, cell.map);
  return [insertLinesBefore(source, last + 1, lines)];
}

/** Comment lines inside a removed list stay; the pair's own lines go. */
function removePair(layout: Layout, cell: CellLayout, pair: ParsedPair): Splice[] {
  return removePairSplices(layout.source, cell.map, pair, {
    onlyKey: 'refuse',
    keepInnerCommentLines: true,
    comments: layout.comments,
    refusal: () => new FrameworkEditError(`Cannot remove "${keyText(pair)}", the cell's first key; move it below "case" and "theme" first.`),
  });
}

// ---- evidence ------------------------------------------------------------------------------

/** The note written after a new evidence id: one line, at most NOTE_LENGTH code points. */
export function evidenceNote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if ([...oneLine].length <= NOTE_LENGTH) return oneLine;
  // Cut between characters as the reader sees them: an accent or an emoji's skin tone stays whole.
  let note = '';
  let length = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(oneLine)) {
    length += [...segment].length;
    if (length > NOTE_LENGTH - 1) break;
    note += segment;
  }
  return note.trimEnd() + '…';
}

function evidenceItemLine(link: EvidenceLink, column: number): string {
  const id = formatScalar(link.id, { inFlow: false, blockIndent: 0 }).head;
  const note = link.note ? evidenceNote(link.note) : '';
  return `${' '.repeat(column)}- ${id}${note ? `  # ${note}` : ''}`;
}

function setEvidence(layout: Layout, cell: CellLayout, links: readonly EvidenceLink[]): Splice[] {
  const unique = links.filter((link, i) => links.findIndex((l) => l.id === link.id) === i);
  if (cell.map.flow) return rewriteFlowCell(layout, cell, { evidence: unique.map((l) => l.id) });
  const { source } = layout;
  const pair = pairOf(cell.map, 'evidence');
  const itemColumn = cell.keyColumn + BLOCK_SCALAR_INDENT;
  if (!pair) {
    if (unique.length === 0) return [];
    return addPairLines(layout, cell, 'evidence', [' '.repeat(cell.keyColumn) + 'evidence:', ...unique.map((l) => evidenceItemLine(l, itemColumn))]);
  }
  if (unique.length === 0) return removePair(layout, cell, pair);
  const value = pair.value;
  const keyLine = source.lineOf(pair.key.range[0]);
  if (isSeq(value) && !value.flow) {
    const seq = value as YAMLSeq.Parsed;
    const wanted = new Set(unique.map((l) => l.id));
    const present = new Set<string>();
    const splices: Splice[] = [];
    let itemDash = itemColumn;
    let lastLine = keyLine;
    seq.items.forEach((item, index) => {
      const node = item as ParsedNode;
      const line = source.lineOf(node.range[0]);
      const last = lastLineOf(source, node);
      if (index === 0) itemDash = dashColumn(source, node);
      lastLine = Math.max(lastLine, last);
      const id = scalarValue(node);
      if (id !== undefined && wanted.has(id) && !present.has(id)) present.add(id);
      else splices.push(deleteLines(source, line, last));
    });
    const added = unique.filter((l) => !present.has(l.id));
    if (added.length > 0) splices.push(insertLinesBefore(source, lastLine + 1, added.map((l) => evidenceItemLine(l, itemDash))));
    return splices;
  }
  if (isSeq(value) && value.flow) {
    const start = value.range[0];
    const end = contentEndOffset(value, source.text);
    if (hasCommentBetween(layout.comments, start, end)) throw new FrameworkEditError('Cannot rewrite an evidence list written in brackets with comments inside; write it one id per line.');
    // The flow list becomes a block list: one id per line reads and merges better.
    const lineEnd = source.lineEnd(source.lineOf(end));
    const rest = source.text.slice(end, lineEnd).trimEnd();
    const items = unique.map((l) => source.eol + evidenceItemLine(l, itemColumn)).join('');
    return [{ start: source.text.lastIndexOf(':', start) + 1, end: lineEnd, insert: rest + items }];
  }
  // `evidence:` with no value (or a lone scalar): the list follows the key line.
  const afterColon = source.text.indexOf(':', pair.key.range[1]) + 1;
  const end = isEmptyValue(value) ? source.lineEnd(keyLine) : source.lineEnd(lastLineOf(source, value!, afterColon));
  const rest = isEmptyValue(value) ? source.text.slice(afterColon, end).trimEnd() : '';
  return [{ start: afterColon, end, insert: rest + unique.map((l) => source.eol + evidenceItemLine(l, itemColumn)).join('') }];
}

/** A cell written as `{ case: …, theme: … }` is rewritten in block style with the change applied. */
function rewriteFlowCell(layout: Layout, cell: CellLayout, change: { rating?: string | null; summary?: string | null; evidence?: readonly string[] }): Splice[] {
  const { source } = layout;
  const start = cell.map.range[0];
  const end = contentEndOffset(cell.map, source.text);
  if (hasCommentBetween(layout.comments, start, end)) throw new FrameworkEditError('Cannot rewrite a cell written in braces with comments inside; write it in block style first.');
  const values = cell.map.toJSON() as Record<string, unknown>;
  const merged = {
    case: cell.caseId!,
    theme: cell.theme!,
    rating: change.rating !== undefined ? (change.rating ?? undefined) : typeof values.rating === 'string' ? values.rating : undefined,
    summary: change.summary !== undefined ? (change.summary ?? undefined) : typeof values.summary === 'string' ? values.summary : undefined,
    evidence: (change.evidence ?? (Array.isArray(values.evidence) ? values.evidence.map(String) : [])).map((id) => ({ id })),
  };
  const lines = renderCell(merged, cell.dashColumn, cell.keyColumn - cell.dashColumn || BLOCK_SCALAR_INDENT);
  const firstLine = lines[0].slice(cell.dashColumn + (cell.keyColumn - cell.dashColumn || BLOCK_SCALAR_INDENT));
  const lineEnd = source.lineEnd(source.lineOf(end));
  const rest = source.text.slice(end, lineEnd).trimEnd();
  return [{ start, end: lineEnd, insert: firstLine + rest + lines.slice(1).map((l) => source.eol + l).join('') }];
}

interface NewCell {
  readonly case: string;
  readonly theme: string;
  readonly rating?: string;
  readonly summary?: string;
  readonly evidence: readonly EvidenceLink[];
}

/** A cell's lines, its `-` at `dashColumn` and its keys `mapIndent` further in. */
function renderCell(cell: NewCell, dashColumn: number, mapIndent: number): string[] {
  const keyColumn = dashColumn + mapIndent;
  const lines: string[] = [];
  const push = (pairLines: string[]) => lines.push(...pairLines);
  push(renderPairLines('case', cell.case, keyColumn));
  push(renderPairLines('theme', cell.theme, keyColumn));
  if (cell.rating) push(renderPairLines('rating', cell.rating, keyColumn, 'double'));
  if (cell.summary) push(renderPairLines('summary', cell.summary, keyColumn));
  if (cell.evidence.length > 0) {
    lines.push(' '.repeat(keyColumn) + 'evidence:');
    for (const link of cell.evidence) lines.push(evidenceItemLine(link, keyColumn + BLOCK_SCALAR_INDENT));
  }
  lines[0] = ' '.repeat(dashColumn) + '-' + ' '.repeat(mapIndent - 1) + lines[0].slice(keyColumn);
  return lines;
}

function insertCell(layout: Layout, caseId: string, theme: string, content: { rating?: string; summary?: string; evidence: readonly EvidenceLink[] }): string {
  const { source } = layout;
  const parsed = parseFramework(source.text, 'matrix').matrix;
  const rowRank = (id: string | undefined) => {
    const i = parsed.rows.findIndex((r) => r.id === id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const themeRank = (code: string | undefined) => {
    const i = parsed.themes.findIndex((t) => t.code === code);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const compare = (a: { caseId?: string; theme?: string }, b: { caseId?: string; theme?: string }) =>
    rowRank(a.caseId) - rowRank(b.caseId) || themeRank(a.theme) - themeRank(b.theme);
  const { pair, seq, cells } = cellsOf(layout);
  const blockCells = cells.filter((c) => !c.map.flow || !seq?.flow);
  const first = blockCells[0];
  const dashColumn = first?.dashColumn ?? 2;
  const mapIndent = first ? Math.max(1, first.keyColumn - first.dashColumn) : 2;
  const lines = renderCell({ case: caseId, theme, ...content }, dashColumn, mapIndent);
  const isSeparated = blockCells.slice(1).some((c) => source.isBlank(firstLineOf(layout, c) - 1));

  if (seq && seq.flow) {
    if (seq.items.length > 0) throw new FrameworkEditError('The cells are written as a list in brackets; write them in block style (one "- case: …" entry per cell) to edit them here.');
    // `cells: []`: the brackets go, the cell follows the key line.
    const lineEnd = source.lineEnd(source.lineOf(seq.range[0]));
    const rest = source.text.slice(contentEndOffset(seq, source.text), lineEnd).trimEnd();
    return applySplices(source.text, [{ start: seq.range[0] - (source.text[seq.range[0] - 1] === ' ' ? 1 : 0), end: lineEnd, insert: rest + lines.map((l) => source.eol + l).join('') }]);
  }
  if (!pair) {
    const needsBlank = source.text.trim() !== '' && !source.isBlank(Math.max(0, source.lineCount - (source.endsWithLineBreak ? 2 : 1)));
    return applySplices(source.text, [insertLinesBefore(source, source.lineCount, [...(needsBlank ? [''] : []), 'cells:', ...lines])]);
  }
  if (!seq) {
    if (!isEmptyValue(pair.value)) throw new FrameworkEditError('"cells" should be a list.');
    const keyLine = source.lineOf(pair.key.range[0]);
    return applySplices(source.text, [insertLinesBefore(source, keyLine + 1, lines)]);
  }
  const nextIndex = blockCells.findIndex((c) => compare(c, { caseId, theme }) > 0);
  const next = nextIndex === -1 ? undefined : blockCells[nextIndex];
  const previous = nextIndex === -1 ? blockCells.at(-1) : blockCells[nextIndex - 1];
  const at = (line: number, insert: string[]) => applySplices(source.text, [insertLinesBefore(source, line, insert)]);
  // Within the case's own cells: right after the one before it, or right before the one after it.
  if (previous && previous.caseId === caseId) return at(lastLineOf(source, previous.map) + 1, lines);
  if (next && next.caseId === caseId) return at(next.dashLine, lines);
  // The case's first cell: a group of its own, set apart by a blank line when the file does that.
  if (next) return at(firstLineOf(layout, next), isSeparated ? [...lines, ''] : lines);
  if (!previous) return at(source.lineOf(pair.key.range[0]) + 1, lines);
  return at(lastLineOfEntry(layout, previous) + 1, isSeparated ? ['', ...lines] : lines);
}

/** The cell's first line: its `-`, or the comment lines directly above it that speak about it. */
function firstLineOf(layout: Layout, cell: CellLayout): number {
  const { source } = layout;
  let line = cell.dashLine;
  while (line > 0 && layout.commentLines.has(line - 1) && source.indent(line - 1) <= cell.dashColumn) line--;
  return line;
}

/** The cell's last line, with comment lines indented deeper than its `-` directly below it. */
function lastLineOfEntry(layout: Layout, cell: CellLayout): number {
  const { source } = layout;
  let last = lastLineOf(source, cell.map);
  while (last + 1 < source.lineCount && layout.commentLines.has(last + 1) && source.indent(last + 1) > cell.dashColumn) last++;
  return last;
}

// ---- rows and themes -----------------------------------------------------------------------

/** Adds a row (a case, or a group of cases) at the end of `cases`. */
export function addFrameworkRow(text: string, row: Omit<FrameworkRow, 'line'>): string {
  const layout = readLayout(text);
  const parsed = parseFramework(text, 'matrix').matrix;
  if (parsed.rows.some((r) => r.id === row.id)) throw new FrameworkEditError(`"${row.id}" is already a row of the matrix.`);
  const simple = row.name === undefined && row.cases === undefined;
  const entries: Array<[string, string | readonly string[]]> = [['id', row.id]];
  if (row.name !== undefined) entries.push(['name', row.name]);
  if (row.cases !== undefined) entries.push(['cases', row.cases]);
  return appendToList(layout, 'cases', simple ? row.id : entries);
}

/** Adds a theme (a code, optionally with its own column title) at the end of `themes`. */
export function addFrameworkTheme(text: string, theme: Omit<FrameworkTheme, 'line'>): string {
  const layout = readLayout(text);
  const parsed = parseFramework(text, 'matrix').matrix;
  if (parsed.themes.some((t) => t.code === theme.code)) throw new FrameworkEditError(`"${theme.code}" is already a theme of the matrix.`);
  return appendToList(layout, 'themes', theme.name === undefined ? theme.code : [['code', theme.code], ['name', theme.name]]);
}

type ListItem = string | ReadonlyArray<[string, string | readonly string[]]>;

function flowItem(item: ListItem): string {
  if (typeof item === 'string') return flowScalar(item);
  return `{ ${item.map(([key, value]) => `${key}: ${typeof value === 'string' ? flowScalar(value) : flowList(value)}`).join(', ')} }`;
}

function blockItemLines(item: ListItem, dashColumn: number): string[] {
  const pad = ' '.repeat(dashColumn);
  if (typeof item === 'string') return [`${pad}- ${formatScalar(item, { inFlow: false, blockIndent: dashColumn + 4 }).head}`];
  return item.map(([key, value], index) => {
    const head = typeof value === 'string' ? formatScalar(value, { inFlow: false, blockIndent: dashColumn + 4 }).head : flowList(value);
    return `${index === 0 ? pad + '- ' : pad + '  '}${key}: ${head}`;
  });
}

function appendToList(layout: Layout, key: 'cases' | 'themes', item: ListItem): string {
  const { source } = layout;
  const text = source.text;
  const pair = pairOf(layout.root, key);
  if (!pair) {
    // A missing list goes before `cells` (and the comments above it), or at the end.
    const cells = pairOf(layout.root, 'cells');
    const lines = [`${key}:`, ...blockItemLines(item, 2)];
    if (!cells) return applySplices(text, [insertLinesBefore(source, source.lineCount, lines)]);
    let line = source.lineOf(cells.key.range[0]);
    while (line > 0 && layout.commentLines.has(line - 1) && source.indent(line - 1) === 0) line--;
    return applySplices(text, [insertLinesBefore(source, line, lines)]);
  }
  const value = pair.value;
  if (isSeq(value) && value.flow) {
    const close = contentEndOffset(value, text) - 1; // the `]`
    const lastItem = value.items.at(-1) as ParsedNode | undefined;
    if (!lastItem) return applySplices(text, [{ start: value.range[0], end: close + 1, insert: `[${flowItem(item)}]` }]);
    const at = contentEndOffset(lastItem, text);
    return applySplices(text, [{ start: at, end: at, insert: `, ${flowItem(item)}` }]);
  }
  if (isSeq(value)) {
    const items = value.items as ParsedNode[];
    const firstItem = items[0];
    const dash = firstItem ? dashColumn(source, firstItem) : 2;
    const last = items.length > 0 ? lastLineOf(source, items.at(-1)!) : source.lineOf(pair.key.range[0]);
    return applySplices(text, [insertLinesBefore(source, last + 1, blockItemLines(item, dash))]);
  }
  if (!isEmptyValue(value)) throw new FrameworkEditError(`"${key}" should be a list.`);
  return applySplices(text, [insertLinesBefore(source, source.lineOf(pair.key.range[0]) + 1, blockItemLines(item, 2))]);
}

// ---- new files -----------------------------------------------------------------------------

export interface NewFramework {
  readonly title: string;
  readonly description?: string;
  /** Omitted: the default scale ++, +, -, +/- (written out, so it can be edited). */
  readonly scale?: readonly string[];
  readonly rows: readonly Omit<FrameworkRow, 'line'>[];
  readonly themes: readonly Omit<FrameworkTheme, 'line'>[];
}

/** The text of a new matrix file. */
export function newFrameworkText(spec: NewFramework, scaleDefault: readonly string[] = ['++', '+', '-', '+/-']): string {
  const scalar = (value: string) => formatScalar(value, { inFlow: false, blockIndent: 2 });
  const flow = (value: string) => formatScalar(value, { inFlow: true, blockIndent: 0, preferred: 'double' }).head;
  const lines = [
    '# Framework matrix (Gloss): cases (rows) x themes (codes), one cell per case and theme with a',
    '# rating from the scale, a summary and the ids of the codings it rests on. See docs/data-format.md.',
    ...keyLines('title', scalar(spec.title)),
  ];
  if (spec.description) lines.push(...keyLines('description', scalar(spec.description)));
  lines.push(`scale: [${(spec.scale ?? scaleDefault).map(flow).join(', ')}]`);
  lines.push('cases:', ...spec.rows.flatMap((row) => blockItemLines(row.name === undefined && row.cases === undefined ? row.id : rowEntries(row), 2)));
  lines.push('themes:', ...spec.themes.flatMap((theme) => blockItemLines(theme.name === undefined ? theme.code : [['code', theme.code], ['name', theme.name]], 2)));
  lines.push('cells:');
  return lines.join('\n') + '\n';
}

function rowEntries(row: Omit<FrameworkRow, 'line'>): ReadonlyArray<[string, string | readonly string[]]> {
  const entries: Array<[string, string | readonly string[]]> = [['id', row.id]];
  if (row.name !== undefined) entries.push(['name', row.name]);
  if (row.cases !== undefined) entries.push(['cases', row.cases]);
  return entries;
}

function keyLines(key: string, scalar: { head: string; lines: readonly string[] }): string[] {
  return [`${key}: ${scalar.head}`, ...scalar.lines];
}

