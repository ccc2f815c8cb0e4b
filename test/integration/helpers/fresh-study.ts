// Every integration suite starts from the example study as the repository holds it, whatever the
// suites before it left behind: index.ts runs `freshStudy` before each top-level suite. Only what
// differs is rewritten or removed, so this takes milliseconds and the watcher sees little.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gloss-qda.gloss-qda';

export async function freshStudy(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  await closeEverything();
  await resetSettings(extension);
  const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
  await mirror(path.join(extension.extensionPath, 'examples', 'city-partnerships'), workspace);
  // Before activation nothing is loaded yet (and the activation suite checks that it happens by itself).
  if (extension.isActive) {
    await vscode.commands.executeCommand('gloss.segments.clear');
    await vscode.commands.executeCommand('gloss.reloadStudy');
  }
}

/** Drops unsaved edits, then closes every editor and webview. */
async function closeEverything(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Every gloss.* setting a suite set, for the user or the workspace, back to its default. */
async function resetSettings(extension: vscode.Extension<unknown>): Promise<void> {
  const { properties } = (extension.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration;
  const gloss = vscode.workspace.getConfiguration('gloss');
  for (const key of Object.keys(properties).map((k) => k.replace(/^gloss\./, ''))) {
    const set = gloss.inspect(key);
    if (set?.globalValue !== undefined) await gloss.update(key, undefined, vscode.ConfigurationTarget.Global);
    if (set?.workspaceValue !== undefined) await gloss.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

/** Makes `target` hold exactly what `source` holds: differing files rewritten, others removed. */
async function mirror(source: string, target: string): Promise<void> {
  const [wanted, present] = await Promise.all([fs.readdir(source, { withFileTypes: true }), fs.readdir(target, { withFileTypes: true })]);
  const byName = new Map(wanted.map((e) => [e.name, e]));
  for (const entry of present) {
    const want = byName.get(entry.name);
    if (!want || want.isDirectory() !== entry.isDirectory() || entry.isSymbolicLink()) {
      await fs.rm(path.join(target, entry.name), { recursive: true, force: true });
    }
  }
  for (const entry of wanted) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      await fs.mkdir(to, { recursive: true });
      await mirror(from, to);
      continue;
    }
    const [content, current] = await Promise.all([fs.readFile(from), fs.readFile(to).catch(() => undefined)]);
    if (!current || !content.equals(current)) await fs.writeFile(to, content);
  }
}
