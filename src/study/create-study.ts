// "Create a Study in This Folder": the study's files (src/core/study/template.ts; existing files
// are kept), a Git repository when the folder is in none (after asking), and codings/ out of
// VS Code's search. The Documents view's welcome then says what to add next.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NEW_STUDY_FILES, newStudyFileText, SEARCH_EXCLUDED } from '../core/study/template';
import { readStudyFile, writeStudyFile } from '../core/storage/study-files';
import { initRepository, repositoryState } from '../core/git/repository';
import type { StudyService } from './study-service';

export interface CreateStudyOptions {
  /** Answers the question whether to run `git init` (for scripts and tests); asked when absent. */
  readonly initGit?: boolean;
  /** The folder to make a study of (for tests); default: the workspace folder. */
  readonly folder?: string;
}

export async function createStudy(service: StudyService, options: CreateStudyOptions = {}): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (options.folder === undefined && (!folder || folder.uri.scheme !== 'file')) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: a study is a folder of plain-text files.'));
    return;
  }
  const root = options.folder ?? folder!.uri.fsPath;
  const created: string[] = [];
  try {
    for (const relativePath of Object.keys(NEW_STUDY_FILES)) {
      const text = newStudyFileText(relativePath, await readStudyFile(root, relativePath));
      if (text === undefined) continue;
      await writeStudyFile(root, relativePath, text);
      created.push(relativePath);
    }
  } catch (error) {
    // A link or a file that is not UTF-8 where a study file belongs: refused, and said why.
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return;
  }
  if (folder) await excludeCodingsFromSearch(folder, root);
  const repository = await setUpRepository(root, options, service.log);
  await service.open();
  const summary = created.length > 0 ? vscode.l10n.t('Created a study: {0}.', created.join(', ')) : vscode.l10n.t('This folder already holds a study.');
  void vscode.window.showInformationMessage(repository ? `${summary} ${repository}` : summary);
}

/**
 * Adds the study's codings/ to the workspace folder's search.exclude (.vscode/settings.json),
 * keeping what the setting holds; VS Code edits the file, comments kept. Nothing for a study
 * outside the workspace folder.
 */
async function excludeCodingsFromSearch(folder: vscode.WorkspaceFolder, root: string): Promise<void> {
  const studyPath = path.relative(folder.uri.fsPath, root).split(path.sep).join('/');
  if (studyPath.startsWith('..') || path.isAbsolute(studyPath)) return;
  const pattern = studyPath === '' ? SEARCH_EXCLUDED : `${studyPath}/${SEARCH_EXCLUDED}`;
  const search = vscode.workspace.getConfiguration('search', folder.uri);
  const current = search.inspect<Record<string, unknown>>('exclude')?.workspaceFolderValue ?? {};
  if (current[pattern] !== undefined) return;
  await search.update('exclude', { ...current, [pattern]: true }, vscode.ConfigurationTarget.WorkspaceFolder);
}

/** Offers `git init` when the folder is in no repository; returns a sentence for the summary, if any. */
async function setUpRepository(root: string, options: CreateStudyOptions, log: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return vscode.l10n.t('Trust this folder to let Gloss set up Git for it.');
  const state = await repositoryState(root);
  if (state === 'in a repository') return undefined;
  if (state === 'no git') return vscode.l10n.t('Git is not installed, so the study has no history yet: install Git (git-scm.com) and run “git init” here to keep every version of the analysis.');
  let init = options.initGit;
  if (init === undefined) {
    const create = vscode.l10n.t('Create a Repository');
    init =
      (await vscode.window.showInformationMessage(
        vscode.l10n.t('This folder is not in a Git repository. Create one here (git init)?'),
        { modal: true, detail: vscode.l10n.t('Gloss keeps the analysis in Git: every coder’s codings merge line by line, and old versions of texts and codebook stay readable.') },
        create,
      )) === create;
  }
  if (!init) return undefined;
  const result = await initRepository(root);
  if (!result.ok) {
    log.error(`git init in ${root} failed: ${result.error}`);
    return vscode.l10n.t('git init failed: {0}', result.error);
  }
  log.info(`Created a Git repository in ${root}.`);
  return vscode.l10n.t('Created a Git repository (git init).');
}
