// Opening a transcript and coding a passage of it as a researcher does, for the suites that need a
// fresh coding of their own.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './wait';

/** The study file at a study-relative path. */
export const studyFile = (relative: string): string => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, ...relative.split('/'));

/** Opens a transcript in the first column and waits until Gloss tracks its codings. */
export async function openTranscript(relative: string): Promise<vscode.TextEditor> {
  await vscode.window.showTextDocument(vscode.Uri.file(studyFile(relative)), { preview: false, viewColumn: vscode.ViewColumn.One });
  await waitFor(`${relative} tracked`, async () => vscode.window.activeTextEditor?.document.uri.fsPath === studyFile(relative) && (await vscode.commands.executeCommand('gloss.test.codingState')) !== undefined);
  return vscode.window.activeTextEditor!;
}

/** Selects the first occurrence of `needle` and codes it with `codeId`; the new coding's id and start. */
export async function codeText(editor: vscode.TextEditor, needle: string, codeId: string): Promise<{ id: string; start: number }> {
  const start = editor.document.getText().indexOf(needle);
  assert.ok(start >= 0, `"${needle}" is in the transcript`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + needle.length));
  const [id] = (await vscode.commands.executeCommand<string[]>('gloss.codeSelection', { codeId })) ?? [];
  assert.ok(id, 'coded');
  return { id, start };
}
