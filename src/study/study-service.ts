// Holds the open study, keeps it in step with the files on disk and reports their problems in
// the Problems panel and the log.
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { gitUserName } from '../core/git/git';
import type { Problem } from '../core/model';
import { absolutePath, studyRelativePath } from '../core/storage/files';
import { History } from '../core/study/history';
import { CODEBOOK_FILE, Study, type StudyChange } from '../core/study/study';
import { setContext } from '../util/context';
import { problemDiagnostic } from './diagnostics';

export class StudyService implements vscode.Disposable {
  private study: Study | undefined;
  private coderName: string | undefined;
  private readonly changed = new vscode.EventEmitter<readonly StudyChange[]>();
  /** Fires after the study was loaded or a file of it changed on disk or through the extension. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('gloss');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private watcher: vscode.FileSystemWatcher | undefined;
  /** Undo and redo of the changes made through this window (every write of the study is noted). */
  readonly history = new History();
  /** Pending reloads, coalesced: a checkout touches many files at once. */
  private readonly pendingReloads = new Set<string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly log: vscode.LogOutputChannel) {}

  get current(): Study | undefined {
    return this.study;
  }

  /** The coder's display name: the setting, else Git's user.name, else the login name. */
  get coder(): string {
    const configured = vscode.workspace.getConfiguration('gloss').get<string>('coder', '').trim();
    return configured || this.coderName || os.userInfo().username || 'coder';
  }

  async open(): Promise<Study | undefined> {
    const root = await findStudyRoot();
    if (root !== this.study?.root) this.history.clear();
    this.watcher?.dispose();
    this.study = undefined;
    if (root === undefined) {
      await setContext('gloss.studyOpen', false);
      this.changed.fire([]);
      return undefined;
    }
    const started = Date.now();
    this.study = await Study.load(root);
    this.study.writeListener = (write) => this.history.noteWrite(write);
    this.coderName = vscode.workspace.isTrusted ? await gitUserName(root) : undefined;
    this.log.info(
      `Opened the study at ${root}: ${this.study.codebook.size} codes, ${this.study.cases.cases.length} cases, ` +
        `${this.study.codingsFileList.length} codings files in ${Date.now() - started} ms.`,
    );
    this.watch(root);
    this.publishProblems();
    await setContext('gloss.studyOpen', true);
    this.changed.fire([{ kind: 'codebook' }, { kind: 'cases' }]);
    return this.study;
  }

  /** Tells listeners about a change the extension itself made (its files are already written). */
  notify(change: StudyChange): void {
    this.publishProblems();
    this.changed.fire([change]);
  }

  uriOf(relativePath: string): vscode.Uri | undefined {
    return this.study ? vscode.Uri.file(absolutePath(this.study.root, relativePath)) : undefined;
  }

  /** The document's path relative to the study root, or undefined when it is outside the study. */
  relativePathOf(uri: vscode.Uri): string | undefined {
    return this.study && uri.scheme === 'file' ? studyRelativePath(this.study.root, uri.fsPath) : undefined;
  }

  private watch(root: string): void {
    // Folders too: deleting or checking out a coder's folder is reported for the folder alone.
    const pattern = new vscode.RelativePattern(vscode.Uri.file(root), '{codebook.yaml,cases.yaml,codings,codings/**}');
    this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const queue = (uri: vscode.Uri) => {
      const relative = studyRelativePath(root, uri.fsPath);
      // Hidden files are no study files: the lock and temporary files of every write land here.
      if (relative === undefined || path.basename(relative).startsWith('.')) return;
      this.pendingReloads.add(relative);
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.flushReloads(), 50);
    };
    this.watcher.onDidCreate(queue);
    this.watcher.onDidChange(queue);
    this.watcher.onDidDelete(queue);
  }

  private async flushReloads(): Promise<void> {
    const study = this.study;
    if (!study) return;
    const paths = [...this.pendingReloads];
    this.pendingReloads.clear();
    const isFolderEvent = paths.some((p) => p === 'codings' || (p.startsWith('codings/') && !p.endsWith('.jsonl')));
    const files = paths.filter((p) => !isFolderEvent || !p.startsWith('codings'));
    const changes = (await Promise.all(files.map((p) => study.reload(p)))).filter((c): c is StudyChange => c !== undefined);
    if (isFolderEvent) changes.push(...(await study.rescanCodings()));
    if (changes.length === 0) return;
    this.log.info(`Reloaded after changes on disk: ${paths.join(', ')}`);
    this.publishProblems();
    this.changed.fire(changes);
  }

  private publishProblems(): void {
    this.diagnostics.clear();
    const study = this.study;
    if (!study) return;
    const byFile = new Map<string, Problem[]>();
    for (const problem of study.problems) {
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
    clearTimeout(this.reloadTimer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The folder holding codebook.yaml: the `gloss.studyFolder` setting, else the shallowest one found. */
async function findStudyRoot(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const configured = vscode.workspace.getConfiguration('gloss').get<string>('studyFolder', '').trim();
  if (configured && folders.length > 0) {
    return path.resolve(folders[0].uri.fsPath, configured);
  }
  const found = await vscode.workspace.findFiles(`**/${CODEBOOK_FILE}`, '**/node_modules/**', 50);
  const roots = found.filter((uri) => uri.scheme === 'file').map((uri) => path.dirname(uri.fsPath));
  roots.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
  return roots[0];
}
