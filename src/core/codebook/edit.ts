// Editing codebook.yaml as text. Every function takes the file's text and returns the new text,
// changing only the lines the edit is about: the researcher's comments, blank lines, quoting and
// key order stay as they were. Each result is read back and compared with the codebook the edit
// should produce; on any mismatch, or when the edit does not make sense, a CodebookEditError is
// thrown and the caller writes nothing.

import type { Code } from '../model';
import { isValidName, sameName, type Codebook } from './codebook';
import { isColour } from './colour';
import { CodebookEditError } from './errors';
import { isGuid, toRefiGuid } from './ids';
import { blockLines, cutEntry, dashColumnFor, insertBlock, reindentBlock, siblingGap } from './block-edits';
import { flowEntryToBlock, flowSequenceToBlock } from './flow';
import { addAliases, removeKey, setKey } from './key-edits';
import type { CodebookLayout, EntryLayout, SequenceLayout } from './layout';
import { analyseCodebook, CODEBOOK_SIZE_LIMIT, isSafeFileName, withinSizeLimit, type CodebookAnalysis } from './parse';
import { renderEntry, type NewCode } from './render';
import { applySplices, type Splice } from '../yaml/text';

export type { NewCode } from './render';

/** Where among its new siblings a code goes: an index (0 = first) or after the last one. */
export type SiblingPosition = number | 'end';

/** What happens to the children of a removed code, and to its codings. */
export interface RemoveOptions {
  /** `reparent`: they take the removed code's place under its parent; `delete`: they go too. */
  readonly children?: 'reparent' | 'delete';
  /**
   * The parent takes the removed code's id (and its aliases) as aliases, so that every coder's
   * codings of it count under the parent without any codings file changing.
   */
  readonly codingsToParent?: boolean;
}

/** Adds a code under `parentId` (top level when undefined) at `position` among its siblings. */
export function addCode(text: string, newCode: NewCode, parentId: string | undefined, position: SiblingPosition = 'end'): string {
  const before = load(text);
  // An empty description is no description: it would not read back as ''.
  const code: NewCode = newCode.description === '' ? { ...newCode, description: undefined } : newCode;
  checkNewId(before, code.id);
  checkName(code.name);
  if (code.colour !== undefined) checkColour(code.colour);
  if (parentId !== undefined) requireEntry(before, parentId);
  const siblings = before.codebook.children(parentId);
  checkUniqueName(siblings, code.name);
  const index = resolvePosition(position, siblings.length);

  const prepared = toBlockStyle(before, { childrenOf: [parentId ?? null] });
  const sequence = sequenceOf(prepared, parentId);
  const { style } = prepared.layout;
  const block = renderEntry(code, dashColumnFor(prepared.layout, sequence), { mapIndent: style.mapIndent, colourStyle: style.colourStyle });
  const splices = insertBlock(prepared.layout, sequence, entryIndex(prepared, sequence, parentId, index), block);
  const expected = before.codebook.withAdded(code, parentId, index);
  return verified(before, applyTo(prepared.layout, splices), expected);
}

/** Renames a code; the name is quoted as it needs to be, in the quoting the file used if possible. */
export function renameCode(text: string, id: string, newName: string): string {
  const before = load(text);
  const entry = requireEntry(before, id);
  checkName(newName);
  const code = before.codebook.get(id) as Code;
  if (code.name === newName) return text;
  checkUniqueName(before.codebook.children(code.parentId).filter((sibling) => sibling.id !== id), newName);
  const splices = setKey(before.layout, entry, 'name', newName);
  return verified(before, applyTo(before.layout, splices), before.codebook.withChanged(id, { name: newName }));
}

/** Sets a code's colour (`#RRGGBB`), or removes it when `colour` is undefined. */
export function recolourCode(text: string, id: string, colour: string | undefined): string {
  const before = load(text);
  const entry = requireEntry(before, id);
  if (colour !== undefined) checkColour(colour);
  const writtenColour = entry.pairs.has('colour');
  if (before.codebook.get(id)?.colour === colour && (colour !== undefined || !writtenColour)) return text;
  const splices = colour === undefined ? removeKey(before.layout, entry, 'colour') : setKey(before.layout, entry, 'colour', colour, before.layout.style.colourStyle);
  return verified(before, applyTo(before.layout, splices), before.codebook.withChanged(id, { colour }));
}

/** Sets a code's description, or removes it when `description` is undefined or empty. */
export function describeCode(text: string, id: string, description: string | undefined): string {
  const before = load(text);
  const entry = requireEntry(before, id);
  const value = description === '' ? undefined : description;
  if (before.codebook.get(id)?.description === value && (value !== undefined || !entry.pairs.has('description'))) return text;
  const splices = value === undefined ? removeKey(before.layout, entry, 'description') : setKey(before.layout, entry, 'description', value);
  return verified(before, applyTo(before.layout, splices), before.codebook.withChanged(id, { description: value }));
}

