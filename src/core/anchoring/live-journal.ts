// The undo journal of live anchoring (see live.ts): it recognises the change that undoes an
// earlier one and puts back the spans that change trimmed or collapsed.
//
// Every change becomes a record: where it happened (`at`), the exact text it removed and the text
// it inserted, and the before/after state of each span it trimmed or collapsed (or whose collapsed
// place it deleted). A record's region, the text it inserted [at, at + inserted), follows later
// changes. A change undoes a record when it replaces the record's inserted text, at its place, with
// exactly the text the record removed, and the spans and the other records' regions the record
// changed are still as it left them: the document is then exactly as before that change, so its
// spans (and those regions) can be put back exactly.
// Undoing in reverse order, as VS Code's undo stack does, thus restores every span; typing the
// deleted text back by hand does too.
//
// VS Code merges a run of typing into one undo step, and a run of backspaces or deletes too; their
// undo arrives as one change. When a change equals the undo of the latest run of records, it is
// split into the undo of each record in turn (the document text comes out the same), and its own
// undo into the redo of each. A record may be undone out of order when no later record touches its
// region (a multi-cursor undo, which VS Code reports in its own order).

import type { EditorTextChange } from './live';

export const SpanStatus = { Live: 0, Collapsed: 1, Removed: 2 } as const;
export type SpanStatus = (typeof SpanStatus)[keyof typeof SpanStatus];

/** The tracker's spans, struct-of-arrays, shared with the journal for checks and restores. */
export interface SpanTable {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly statuses: Uint8Array;
  /** The deleted text of each collapsed span. */
  readonly collapsedQuotes: (string | undefined)[];
}

/** A span's place relative to the change's `rangeOffset`, and its status. */
export interface SpanSnapshot {
  readonly start: number;
  readonly end: number;
  readonly status: SpanStatus;
}

/** A span a change trimmed or collapsed, or a collapsed span whose place it deleted. */
export interface SpanChange {
  readonly index: number;
  readonly before: SpanSnapshot;
  readonly after: SpanSnapshot;
}

/** A record's region, relative to the `at` of the record that changed it. */
interface RegionSnapshot {
  readonly at: number;
  readonly inserted: number;
}

/** Another record's region, before and after a change moved it in a way a shift cannot undo. */
interface RegionChange {
  readonly record: JournalRecord;
  readonly before: RegionSnapshot;
  readonly after: RegionSnapshot;
}

export interface JournalRecord {
  at: number;
  /** Current length of its region (the text it inserted, possibly edited since). */
  inserted: number;
  readonly insertedText: string;
  readonly removedText: string;
  /** For a pure deletion next to the previous pure deletion: which side of it (a run of backspaces or deletes). */
  readonly runSide: 'before' | 'after' | undefined;
  readonly spans: readonly SpanChange[];
  readonly regions: RegionChange[];
  /**
   * For a change taken as the merged undo of several records: the changes that redo them, to
   * apply when this change is undone in turn (so that each can then be undone on its own).
   */
  readonly redoSteps?: readonly EditorTextChange[];
  dropped: boolean;
}

/**
 * Records kept. Beyond this, the oldest record that changed no span goes first (forgetting it only
 * makes the search for undone records less strict, and that search checks the text exactly), then
 * the oldest: its change can no longer be undone into its spans, which stay as they are.
 */
const JOURNAL_LIMIT = 1024;

/** How many of the latest records an undo is looked for among. */
const SEARCH_DEPTH = 32;

export class UndoJournal {
  private readonly records: JournalRecord[] = [];

  /**
   * The record `change` undoes (`removedText` is the text it removes): the latest one, or an
   * earlier one whose region no later record touches (their changes commute).
   */
  findUndone(change: EditorTextChange, removedText: string, table: SpanTable): JournalRecord | undefined {
    const records = this.records;
    for (let i = records.length - 1; i >= Math.max(0, records.length - SEARCH_DEPTH); i--) {
      const record = records[i];
      if (undoes(change, removedText, record, table) && records.slice(i + 1).every((later) => apart(later, record))) return record;
    }
    return undefined;
  }

