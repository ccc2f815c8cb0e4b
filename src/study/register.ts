// The study feature: opens the study in the workspace and offers to create one.
import * as vscode from 'vscode';
import { logCommandFailuresTo, registerCommand } from '../util/commands';
import { createStudy, type CreateStudyOptions } from './create-study';
import { registerDuplicateCleanup } from './duplicates';
import { StudyService } from './study-service';
import { Placements } from './placements';
import { GitAndSnapshotVersions, type TextVersions } from '../core/study/versions';
import * as path from 'node:path';

export interface StudyFeature {
  readonly study: StudyService;
  readonly placements: Placements;
}

export function registerStudy(context: vscode.ExtensionContext): StudyFeature {
  const log = vscode.window.createOutputChannel('Gloss', { log: true });
  const service = new StudyService(log);
  const placements = new Placements(service, new StudyVersions(service, context));
  // Opening runs on events that nobody awaits: a failure is logged, never an unhandled rejection.
  const reopen = () => void service.open().catch((error: unknown) => log.error(`Could not open the study: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  context.subscriptions.push(
    log,
    logCommandFailuresTo(log),
    service,
    placements,
    registerCommand('gloss.showLog', () => log.show()),
    registerCommand('gloss.reloadStudy', () => service.open()),
    registerCommand('gloss.createStudy', (options?: CreateStudyOptions) => createStudy(service, typeof options === 'object' && options !== null ? options : {})),
    registerDuplicateCleanup(service),
    vscode.workspace.onDidChangeWorkspaceFolders(reopen),
    // Trust brings the workspace's gloss.studyFolder and Git (the coder's name, old text versions).
    vscode.workspace.onDidGrantWorkspaceTrust(reopen),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gloss.studyFolder')) reopen();
    }),
  );
  reopen();
  return { study: service, placements };
}

/**
 * Old text versions from Git (only in a trusted workspace: Git reads repository configuration) and
 * from snapshots in the extension's workspace storage, for versions coded but never committed.
 */
class StudyVersions implements TextVersions {
  constructor(
    private readonly service: StudyService,
    private readonly context: vscode.ExtensionContext,
  ) {}

  private source(): TextVersions | undefined {
    const root = this.service.current?.root;
    if (!root) return undefined;
    const snapshots = this.context.storageUri ? path.join(this.context.storageUri.fsPath, 'versions') : undefined;
    return new GitAndSnapshotVersions(root, snapshots, vscode.workspace.isTrusted);
  }

  get(version: string, documentPath?: string): Promise<string | undefined> {
    return this.source()?.get(version, documentPath) ?? Promise.resolve(undefined);
  }

  remember(normalisedText: string, version: string): Promise<void> {
    return this.source()?.remember(normalisedText, version) ?? Promise.resolve();
  }
}
