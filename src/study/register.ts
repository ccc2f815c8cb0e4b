// The study feature: opens the study in the workspace and offers to create one.
import * as vscode from 'vscode';
import { NEW_STUDY_FILES } from '../core/study/template';
import { absolutePath, readTextIfExists, writeTextAtomic } from '../core/storage/files';
import { StudyService } from './study-service';

export function registerStudy(context: vscode.ExtensionContext): StudyService {
  const log = vscode.window.createOutputChannel('Gloss', { log: true });
  const service = new StudyService(log);
  context.subscriptions.push(
    log,
    service,
    vscode.commands.registerCommand('gloss.showLog', () => log.show()),
    vscode.commands.registerCommand('gloss.reloadStudy', () => service.open()),
    vscode.commands.registerCommand('gloss.createStudy', () => createStudy(service)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.open()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gloss.studyFolder')) void service.open();
    }),
  );
  void service.open().catch((error: unknown) => log.error(`Could not open the study: ${String(error)}`));
  return service;
}

async function createStudy(service: StudyService): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: a study is a folder of plain-text files.'));
    return;
  }
  const created: string[] = [];
  for (const [relativePath, text] of Object.entries(NEW_STUDY_FILES)) {
    const file = absolutePath(folder.uri.fsPath, relativePath);
    if ((await readTextIfExists(file)) !== undefined) continue;
    await writeTextAtomic(file, text);
    created.push(relativePath);
  }
  await service.open();
  void vscode.window.showInformationMessage(
    created.length > 0
      ? vscode.l10n.t('Created a study: {0}.', created.join(', '))
      : vscode.l10n.t('This folder already holds a study.'),
  );
}
