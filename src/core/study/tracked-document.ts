// One open transcript's codings, kept on its text while it is edited. Pure: no editor API, so it
// is tested in plain Node; src/coding/open-transcripts.ts feeds it VS Code's documents and events.
//
// Every stored coding it is given (every coder's, or one's own while coding blind) is in one of three states:
// - tracked: placed on the editor text and followed through each change by a LiveSpans tracker
//   (its passage may collapse when its text is deleted: an orphan in waiting that undo restores);
// - orphaned: it could not be placed on the current text (kept, shown, re-attachable);
// - in flight: being placed (placing may read an old text version from Git, so it is async).
// Offsets here are UTF-16 units of the editor text (`document.getText()`), CRLF counting two;
// stored codings count code points of the normalised text, converted with TextIndex.

import { LiveSpans, type EditorTextChange } from '../anchoring/live';
import { quoteSelectors, rebaseCoding } from '../anchoring/quote';
import { OrphanReason } from '../anchoring/reanchor';
import type { Coding, Span } from '../model';
import { placeDocument, type PlacedCoding, type PlacedDocument } from './placement';
import type { TextVersions } from './versions';
import { normaliseText, textVersion } from '../text/normalise';
import { TextIndex } from '../text/offsets';

/** A coding whose passage is on the text now, in editor offsets. */
export interface LiveCoding {
  /** The coding as stored on disk (offsets of the version it was written on). */
  readonly coding: Coding;
  readonly start: number;
  readonly end: number;
}

/** A coding with no passage on the current text. */
export interface OrphanedCoding {
  readonly coding: Coding;
  readonly reason: string;
  /** The text it covered: the text deleted in this editor, else its stored quote. */
  readonly quote: string;
  /** Where its text was, in editor offsets, when its passage was deleted in this editor. */
  readonly place?: number;
}

/** What the editor knows about one coding. */
export type CodingState =
  | { readonly kind: 'live'; readonly coding: Coding; readonly start: number; readonly end: number }
  | { readonly kind: 'orphan'; readonly orphan: OrphanedCoding };

export const DELETED_IN_EDITOR: string = OrphanReason.deleted;

/** What an edit did to the passages (see TrackedDocument.applyChanges). */
export type EditOutcome = 'shifted' | 'resized' | 'collapsed-or-restored' | 'reload';
/** The version given to a deleted passage for placing after a reload: no text has it. */
const WITHOUT_OLD_TEXT = 'deleted-in-the-editor';

interface Entry {
  /** The stored record (identity matters: it is compared with `known`). */
  coding: Coding;
  readonly index: number;
}

interface Placement {
  /** Each change event that arrived while placing, to map the placed spans through afterwards. */
  readonly changes: (readonly EditorTextChange[])[];
}

interface PlacementItem {
  /** The stored record. */
  readonly stored: Coding;
  /** What is placed: the stored record, or (after a reload) the record rebased on the old text. */
  readonly placeAs: Coding;
}

export class TrackedDocument {
  private live: LiveSpans;
  private readonly entries = new Map<string, Entry>();
  private readonly orphans = new Map<string, { coding: Coding; reason: string }>();
  /** The stored records this document should show, by id. */
  private readonly known = new Map<string, Coding>();
  /** Codings added here and not written yet: a reload of the study files must not drop them. */
  private readonly unsaved = new Set<string>();
  /** Codings being removed: still tracked until the write succeeds, but not shown. */
  private readonly hidden = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly placements = new Set<Placement>();
  /** Bumped by a reload: placements started before it are dropped and started again. */
  private generation = 0;
  private settledWaiters: (() => void)[] = [];
  /** Bumped by every change of what this document shows; caches are kept per revision. */
  private revisionNumber = 0;
  private liveCache: { revision: number; list: readonly LiveCoding[] } | undefined;
  /** Tracker indices of passages that are collapsed (deleted in the editor). */
  private readonly collapsedIndices = new Set<number>();
  /** Called after placed codings were added (async, after a load, reconcile or reload). */
  onDidPlace: (() => void) | undefined;

