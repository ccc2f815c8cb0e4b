// Where an export goes: always asked, starting in the folder the researcher last exported to in this
// workspace (else the place the feature suggests), so exports do not pile up in the study by default.
import * as path from 'node:path';
import * as vscode from 'vscode';

const LAST_FOLDER_KEY = 'gloss.lastExportFolder';
let remembered: vscode.Memento | undefined;

/** Where the last export folder is kept (the workspace's state), set once on activation. */
export function rememberExportFolderIn(state: vscode.Memento): void {
  remembered = state;
}

/** The file the researcher picks (its folder remembered for next time); undefined when cancelled. */
export async function askExportTarget(options: { title: string; fileName: string; filters: Record<string, string[]>; suggestedFolder?: string }): Promise<string | undefined> {
  const folder = remembered?.get<string>(LAST_FOLDER_KEY) ?? options.suggestedFolder;
  const uri = await vscode.window.showSaveDialog({
    title: options.title,
    filters: options.filters,
    ...(folder ? { defaultUri: vscode.Uri.file(path.join(folder, options.fileName)) } : {}),
  });
  if (!uri) return undefined;
  await remembered?.update(LAST_FOLDER_KEY, path.dirname(uri.fsPath));
  return uri.fsPath;
}

/** The byte order mark CSV exports start with, per `gloss.export.csvByteOrderMark` (for Excel). */
export function csvByteOrderMark(): string {
  return vscode.workspace.getConfiguration('gloss').get<boolean>('export.csvByteOrderMark', true) ? '\uFEFF' : '';
}
