// Orphaned codings in the Problems panel: one warning per orphan on its transcript, at the place
// its text was deleted, else at its stored offset (a guess), with the quote in the message.
// Open transcripts report their live state; the others what Placements made of them on disk,
// gathered a little after the study loads and again when their files change.
import * as vscode from 'vscode';
import type { PlacedDocument } from '../core/study/placement';
import { TextIndex } from '../core/text/offsets';
import type { StudyFeature } from '../study/register';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';
import { lastKnownPlace, type OrphanedCoding } from '../core/study/tracked-document';

export const ORPHAN_DIAGNOSTIC_CODE = 'orphaned-coding';
/** Closed documents are placed only after the study has settled: nothing slow at activation. */
const FIRST_SCAN_DELAY_MS = 2000;
const OPEN_UPDATE_DELAY_MS = 300;

export class OrphanDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gloss-orphans');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly openTimers = new Map<OpenTranscript, ReturnType<typeof setTimeout>>();
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pendingPaths = new Set<string>();
  private scanAll = false;

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
  ) {
    this.disposables.push(
      transcripts.onDidChange(({ transcript, kind }) => {
        if (kind === 'closed') this.scheduleClosed(transcript.path, 0);
        else this.scheduleOpen(transcript, kind === 'edited' ? OPEN_UPDATE_DELAY_MS : 0);
      }),
      feature.placements.onDidChange((path) => {
        if (path === undefined) {
          this.scanAll = true;
          this.scheduleClosed(undefined, FIRST_SCAN_DELAY_MS);
        } else if (!transcripts.byPath(path)) {
          this.scheduleClosed(path, OPEN_UPDATE_DELAY_MS);
        }
      }),
    );
  }

  private scheduleOpen(transcript: OpenTranscript, delay: number): void {
    clearTimeout(this.openTimers.get(transcript));
    this.openTimers.set(
      transcript,
      setTimeout(() => {
        this.openTimers.delete(transcript);
        this.updateOpen(transcript);
      }, delay),
    );
  }

  private scheduleClosed(path: string | undefined, delay: number): void {
    if (path !== undefined) this.pendingPaths.add(path);
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scanClosed(), delay);
  }

  /** Refreshes the diagnostics of an open transcript now. */
  updateOpen(transcript: OpenTranscript): void {
    if (this.transcripts.get(transcript.document) !== transcript) return;
    const document = transcript.document;
    const text = document.getText();
    const diagnostics = transcript.tracked.orphanedCodings().map((orphan) => {
      const position = document.positionAt(lastKnownPlace(orphan, text));
      return this.diagnostic(orphan, document.lineAt(position.line).range);
    });
    this.collection.set(document.uri, diagnostics);
  }

  private async scanClosed(): Promise<void> {
    const study = this.feature.study.current;
    if (!study) {
      this.collection.clear();
      return;
    }
    const paths = this.scanAll ? study.documentPaths : [...this.pendingPaths];
    this.scanAll = false;
    this.pendingPaths.clear();
    for (const path of paths) {
      if (this.transcripts.byPath(path)) continue;
      const uri = this.feature.study.uriOf(path);
      if (!uri) continue;
      try {
        const placed = await this.feature.placements.get(path);
        if (this.transcripts.byPath(path)) continue;
        this.collection.set(uri, placed ? this.closedDiagnostics(placed) : []);
      } catch (error) {
        this.feature.study.log.warn(`Could not place the codings of ${path}: ${String(error)}`);
      }
    }
  }

  private closedDiagnostics(placed: PlacedDocument): vscode.Diagnostic[] {
    const orphans = placed.codings.filter((c) => c.span === undefined);
    if (orphans.length === 0) return [];
    const index = TextIndex.forText(placed.text);
    return orphans.map(({ coding, orphanReason }) => {
      const offset = index.toUnitOffsetWithin(coding.start);
      const line = countLines(placed.text, offset);
      const lineStart = placed.text.lastIndexOf('\n', offset - 1) + 1;
      const lineEnd = placed.text.indexOf('\n', offset);
      const range = new vscode.Range(line, 0, line, (lineEnd === -1 ? placed.text.length : lineEnd) - lineStart);
      return this.diagnostic({ coding, reason: orphanReason ?? '', quote: coding.quote }, range);
    });
  }

  private diagnostic(orphan: OrphanedCoding, range: vscode.Range): vscode.Diagnostic {
    const codebook = this.feature.study.current?.codebook;
    const code = codebook?.pathLabel(orphan.coding.code) || orphan.coding.code;
    const quote = orphan.quote.replace(/\s+/g, ' ').trim();
    const shown = quote.length > 120 ? `${quote.slice(0, 119)}…` : quote;
    const message = vscode.l10n.t(
      'Orphaned coding “{0}” by {1}: “{2}” ({3}). Select its passage and run “Gloss: Re-attach an Orphaned Coding to the Selection”.',
      code,
      orphan.coding.coder,
      shown,
      orphan.reason,
    );
    const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
    diagnostic.source = 'Gloss';
    diagnostic.code = ORPHAN_DIAGNOSTIC_CODE;
    return diagnostic;
  }

  dispose(): void {
    clearTimeout(this.scanTimer);
    for (const timer of this.openTimers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