/** Sets a code's REFI-QDA GUID (kept so that an export gives another tool back its own code). */
export function setCodeGuid(text: string, id: string, guid: string): string {
  const before = load(text);
  const entry = requireEntry(before, id);
  if (!isGuid(guid)) throw new CodebookEditError(`"${guid}" is not a GUID (8-4-4-4-12 hex digits).`);
  const value = toRefiGuid(guid);
  if (before.codebook.get(id)?.guid === value) return text;
  return verified(before, applyTo(before.layout, setKey(before.layout, entry, 'guid', value)), before.codebook.withChanged(id, { guid: value }));
}

/**
 * Moves a code, with its comments and everything below it, under `newParentId` (top level when
 * undefined) at `position` among its new siblings (counted without the moved code). Refuses a move
 * under the code itself or one of its descendants.
 */
export function moveCode(text: string, id: string, newParentId: string | undefined, position: SiblingPosition = 'end'): string {
  return move(text, id, newParentId, position, true);
}

/**
 * Removes a code. A code with children is refused unless `options.children` says what happens to
 * them: `reparent` moves them, in order, to where the code was; `delete` removes them too.
 * Codings that use the removed codes are not this function's concern.
 */
export function removeCode(text: string, id: string, options: RemoveOptions = {}): string {
  const before = load(text);
  requireEntry(before, id);
  const code = before.codebook.get(id) as Code;
  const children = before.codebook.children(id);
  if (children.length > 0 && options.children === undefined) {
    throw new CodebookEditError(`"${code.name}" has ${children.length} sub-code${children.length === 1 ? '' : 's'}; say whether to delete them or move them up.`);
  }
  if (options.codingsToParent && code.parentId === undefined) throw new CodebookEditError(`"${code.name}" is at the top level: it has no parent.`);
  let output: string;
  let expected = before.codebook;
  if (children.length === 0 || options.children === 'delete') {
    const prepared = toBlockStyle(before, { entries: [id] });
    output = applyTo(prepared.layout, cutEntry(prepared.layout, requireEntry(prepared, id)));
  } else {
    // The children take the code's place, in order.
    const siblings = before.codebook.children(code.parentId);
    const remaining = siblings.filter((sibling) => sibling.id !== id);
    for (const child of children) checkUniqueName(remaining, child.name);
    const index = siblings.findIndex((sibling) => sibling.id === id);
    children.forEach((child, k) => (expected = expected.withMoved(child.id, code.parentId, index + 1 + k)));
    const prepared = toBlockStyle(before, { entries: [id], childrenOf: [id] });
    output = cutAndInsert(prepared, id, childBlocks(prepared, id), code.parentId, index);
  }
  expected = expected.withRemoved(id);
  if (!options.codingsToParent) return verified(before, output, expected);
  return verified(before, ...withAliases(output, expected, code.parentId!, code));
}

/**
 * Merges a code into another in the codebook: the source's children move (in order, after the
 * target's own) under the target, the source's entry is removed and its id (with its own aliases)
 * becomes an alias of the target, so that every coder's codings of it count under the target.
 */
export function mergeCode(text: string, sourceId: string, targetId: string): string {
  const before = load(text);
  requireEntry(before, sourceId);
  requireEntry(before, targetId);
  if (sourceId === targetId || before.codebook.isDescendant(targetId, sourceId)) {
    throw new CodebookEditError('A code cannot be merged into itself or into one of its sub-codes.');
  }
  // The source leaves the target's children when it is one of them.
  const targetChildren = before.codebook.children(targetId).filter((child) => child.id !== sourceId);
  let expected = before.codebook;
  for (const child of before.codebook.children(sourceId)) {
    checkUniqueName(targetChildren, child.name);
    expected = expected.withMoved(child.id, targetId, expected.children(targetId).length);
  }
  const prepared = toBlockStyle(before, { entries: [sourceId], childrenOf: [sourceId, targetId] });
  const blocks = childBlocks(prepared, sourceId);
  const output = cutAndInsert(prepared, sourceId, blocks, targetId, targetChildren.length);
  const source = before.codebook.get(sourceId) as Code;
  return verified(before, ...withAliases(output, expected.withRemoved(sourceId), targetId, source));
}

