// Reading codebook.yaml into a Codebook, reporting every problem with its line instead of
// repairing it: the researcher fixes the file, the extension never guesses.

import { isScalar, isSeq, type ParsedNode } from 'yaml';
import type { Code, Problem } from '../model';
import { Codebook, nameKey } from './codebook';
import { isColour } from './colour';
import { isGuid, toRefiGuid } from './ids';
import { keyText } from '../yaml/nodes';
import { ALIASES_KEY, CHILDREN_KEY, CODES_KEY, readLayout, type CodebookLayout, type EntryLayout, type SequenceLayout } from './layout';

export interface CodebookParseResult {
  /**
   * False when the file is not readable as a codebook (a YAML syntax error, or a document that is
   * not a map). Then `codebook` is empty and callers must never write the file.
   */
  readonly ok: boolean;
  readonly codebook: Codebook;
  readonly problems: readonly Problem[];
  /** 1-based line of each loaded code's entry, to reveal a code in the file. */
  readonly lines: ReadonlyMap<string, number>;
}

export const CODE_KEYS: readonly string[] = ['id', 'name', 'colour', 'description', 'guid', ALIASES_KEY, CHILDREN_KEY];

/**
 * The largest codebook.yaml read, in UTF-8 bytes (10 MB: some 80,000 codes with short
 * descriptions). A larger file is reported and left alone: parsing it would hold the extension
 * host for many seconds and, with long quoted values, run it out of memory.
 */
export const CODEBOOK_SIZE_LIMIT = 10 * 1024 * 1024;

/** Why a text is too large to read as a codebook; undefined when it is not. */
function tooLarge(text: string): string | undefined {
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= CODEBOOK_SIZE_LIMIT) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= CODEBOOK_SIZE_LIMIT) return undefined;
  return `The codebook is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${CODEBOOK_SIZE_LIMIT / 1024 / 1024} MB Gloss reads; it is not loaded and cannot be edited until it is smaller.`;
}

/** Whether a text fits the size limit; the edit functions check their results with it. */
export function withinSizeLimit(text: string): boolean {
  return tooLarge(text) === undefined;
}

/**
 * The last text read and all it gave, layout included: an edit reads the file as it is on disk
 * (most often the text the study or the previous edit just read) and reads its result back, which
 * the study then checks and loads. Keeping the last reading makes each edit one parse of the
 * file. One codebook's layout is kept in memory for it.
 */
let lastRead: { readonly text: string; readonly file: string; readonly analysis: CodebookAnalysis } | undefined;

export function parseCodebook(text: string, file: string): CodebookParseResult {
  const { ok, codebook, problems, lines } = analyseCodebook(text, file);
  return { ok, codebook, problems, lines };
}

/** What the editor needs beyond the parse result: where each loaded code is written. */
export interface CodebookAnalysis extends CodebookParseResult {
  readonly layout: CodebookLayout | undefined;
  /** The entry of each loaded code. */
  readonly entries: ReadonlyMap<string, EntryLayout>;
  /** Ids written more than once; edits touching them are refused. */
  readonly duplicateIds: ReadonlySet<string>;
}

/** The reading of a codebook text (never changed by its users, so the last one is shared). */
export function analyseCodebook(text: string, file: string): CodebookAnalysis {
  if (lastRead?.text === text && lastRead.file === file) return lastRead.analysis;
  const analysis = analyse(text, file);
  lastRead = { text, file, analysis };
  return analysis;
}

function analyse(text: string, file: string): CodebookAnalysis {
  const unreadable = (problems: Problem[]): CodebookAnalysis => ({ ok: false, codebook: Codebook.empty, problems, lines: new Map(), layout: undefined, entries: new Map(), duplicateIds: new Set() });
  const size = tooLarge(text);
  if (size !== undefined) return unreadable([{ file, message: size, severity: 'error' }]);
  const read = readLayout(text);
  if (!read.ok) return unreadable(read.errors.map((error): Problem => ({ file, line: error.line, message: `Not valid YAML: ${error.message}`, severity: 'error' })));
  return new Analyser(read.layout, file).run();
}

/** A string scalar's text; undefined when the value is absent (`key:`, `~`, `null`). */
export function scalarText(node: ParsedNode | null | undefined): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  if (node.type === 'PLAIN' && /^(?:|~|null|Null|NULL)$/.test(node.value)) return undefined;
  return node.value;
}

class Analyser {
  private readonly problems: Problem[] = [];
  private readonly codes: Code[] = [];
  private readonly entries = new Map<string, EntryLayout>();
  private readonly lines = new Map<string, number>();
  private readonly duplicateIds = new Set<string>();

