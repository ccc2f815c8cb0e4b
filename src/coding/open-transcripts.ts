// The open transcripts: each gets a TrackedDocument that keeps its codings on the text through
// every edit, and publishes the result to Placements for the views. Keystroke path: one map
// lookup and one pass over typed arrays (LiveSpans); everything else waits for a timer.
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import { touchedBy, type StudyChange } from '../core/study/study';
import { normaliseText } from '../core/text/normalise';
import type { StudyFeature } from '../study/register';
import { checkTranscript } from '../study/transcript-check';
import { currentText, TrackedDocument, type EditOutcome } from '../core/study/tracked-document';
import type { TranscriptFiles } from './transcripts';

/** How long the text must rest before the views get the new placement. */
const PUBLISH_DELAY_MS = 1000;
const KEPT_TIMINGS = 200;

export class OpenTranscript {
  /** UTF-16 length of the document, kept without calling getText(). */
  length: number;
  /** performance.now() of the steps after opening (for the benchmark). */
  readonly marks: { tracked: number; placed?: number; highlighted?: number } = { tracked: performance.now() };
  publishTimer: ReturnType<typeof setTimeout> | undefined;
  /** Modification time of the file when its text was last the editor's (opened, saved, reloaded). */
  diskTime: number | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    readonly path: string,
    readonly tracked: TrackedDocument,
  ) {
    this.length = document.getText().length;
    this.diskTime = modificationTime(document);
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }
}

export type TranscriptChangeKind = 'opened' | 'closed' | 'edited' | 'placed' | 'written';

export interface TranscriptChange {
  readonly transcript: OpenTranscript;
  readonly kind: TranscriptChangeKind;
  /** For an edit: what it did to the passages. */
  readonly outcome?: EditOutcome;
}

export class OpenTranscripts implements vscode.Disposable {
  private readonly byDocument = new Map<vscode.TextDocument, OpenTranscript>();
  /** Documents whose language is being set: their close event is not a close. */
  private readonly switchingLanguage = new Set<vscode.TextDocument>();
  /** Transcripts that cannot be coded, with the reason (also in the Problems panel). */
  private readonly refused = new Map<vscode.TextDocument, Problem>();
  /** Documents being checked before they are tracked. */
  private readonly checking = new Set<vscode.TextDocument>();
  private readonly changed = new vscode.EventEmitter<TranscriptChange>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Milliseconds spent in each recent change event (for the benchmark and the test command; kept only when `measuring`). */
  readonly changeTimings: number[] = [];
  /** How recent change events were taken (for the test command; kept only when `measuring`). */
  readonly recentChanges: { reason: number | undefined; dirty: boolean; reload: boolean }[] = [];