  /**
   * When `change` is VS Code's merged undo of the latest run of records (a run of typing, or a run
   * of backspaces or deletes), the undo of each record in turn; otherwise undefined.
   */
  mergedUndoSteps(change: EditorTextChange, removedText: string): EditorTextChange[] | undefined {
    return this.deletionRunUndo(change) ?? this.typingRunUndo(change, removedText);
  }

  /** A run of pure deletions at one place, undone by one insertion of all their text. */
  private deletionRunUndo(change: EditorTextChange): EditorTextChange[] | undefined {
    const { rangeOffset: at, rangeLength, text } = change;
    if (rangeLength !== 0 || text.length === 0) return undefined;
    const steps: EditorTextChange[] = [];
    // The newest deletion's text is at the front of the run's text for a backspace ('before') and
    // at its back for a forward delete ('after'); the oldest one's is what remains.
    let rest = text;
    let insertAt = at;
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i];
      if (record.insertedText !== '' || record.removedText === '' || record.at !== at || record.inserted !== 0) return undefined;
      if (record.runSide === undefined || rest === record.removedText) {
        if (rest !== record.removedText || steps.length === 0) return undefined;
        steps.push({ rangeOffset: insertAt, rangeLength: 0, text: rest });
        return steps;
      }
      const front = record.runSide === 'before';
      const piece = front ? rest.slice(0, record.removedText.length) : rest.slice(rest.length - record.removedText.length);
      if (piece !== record.removedText) return undefined;
      rest = front ? rest.slice(piece.length) : rest.slice(0, rest.length - piece.length);
      steps.push({ rangeOffset: insertAt, rangeLength: 0, text: piece });
      if (front) insertAt += piece.length;
    }
    return undefined;
  }

  /**
   * A run of typing (each insertion at the end of the previous one, the first possibly replacing a
   * selection), undone by one change that replaces all the typed text with what the first removed.
   */
  private typingRunUndo(change: EditorTextChange, removedText: string): EditorTextChange[] | undefined {
    const { rangeOffset: at } = change;
    const steps: EditorTextChange[] = [];
    let end = at + change.rangeLength;
    let typed = removedText;
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i];
      const intact = record.inserted === record.insertedText.length && record.insertedText !== '' && record.at + record.inserted === end;
      if (!intact || !typed.endsWith(record.insertedText)) return undefined;
      typed = typed.slice(0, typed.length - record.insertedText.length);
      end = record.at;
      steps.push({ rangeOffset: record.at, rangeLength: record.inserted, text: record.removedText });
      if (record.at === at) return steps.length > 1 && typed === '' && change.text === record.removedText ? steps : undefined;
      if (record.removedText !== '') return undefined;
    }
    return undefined;
  }

  /**
   * Records a change whose effect on the spans is already applied: `spanChanges` are the spans it
   * trimmed or collapsed; `undone` is the record it undoes (from findUndone), whose spans are put back.
   */
  record(
    change: EditorTextChange,
    removedText: string,
    spanChanges: readonly SpanChange[],
    undone: JournalRecord | undefined,
    table: SpanTable,
    touch: (index: number) => void,
  ): void {
    const at = change.rangeOffset;
    const removed = change.rangeLength;
    const inserted = change.text.length;
    if (undone !== undefined) {
      for (const region of this.records) if (region !== undone) mapRegion(region, at, removed, inserted, undefined);
      this.restore(undone, table, touch);
      return;
    }
    const record: JournalRecord = {
      at,
      inserted,
      insertedText: change.text,
      removedText,
      runSide: this.runSide(at, removed, inserted),
      spans: spanChanges,
      regions: [],
      dropped: false,
    };
    for (const region of this.records) mapRegion(region, at, removed, inserted, record);
    this.push(record);
  }

  /**
   * Records a change that was applied as the merged undo of several records; `redoSteps` redo
   * them one by one, for when this change is undone.
   */
  recordMergedUndo(change: EditorTextChange, removedText: string, redoSteps: readonly EditorTextChange[]): void {
    this.push({
      at: change.rangeOffset,
      inserted: change.text.length,
      insertedText: change.text,
      removedText,
      runSide: undefined,
      spans: [],
      regions: [],
      redoSteps,
      dropped: false,
    });
  }

  /** Drops a record whose change was undone by redoing the records it had undone. */
  forget(record: JournalRecord): void {
    this.drop(this.records.indexOf(record));
  }

  private push(record: JournalRecord): void {
    this.records.push(record);
    if (this.records.length > JOURNAL_LIMIT) this.drop(Math.max(0, this.records.findIndex((old) => old.spans.length === 0)));
  }

  private runSide(at: number, removed: number, inserted: number): 'before' | 'after' | undefined {
    const top = this.records.at(-1);
    if (removed === 0 || inserted !== 0 || top === undefined || top.insertedText !== '' || top.removedText === '' || top.inserted !== 0) {
      return undefined;
    }
    if (at + removed === top.at) return 'before';
    if (at === top.at) return 'after';
    return undefined;
  }

  private restore(record: JournalRecord, table: SpanTable, touch: (index: number) => void): void {
    for (const { index, before } of record.spans) {
      if (table.statuses[index] === SpanStatus.Removed) continue;
      table.starts[index] = record.at + before.start;
      table.ends[index] = record.at + before.end;
      table.statuses[index] = before.status;
      if (before.status === SpanStatus.Live) table.collapsedQuotes[index] = undefined;
      touch(index);
    }
    for (const { record: region, before } of record.regions) {
      if (region.dropped) continue;
      region.at = record.at + before.at;
      region.inserted = before.inserted;
    }
    this.drop(this.records.indexOf(record));
  }

  private drop(position: number): void {
    const [record] = this.records.splice(position, 1);
    record.dropped = true;
  }
}

