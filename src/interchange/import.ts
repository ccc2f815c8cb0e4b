// Gloss: Import REFI-QDA Project (.qdpx)… and Merge REFI-QDA Codebook (.qdc) into This Study…:
// file dialogs (or, for scripts and tests, the paths given as the command's arguments), a progress
// notification, the import report opened at the end with an offer to open the new study, and the
// codebook merge as one undo step.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { registerCommand } from '../util/commands';
import { ImportError, importQdpx } from '../core/refi/import-project';
import { IMPORT_REPORT_FILE, type ImportReport } from '../core/refi/import-report';
import { mergeCodebookIntoStudy, type CodebookMergeResult } from '../core/refi/merge-codebook';
import type { StudyFeature } from '../study/register';

export const IMPORT_QDPX_COMMAND = 'gloss.importQdpx';
export const MERGE_QDC_COMMAND = 'gloss.mergeQdc';

export interface RefiImportArguments {
  /** The .qdpx or .qdc to read, instead of asking with an open dialog. */
  readonly file?: string;
  /** For a project: the new study folder (empty or not existing), instead of asking. */
  readonly target?: string;
}

export function registerImport(context: vscode.ExtensionContext, feature: Pick<StudyFeature, 'study'>): void {
  context.subscriptions.push(
    registerCommand(IMPORT_QDPX_COMMAND, (args?: RefiImportArguments) => importProject(args ?? {})),
    registerCommand(MERGE_QDC_COMMAND, (args?: RefiImportArguments) => mergeCodebook(args?.file, feature)),
  );
}

/** Imports a project; returns the report and where the study was made, or undefined when cancelled or refused. */
async function importProject(args: RefiImportArguments): Promise<{ target: string; report: ImportReport } | undefined> {
  const t = vscode.l10n.t;
  const file = args.file ?? (await pickFile('qdpx'));
  if (file === undefined) return undefined;
  const target = args.target ?? (await pickTarget(file));
  if (target === undefined) return undefined;
  let report: ImportReport;
  try {
    report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Importing {0}', path.basename(file)) }, (progress) =>
      importQdpx(file, target, { progress: (step) => progress.report({ message: step.step === 'reading' ? t('Reading the project') : t('{0} of {1} documents', step.done, step.total) }) }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(error instanceof ImportError ? t('Nothing was imported: {0}', message) : t('The import failed: {0}', message));
    return undefined;
  }
  const reportUri = vscode.Uri.file(path.join(target, IMPORT_REPORT_FILE));
  await vscode.window.showTextDocument(reportUri, { preview: false });
  void offerToOpen(target, report, args.target !== undefined);
  return { target, report };
}

async function offerToOpen(target: string, report: ImportReport, quiet: boolean): Promise<void> {
  if (quiet) return;
  const t = vscode.l10n.t;
  const open = t('Open Study');
  const summary = t('Imported {0}, {1} and {2} by {3}.', count.codes(report.codes), count.transcripts(report.transcripts.length), count.codings(report.codings), count.coders(report.coders.length));
  const findings = report.findings.length;
  const left = findings === 0 ? '' : ` ${findings === 1 ? t('1 item was not imported as it was: see the import report.') : t('{0} items were not imported as they were: see the import report.', findings)}`;
  const choice = await (report.findings.length > 0 ? vscode.window.showWarningMessage(summary + left, open) : vscode.window.showInformationMessage(summary, open));
  if (choice === open) await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow: true });
}

async function pickFile(format: 'qdpx' | 'qdc'): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const uris = await vscode.window.showOpenDialog({
    title: format === 'qdpx' ? t('Import REFI-QDA Project') : t('Merge REFI-QDA Codebook'),
    canSelectMany: false,
    filters: format === 'qdpx' ? { [t('REFI-QDA project')]: ['qdpx'] } : { [t('REFI-QDA codebook')]: ['qdc'] },
  });
  return uris?.[0]?.fsPath;
}

/** An empty folder for the new study; a folder with files in it is refused with a message. */
async function pickTarget(file: string): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const uris = await vscode.window.showOpenDialog({
    title: t('Choose an empty folder for the new study'),
    openLabel: t('Import Here'),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(file)),
  });
  const folder = uris?.[0]?.fsPath;
  if (folder === undefined) return undefined;
  const entries = await fs.readdir(folder).catch(() => []);
  if (entries.length > 0) {
    void vscode.window.showErrorMessage(t('{0} is not empty: a project is imported into a new, empty folder.', folder));
    return undefined;
  }
  return folder;
}

async function mergeCodebook(file: string | undefined, feature: Pick<StudyFeature, 'study'>): Promise<CodebookMergeResult | undefined> {
  const t = vscode.l10n.t;
  const service = feature.study;
  const study = service.current;
  if (!study) {
    void vscode.window.showInformationMessage(t('Open a study first: a folder with a codebook.yaml.'));
    return undefined;
  }
  const chosen = file ?? (await pickFile('qdc'));
  if (chosen === undefined) return undefined;
  let merged: CodebookMergeResult;
  try {
    const bytes = await fs.readFile(chosen);
    merged = await service.history.record(t('Merge the codebook {0}', path.basename(chosen)), () => mergeCodebookIntoStudy(study, bytes, path.basename(chosen)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(t('The codebook was not merged: {0}', message));
    return undefined;
  }
  service.notify({ kind: 'codebook' });
  for (const finding of merged.findings) service.log.warn(`Codebook merge: ${finding.subject} ${finding.message}`);
  const summary = t('Merged {0}: {1} codes added, {2} matched by GUID, {3} by name.', path.basename(chosen), merged.added.length, merged.matchedByGuid, merged.matchedByPath);
  if (file === undefined) {
    if (merged.findings.length === 0) void vscode.window.showInformationMessage(summary);
    else void vscode.window.showWarningMessage(`${summary} ${t('{0} note(s) are in the log.', merged.findings.length)}`);
  }
  return merged;
}
