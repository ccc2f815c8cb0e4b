// Gloss: Export Project as REFI-QDA (.qdpx)… and Export Codebook as REFI-QDA (.qdc)…: a save
// dialog (or, for scripts and tests, the path given as the command's `target` argument), a
// progress notification, and at the end what was exported, what was left out (in the log), and
// a button to reveal the file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askExportTarget } from '../ui/export-target';
import { registerCommand } from '../util/commands';
import { problemText } from '../core/model';
import { exportQdc, exportQdpx, type RefiExportResult } from '../core/refi/export-files';
import type { StudyFeature } from '../study/register';

export const EXPORT_QDPX_COMMAND = 'gloss.exportQdpx';
export const EXPORT_QDC_COMMAND = 'gloss.exportQdc';

export interface RefiExportArguments {
  /** A file system path to write, instead of asking with a save dialog. */
  readonly target?: string;
}

/** What the command returns: the file written and the export's counts and omissions. */
export interface RefiExportOutcome extends RefiExportResult {
  readonly file: string;
}

type Format = 'qdpx' | 'qdc';

export function registerExport(context: vscode.ExtensionContext, feature: StudyFeature, origin: string): void {
  const run = (format: Format) => (args?: RefiExportArguments) => exportStudy(format, args?.target, feature, origin);
  context.subscriptions.push(
    registerCommand(EXPORT_QDPX_COMMAND, run('qdpx')),
    registerCommand(EXPORT_QDC_COMMAND, run('qdc')),
  );
}

async function exportStudy(format: Format, target: string | undefined, feature: StudyFeature, origin: string): Promise<RefiExportOutcome | undefined> {
  const t = vscode.l10n.t;
  const service = feature.study;
  const study = service.current;
  if (!study) {
    void vscode.window.showInformationMessage(t('Open a study first: a folder with a codebook.yaml.'));
    return undefined;
  }
  const file = target ?? (await askForFile(format, study.root));
  if (file === undefined) return undefined;
  let result: RefiExportResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: format === 'qdpx' ? t('Exporting the project as REFI-QDA') : t('Exporting the codebook as REFI-QDA') },
      async (progress) => {
        if (format === 'qdc') return exportQdc(study, file, origin);
        let reported = 0;
        return exportQdpx(study, file, {
          versions: feature.placements.versions,
          origin,
          progress: (done, total) => {
            const percent = total === 0 ? 100 : (100 * done) / total;
            progress.report({ increment: percent - reported, message: t('{0} of {1} documents', done, total) });
            reported = percent;
          },
        });
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    service.log.error(`REFI-QDA export to ${file} failed: ${message}`);
    void vscode.window.showErrorMessage(t('The export failed: {0}', message));
    return undefined;
  }
  service.log.info(`Exported ${format === 'qdpx' ? 'the project' : 'the codebook'} to ${file}: ${JSON.stringify(result.counts)}.`);
  for (const problem of result.problems) service.log.warn(`Export: ${problemText(problem)}`);
  if (target === undefined) void tell(format, file, result, () => service.log.show());
  return { file, ...result };
}

async function askForFile(format: Format, root: string): Promise<string | undefined> {
  const t = vscode.l10n.t;
  // Beside the study rather than in it: the export is not a study file to commit.
  return askExportTarget({
    title: format === 'qdpx' ? t('Export Project as REFI-QDA') : t('Export Codebook as REFI-QDA'),
    fileName: `${path.basename(root)}${format === 'qdc' ? '-codebook' : ''}.${format}`,
    suggestedFolder: path.dirname(root),
    filters: format === 'qdpx' ? { [t('REFI-QDA project')]: ['qdpx'] } : { [t('REFI-QDA codebook')]: ['qdc'] },
  });
}

async function tell(format: Format, file: string, result: RefiExportResult, showLog: () => void): Promise<void> {
  const t = vscode.l10n.t;
  const reveal = t('Reveal');
  const details = t('Show Details');
  const what =
    format === 'qdpx'
      ? t('Exported {0} codings of {1} documents, {2} codes and {3} notes to {4}.', result.counts.selections, result.counts.sources, result.counts.codes, result.counts.notes, path.basename(file))
      : t('Exported {0} codes to {1}.', result.counts.codes, path.basename(file));
  const choice =
    result.problems.length === 0
      ? await vscode.window.showInformationMessage(what, reveal)
      : await vscode.window.showWarningMessage(`${what} ${t('{0} item(s) were left out or changed; the details are in the log.', result.problems.length)}`, reveal, details);
  if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
  if (choice === details) showLog();
}