/** Adds a removed code's id and aliases to the aliases of `targetId`, in the text and in `expected`. */
function withAliases(text: string, expected: Codebook, targetId: string, removed: Code): [string, Codebook] {
  const added = [removed.id, ...(removed.aliases ?? [])];
  const all = [...(expected.get(targetId)?.aliases ?? []), ...added];
  const loaded = load(text);
  const withKey = applyTo(loaded.layout, addAliases(loaded.layout, requireEntry(loaded, targetId), all, added));
  return [withKey, expected.withChanged(targetId, { aliases: all })];
}

// ----- Moving -----

function move(text: string, id: string, newParentId: string | undefined, position: SiblingPosition, checkNames: boolean): string {
  const before = load(text);
  requireEntry(before, id);
  const code = before.codebook.get(id) as Code;
  if (newParentId !== undefined) {
    requireEntry(before, newParentId);
    if (newParentId === id || before.codebook.isDescendant(newParentId, id)) {
      throw new CodebookEditError(`"${code.name}" cannot move under itself or one of its sub-codes.`);
    }
  }
  const newSiblings = before.codebook.children(newParentId).filter((sibling) => sibling.id !== id);
  if (checkNames) checkUniqueName(newSiblings, code.name);
  const index = resolvePosition(position, newSiblings.length);
  const currentIndex = before.codebook.children(code.parentId).findIndex((sibling) => sibling.id === id);
  if (code.parentId === newParentId && currentIndex === index) return text;

  const prepared = toBlockStyle(before, { entries: [id], childrenOf: [newParentId ?? null] });
  const entry = requireEntry(prepared, id);
  const block: Block = { lines: blockLines(prepared.layout, entry), dashColumn: entry.dashColumn };
  const output = cutAndInsert(prepared, id, [block], newParentId, index);
  return verified(before, output, before.codebook.withMoved(id, newParentId, index));
}

/** An entry's lines as cut from the file, and the column its `-` stood at. */
interface Block {
  readonly lines: readonly string[];
  readonly dashColumn: number;
}

function childBlocks(loaded: Loaded, id: string): Block[] {
  return requireEntry(loaded, id).children.entries.map((child) => ({ lines: blockLines(loaded.layout, child), dashColumn: child.dashColumn }));
}

/**
 * Cuts a code's entry, then inserts `blocks` (taken from the text before the cut) re-indented as
 * entries of `parentId`'s list, from sibling position `index` on (counted after the cut).
 */
function cutAndInsert(prepared: Loaded, cutId: string, blocks: readonly Block[], parentId: string | undefined, index: number): string {
  const cut = load(applyTo(prepared.layout, cutEntry(prepared.layout, requireEntry(prepared, cutId))));
  if (blocks.length === 0) return cut.layout.source.text;
  const target = sequenceOf(cut, parentId);
  const dashColumn = dashColumnFor(cut.layout, target);
  const gap = Array<string>(siblingGap(cut.layout, target)).fill('');
  const lines = blocks.flatMap((block, k) => [...(k > 0 ? gap : []), ...reindentBlock(block.lines, block.dashColumn, dashColumn)]);
  return applyTo(cut.layout, insertBlock(cut.layout, target, entryIndex(cut, target, parentId, index), lines));
}

// ----- Rewriting flow style where a structural edit needs block style -----

interface BlockStyleNeeds {
  /** Codes whose entries must sit in block lists (so that their lines can be cut). */
  readonly entries?: readonly string[];
  /** Codes (null: the top level) whose children must be a block list (to cut or insert lines). */
  readonly childrenOf?: readonly (string | null)[];
}

/** Rewrites, one at a time and outermost first, the flow collections in the way of an edit. */
function toBlockStyle(loaded: Loaded, needs: BlockStyleNeeds): Loaded {
  let current = loaded;
  for (let round = 0; round < 1000; round++) {
    const splices = nextRewrite(current, needs);
    if (!splices) return current;
    current = load(applyTo(current.layout, splices));
  }
  throw new CodebookEditError('Internal: rewriting flow style did not finish.');
}

function nextRewrite(loaded: Loaded, needs: BlockStyleNeeds): Splice[] | undefined {
  const { layout, codebook } = loaded;
  if (layout.root?.flow) throw new CodebookEditError('The codebook is written as one flow map { … }; write it in block style first.');
  const rewriteList = (sequence: SequenceLayout): Splice[] | undefined =>
    sequence.node?.flow ? flowSequenceToBlock(layout, sequence, dashColumnFor(layout, sequence)) : undefined;
  /** The lists down to the code, and the codes above it (and the code itself if `includeLast`). */
  const along = (id: string, includeLast: boolean): Splice[] | undefined => {
    for (const code of codebook.path(id)) {
      const entry = requireEntry(loaded, code.id);
      const rewrite = rewriteList(entry.sequence);
      if (rewrite) return rewrite;
      if ((code.id !== id || includeLast) && entry.flow) return flowEntryToBlock(layout, entry);
    }
    return undefined;
  };
  for (const id of needs.entries ?? []) {
    const rewrite = along(id, false);
    if (rewrite) return rewrite;
  }
  for (const id of needs.childrenOf ?? []) {
    const rewrite = id === null ? rewriteList(layout.top) : (along(id, true) ?? rewriteList(requireEntry(loaded, id).children));
    if (rewrite) return rewrite;
  }
  return undefined;
}

