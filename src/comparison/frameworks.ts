// The study's framework matrices (matrices/*.yaml): listed, read and checked against the study,
// their problems shown in the Problems panel, edited as text and written atomically. A file that
// fails to parse, or is open in an editor with unsaved changes, is never written.
import * as vscode from 'vscode';
import { MATRICES_FOLDER, parseFramework } from '../core/framework';
import { listFrameworkFiles, readFrameworkFile, type FrameworkFile } from '../core/framework/files';
import { absolutePath, studyRelativePath } from '../core/storage/files';
import { readStudyFile, writeStudyFile } from '../core/storage/study-files';
import type { StudyService } from '../study/study-service';
import { problemDiagnostic } from '../study/diagnostics';

export class FrameworkWriteError extends Error {}

export class Frameworks implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<FrameworkFile | undefined>>();
  private files: Promise<string[]> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a matrix file was created, changed or removed (on disk or by an edit here). */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('gloss-matrices');
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedRoot: string | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly study: StudyService) {
    this.subscription = study.onDidChange(() => {
      this.watch();
      // Evidence ids, cases and codes may have changed: check again, at most every half second.
      clearTimeout(this.checkTimer);
      this.checkTimer = setTimeout(() => void this.publishProblems(), 500);
    });
    this.watch();
  }

  /** Matrix files relative to the study root, sorted. */
  list(): Promise<string[]> {
    const root = this.study.current?.root;
    if (!root) return Promise.resolve([]);
    this.files ??= listFrameworkFiles(root).then((found) => found.files);
    return this.files;
  }

  read(relativePath: string): Promise<FrameworkFile | undefined> {
    let pending = this.cache.get(relativePath);
    if (!pending) {
      pending = this.load(relativePath);
      this.cache.set(relativePath, pending);
    }
    return pending;
  }

  private async load(relativePath: string): Promise<FrameworkFile | undefined> {
    const study = this.study.current;
    if (!study) return undefined;
    return readFrameworkFile(study.root, relativePath, {
      caseIds: new Set(study.cases.cases.map((c) => c.id)),
      codeIds: new Set(study.codebook.codes.flatMap((c) => study.codebook.idsOf(c.id))),
      codingIds: new Set(study.codingsFileList.flatMap((f) => f.codings.map((c) => c.id))),
    });
  }

  /**
   * Applies a text edit to a matrix file and writes it atomically. Refused when the file fails to
   * parse, when the result would, and when the file has unsaved changes in an editor.
   */
  edit(relativePath: string, edit: (text: string) => string): Promise<void> {
    const run = this.writing.then(() => this.editNow(relativePath, edit));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async editNow(relativePath: string, edit: (text: string) => string): Promise<void> {
    const study = this.study.current;
    if (!study) throw new FrameworkWriteError(vscode.l10n.t('No study is open.'));
    const file = absolutePath(study.root, relativePath);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === vscode.Uri.file(file).fsPath);
    if (open?.isDirty) throw new FrameworkWriteError(vscode.l10n.t('{0} has unsaved changes in an editor; save or revert them first.', relativePath));
    // Applied to the matrix as it is on disk now, like every codings and codebook write.
    await study.update(relativePath, (before) => {
      if (before === undefined) throw new FrameworkWriteError(vscode.l10n.t('{0} no longer exists.', relativePath));
      if (!parseFramework(before, relativePath).ok) throw new FrameworkWriteError(vscode.l10n.t('{0} has errors; fix them before editing it here.', relativePath));
      const after = edit(before);
      if (after !== before && !parseFramework(after, relativePath).ok) {
        throw new FrameworkWriteError(vscode.l10n.t('The change would make {0} unreadable; nothing was written.', relativePath));
      }
      return after;
    });
    this.forget(relativePath);
  }

  /** Writes a new matrix file; refuses to replace an existing one. Returns its relative path. */
  async create(fileName: string, text: string): Promise<string> {
    const root = this.study.current?.root;
    if (!root) throw new FrameworkWriteError(vscode.l10n.t('No study is open.'));
    const relativePath = `${MATRICES_FOLDER}/${fileName}`;
    if ((await readStudyFile(root, relativePath)) !== undefined) throw new FrameworkWriteError(vscode.l10n.t('{0} already exists.', relativePath));
    await writeStudyFile(root, relativePath, text);
    this.files = undefined;
    this.forget(relativePath);
    return relativePath;
  }

  uriOf(relativePath: string): vscode.Uri | undefined {
    return this.study.uriOf(relativePath);
  }

  private forget(relativePath: string | undefined): void {
    if (relativePath === undefined) this.cache.clear();
    else this.cache.delete(relativePath);
    this.changed.fire();
    void this.publishProblems();
  }

  private watch(): void {
    const root = this.study.current?.root;
    if (root === this.watchedRoot) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedRoot = root;
    this.files = undefined;
    this.cache.clear();
    if (!root) {
      this.diagnostics.clear();
      return;
    }
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), `${MATRICES_FOLDER}/*.{yaml,yml}`));
    const onFile = (uri: vscode.Uri, listChanged: boolean) => {
      if (listChanged) this.files = undefined;
      this.forget(studyRelativePath(root, uri.fsPath));
    };
    this.watcher.onDidCreate((uri) => onFile(uri, true));
    this.watcher.onDidDelete((uri) => onFile(uri, true));
    this.watcher.onDidChange((uri) => onFile(uri, false));
    void this.publishProblems();
  }

  private async publishProblems(): Promise<void> {
    const root = this.study.current?.root;
    this.diagnostics.clear();
    if (!root) return;
    // Reference checks depend on the whole study: read every matrix afresh.
    this.cache.clear();
    for (const relativePath of await this.list()) {
      const loaded = await this.read(relativePath);
      if (!loaded || loaded.problems.length === 0) continue;
      this.diagnostics.set(
        vscode.Uri.file(absolutePath(root, relativePath)),
        loaded.problems.map(problemDiagnostic),
      );
    }
  }

  dispose(): void {
    clearTimeout(this.checkTimer);
    this.subscription.dispose();
    this.watcher?.dispose();
    this.changed.dispose();
    this.diagnostics.dispose();
  }
}
