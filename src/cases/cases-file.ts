// Every change the cases feature makes to cases.yaml: applied to the file as it is on disk now
// (read, one edit, atomic write, see core/storage/update.ts), refused while the file does not parse
// or has unsaved changes in an editor. The study takes the new text at once, so views need not
// wait for the file watcher.
import * as vscode from 'vscode';
import { CASES_FILE } from '../core/cases/cases';
import { CasesEditError } from '../core/cases/edit';
import { WriteRefusedError } from '../core/storage/update';
import type { StudyService } from '../study/study-service';

export class CasesFile {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly study: StudyService) {}

  /** Applies `edit` to cases.yaml (an empty text when there is none). Returns false, having said why, when nothing was written. */
  edit(edit: (text: string) => string): Promise<boolean> {
    const run = this.writing.then(() => this.editNow(edit));
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Like edit, but the reason for a refusal is thrown instead of shown (for the sheet, which shows it in place). */
  async editOrThrow(edit: (text: string) => string): Promise<void> {
    const run = this.writing.then(() => this.write(edit));
    this.writing = run.catch(() => undefined);
    await run;
  }

  private async editNow(edit: (text: string) => string): Promise<boolean> {
    try {
      await this.write(edit);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.study.log.warn(`${CASES_FILE}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return false;
    }
  }

  private async write(edit: (text: string) => string): Promise<void> {
    const study = this.study.current;
    if (!study) throw new CasesEditError(vscode.l10n.t('No study is open.'));
    const uri = this.study.uriOf(CASES_FILE);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && uri && d.uri.fsPath === uri.fsPath);
    if (open?.isDirty) throw new WriteRefusedError(vscode.l10n.t('{0} has unsaved changes in an editor; save or revert them first.', CASES_FILE));
    const update = await study.update(CASES_FILE, (before) => {
      const after = edit(before ?? '');
      return after === (before ?? '') ? before : after;
    });
    if (update.before === update.after) return;
    this.study.log.info(`Changed ${CASES_FILE}.`);
    if (await study.reload(CASES_FILE)) this.study.notify({ kind: 'cases' });
  }
}