// ----- Loading, checking, verifying -----

interface Loaded extends CodebookAnalysis {
  readonly layout: CodebookLayout;
}

const FILE = 'codebook.yaml';

function load(text: string): Loaded {
  const analysis = analyseCodebook(text, FILE);
  if (!analysis.ok || !analysis.layout) {
    const first = analysis.problems.find((problem) => problem.severity === 'error');
    const where = first ? ` (${first.line ? `line ${first.line}: ` : ''}${first.message})` : '';
    throw new CodebookEditError(`The codebook cannot be read; fix it before editing${where}.`);
  }
  return analysis as Loaded;
}

function requireEntry(loaded: Loaded, id: string): EntryLayout {
  if (loaded.duplicateIds.has(id)) throw new CodebookEditError(`The id "${id}" is written more than once; fix the codebook before editing that code.`);
  const entry = loaded.entries.get(id);
  if (!entry) throw new CodebookEditError(`There is no code "${id}" in the codebook.`);
  return entry;
}

function sequenceOf(loaded: Loaded, parentId: string | undefined): SequenceLayout {
  return parentId === undefined ? loaded.layout.top : requireEntry(loaded, parentId).children;
}

/** The index in the list's entries (which may include unreadable items) for a sibling index. */
function entryIndex(loaded: Loaded, sequence: SequenceLayout, parentId: string | undefined, index: number): number {
  const siblings = loaded.codebook.children(parentId);
  if (index >= siblings.length) return sequence.entries.length;
  return sequence.entries.indexOf(requireEntry(loaded, siblings[index].id));
}

function resolvePosition(position: SiblingPosition, siblingCount: number): number {
  if (position === 'end') return siblingCount;
  if (!Number.isInteger(position) || position < 0 || position > siblingCount) {
    throw new CodebookEditError(`Position ${position} is outside 0…${siblingCount}.`);
  }
  return position;
}

function checkNewId(loaded: Loaded, id: string): void {
  if (id.trim() === '') throw new CodebookEditError('A code needs an id.');
  if (loaded.codebook.has(id) || loaded.duplicateIds.has(id)) throw new CodebookEditError(`The id "${id}" is already used.`);
  if (!isSafeFileName(id)) throw new CodebookEditError(`The id "${id}" cannot name a memo file; use letters, digits and "-".`);
}

function checkName(name: string): void {
  if (!isValidName(name)) throw new CodebookEditError('A code needs a name: not blank, on one line.');
}

function checkColour(colour: string): void {
  if (!isColour(colour)) throw new CodebookEditError(`"${colour}" is not a colour of the form #RRGGBB.`);
}

function checkUniqueName(siblings: readonly Code[], name: string): void {
  const twin = siblings.find((sibling) => sameName(sibling.name, name));
  if (twin) throw new CodebookEditError(`A sibling is already named "${twin.name}".`);
}

function applyTo(layout: CodebookLayout, splices: readonly Splice[]): string {
  return applySplices(layout.source.text, splices);
}

/** Reads the edited text back; it must give exactly the expected codebook and no new errors. */
function verified(before: Loaded, text: string, expected: Codebook): string {
  if (!withinSizeLimit(text)) throw new CodebookEditError(`The change would make the codebook larger than ${CODEBOOK_SIZE_LIMIT / 1024 / 1024} MB; nothing was changed.`);
  const after = analyseCodebook(text, FILE);
  const errors = (analysis: CodebookAnalysis): number => analysis.problems.filter((problem) => problem.severity === 'error').length;
  if (!after.ok || errors(after) > errors(before) || !sameCodes(after.codebook, expected)) {
    throw new CodebookEditError('Internal: the edited codebook did not read back as intended; nothing was changed.');
  }
  return text;
}

function sameCodes(a: Codebook, b: Codebook): boolean {
  const key = (codebook: Codebook): string =>
    JSON.stringify(codebook.codes.map((code) => [code.id, code.name, code.colour ?? null, code.description ?? null, code.guid ?? null, code.parentId ?? null, code.aliases ?? []]));
  return key(a) === key(b);
}
