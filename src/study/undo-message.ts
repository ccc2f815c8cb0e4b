// The message after an operation that can be taken back, shared by the features that make one.
import * as vscode from 'vscode';
import type { History } from '../core/study/history';

/**
 * Shows a message with an Undo button that takes back the operation just made, and only that one:
 * clicked after other changes, it says so instead of undoing something else.
 */
export async function showWithUndo(history: History, message: string): Promise<void> {
  const step = history.undoStep;
  const undo = vscode.l10n.t('Undo');
  const answer = await (step ? vscode.window.showInformationMessage(message, undo) : vscode.window.showInformationMessage(message));
  if (answer !== undo) return;
  if (history.undoStep !== step) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Other changes were made since; run Gloss: Undo to take them back one by one.'));
    return;
  }
  await vscode.commands.executeCommand('gloss.undo');
}
