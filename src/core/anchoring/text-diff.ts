// A character diff between two versions of a text, as a map of old offsets to new ones.
// Offsets are UTF-16 units of the two strings.

import DiffMatchPatch from 'diff-match-patch';
import { countAtOrBelow, countBelow } from '../util/sorted';
import { diffSequences, type DiffPiece, type WorkBudget } from './sequence-diff';

/** Where each character of a new range came from. */
export interface RangeOrigin {
  /** Characters that are new in this version. */
  readonly inserted: number;
  /** Characters that were in the given old range. */
  readonly own: number;
  /** Characters that were elsewhere in the old text: another passage, not this one. */
  readonly foreign: number;
}

/** A region the diff gave up on: old[oldStart, oldEnd) became new[newStart, newEnd), units. */
export interface UnresolvedRegion {
  readonly oldStart: number;
  readonly oldEnd: number;
  readonly newStart: number;
  readonly newEnd: number;
}

export interface TextDiffOptions {
  /**
   * Work units (see sequence-diff.ts) the whole diff may spend: the diff of lines, then the
   * character diff of each changed hunk of lines. What is left when it runs out stays unresolved.
   */
  readonly workBudget?: number;
}

/**
 * Enough for thousands of scattered edits in a 1,000,000-character transcript (2,000 edits spend
 * about 6 million units), and a bound on the work of a diff that would be far longer.
 */
export const DEFAULT_DIFF_WORK_BUDGET = 50_000_000;

export class TextDiff {
  /** Unchanged runs: old start, new start and length, both starts ascending. */
  private readonly oldStarts: number[] = [];
  private readonly newStarts: number[] = [];
  private readonly lengths: number[] = [];
  /** Changes the diff gave up on, ascending: where the new text came from is unknown. */
  private readonly unresolved: UnresolvedRegion[] = [];
  private readonly unresolvedOldEnds: number[] = [];
  private readonly unresolvedNewEnds: number[] = [];

  private constructor(
    readonly oldLength: number,
    readonly newLength: number,
  ) {}

  /**
   * Diffs two texts: whole lines first, then the characters of each changed hunk of lines, each
   * step within a budget of work (the same result on every machine). diff-match-patch's lossless
   * cleanup is applied: where repeated text makes an edit's place ambiguous ("R: Exactly." before
   * and after a moved turn), it shifts the edit to line and word boundaries, as a person edits.
   * No semantic cleanup: it turns small edits into larger replacements, mapping fewer offsets.
   */
  static between(oldText: string, newText: string, options: TextDiffOptions = {}): TextDiff {
    const diff = new TextDiff(oldText.length, newText.length);
    if (oldText === newText) {
      if (oldText.length > 0) diff.addUnchanged(0, 0, oldText.length);
      return diff;
    }
    const { operations, unresolved } = diffByLinesThenCharacters(oldText, newText, { remaining: options.workBudget ?? DEFAULT_DIFF_WORK_BUDGET });
    new DiffMatchPatch().diff_cleanupSemanticLossless(operations);
    let oldPosition = 0;
    let newPosition = 0;
    let next = 0;
    for (const block of keepSurrogatePairsWhole(toBlocks(operations))) {
      if (block.unchanged !== undefined) {
        diff.addUnchanged(oldPosition, newPosition, block.unchanged.length);
        oldPosition += block.unchanged.length;
        newPosition += block.unchanged.length;
        continue;
      }
      const region = { oldStart: oldPosition, oldEnd: oldPosition + block.removed.length, newStart: newPosition, newEnd: newPosition + block.inserted.length };
      // An unresolved region is one removal and insertion that the cleanup never shifts; the
      // whole change holding it counts as unresolved.
      while (next < unresolved.length && unresolved[next].oldEnd <= region.oldStart) next++;
      if (next < unresolved.length && unresolved[next].oldStart < region.oldEnd) diff.addUnresolved(region);
      oldPosition = region.oldEnd;
      newPosition = region.newEnd;
    }
    return diff;
  }

  private addUnresolved(region: UnresolvedRegion): void {
    this.unresolved.push(region);
    this.unresolvedOldEnds.push(region.oldEnd);
    this.unresolvedNewEnds.push(region.newEnd);
  }

  /**
   * The regions the diff gave up on that old[oldStart, oldEnd) touches, as one region (their
   * span), or undefined: codings there must be placed by their text alone.
   */
  unresolvedAround(oldStart: number, oldEnd: number): UnresolvedRegion | undefined {
    const first = countBelow(this.unresolvedOldEnds, oldStart);
    let last = first;
    while (last < this.unresolved.length && this.unresolved[last].oldStart <= oldEnd) last++;
    if (last === first) return undefined;
    return { oldStart: this.unresolved[first].oldStart, oldEnd: this.unresolved[last - 1].oldEnd, newStart: this.unresolved[first].newStart, newEnd: this.unresolved[last - 1].newEnd };
  }

