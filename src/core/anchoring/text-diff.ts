// A character diff between two versions of a text, as a map of old offsets to new ones.
// Offsets are UTF-16 units of the two strings.

import DiffMatchPatch from 'diff-match-patch';
import { countAtOrBelow } from '../util/sorted';

/** Where each character of a new range came from. */
export interface RangeOrigin {
  /** Characters that are new in this version. */
  readonly inserted: number;
  /** Characters that were in the given old range. */
  readonly own: number;
  /** Characters that were elsewhere in the old text: another passage, not this one. */
  readonly foreign: number;
}

export interface TextDiffOptions {
  /**
   * Seconds the diff may take before it settles for a coarser (still correct) result: how far
   * apart the changed places are matters, not the size of the text.
   */
  readonly timeoutSeconds?: number;
}

export class TextDiff {
  /** Unchanged runs: old start, new start and length, both starts ascending. */
  private readonly oldStarts: number[] = [];
  private readonly newStarts: number[] = [];
  private readonly lengths: number[] = [];

  private constructor(
    readonly oldLength: number,
    readonly newLength: number,
  ) {}

  /**
   * Diffs two texts. diff-match-patch first diffs whole lines (its line mode, fast on long texts)
   * and then the characters of the changed lines. Its semantic cleanup is left out: it turns small
   * edits into larger replacements, and fewer offsets would map exactly. Its lossless cleanup is
   * applied: where repeated text makes an edit's place ambiguous ("R: Exactly." before and after
   * a moved turn), it shifts the edit to line and word boundaries, as a person edits.
   */
  static between(oldText: string, newText: string, options: TextDiffOptions = {}): TextDiff {
    const diff = new TextDiff(oldText.length, newText.length);
    if (oldText === newText) {
      if (oldText.length > 0) diff.addUnchanged(0, 0, oldText.length);
      return diff;
    }
    const engine = new DiffMatchPatch();
    engine.Diff_Timeout = options.timeoutSeconds ?? 2;
    let oldPosition = 0;
    let newPosition = 0;
    const operations = engine.diff_main(oldText, newText, true);
    engine.diff_cleanupSemanticLossless(operations);
    for (const block of keepSurrogatePairsWhole(toBlocks(operations))) {
      if (block.unchanged !== undefined) {
        diff.addUnchanged(oldPosition, newPosition, block.unchanged.length);
        oldPosition += block.unchanged.length;
        newPosition += block.unchanged.length;
      } else {
        oldPosition += block.removed.length;
        newPosition += block.inserted.length;
      }
    }
    return diff;
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
    return { inserted: newEnd - newStart - own - foreign, own, foreign };
  }

  /** Ranges of the new text that are not in the old text, in order. */
  insertedRanges(): { start: number; end: number }[] {
    const ranges: { start: number; end: number }[] = [];
    let position = 0;
    for (let run = 0; run <= this.newStarts.length; run++) {
      const next = run < this.newStarts.length ? this.newStarts[run] : this.newLength;
      if (next > position) ranges.push({ start: position, end: next });
      if (run < this.newStarts.length) position = this.newStarts[run] + this.lengths[run];
    }
    return ranges;
  }
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