  constructor(
    private readonly feature: StudyFeature,
    readonly files: TranscriptFiles,
    /** Whether to keep the timings above: only when the extension runs its tests or the benchmark. */
    private readonly measuring = false,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.consider(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.switchingLanguage.has(d)) return;
        this.refused.delete(d);
        this.untrack(d);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChange(e)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const transcript = this.byDocument.get(d);
        if (transcript) transcript.diskTime = modificationTime(d);
        // Saved as UTF-8, without the separators: it may be coded now.
        if (this.refused.has(d)) void this.consider(d);
      }),
      feature.study.onDidChange((changes) => this.onStudyChange(changes)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gloss.transcriptFiles')) this.considerAll();
      }),
    );
    this.considerAll();
  }

  get(document: vscode.TextDocument): OpenTranscript | undefined {
    return this.byDocument.get(document);
  }

  /** Why a study transcript open in this editor cannot be coded, if so. */
  refusal(document: vscode.TextDocument): Problem | undefined {
    return this.refused.get(document);
  }

  byPath(path: string): OpenTranscript | undefined {
    for (const t of this.byDocument.values()) if (t.path === path) return t;
    return undefined;
  }

  all(): OpenTranscript[] {
    return [...this.byDocument.values()];
  }

  /** Tells listeners that the coding commands changed a transcript's codings (after a write). */
  written(transcript: OpenTranscript): void {
    this.changed.fire({ transcript, kind: 'written' });
    this.publishSoon(transcript, 0);
  }

  private considerAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.consider(document);
  }

  private async consider(document: vscode.TextDocument): Promise<void> {
    this.files.noteLanguage(document);
    const path = this.files.transcriptPath(document);
    const existing = this.byDocument.get(document);
    if (existing && existing.path !== path) this.untrack(document);
    if (path === undefined) this.refused.delete(document);
    if (path === undefined || this.byDocument.has(document) || this.checking.has(document) || document.isClosed) return;
    // The core and the editor must read the same text, or offsets would mean different passages.
    this.checking.add(document);
    const checked = await checkTranscript(this.feature.study, path, document).finally(() => this.checking.delete(document));
    if ('problem' in checked) {
      this.refused.set(document, checked.problem);
      this.feature.study.log.warn(`${path} cannot be coded: ${checked.problem.message}`);
      return;
    }
    this.refused.delete(document);
    if (this.byDocument.has(document) || document.isClosed || this.files.transcriptPath(document) !== path) return;
    this.track(document, path);
    if (!this.files.willSetLanguage(document)) return;
    // VS Code changes a language by closing and reopening the same document object: tracking
    // (and placing, which may take a moment in a long transcript) goes on meanwhile.
    this.switchingLanguage.add(document);
    try {
      await this.files.setLanguage(document);
    } finally {
      this.switchingLanguage.delete(document);
    }
    if (document.isClosed) this.untrack(document);
  }

  private track(document: vscode.TextDocument, path: string): void {
    const study = this.feature.study.current;
    if (!study) return;
    const tracked = new TrackedDocument(path, document.getText(), this.feature.placements.versions);
    const transcript = new OpenTranscript(document, path, tracked);
    this.byDocument.set(document, transcript);
    tracked.onDidPlace = () => {
      if (this.byDocument.get(document) !== transcript) return;
      transcript.marks.placed ??= performance.now();
      this.changed.fire({ transcript, kind: 'placed' });
      this.publishSoon(transcript, 0);
    };
    tracked.setStored(this.feature.study.visibleCodingsOf(path));
    this.changed.fire({ transcript, kind: 'opened' });
    if (!tracked.placing) this.publishSoon(transcript, 0);
  }

  private untrack(document: vscode.TextDocument): void {
    const transcript = this.byDocument.get(document);
    if (!transcript) return;
    this.byDocument.delete(document);
    clearTimeout(transcript.publishTimer);
    transcript.tracked.onDidPlace = undefined;
    if (!this.byPath(transcript.path)) this.feature.placements.clearLive(transcript.path);
    this.changed.fire({ transcript, kind: 'closed' });
  }

  private onDocumentChange(event: vscode.TextDocumentChangeEvent): void {
    const transcript = this.byDocument.get(event.document);
    if (!transcript || event.contentChanges.length === 0) return;
    const started = this.measuring ? performance.now() : 0;
    const lengthBefore = transcript.length;
    let delta = 0;
    for (const change of event.contentChanges) delta += change.text.length - change.rangeLength;
    transcript.length += delta;
    const reloadLike = TrackedDocument.isReloadLike(event.contentChanges, lengthBefore, event.document.isDirty, event.reason !== undefined, () => reloadedFromDisk(transcript));
    const outcome = transcript.tracked.applyChanges(event.contentChanges, reloadLike);
    if (outcome === 'reload') this.feature.study.log.info(`${transcript.path} changed as a whole (reloaded from disk?): placing its codings again.`);
    this.changed.fire({ transcript, kind: 'edited', outcome });
    this.publishSoon(transcript, PUBLISH_DELAY_MS);
    if (!this.measuring) return;
    this.changeTimings.push(performance.now() - started);
    this.recentChanges.push({ reason: event.reason, dirty: event.document.isDirty, reload: reloadLike });
    if (this.recentChanges.length > 20) this.recentChanges.shift();
    if (this.changeTimings.length > KEPT_TIMINGS) this.changeTimings.splice(0, this.changeTimings.length - KEPT_TIMINGS);
  }

  private onStudyChange(changes: readonly StudyChange[]): void {
    const study = this.feature.study.current;
    const touched = touchedBy(changes);
    if (!study || touched.everything || touched.cases || touched.codebook) {
      // The study was opened, closed, or its cases changed: which documents are transcripts may
      // differ. A new codebook renames the codes their orphans show: every transcript is taken again.
      for (const document of [...this.byDocument.keys()]) {
        if (!study || this.files.transcriptPath(document) !== this.byDocument.get(document)?.path) this.untrack(document);
      }
      if (study) {
        for (const transcript of this.byDocument.values()) this.restore(transcript, this.feature.study.visibleCodingsOf(transcript.path));
        this.considerAll();
      }
      return;
    }
    for (const transcript of this.byDocument.values()) {
      if (touched.documents.has(transcript.path)) this.restore(transcript, this.feature.study.visibleCodingsOf(transcript.path));
    }
  }

  /** Takes the codings the study now holds for an open transcript, and shows them. */
  private restore(transcript: OpenTranscript, stored: Parameters<TrackedDocument['setStored']>[0]): void {
    transcript.tracked.setStored(stored);
    this.changed.fire({ transcript, kind: 'written' });
    // Placing ends with a publish of its own; codings only dropped are published now.
    if (!transcript.tracked.placing) this.publishSoon(transcript, 0);
  }

  private publishSoon(transcript: OpenTranscript, delay: number): void {
    clearTimeout(transcript.publishTimer);
    transcript.publishTimer = setTimeout(() => this.publish(transcript), delay);
  }

  private publish(transcript: OpenTranscript): void {
    if (this.byDocument.get(transcript.document) !== transcript || transcript.tracked.placing) return;
    const placed = transcript.tracked.placedDocument(currentText(transcript.document.getText()));
    this.feature.placements.setLive(placed);
  }

  dispose(): void {
    for (const t of this.byDocument.values()) clearTimeout(t.publishTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function modificationTime(document: vscode.TextDocument): number | undefined {
  try {
    return statSync(document.uri.fsPath).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Whether the transcript's new text was just read from disk: only when the file changed since the
 * editor last had its text (a stat, so the first keystroke after a save reads nothing), and then
 * the file's text is the editor's.
 */
function reloadedFromDisk(transcript: OpenTranscript): boolean {
  const time = modificationTime(transcript.document);
  if (time === undefined || time === transcript.diskTime) return false;
  try {
    const same = normaliseText(readFileSync(transcript.document.uri.fsPath, 'utf8')) === normaliseText(transcript.document.getText());
    if (same) transcript.diskTime = time;
    return same;
  } catch {
    return false;
  }
}