  constructor(
    readonly path: string,
    editorText: string,
    private readonly versions: TextVersions,
  ) {
    this.live = new LiveSpans(editorText);
  }

  /** The document text as the tracker holds it (same as `document.getText()`). */
  editorText(): string {
    return this.live.documentText();
  }

  /** Changes whenever codings move, appear or go: compare to skip work. */
  get revision(): number {
    return this.revisionNumber;
  }

  private changed(): void {
    this.revisionNumber++;
    this.liveCache = undefined;
  }

  /** True while some codings are still being placed. */
  get placing(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once no coding is being placed. */
  whenSettled(): Promise<void> {
    if (!this.placing) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /**
   * Takes the document's stored codings that are shown (see StudyService.visibleCodingsOf): codings that
   * are new or whose record changed are placed (asynchronously), codings gone are dropped.
   * Records equal to the known ones keep their place on the text, so the coding's own writes and
   * the reload they cause move nothing.
   */
  setStored(stored: readonly Coding[]): void {
    const next = new Map<string, Coding>();
    for (const coding of stored) {
      const previous = this.known.get(coding.id);
      next.set(coding.id, previous && sameRecord(previous, coding) ? previous : coding);
    }
    for (const [id, record] of this.known) {
      if (next.get(id) === record) continue;
      if (!next.has(id) && this.unsaved.has(id)) {
        next.set(id, record);
        continue;
      }
      this.drop(id);
    }
    this.known.clear();
    for (const [id, record] of next) this.known.set(id, record);
    this.placeMissing();
  }

  /**
   * Follows one change event of the editor. A reload-like change (the file reloaded from disk, or
   * one change replacing most of the text) is not followed edit by edit: every coding is placed
   * again through a diff of the old text, as the study does for a transcript changed elsewhere.
   * Returns what happened to the passages: 'shifted' (only moved: VS Code's own highlights
   * follow them exactly), 'resized', 'collapsed-or-restored', or 'reload'.
   */
  applyChanges(changes: readonly EditorTextChange[], reloadLike: boolean): EditOutcome {
    for (const placement of this.placements) placement.changes.push(changes);
    this.changed();
    if (!reloadLike) {
      const touched = this.live.applyChanges(changes);
      let collapsedChanged = false;
      for (const index of touched) {
        const collapsed = this.live.state(index)?.collapsed === true;
        if (collapsed === this.collapsedIndices.has(index)) continue;
        collapsedChanged = true;
        if (collapsed) this.collapsedIndices.add(index);
        else this.collapsedIndices.delete(index);
      }
      return collapsedChanged ? 'collapsed-or-restored' : touched.length > 0 ? 'resized' : 'shifted';
    }

    const oldEditorText = this.live.documentText();
    const items = this.itemsOnText(oldEditorText);
    this.live.applyChanges(changes);
    this.live = new LiveSpans(this.live.documentText());
    this.entries.clear();
    this.orphans.clear();
    this.collapsedIndices.clear();
    this.generation++;
    const oldText = normaliseText(oldEditorText);
    const oldVersion = textVersion(oldText);
    const versions: TextVersions = {
      get: (version, documentPath) =>
        version === oldVersion ? Promise.resolve(oldText) : version === WITHOUT_OLD_TEXT ? Promise.resolve(undefined) : this.versions.get(version, documentPath),
      remember: (text, version) => this.versions.remember(text, version),
    };
    void this.runPlacement(items, versions);
    return 'reload';
  }

  /**
   * Whether one change event counts as a reload (see applyChanges): a change to a document that
   * had no unsaved changes, not an undo or redo, after which the text is the file's text on disk
   * (VS Code reloaded it, or the user reverted it); or one change replacing most of the text.
   * `dirtyBefore` is `document.isDirty` as the change event sees it: VS Code updates it after the
   * event. `matchesDisk` is asked only when the rest holds (it reads the file).
   */
  static isReloadLike(changes: readonly EditorTextChange[], textLengthBefore: number, dirtyBefore: boolean, undoOrRedo: boolean, matchesDisk: () => boolean): boolean {
    if (!dirtyBefore && !undoOrRedo && matchesDisk()) return true;
    if (changes.length !== 1 || textLengthBefore < 200) return false;
    const [change] = changes;
    return change.rangeLength > textLengthBefore / 2 && change.text.length > 0;
  }

  /** Codings whose passages are on the text, sorted by start then end, without those being removed. */
  liveCodings(): readonly LiveCoding[] {
    if (this.liveCache?.revision === this.revisionNumber) return this.liveCache.list;
    const list: LiveCoding[] = [];
    for (const [id, entry] of this.entries) {
      if (this.collapsedIndices.has(entry.index) || this.hidden.has(id)) continue;
      const state = this.live.state(entry.index);
      if (!state || state.collapsed) continue;
      list.push({ coding: entry.coding, start: state.start, end: state.end });
    }
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    this.liveCache = { revision: this.revisionNumber, list };
    return list;
  }

  /** Codings whose passage holds `offset` (`inclusiveEnd`: also those ending right there). */
  codingsAt(offset: number, inclusiveEnd: boolean): LiveCoding[] {
    // Sorted by start: stop at the first passage starting after the offset.
    const result: LiveCoding[] = [];
    for (const c of this.liveCodings()) {
      if (c.start > offset) break;
      if (offset < c.end || (inclusiveEnd && offset === c.end)) result.push(c);
    }
    return result;
  }

  /** Codings that could not be placed, and passages deleted in this editor. */
  orphanedCodings(): OrphanedCoding[] {
    const result: OrphanedCoding[] = [];
    if (this.collapsedIndices.size > 0) {
      for (const [id, entry] of this.entries) {
        if (!this.collapsedIndices.has(entry.index) || this.hidden.has(id)) continue;
        const state = this.live.state(entry.index);
        if (state?.collapsed) result.push({ coding: entry.coding, reason: DELETED_IN_EDITOR, quote: state.quote, place: state.start });
      }
    }
    for (const { coding } of this.orphans.values()) if (!this.hidden.has(coding.id)) result.push({ coding, reason: this.orphans.get(coding.id)!.reason, quote: coding.quote });
    return result;
  }

  get codingCount(): number {
    return this.known.size - this.hidden.size;
  }

  stateOf(id: string): CodingState | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      const state = this.live.state(entry.index);
      if (state && !state.collapsed) return { kind: 'live', coding: entry.coding, start: state.start, end: state.end };
      if (state) return { kind: 'orphan', orphan: { coding: entry.coding, reason: DELETED_IN_EDITOR, quote: state.quote, place: state.start } };
    }
    const orphan = this.orphans.get(id);
    return orphan ? { kind: 'orphan', orphan: { ...orphan, quote: orphan.coding.quote } } : undefined;
  }

