// Undo and redo of coding and codebook operations (Gloss: Undo / Gloss: Redo): the history of
// this window's own changes, taken back on the files as they are on disk now. Ctrl+Z runs it in
// the Codebook view and in a transcript opened read-only for coding; in an editable transcript
// Ctrl+Z stays the text undo and the status bar offers the last coding operation's undo.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import type { StudyChange, StudyWrite } from '../core/study/study';
import type { StudyFeature } from '../study/register';

export function registerHistory(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const service = feature.study;
  const history = service.history;
  const item = vscode.window.createStatusBarItem('gloss.undo', vscode.StatusBarAlignment.Left, 48);
  item.name = vscode.l10n.t('Gloss Undo');
  item.command = 'gloss.undo';
  const update = () => {
    const step = history.undoStep;
    if (!step || !service.current) return item.hide();
    item.text = `$(discard) ${vscode.l10n.t('Undo')}`;
    item.tooltip = vscode.l10n.t('Undo “{0}” (Gloss)', step.label);
    item.accessibilityInformation = { label: item.tooltip };
    item.show();
  };
  history.onDidChange = update;

  const replay = async (direction: 'undo' | 'redo'): Promise<string | undefined> => {
    const study = service.current;
    if (!study) return undefined;
    const step = direction === 'undo' ? history.undoStep : history.redoStep;
    if (!step) {
      vscode.window.setStatusBarMessage(direction === 'undo' ? vscode.l10n.t('Gloss: nothing to undo') : vscode.l10n.t('Gloss: nothing to redo'), 3000);
      return undefined;
    }
    try {
      await (direction === 'undo' ? history.undo(study) : history.redo(study));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      service.log.warn(`Could not ${direction} "${step.label}": ${message}`);
      void vscode.window.showWarningMessage(
        direction === 'undo' ? vscode.l10n.t('“{0}” was not undone: {1}', step.label, message) : vscode.l10n.t('“{0}” was not redone: {1}', step.label, message),
      );
      return undefined;
    } finally {
      // Whatever was written, even by a step that failed half-way, reaches the views.
      for (const change of studyChanges(step.writes)) service.notify(change);
    }
    vscode.window.setStatusBarMessage(direction === 'undo' ? vscode.l10n.t('Undid “{0}”', step.label) : vscode.l10n.t('Redid “{0}”', step.label), 5000);
    return step.label;
  };

  context.subscriptions.push(
    item,
    registerCommand('gloss.undo', () => replay('undo')),
    registerCommand('gloss.redo', () => replay('redo')),
    service.onDidChange(update),
  );
}


function studyChanges(writes: readonly StudyWrite[]): StudyChange[] {
  const documents = new Set<string>();
  const changes: StudyChange[] = [];
  for (const write of writes) {
    if (write.kind === 'codebook') changes.push({ kind: 'codebook' });
    else if (!documents.has(write.documentPath)) {
      documents.add(write.documentPath);
      changes.push({ kind: 'codings', documentPath: write.documentPath });
    }
  }
  return changes;
}
