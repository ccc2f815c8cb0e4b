// "Open the Example Study": the example ships inside the extension (read-only in an installed
// .vsix, and a study is meant to be edited and committed), so it is copied into a folder the
// user picks and opened from there.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXAMPLE_FOLDER = 'city-partnerships';

/**
 * Copies the example into `destination` (asked for when not given) as a new folder
 * `city-partnerships` (`city-partnerships-2`… when taken) and opens it, in a new window when a
 * folder is open already. Returns the new folder's path.
 */
export async function openExampleStudy(context: vscode.ExtensionContext, options: { destination?: string; open?: boolean } = {}): Promise<string | undefined> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples', EXAMPLE_FOLDER).fsPath;
  try {
    await fs.access(path.join(source, 'codebook.yaml'));
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('The example study is not part of this installation of Gloss.'));
    return undefined;
  }
  let destination = options.destination;
  if (destination === undefined) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Where should the example study be copied?'),
      openLabel: vscode.l10n.t('Copy the Example Here'),
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (!picked?.[0]) return undefined;
    destination = picked[0].fsPath;
  }
  const target = await freeName(destination, EXAMPLE_FOLDER);
  await fs.cp(source, target, { recursive: true, errorOnExist: true, force: false });
  if (options.open !== false) {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), {
      forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    });
  }
  return target;
}

async function freeName(folder: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${name}-${n}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}
