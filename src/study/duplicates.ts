// "Gloss: Clean Up Duplicate Codings": after a Git merge left two lines with one coding id in the
// current coder's own files, keeps the newer line of each (other coders clean up their own).
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { cleanUpDuplicates } from '../core/codings/duplicates';
import type { StudyService } from './study-service';

export function registerDuplicateCleanup(service: StudyService): vscode.Disposable {
  return registerCommand('gloss.cleanUpDuplicateCodings', async () => {
    const study = service.current;
    if (!study) return undefined;
    try {
      const result = await cleanUpDuplicates(study, service.coder);
      for (const documentPath of result.documents) service.notify({ kind: 'codings', documentPath });
      const refused = result.refused.length > 0 ? ' ' + vscode.l10n.t('Left alone, since other lines fail to parse: {0}.', result.refused.join(', ')) : '';
      void vscode.window.showInformationMessage(
        (result.files.length === 0
          ? vscode.l10n.t('Your codings files hold no duplicate codings.')
          : vscode.l10n.t('Removed {0} older duplicate lines from {1} of your codings files.', result.removedLines, result.files.length)) + refused,
      );
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The duplicates were not cleaned up: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  });
}