  // ----- changes made by the coding commands, before and after their write -----

  /** Shows a new coding at once, before it is written. */
  addUnsaved(coding: Coding, span: Span): void {
    this.changed();
    this.unsaved.add(coding.id);
    this.known.set(coding.id, coding);
    this.entries.set(coding.id, { coding, index: this.live.add(span) });
  }

  /** Puts an orphan (or a deleted passage) on a new passage, before the write. Returns the undo. */
  attach(id: string, span: Span): () => void {
    const orphan = this.orphans.get(id);
    const entry = this.entries.get(id);
    const record = this.known.get(id);
    if (!record) throw new Error(`unknown coding ${id}`);
    this.changed();
    this.orphans.delete(id);
    if (entry) {
      this.live.remove(entry.index);
      this.collapsedIndices.delete(entry.index);
    }
    const attached: Entry = { coding: record, index: this.live.add(span) };
    this.entries.set(id, attached);
    return () => {
      if (this.entries.get(id) !== attached) return;
      this.changed();
      this.live.remove(attached.index);
      this.entries.delete(id);
      if (orphan) this.orphans.set(id, orphan);
      else this.placeMissing();
    };
  }

  /** Hides a coding that is being removed; `unhide` when the removal failed. */
  hide(id: string): void {
    this.hidden.add(id);
    this.changed();
  }

  unhide(id: string): void {
    this.hidden.delete(id);
    this.changed();
  }

