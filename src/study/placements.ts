// Placed codings of every document, for the views that show segments (tree, retrieval, matrices).
// Documents open in an editor are published here by the coding feature, which keeps them in step
// with each keystroke; the others are read from disk and placed once per change.
import * as vscode from 'vscode';
import { absolutePath } from '../core/storage/files';
import { placeDocument, type PlacedDocument } from '../core/study/placement';
import { touchedBy } from '../core/study/study';
import type { TextVersions } from '../core/study/versions';
import type { StudyService } from './study-service';
import { checkTranscript } from './transcript-check';

export class Placements implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<PlacedDocument | undefined>>();
  private readonly live = new Map<string, PlacedDocument>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with a document path when that document's placement changed, undefined when all may have. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly study: StudyService,
    readonly versions: TextVersions,
  ) {
    this.subscription = study.onDidChange((changes) => {
      const touched = touchedBy(changes);
      // Opening the study reports its codebook and cases: then every document is placed again.
      const all = touched.everything || touched.cases;
      if (all) this.cache.clear();
      else for (const path of touched.documents) this.cache.delete(path);
      if (all || touched.codebook) this.changed.fire(undefined);
      else for (const path of touched.documents) this.changed.fire(path);
    });
  }

  /** The document's placed codings; undefined when its file does not exist. */
  get(documentPath: string): Promise<PlacedDocument | undefined> {
    const live = this.live.get(documentPath);
    if (live) return Promise.resolve(live);
    let pending = this.cache.get(documentPath);
    if (!pending) {
      pending = this.place(documentPath);
      this.cache.set(documentPath, pending);
    }
    return pending;
  }

  /** Every document of the study, placed. */
  async all(): Promise<PlacedDocument[]> {
    const study = this.study.current;
    if (!study) return [];
    const placed = await Promise.all(study.documentPaths.map((p) => this.get(p)));
    return placed.filter((p): p is PlacedDocument => p !== undefined);
  }

  /** The coding feature's current view of an open document, kept until `clearLive`. */
  setLive(document: PlacedDocument): void {
    this.live.set(document.path, document);
    this.changed.fire(document.path);
  }

  clearLive(documentPath: string): void {
    if (this.live.delete(documentPath)) {
      this.cache.delete(documentPath);
      this.changed.fire(documentPath);
    }
  }

  /** Forget what was placed from disk for a document (its file changed). */
  invalidate(documentPath: string): void {
    this.cache.delete(documentPath);
    this.changed.fire(documentPath);
  }

  private async place(documentPath: string): Promise<PlacedDocument | undefined> {
    const study = this.study.current;
    if (!study) return undefined;
    const uri = vscode.Uri.file(absolutePath(study.root, documentPath));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // A transcript that cannot be coded (a link, not UTF-8, ...) shows no passages: its problem says why.
    const checked = await checkTranscript(this.study, documentPath, open);
    if ('problem' in checked || checked.text === undefined) return undefined;
    return placeDocument(documentPath, checked.text, this.study.visibleCodingsOf(documentPath), this.versions);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