/**
 * Moves a record's region through a change with the rules of the spans (text added at its start
 * goes before it, at its end after it; an empty region keeps to the text before it). When the
 * change removes some of the region, or the text just before an empty one, `record` keeps the
 * region's previous state so that undoing the change can put it back.
 */
function mapRegion(region: JournalRecord, at: number, removed: number, inserted: number, record: JournalRecord | undefined): void {
  const removedEnd = at + removed;
  const delta = inserted - removed;
  const start = region.at;
  const end = region.at + region.inserted;
  if (start === end) {
    if (start <= at) return;
    if (start > removedEnd) {
      region.at += delta;
      return;
    }
    region.at = at;
    record?.regions.push({ record: region, before: { at: start - at, inserted: 0 }, after: { at: 0, inserted: 0 } });
    return;
  }
  if (end <= at) return;
  if (start >= removedEnd) {
    region.at += delta;
    return;
  }
  if (start < at && end > removedEnd) {
    region.inserted += delta;
    return;
  }
  const before = { at: start - at, inserted: region.inserted };
  if (start < at) {
    region.inserted = at - start;
  } else if (end > removedEnd) {
    region.at = at + inserted;
    region.inserted = end + delta - region.at;
  } else {
    region.at = at;
    region.inserted = 0;
  }
  record?.regions.push({ record: region, before, after: { at: region.at - at, inserted: region.inserted } });
}

/** True when the two records' regions neither overlap nor touch. */
function apart(a: JournalRecord, b: JournalRecord): boolean {
  return a.at + a.inserted < b.at || b.at + b.inserted < a.at;
}

function undoes(change: EditorTextChange, removedText: string, record: JournalRecord, table: SpanTable): boolean {
  if (change.rangeOffset !== record.at || change.rangeLength !== record.inserted) return false;
  if (change.text !== record.removedText || removedText !== record.insertedText) return false;
  for (const { index, after } of record.spans) {
    const status = table.statuses[index];
    if (status === SpanStatus.Removed) continue;
    const stillAsLeft = status === after.status && table.starts[index] - record.at === after.start && table.ends[index] - record.at === after.end;
    if (!stillAsLeft) return false;
  }
  // Its restore puts back the regions it changed: only right while a later change has not moved them.
  for (const { record: region, after } of record.regions) {
    if (!region.dropped && (region.at - record.at !== after.at || region.inserted !== after.inserted)) return false;
  }
  return true;
}