  private addUnchanged(oldStart: number, newStart: number, length: number): void {
    const last = this.lengths.length - 1;
    if (last >= 0 && this.oldStarts[last] + this.lengths[last] === oldStart && this.newStarts[last] + this.lengths[last] === newStart) {
      this.lengths[last] += length;
      return;
    }
    this.oldStarts.push(oldStart);
    this.newStarts.push(newStart);
    this.lengths.push(length);
  }

  /**
   * Where a span starting at `oldOffset` starts now: at the same character if it is unchanged,
   * otherwise after the change that replaced it (text inserted at a start goes before the span).
   */
  mapStart(oldOffset: number): number {
    const run = countAtOrBelow(this.oldStarts, oldOffset) - 1;
    if (run >= 0 && oldOffset < this.oldStarts[run] + this.lengths[run]) return this.newStarts[run] + oldOffset - this.oldStarts[run];
    return run + 1 < this.newStarts.length ? this.newStarts[run + 1] : this.newLength;
  }

  /**
   * Where a span ending at `oldOffset` ends now: after the same character if it is unchanged,
   * otherwise before the change that replaced it (text inserted at an end goes after the span).
   */
  mapEnd(oldOffset: number): number {
    if (oldOffset === 0) return 0;
    const run = countAtOrBelow(this.oldStarts, oldOffset - 1) - 1;
    if (run < 0) return 0;
    const runEnd = this.oldStarts[run] + this.lengths[run];
    return oldOffset <= runEnd ? this.newStarts[run] + oldOffset - this.oldStarts[run] : this.newStarts[run] + this.lengths[run];
  }

  /** Where the characters of new[newStart, newEnd) came from, relative to old[ownStart, ownEnd). */
  origin(newStart: number, newEnd: number, ownStart: number, ownEnd: number): RangeOrigin {
    let own = 0;
    let foreign = 0;
    for (let run = Math.max(0, countAtOrBelow(this.newStarts, newStart) - 1); run < this.newStarts.length && this.newStarts[run] < newEnd; run++) {
      const from = Math.max(newStart, this.newStarts[run]);
      const to = Math.min(newEnd, this.newStarts[run] + this.lengths[run]);
      if (from >= to) continue;
      const oldFrom = this.oldStarts[run] + from - this.newStarts[run];
      const oldTo = oldFrom + (to - from);
      const overlap = Math.max(0, Math.min(oldTo, ownEnd) - Math.max(oldFrom, ownStart));
      own += overlap;
      foreign += to - from - overlap;
    }
    // Text of an unresolved region may have been anywhere in the old text.
    for (let i = countAtOrBelow(this.unresolvedNewEnds, newStart); i < this.unresolved.length && this.unresolved[i].newStart < newEnd; i++) {
      foreign += Math.min(newEnd, this.unresolved[i].newEnd) - Math.max(newStart, this.unresolved[i].newStart);
    }
    return { inserted: newEnd - newStart - own - foreign, own, foreign };
  }

  /** Ranges of the new text that are not in the old text, in order (unresolved regions left out). */
  insertedRanges(): { start: number; end: number }[] {
    const ranges: { start: number; end: number }[] = [];
    let position = 0;
    for (let run = 0; run <= this.newStarts.length; run++) {
      const next = run < this.newStarts.length ? this.newStarts[run] : this.newLength;
      const unresolved = this.unresolved[countAtOrBelow(this.unresolvedNewEnds, position)]?.newStart < next;
      if (next > position && !unresolved) ranges.push({ start: position, end: next });
      if (run < this.newStarts.length) position = this.newStarts[run] + this.lengths[run];
    }
    return ranges;
  }
}

type Operation = [number, string];

/**
 * The diff as diff-match-patch operations, and the regions (units) a step gave up on: lines are
 * matched first, then the characters of each hunk of lines between matched lines.
 */
