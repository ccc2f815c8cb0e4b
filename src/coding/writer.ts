// Writing the current coder's codings of an open transcript: every write applies the command's
// change to that coder's own file for the document (never another coder's: coders never write the
// same file) as it is on disk now, with each coding that has a passage moved onto the current text
// (offsets, quote and context of the current version; orphans unchanged), after keeping a snapshot
// of that version. A record that changes is stamped `modified`. Writes to one document run one
// after another; each is one step of the undo history.
import * as vscode from 'vscode';
import { stampModified } from '../core/codings/format';
import type { Coding } from '../core/model';
import type { StudyFeature } from '../study/register';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';
import { currentText, type CurrentText } from '../core/study/tracked-document';

export interface CodingsChange {
  /** What the undo history calls it ("Code “Policy”"). */
  readonly label: string;
  /** The current coder's file's new list, from its codings on disk now. */
  readonly change: (onDisk: readonly Coding[]) => readonly Coding[];
  /** Puts the editor's state back when the write fails. */
  readonly rollback: () => void;
  /** Text versions the new records refer to (the text when the command ran). */
  readonly versions?: readonly CurrentText[];
}

export class CodingWriter {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
  ) {}

  /** Resolves when the writes queued for a document so far are done. */
  idle(documentPath: string): Promise<void> {
    return (this.queues.get(documentPath) ?? Promise.resolve()).then(() => undefined);
  }

  /** Queues a write; resolves true once written, false when it failed (the user was told). */
  write(transcript: OpenTranscript, change: CodingsChange): Promise<boolean> {
    const previous = this.queues.get(transcript.path) ?? Promise.resolve();
    const next = previous.then(() => this.run(transcript, change));
    const settled = next.catch(() => undefined);
    this.queues.set(transcript.path, settled);
    void settled.then(() => {
      if (this.queues.get(transcript.path) === settled) this.queues.delete(transcript.path);
    });
    return next.then(
      () => true,
      (error: unknown) => {
        change.rollback();
        this.transcripts.written(transcript);
        const message = error instanceof Error ? error.message : String(error);
        this.feature.study.log.error(`Could not write the codings of ${transcript.path}: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('The coding was not saved: {0}', message));
        return false;
      },
    );
  }

  private async run(transcript: OpenTranscript, change: CodingsChange): Promise<void> {
    const study = this.feature.study.current;
    if (!study) throw new Error(vscode.l10n.t('No study is open.'));
    const coder = this.feature.study.coder;
    const current = currentText(transcript.document.getText());
    // The version a coding refers to must be retrievable later, even if it is never committed.
    const versions = new Map<string, string>([[current.version, current.text]]);
    for (const v of change.versions ?? []) versions.set(v.version, v.text);
    for (const [version, text] of versions) await this.feature.placements.versions.remember(text, version);
    const modified = new Date().toISOString();
    const written = await this.feature.study.history.record(change.label, () =>
      study.updateCodings(coder, transcript.path, (onDisk) =>
        stampModified(onDisk, change.change(onDisk).map((coding) => transcript.tracked.rebased(coding, current)), modified),
      ),
    );
    const kept = new Set(written.after.map((r) => r.id));
    const removed = written.before.filter((c) => !kept.has(c.id)).map((c) => c.id);
    transcript.tracked.recordsWritten(written.after, removed);
    this.feature.study.notify({ kind: 'codings', documentPath: transcript.path });
    this.transcripts.written(transcript);
  }
}
