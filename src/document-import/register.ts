// "Gloss: Import Documents (Word, PDF)…": Word and PDF originals become plain-text documents of the
// study (src/core/documents), from an open dialog, the Explorer's context menu or the Documents
// view. What could not be imported is said in a message and written to the Gloss output channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import type { StudyFeature } from '../study/register';
import type { StudyService } from '../study/study-service';
import { StudyFileError } from '../core/storage/study-files';
import { DocumentImportError, IMPORTABLE_EXTENSIONS, importDocument, isImportable, type DocumentImport } from '../core/documents/import-document';

export interface ImportOutcome {
  readonly imported: readonly DocumentImport[];
  readonly failed: readonly { readonly file: string; readonly message: string }[];
}

export function registerDocumentImport(context: vscode.ExtensionContext, feature: StudyFeature): void {
  context.subscriptions.push(
    // From the Explorer: the clicked file and the selection; from elsewhere: nothing, so a dialog asks.
    registerCommand('gloss.importDocuments', (clicked?: unknown, selected?: unknown) => importDocuments(feature.study, urisOf(clicked, selected))),
  );
}

function urisOf(clicked: unknown, selected: unknown): vscode.Uri[] | undefined {
  if (Array.isArray(selected) && selected.every((item) => item instanceof vscode.Uri) && selected.length > 0) return selected as vscode.Uri[];
  return clicked instanceof vscode.Uri ? [clicked] : undefined;
}

async function importDocuments(study: StudyService, given: vscode.Uri[] | undefined): Promise<ImportOutcome | undefined> {
  const root = study.current?.root;
  if (root === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a study first: documents are imported into its transcripts/ folder.'));
    return undefined;
  }
  const files =
    given ??
    (await vscode.window.showOpenDialog({
      canSelectMany: true,
      defaultUri: vscode.Uri.file(root),
      openLabel: vscode.l10n.t('Import'),
      filters: { [vscode.l10n.t('Word and PDF documents')]: IMPORTABLE_EXTENSIONS.map((e) => e.slice(1)) },
    }));
  if (!files || files.length === 0) return undefined;

  const imported: DocumentImport[] = [];
  const failed: { file: string; message: string }[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing documents') }, async (progress) => {
    for (const file of files) {
      const name = path.basename(file.fsPath);
      progress.report({ message: name, increment: 100 / files.length });
      if (file.scheme !== 'file' || !isImportable(file.fsPath)) {
        failed.push({ file: name, message: vscode.l10n.t('Gloss imports {0} files.', IMPORTABLE_EXTENSIONS.join(', ')) });
        continue;
      }
      try {
        imported.push(await importDocument(root, file.fsPath, { replaceText: (textPath) => confirmReplace(textPath, name) }));
      } catch (error) {
        if (!(error instanceof DocumentImportError || error instanceof StudyFileError)) study.log.error(`Importing ${file.fsPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        failed.push({ file: name, message: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  report(study.log, imported, failed);
  const written = imported.filter((i) => i.outcome !== 'kept');
  if (written.length > 0) {
    void vscode.commands.executeCommand('gloss.documents.refresh');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, ...written[0].textPath.split('/'))), { preview: false });
  }
  return { imported, failed };
}

async function confirmReplace(textPath: string, original: string): Promise<boolean> {
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists and holds other text. Replace it with the text imported from {1}?', textPath, original),
    { modal: true, detail: vscode.l10n.t('Codings of the old text that cannot be placed on the new one become orphans: none is deleted.') },
    replace,
  );
  return answer === replace;
}

/** The import report: every file in the output channel, and one message saying how it went. */
function report(log: vscode.LogOutputChannel, imported: readonly DocumentImport[], failed: ImportOutcome['failed']): void {
  for (const done of imported) {
    const what = done.outcome === 'kept' ? 'kept the existing' : done.outcome === 'unchanged' ? 'already up to date:' : 'wrote';
    log.info(`Import ${done.sourcePath}: ${what} ${done.textPath}`);
    for (const note of done.notes) log.warn(`  ${done.sourcePath}: ${note}`);
  }
  for (const { file, message } of failed) log.error(`Import ${file}: nothing written. ${message}`);

  const notes = imported.reduce((n, i) => n + i.notes.length, 0);
  const showLog = vscode.l10n.t('Show the Import Report');
  const show = (answer: string | undefined) => answer === showLog && log.show();
  if (failed.length > 0) {
    const first = failed.length === 1 ? `${failed[0].file}: ${failed[0].message}` : vscode.l10n.t('{0} files could not be imported.', failed.length);
    void vscode.window.showErrorMessage(imported.length > 0 ? vscode.l10n.t('Imported {0} of {1} documents. {2}', imported.length, imported.length + failed.length, first) : first, showLog).then(show);
  } else if (notes > 0) {
    const lost = imported.flatMap((i) => i.notes.map((note) => `${path.posix.basename(i.sourcePath)}: ${note}`));
    void vscode.window.showWarningMessage(vscode.l10n.t('Imported {0}. Not carried over: {1}', imported.map((i) => i.textPath).join(', '), lost.join(' ')), showLog).then(show);
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}.', imported.map((i) => i.textPath).join(', ')));
  }
}