function diffByLinesThenCharacters(oldText: string, newText: string, budget: WorkBudget): { operations: Operation[]; unresolved: UnresolvedRegion[] } {
  const operations: Operation[] = [];
  const unresolved: UnresolvedRegion[] = [];
  const oldLines = lineStarts(oldText);
  const newLines = lineStarts(newText);
  const ids = new Map<string, number>();
  const tokens = (text: string, starts: readonly number[]): Int32Array =>
    Int32Array.from({ length: Math.max(0, starts.length - 1) }, (_, i) => {
      const line = text.slice(starts[i], starts[i + 1]);
      let id = ids.get(line);
      if (id === undefined) ids.set(line, (id = ids.size));
      return id;
    });
  /** Turns pieces into operations: the same text, unresolved regions, and `onChange` for each gap between. */
  const walk = (
    pieces: readonly DiffPiece[],
    oldAt: (index: number) => number,
    newAt: (index: number) => number,
    onChange: (oldStart: number, oldEnd: number, newStart: number, newEnd: number) => void,
    oldLength: number,
    newLength: number,
  ): void => {
    let a = 0;
    let b = 0;
    for (const piece of [...pieces, { kind: 'end' as const, aStart: oldLength, aEnd: oldLength, bStart: newLength, bEnd: newLength }]) {
      if (piece.aStart > a || piece.bStart > b) onChange(oldAt(a), oldAt(piece.aStart), newAt(b), newAt(piece.bStart));
      const region = { oldStart: oldAt(piece.aStart), oldEnd: oldAt(piece.aEnd), newStart: newAt(piece.bStart), newEnd: newAt(piece.bEnd) };
      if (piece.kind === 'same') operations.push([DiffMatchPatch.DIFF_EQUAL, oldText.slice(region.oldStart, region.oldEnd)]);
      if (piece.kind === 'unresolved') {
        unresolved.push(region);
        pushChange(region.oldStart, region.oldEnd, region.newStart, region.newEnd);
      }
      a = piece.aEnd;
      b = piece.bEnd;
    }
  };
  const pushChange = (oldStart: number, oldEnd: number, newStart: number, newEnd: number): void => {
    if (oldEnd > oldStart) operations.push([DiffMatchPatch.DIFF_DELETE, oldText.slice(oldStart, oldEnd)]);
    if (newEnd > newStart) operations.push([DiffMatchPatch.DIFF_INSERT, newText.slice(newStart, newEnd)]);
  };
  const diffCharacters = (oldStart: number, oldEnd: number, newStart: number, newEnd: number): void => {
    if (oldStart === oldEnd || newStart === newEnd) {
      pushChange(oldStart, oldEnd, newStart, newEnd);
      return;
    }
    const result = diffSequences(units(oldText, oldStart, oldEnd), units(newText, newStart, newEnd), budget);
    walk(result, (i) => oldStart + i, (i) => newStart + i, pushChange, oldEnd - oldStart, newEnd - newStart);
  };
  const oldTokens = tokens(oldText, oldLines);
  const newTokens = tokens(newText, newLines);
  walk(diffSequences(oldTokens, newTokens, budget), (i) => oldLines[i], (i) => newLines[i], diffCharacters, oldTokens.length, newTokens.length);
  return { operations, unresolved };
}

/** Offsets where each line starts (a line keeps its \n), and the text's length last. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  if (text.length > 0) starts.push(text.length);
  return starts;
}

function units(text: string, start: number, end: number): Uint16Array {
  const result = new Uint16Array(end - start);
  for (let i = start; i < end; i++) result[i - start] = text.charCodeAt(i);
  return result;
}

/** A run of unchanged text, or a change: text removed and text inserted in its place. */
type Block = { unchanged: string } | { unchanged?: undefined; removed: string; inserted: string };

function toBlocks(operations: readonly [number, string][]): Block[] {
  const blocks: Block[] = [];
  for (const [operation, text] of operations) {
    const last = blocks.at(-1);
    if (operation === DiffMatchPatch.DIFF_EQUAL) {
      blocks.push({ unchanged: text });
    } else if (last !== undefined && last.unchanged === undefined) {
      if (operation === DiffMatchPatch.DIFF_DELETE) last.removed += text;
      else last.inserted += text;
    } else {
      blocks.push(operation === DiffMatchPatch.DIFF_DELETE ? { removed: text, inserted: '' } : { removed: '', inserted: text });
    }
  }
  return blocks;
}

/**
 * diff-match-patch compares UTF-16 units: two astral characters that share their first unit
 * (𠀹 and 𠀲) come out as one unit kept and one changed. Moves such half pairs into the change,
 * so that every offset the diff maps is a code point boundary.
 */
function keepSurrogatePairsWhole(blocks: Block[]): Block[] {
  const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
  const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
  blocks.forEach((block, i) => {
    if (block.unchanged !== undefined) return;
    const before = blocks[i - 1];
    if (before?.unchanged !== undefined && isHigh(before.unchanged.charCodeAt(before.unchanged.length - 1))) {
      const half = before.unchanged.slice(-1);
      before.unchanged = before.unchanged.slice(0, -1);
      block.removed = half + block.removed;
      block.inserted = half + block.inserted;
    }
    const after = blocks[i + 1];
    if (after?.unchanged !== undefined && isLow(after.unchanged.charCodeAt(0))) {
      const half = after.unchanged.slice(0, 1);
      after.unchanged = after.unchanged.slice(1);
      block.removed += half;
      block.inserted += half;
    }
  });
  return blocks.filter((block) => block.unchanged !== '');
}
