// Holds the open study, keeps it in step with the files on disk and reports their problems in
// the Problems panel and the log.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { gitUserName } from '../core/git/git';
import type { Problem } from '../core/model';
import { absolutePath, studyRelativePath } from '../core/storage/files';
import { CODINGS_FOLDER } from '../core/codings/paths';
import { visibleCodingsFiles } from '../core/codings/visibility';
import type { Coding } from '../core/model';
import { studyPathProblem } from '../core/storage/study-files';
import { History } from '../core/study/history';
import { CODEBOOK_FILE, Study, type CodingsFile, type StudyChange } from '../core/study/study';
import { BatchQueue } from '../core/util/batch-queue';
import { setContext } from '../util/context';
import { CodingsFolderWatcher } from './codings-folder-watcher';
import { problemDiagnostic } from './diagnostics';

/** Events of one Git command or save arrive within milliseconds: gathered for this long. */
const RELOAD_DELAY_MS = 50;

export class StudyService implements vscode.Disposable {
  private study: Study | undefined;
  private coderName: string | undefined;
  private readonly changed = new vscode.EventEmitter<readonly StudyChange[]>();
  /** Fires after the study was loaded or a file of it changed on disk or through the extension. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('gloss');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private watcher: vscode.FileSystemWatcher | undefined;
  private folderWatcher: CodingsFolderWatcher | undefined;
  /** The open() in progress, or the last one: the next waits for it. */
  private opening: Promise<Study | undefined> = Promise.resolve(undefined);
  /** Undo and redo of the changes made through this window (every write of the study is noted). */
  readonly history = new History();
  /** Paths changed on disk, reloaded in batches, one batch at a time. */
  private readonly reloads = new BatchQueue<string>(
    (paths) => this.reloadChanged(paths),
    RELOAD_DELAY_MS,
    (error) => this.log.error(`Reloading after changes on disk failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  /** Why transcripts cannot be coded (see transcript-check.ts), by document path. */
  private readonly transcriptProblems = new Map<string, Problem>();

  constructor(readonly log: vscode.LogOutputChannel) {
    void setContext('gloss.blindCoding', this.blind);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Who the current coder is decides which codings blind coding shows.
        if (e.affectsConfiguration('gloss.blindCoding') || (this.blind && e.affectsConfiguration('gloss.coder'))) this.showCodingsAgain();
      }),
    );
  }

  get current(): Study | undefined {
    return this.study;
  }

  /** The coder's display name: the setting, else Git's user.name, else the login name. */
  get coder(): string {
    const configured = vscode.workspace.getConfiguration('gloss').get<string>('coder', '').trim();
    return configured || this.coderName || os.userInfo().username || 'coder';
  }

  /** True while blind coding is on: the views show only the current coder's codings. */
  get blind(): boolean {
    return vscode.workspace.getConfiguration('gloss').get<boolean>('blindCoding', false) === true;
  }

  /**
   * The codings files the views show: every coder's, or only the current coder's while blind coding
   * is on. Every view reads codings through this or `visibleCodingsOf`; writes and clean-ups read
   * the study itself, so what is hidden is never dropped.
   */
  get visibleCodingsFiles(): readonly CodingsFile[] {
    return this.study ? visibleCodingsFiles(this.study.codingsFileList, this) : [];
  }

  /** The stored codings of a document that the views show (see visibleCodingsFiles). */
  visibleCodingsOf(documentPath: string): Coding[] {
    return this.study ? visibleCodingsFiles(this.study.codingsFilesOf(documentPath), this).flatMap((f) => f.codings) : [];
  }

  /** Which codings are shown changed: every view takes them again, as after opening the study. */
  private showCodingsAgain(): void {
    const blind = this.blind;
    void setContext('gloss.blindCoding', blind);
    this.log.info(blind ? `Blind coding is on: showing only the codings of ${this.coder}.` : 'Blind coding is off: showing every coder\'s codings.');
    this.changed.fire([]);
  }

  /**
   * Opens (again) the study of the workspace. Calls are serialised: each starts when the one before
   * it has ended, so a slow load can never replace the study a newer call opened.
   */
  open(): Promise<Study | undefined> {
    const next = this.opening.catch(() => undefined).then(() => this.openNow());
    this.opening = next;
    return next;
  }

  private async openNow(): Promise<Study | undefined> {
    const root = await findStudyRoot(this.log);
    if (root !== this.study?.root) this.history.clear();
    this.watcher?.dispose();
    this.folderWatcher?.dispose();
    this.folderWatcher = undefined;
    this.study = undefined;
    this.transcriptProblems.clear();
    if (root === undefined) {
      await setContext('gloss.studyOpen', false);
      this.changed.fire([]);
      return undefined;
    }
    const started = Date.now();
    const study = await Study.load(root);
    study.writeListener = (write) => this.history.noteWrite(write);
    this.study = study;
    this.coderName = vscode.workspace.isTrusted ? await gitUserName(root) : undefined;
    this.log.info(
      `Opened the study at ${root}: ${study.codebook.size} codes, ${study.cases.cases.length} cases, ` +
        `${study.codingsFileList.length} codings files in ${Date.now() - started} ms.`,
    );
    this.watch(root);
    this.publishProblems();
    await setContext('gloss.studyOpen', true);
    this.changed.fire([{ kind: 'codebook' }, { kind: 'cases' }]);
    return study;
  }

  /** Tells listeners about a change the extension itself made (its files are already written). */
  notify(change: StudyChange): void {
    this.publishProblems();
    this.changed.fire([change]);
  }

  /** The file of a study-relative path; undefined for a path that would leave the study (from a file or the webview). */
  uriOf(relativePath: string): vscode.Uri | undefined {
    return this.study && studyPathProblem(relativePath) === undefined ? vscode.Uri.file(absolutePath(this.study.root, relativePath)) : undefined;
  }

  /** The document's path relative to the study root, or undefined when it is outside the study. */
  relativePathOf(uri: vscode.Uri): string | undefined {
    return this.study && uri.scheme === 'file' ? studyRelativePath(this.study.root, uri.fsPath) : undefined;
  }

  /** Shows why a transcript cannot be coded in the Problems panel; undefined: it can. */
  reportTranscriptProblem(documentPath: string, problem: Problem | undefined): void {
    const before = this.transcriptProblems.get(documentPath);
    if (before?.message === problem?.message && before?.line === problem?.line) return;
    if (problem) this.transcriptProblems.set(documentPath, problem);
    else this.transcriptProblems.delete(documentPath);
    this.publishProblems();
  }

  private watch(root: string): void {
    // Folders too: deleting or checking out a coder's folder is reported for the folder alone.
    const pattern = new vscode.RelativePattern(vscode.Uri.file(root), '{codebook.yaml,cases.yaml,codings,codings/**}');
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const queue = (uri: vscode.Uri) => {
      const relative = studyRelativePath(root, uri.fsPath);
      // Hidden files are no study files: the lock and temporary files of every write land here.
      if (relative !== undefined && !path.basename(relative).startsWith('.')) this.reloads.add(relative);
    };
    this.watcher.onDidCreate(queue);
    this.watcher.onDidChange(queue);
    this.watcher.onDidDelete(queue);
    if (CodingsFolderWatcher.supported()) {
      const folderWatcher = new CodingsFolderWatcher(root, (relative) => queue(vscode.Uri.file(absolutePath(root, relative))));
      this.folderWatcher = folderWatcher;
      void folderWatcher.update().catch((error: unknown) => this.log.warn(`Could not watch the codings folders: ${String(error)}`));
    }
  }

  /** Reloads what one batch of events names; an event for a folder under codings/ rescans them all. */
  private async reloadChanged(paths: readonly string[]): Promise<void> {
    const study = this.study;
    if (!study) return;
    const underCodings = (p: string) => p === CODINGS_FOLDER || p.startsWith(`${CODINGS_FOLDER}/`);
    // Temporary files of atomic writes (dot files) are neither codings nor folders.
    const rescan = paths.some((p) => underCodings(p) && !p.endsWith('.jsonl') && !path.posix.basename(p).startsWith('.'));
    const files = rescan ? paths.filter((p) => !underCodings(p)) : paths;
    const changes = (await Promise.all(files.map((p) => study.reload(p)))).filter((c): c is StudyChange => c !== undefined);
    if (rescan) {
      changes.push(...(await study.rescanCodings()));
      // Folders watched only now may have been written before: one more rescan reads them.
      if (study === this.study && (await this.folderWatcher?.update())) this.reloads.add(CODINGS_FOLDER);
    }
    if (changes.length === 0 || study !== this.study) return;
    this.log.info(`Reloaded after changes on disk: ${paths.join(', ')}`);
    this.publishProblems();
    this.changed.fire(changes);
  }

  private publishProblems(): void {
    this.diagnostics.clear();
    const study = this.study;
    if (!study) return;
    const byFile = new Map<string, Problem[]>();
    for (const problem of [...study.problems, ...this.transcriptProblems.values()]) {
      const list = byFile.get(problem.file) ?? [];
      list.push(problem);
      byFile.set(problem.file, list);
    }
    for (const [file, problems] of byFile) {
      this.diagnostics.set(
        vscode.Uri.file(absolutePath(study.root, file)),
        problems.map(problemDiagnostic),
      );
      for (const p of problems) this.log.warn(`${file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    }
  }

  dispose(): void {
    this.reloads.dispose();
    this.watcher?.dispose();
    this.folderWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The folder holding codebook.yaml: the `gloss.studyFolder` setting, else the shallowest one found.
 * Either must be a folder inside the workspace (its real path, links resolved); a configured
 * folder that is not opens no study, and says why. In Restricted Mode VS Code ignores the
 * workspace's value of the setting (package.json lists it in restrictedConfigurations).
 */
async function findStudyRoot(log: vscode.LogOutputChannel): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const configured = vscode.workspace.getConfiguration('gloss').get<string>('studyFolder', '').trim();
  if (configured && folders.length > 0) {
    const root = path.resolve(folders[0].uri.fsPath, configured);
    if (await isInsideWorkspace(root, folders)) return root;
    log.error(`gloss.studyFolder "${configured}" is not a folder inside the workspace: no study was opened.`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The setting gloss.studyFolder does not name a folder inside the workspace; Gloss opens no study there.'));
    return undefined;
  }
  const found = await vscode.workspace.findFiles(`**/${CODEBOOK_FILE}`, '**/node_modules/**', 50);
  const roots = found.filter((uri) => uri.scheme === 'file').map((uri) => path.dirname(uri.fsPath));
  roots.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
  // Search follows links: a study reached through one lies outside the workspace.
  for (const root of roots) if (await isInsideWorkspace(root, folders)) return root;
  return undefined;
}

async function isInsideWorkspace(folder: string, workspaceFolders: readonly vscode.WorkspaceFolder[]): Promise<boolean> {
  const real = await fs.realpath(folder).catch(() => undefined);
  if (real === undefined) return false;
  for (const workspaceFolder of workspaceFolders) {
    const base = await fs.realpath(workspaceFolder.uri.fsPath).catch(() => undefined);
    if (base !== undefined && (real === base || studyRelativePath(base, real) !== undefined)) return true;
  }
  return false;
}