  constructor(
    private readonly layout: CodebookLayout,
    private readonly file: string,
  ) {}

  run(): CodebookAnalysis {
    const { layout } = this;
    const contents = layout.doc.contents;
    if (contents !== null && !layout.root) {
      this.report(this.lineAt(contents.range[0]), 'The codebook must be a map with a `codes:` list.', 'error');
      return this.result(false);
    }
    if (layout.root) {
      for (const pair of layout.root.items) {
        const key = keyText(pair);
        if (key !== CODES_KEY) this.report(this.lineAt(pair.key.range[0]), `Unknown key "${key ?? '?'}" at the top of the codebook (kept, not used).`, 'warning');
      }
      if (!layout.top.pair) this.report(this.lineAt(layout.root.range[0]), 'The codebook has no `codes:` list.', 'warning');
    }
    this.sequence(layout.top, undefined);
    return this.result(true);
  }

  private result(ok: boolean): CodebookAnalysis {
    if (ok) this.checkAliases();
    return {
      ok,
      codebook: ok ? new Codebook(this.codes) : Codebook.empty,
      // In file order; problems on one line keep the order they were found in.
      problems: [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
      lines: this.lines,
      layout: this.layout,
      entries: this.entries,
      duplicateIds: this.duplicateIds,
    };
  }

  private sequence(sequence: SequenceLayout, parentId: string | undefined): void {
    const value = sequence.pair?.value;
    const hasOtherValue = scalarText(value) !== undefined || (value && !isScalar(value));
    if (sequence.pair && !sequence.node && hasOtherValue) {
      const what = sequence.owner ? '`children:`' : '`codes:`';
      this.report(this.lineAt(sequence.pair.key.range[0]), `${what} must be a list of codes; its value is ignored.`, 'error');
      return;
    }
    // The line of the first sibling with each name, by folded name: one lookup per code.
    const siblingLines = new Map<string, number>();
    for (const entry of sequence.entries) {
      const code = this.entry(entry, parentId);
      if (!code) continue;
      const nameLine = this.lineOfKey(entry, 'name');
      const key = nameKey(code.name);
      const twinLine = siblingLines.get(key);
      if (twinLine === undefined) siblingLines.set(key, nameLine);
      else this.report(nameLine, `Code "${code.name}" has the same name as its sibling on line ${twinLine}; sibling names should differ.`, 'warning');
    }
  }

  /** Loads one entry and its children; returns the code, or undefined when it is not loaded. */
  private entry(entry: EntryLayout, parentId: string | undefined): Code | undefined {
    const line = this.entryLine(entry);
    if (!entry.map) {
      this.report(line, 'This list item is not a code (a map with `id` and `name`); it is ignored.', 'error');
      return undefined;
    }
    const idNode = entry.pairs.get('id')?.value;
    const id = scalarText(idNode);
    // Counted only when reported: counting for every entry would be quadratic in deep trees.
    const andChildren = (): string => {
      const subCodes = countEntries(entry.children);
      return subCodes > 0 ? ` nor its ${subCodes} sub-code${subCodes === 1 ? '' : 's'}` : '';
    };
    if (id === undefined || id === '') {
      const why = idNode && !isScalar(idNode) ? 'an id that is not text' : 'no id';
      this.report(line, `Code on line ${line} has ${why}; it is not loaded${andChildren()}.`, 'error');
      return undefined;
    }
    const idLine = this.lineOfKey(entry, 'id');
    const first = this.entries.get(id);
    if (first) {
      const firstLine = this.lineOfKey(first, 'id');
      this.duplicateIds.add(id);
      this.report(firstLine, `The id "${id}" is used again on line ${idLine}; ids must be unique.`, 'error');
      this.report(idLine, `The id "${id}" is already used on line ${firstLine}; this code is not loaded${andChildren()}.`, 'error');
      return undefined;
    }
    if (!isSafeFileName(id)) {
      this.report(idLine, `The id "${id}" cannot name the code's memo file (memos/codes/<id>.md); prefer letters, digits and "-".`, 'warning');
    }

    let name = scalarText(entry.pairs.get('name')?.value);
    if (name === undefined || name.trim() === '') {
      this.report(line, `Code "${id}" has no name; its id is shown instead.`, 'error');
      name = id;
    }
    const code: { -readonly [K in keyof Code]: Code[K] } = { id, name };
    const colourNode = entry.pairs.get('colour')?.value;
    const colour = scalarText(colourNode);
    if (colour !== undefined && isColour(colour)) code.colour = colour;
    else if (colour !== undefined || (colourNode && !isScalar(colourNode))) {
      this.report(this.lineOfKey(entry, 'colour'), `Code "${id}" has a colour that is not #RRGGBB; it is ignored.`, 'warning');
    }
    const descriptionNode = entry.pairs.get('description')?.value;
    const description = scalarText(descriptionNode);
    if (description !== undefined) code.description = description;
    else if (descriptionNode && !isScalar(descriptionNode)) {
      this.report(this.lineOfKey(entry, 'description'), `Code "${id}" has a description that is not text; it is ignored.`, 'warning');
    }
    const guidNode = entry.pairs.get('guid')?.value;
    const guid = scalarText(guidNode);
    if (guid !== undefined && isGuid(guid)) code.guid = toRefiGuid(guid);
    else if (guid !== undefined || (guidNode && !isScalar(guidNode))) {
      this.report(this.lineOfKey(entry, 'guid'), `Code "${id}" has a guid that is not 8-4-4-4-12 hex digits; it is ignored.`, 'warning');
    }
    if (parentId !== undefined) code.parentId = parentId;
    const aliases = this.aliases(entry, id);
    if (aliases.length > 0) code.aliases = aliases;
    for (const pair of entry.map.items) {
      const key = keyText(pair);
      if (key !== undefined && CODE_KEYS.includes(key)) continue;
      this.report(this.lineAt(pair.key?.range[0] ?? entry.offset), `Code "${id}" has an unknown key "${key ?? '?'}" (kept, not used).`, 'warning');
    }

    this.codes.push(code);
    this.entries.set(id, entry);
    this.lines.set(id, line);
    this.sequence(entry.children, id);
    return code;
  }

  /** The ids listed under `aliases:` (codes merged into this one). */
  private aliases(entry: EntryLayout, id: string): string[] {
    const node = entry.pairs.get(ALIASES_KEY)?.value;
    if (!node || (isScalar(node) && scalarText(node) === undefined)) return [];
    const items = isSeq(node) ? node.items.map((item) => scalarText(item as ParsedNode)) : [undefined];
    if (items.some((alias) => alias === undefined || alias === '')) {
      this.report(this.lineOfKey(entry, ALIASES_KEY), `Code "${id}" has \`aliases:\` that are not a list of ids; the ones that are not text are ignored.`, 'warning');
    }
    return items.filter((alias): alias is string => alias !== undefined && alias !== '');
  }

  /** An alias that is a code's id, or listed twice, is ignored: each id must name one code. */
  private checkAliases(): void {
    const ids = new Set(this.codes.map((code) => code.id));
    const seen = new Map<string, string>();
    for (const [index, code] of this.codes.entries()) {
      if (!code.aliases) continue;
      const kept = code.aliases.filter((alias) => {
        const clash = ids.has(alias) ? 'is also the id of a code' : seen.has(alias) ? `is already an alias of "${seen.get(alias)!}"` : undefined;
        if (clash === undefined) {
          seen.set(alias, code.id);
          return true;
        }
        this.report(this.lineOfKey(this.entries.get(code.id)!, ALIASES_KEY), `The alias "${alias}" of code "${code.id}" ${clash}; it is ignored.`, 'warning');
        return false;
      });
      if (kept.length === code.aliases.length) continue;
      const rest: Code = { ...code };
      delete (rest as { aliases?: readonly string[] }).aliases;
      this.codes[index] = kept.length > 0 ? { ...rest, aliases: kept } : rest;
    }
  }

  private entryLine(entry: EntryLayout): number {
    return entry.lines ? entry.lines.dash + 1 : this.lineAt(entry.offset);
  }

  private lineOfKey(entry: EntryLayout, key: string): number {
    const pair = entry.pairs.get(key);
    return pair ? this.lineAt(pair.key.range[0]) : this.entryLine(entry);
  }

  private lineAt(offset: number): number {
    return this.layout.source.lineOf(offset) + 1;
  }

  private report(line: number, message: string, severity: Problem['severity']): void {
    this.problems.push({ file: this.file, line, message, severity });
  }
}

function countEntries(sequence: SequenceLayout): number {
  return sequence.entries.reduce((sum, entry) => sum + 1 + countEntries(entry.children), 0);
}

/**
 * Whether an id can be a file name on every platform: a code's memo is `memos/codes/<id>.md`, so
 * separators, `..` and characters Windows forbids would break it or escape the folder.
 */
const UNSAFE_FILE_NAME = /[/\\<>:"|?*\u0000-\u001f]|^\.\.?$|[. ]$/;

export function isSafeFileName(id: string): boolean {
  return !UNSAFE_FILE_NAME.test(id);
}