  /** After a successful write: the records as written (rebased, with memos, re-attached). */
  recordsWritten(written: readonly Coding[], removedIds: readonly string[]): void {
    this.changed();
    for (const id of removedIds) {
      this.known.delete(id);
      this.drop(id);
    }
    for (const record of written) {
      this.unsaved.delete(record.id);
      this.known.set(record.id, record);
      const entry = this.entries.get(record.id);
      if (entry) entry.coding = record;
      const orphan = this.orphans.get(record.id);
      if (orphan) orphan.coding = record;
    }
  }

  /** After a failed write: forgets a coding added by `addUnsaved`. */
  forgetUnsaved(id: string): void {
    if (!this.unsaved.delete(id)) return;
    this.known.delete(id);
    this.drop(id);
  }

  /**
   * The record to write for a stored coding: moved onto its current passage (offsets, quote and
   * context from the current normalised text) when it has one, unchanged when it is an orphan.
   */
  rebased(coding: Coding, current: CurrentText): Coding {
    const state = this.stateOf(coding.id);
    if (state?.kind !== 'live') return coding;
    const span = current.editorIndex.toCodePointSpan(state);
    return rebaseCoding(coding, current.text, span, current.version, current.textIndex);
  }

  /** Every coding placed on the current text, for the views (Placements.setLive). */
  placedDocument(current: CurrentText): PlacedDocument {
    const codings: PlacedCoding[] = [];
    for (const live of this.liveCodings()) {
      codings.push({ coding: live.coding, span: current.editorIndex.toCodePointSpan(live) });
    }
    for (const orphan of this.orphanedCodings()) codings.push({ coding: orphan.coding, span: undefined, orphanReason: orphan.reason });
    return { path: this.path, text: current.text, version: current.version, codings };
  }

  // ----- placing -----

  private drop(id: string): void {
    this.changed();
    const entry = this.entries.get(id);
    if (entry) {
      this.live.remove(entry.index);
      this.collapsedIndices.delete(entry.index);
    }
    this.entries.delete(id);
    this.orphans.delete(id);
    this.hidden.delete(id);
    this.unsaved.delete(id);
  }

  /** Every tracked and orphaned coding as a record on `editorText` (the text before a reload). */
  private itemsOnText(editorText: string): PlacementItem[] {
    const text = normaliseText(editorText);
    const version = textVersion(text);
    const editorIndex = TextIndex.forEditorText(editorText);
    const textIndex = TextIndex.forText(text);
    const items: PlacementItem[] = [];
    for (const [id, entry] of this.entries) {
      const state = this.live.state(entry.index);
      if (!state) continue;
      if (!state.collapsed) {
        const span = editorIndex.toCodePointSpan(state);
        items.push({ stored: entry.coding, placeAs: rebaseCoding(entry.coding, text, span, version, textIndex) });
      } else {
        // A deleted passage: its quote is the deleted text, its context the text around its place.
        const at = editorIndex.toCodePointOffset(state.start);
        // Searched for by quote and context (the old text has no trace of it to diff).
        const { prefix, suffix } = quoteSelectors(text, { start: at, end: at }, textIndex);
        items.push({ stored: entry.coding, placeAs: { ...entry.coding, start: at, end: at, quote: normaliseText(state.quote), prefix, suffix, version: WITHOUT_OLD_TEXT } });
      }
      this.inFlight.add(id);
    }
    for (const { coding } of this.orphans.values()) {
      items.push({ stored: coding, placeAs: coding });
      this.inFlight.add(coding.id);
    }
    return items;
  }

  private placeMissing(): void {
    const missing: PlacementItem[] = [];
    for (const [id, coding] of this.known) {
      if (!this.entries.has(id) && !this.orphans.has(id) && !this.inFlight.has(id)) missing.push({ stored: coding, placeAs: coding });
    }
    if (missing.length > 0) void this.runPlacement(missing, this.versions);
  }

