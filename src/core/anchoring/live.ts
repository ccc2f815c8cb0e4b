// Live anchoring: keeping codings on their text while the user edits the document in VS Code.
//
// VS Code gives extensions no live ranges (microsoft/vscode #8094): the extension maps its own
// spans through the changes of each onDidChangeTextDocument event, applied one after another in
// array order. Offsets here are the editor's UTF-16 offsets (`\r\n` counts two in a CRLF
// document); convert with TextIndex at the boundary.
//
// Edge behaviour. Each change is a deletion of [rangeOffset, rangeOffset + rangeLength) followed
// by an insertion of `text` there (as VS Code's own decorations that never grow at their edges):
// - text inserted at the start of a coded passage goes outside it, before it;
// - text inserted at its end goes outside it, after it;
// - text inserted strictly inside makes it grow;
// - a change that removes text at one edge trims the passage; text it inserts stays outside;
// - a passage whose text is deleted entirely "collapses": it keeps its text as its quote and
//   stays, empty, at the place where its text was (an orphan in waiting), before any text
//   inserted there later.
// The undo of a change (VS Code's undo, or the same change typed by hand) restores the spans it
// trimmed or collapsed exactly; see live-journal.ts.
//
// The tracker keeps its own copy of the document in chunks: the journal needs the text each
// change removed, which VS Code's change events do not carry.
//
// Cost: one pass over typed arrays per change, plus a few microseconds for the text copy; spans
// that only shift are not reported and nothing is allocated for them.

import type { Span } from '../model';
import { ChunkedText } from '../text/chunked-text';
import { SpanStatus, UndoJournal, type SpanChange, type SpanTable } from './live-journal';

/** A change as VS Code reports it in `TextDocumentChangeEvent.contentChanges`. */
export interface EditorTextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export interface TrackedSpanState extends Span {
  /** Its text was deleted; start === end is where it was. */
  readonly collapsed: boolean;
  /** The document text in [start, end); for a collapsed span, the text that was deleted. */
  readonly quote: string;
}

const NOTHING_TOUCHED: readonly number[] = Object.freeze([]);
const NO_SPAN_CHANGES: readonly SpanChange[] = Object.freeze([]);

/**
 * The spans of one open document, mapped in place through its changes. Indices are stable: a span
 * keeps its index for the tracker's lifetime (a removed span leaves a hole).
 */
export class LiveSpans {
  private readonly text: ChunkedText;
  private table: SpanTable = { starts: new Int32Array(16), ends: new Int32Array(16), statuses: new Uint8Array(16), collapsedQuotes: [] };
  private count = 0;
  private readonly journal = new UndoJournal();

  /** `editorText` is the document as VS Code holds it (`document.getText()`). */
  constructor(editorText: string, spans: Iterable<Span> = []) {
    this.text = new ChunkedText(editorText);
    for (const span of spans) this.add(span);
  }

  /** Number of indices handed out, removed spans included. */
  get size(): number {
    return this.count;
  }

  /** The document text as the tracker holds it. */
  documentText(): string {
    return this.text.toString();
  }

  /** Starts tracking a span of the current text; returns its index. */
  add(span: Span): number {
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > this.text.length) {
      throw new RangeError(`span [${start}, ${end}) is outside a text of length ${this.text.length}`);
    }
    if (this.count === this.table.starts.length) this.grow();
    const index = this.count++;
    this.table.starts[index] = start;
    this.table.ends[index] = end;
    this.table.statuses[index] = SpanStatus.Live;
    this.table.collapsedQuotes[index] = undefined;
    return index;
  }

  /** Stops tracking a span (its index is not reused). */
  remove(index: number): void {
    this.checkIndex(index);
    this.table.statuses[index] = SpanStatus.Removed;
  }

  /** The span's current state, or undefined when it was removed. */
  state(index: number): TrackedSpanState | undefined {
    this.checkIndex(index);
    const { starts, ends, statuses, collapsedQuotes } = this.table;
    const status = statuses[index];
    if (status === SpanStatus.Removed) return undefined;
    const start = starts[index];
    const end = ends[index];
    if (status === SpanStatus.Collapsed) return { start, end, collapsed: true, quote: collapsedQuotes[index] ?? '' };
    return { start, end, collapsed: false, quote: this.text.slice(start, end) };
  }

  /**
   * Applies one onDidChangeTextDocument event's changes, in array order. Returns the indices of
   * spans that changed other than by a plain shift (grew, shrank, collapsed, were restored).
   */
  applyChanges(changes: readonly EditorTextChange[]): readonly number[] {
    let touched: number[] | undefined;
    const touch = (index: number): void => {
      (touched ??= []).push(index);
    };
    for (const change of changes) {
      const { rangeOffset, rangeLength } = change;
      if (!Number.isInteger(rangeOffset) || !Number.isInteger(rangeLength) || rangeOffset < 0 || rangeLength < 0 || rangeOffset + rangeLength > this.text.length) {
        throw new RangeError(`change at ${rangeOffset} of length ${rangeLength} is outside a text of length ${this.text.length}`);
      }
      if (rangeLength === 0 && change.text.length === 0) continue; // changes nothing, undoes nothing
      this.applyChange(change, touch, true);
    }
    return touched ?? NOTHING_TOUCHED;
  }

  /** Applies one change; returns the text it removed. */
  private applyChange(change: EditorTextChange, touch: (index: number) => void, mayBeMergedUndo: boolean): string {
    const removedText = this.text.slice(change.rangeOffset, change.rangeOffset + change.rangeLength);
    const undone = this.journal.findUndone(change, removedText, this.table);
    if (undone?.redoSteps !== undefined) {
      this.journal.forget(undone);
      for (const step of undone.redoSteps) this.applyChange(step, touch, true);
      return removedText;
    }
    if (undone === undefined && mayBeMergedUndo) {
      const steps = this.journal.mergedUndoSteps(change, removedText);
      if (steps !== undefined) {
        const redoSteps = steps.map((step) => ({ rangeOffset: step.rangeOffset, rangeLength: step.text.length, text: this.applyChange(step, touch, false) }));
        this.journal.recordMergedUndo(change, removedText, redoSteps.reverse());
        return removedText;
      }
    }
    const spanChanges = this.mapSpans(change, removedText, touch);
    this.text.replace(change.rangeOffset, change.rangeLength, change.text);
    this.journal.record(change, removedText, spanChanges, undone, this.table, touch);
    return removedText;
  }

  /** Maps every span through one change (edge behaviour at the top of this file). */
  private mapSpans(change: EditorTextChange, removedText: string, touch: (index: number) => void): readonly SpanChange[] {
    const at = change.rangeOffset;
    const inserted = change.text.length;
    const removedEnd = at + change.rangeLength;
    const delta = inserted - change.rangeLength;
    const { starts, ends, statuses, collapsedQuotes } = this.table;
    let spanChanges: SpanChange[] | undefined;
    for (let i = 0; i < this.count; i++) {
      const end = ends[i];
      if (end < at) continue;
      const start = starts[i];
      if (start > removedEnd) {
        starts[i] = start + delta;
        ends[i] = end + delta;
        continue;
      }
      const status = statuses[i] as SpanStatus;
      if (status === SpanStatus.Removed) continue;
      if (status === SpanStatus.Collapsed) {
        // A collapsed span keeps to the text before it: it moves only when that text is deleted.
        if (start > at) {
          starts[i] = ends[i] = at;
          (spanChanges ??= []).push({ index: i, before: { start: start - at, end: start - at, status }, after: { start: 0, end: 0, status } });
          touch(i);
        }
        continue;
      }
      if (end === at) continue;
      if (start >= removedEnd) {
        starts[i] = start + delta;
        ends[i] = end + delta;
        continue;
      }
      if (start < at && end > removedEnd) {
        ends[i] = end + delta;
        touch(i);
        continue;
      }
      const before = { start: start - at, end: end - at, status };
      if (start < at) {
        ends[i] = at;
      } else if (end > removedEnd) {
        starts[i] = at + inserted;
        ends[i] = end + delta;
      } else {
        starts[i] = ends[i] = at;
        statuses[i] = SpanStatus.Collapsed;
        collapsedQuotes[i] = removedText.slice(start - at, end - at);
      }
      const after = { start: starts[i] - at, end: ends[i] - at, status: statuses[i] as SpanStatus };
      (spanChanges ??= []).push({ index: i, before, after });
      touch(i);
    }
    return spanChanges ?? NO_SPAN_CHANGES;
  }

  private grow(): void {
    const capacity = this.table.starts.length * 2;
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    const statuses = new Uint8Array(capacity);
    starts.set(this.table.starts);
    ends.set(this.table.ends);
    statuses.set(this.table.statuses);
    this.table = { starts, ends, statuses, collapsedQuotes: this.table.collapsedQuotes };
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`no span ${index}`);
  }
}

/**
 * Maps spans of `editorText` through one event's changes without keeping a tracker: a pure function
 * for one-off use and tests. (Recognising undo needs the journal a LiveSpans keeps per document.)
 */
export function mapSpansThroughChanges(editorText: string, spans: readonly Span[], changes: readonly EditorTextChange[]): TrackedSpanState[] {
  const live = new LiveSpans(editorText, spans);
  live.applyChanges(changes);
  return spans.map((_, index) => live.state(index)!);
}