  private async runPlacement(items: readonly PlacementItem[], versions: TextVersions): Promise<void> {
    const generation = this.generation;
    const baseText = this.live.documentText();
    const placement: Placement = { changes: [] };
    this.placements.add(placement);
    for (const item of items) this.inFlight.add(item.stored.id);
    let placed: PlacedDocument | undefined;
    let failure = '';
    try {
      placed = await placeDocument(this.path, baseText, items.map((i) => i.placeAs), versions);
    } catch (error) {
      failure = `it could not be placed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.placements.delete(placement);
      for (const item of items) this.inFlight.delete(item.stored.id);
    }
    if (generation === this.generation) this.takePlaced(items, placed, failure, baseText, placement);
    this.placeMissing();
    if (!this.placing) {
      const waiters = this.settledWaiters;
      this.settledWaiters = [];
      for (const resolve of waiters) resolve();
    }
    this.onDidPlace?.();
  }

  private takePlaced(items: readonly PlacementItem[], placed: PlacedDocument | undefined, failure: string, baseText: string, placement: Placement): void {
    this.changed();
    const byPlaced = new Map<Coding, PlacementItem>();
    for (const item of items) byPlaced.set(item.placeAs, item);
    const index = TextIndex.forEditorText(baseText);
    const isCurrent = (item: PlacementItem): boolean => {
      const id = item.stored.id;
      return this.known.get(id) === item.stored && !this.entries.has(id) && !this.orphans.has(id);
    };
    if (!placed) {
      for (const item of items) if (isCurrent(item)) this.orphans.set(item.stored.id, { coding: item.stored, reason: failure });
      return;
    }
    // Changes typed while placing: map the placed spans through them as the editor did.
    const mapped = placement.changes.length > 0 ? new LiveSpans(baseText) : undefined;
    const mappedIndex = new Map<PlacementItem, number>();
    if (mapped) {
      for (const p of placed.codings) {
        const item = byPlaced.get(p.coding);
        if (item && p.span) mappedIndex.set(item, mapped.add(index.toUnitSpan(p.span)));
      }
      for (const changes of placement.changes) mapped.applyChanges(changes);
    }
    for (const p of placed.codings) {
      const item = byPlaced.get(p.coding);
      if (!item || !isCurrent(item)) continue;
      const id = item.stored.id;
      if (!p.span) {
        this.orphans.set(id, { coding: item.stored, reason: p.orphanReason || 'it could not be placed' });
        continue;
      }
      let span: Span = index.isIdentity ? p.span : index.toUnitSpan(p.span);
      if (mapped) {
        const now = mapped.state(mappedIndex.get(item)!);
        if (!now || now.collapsed) {
          this.orphans.set(id, { coding: item.stored, reason: DELETED_IN_EDITOR });
          continue;
        }
        span = now;
      }
      this.entries.set(id, { coding: item.stored, index: this.live.add(span) });
    }
  }
}

/** The current text in the forms a write needs, computed once per write. */
export interface CurrentText {
  /** The normalised text. */
  readonly text: string;
  readonly version: string;
  /** Code points of `text` against its UTF-16 units. */
  readonly textIndex: TextIndex;
  /** Code points of `text` against UTF-16 units of the editor text. */
  readonly editorIndex: TextIndex;
}

export function currentText(editorText: string): CurrentText {
  const text = normaliseText(editorText);
  return { text, version: textVersion(text), textIndex: TextIndex.forText(text), editorIndex: TextIndex.forEditorText(editorText) };
}

/**
 * Where an orphan was last seen, in editor offsets of `editorText`: where its passage was deleted,
 * else its stored start (offsets of an older version, the best guess there is), within the text.
 */
export function lastKnownPlace(orphan: OrphanedCoding, editorText: string): number {
  if (orphan.place !== undefined) return Math.min(orphan.place, editorText.length);
  const index = TextIndex.forEditorText(editorText);
  return index.toUnitOffsetWithin(orphan.coding.start);
}

function sameRecord(a: Coding, b: Coding): boolean {
  return (
    a.id === b.id && a.code === b.code && a.start === b.start && a.end === b.end && a.quote === b.quote &&
    a.prefix === b.prefix && a.suffix === b.suffix && a.version === b.version && a.coder === b.coder &&
    a.created === b.created && (a.memo ?? '') === (b.memo ?? '')
  );
}
