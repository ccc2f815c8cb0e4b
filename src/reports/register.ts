// "Gloss: Write Report…": the codebook, the quotations of some codes, a case profile or the
// framework matrices, as Markdown or standalone HTML, from the codings placed on the current texts
// (as every view shows them). Asks what it needs in quick picks and a save dialog; with arguments
// (scripts, tests) it asks nothing and opens nothing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askExportTarget } from '../ui/export-target';
import * as count from '../ui/counts';
import { registerCommand } from '../util/commands';
import type { Cases } from '../core/cases/cases';
import type { Codebook } from '../core/codebook/codebook';
import { readFrameworkFiles } from '../core/framework/files';
import { buildReport, renderReport, type Report, type ReportFormat, type ReportInput, type ReportKind, type ReportRequest } from '../core/reports';
import { writeTextAtomic } from '../core/storage/files';
import type { StudyFeature } from '../study/register';

export const WRITE_REPORT_COMMAND = 'gloss.writeReport';

interface WriteReportArguments {
  readonly kind?: ReportKind;
  readonly codeIds?: readonly string[];
  readonly caseId?: string;
  readonly format?: ReportFormat;
  /** File system path to write; given, nothing is asked and the report is not opened. */
  readonly target?: string;
}

export function registerReports(context: vscode.ExtensionContext, feature: StudyFeature): void {
  context.subscriptions.push(
    registerCommand(WRITE_REPORT_COMMAND, async (args?: WriteReportArguments) => {
      try {
        return await writeReport(feature, args ?? {});
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('The report was not written: {0}', error instanceof Error ? error.message : String(error)));
        feature.study.log.error(`Write Report: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return undefined;
      }
    }),
  );
}

async function writeReport({ study, placements }: StudyFeature, args: WriteReportArguments): Promise<string | undefined> {
  const current = study.current;
  if (!current) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study first.'));
    return undefined;
  }
  const request = await askRequest(current.codebook, current.cases, args);
  if (!request) return undefined;
  const format = args.format ?? (await askFormat());
  if (!format) return undefined;
  const target = args.target ?? (await askTarget(current.root, request.kind, format));
  if (!target) return undefined;
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Writing the report…') }, async () => {
    const documents = await placements.all();
    const placed = new Set(documents.map((d) => d.path));
    const matrices = await readFrameworkFiles(current.root);
    const input: ReportInput = {
      studyName: path.basename(current.root),
      codebook: current.codebook,
      cases: current.cases,
      documents,
      // Placements leave out documents that cannot be read; the Problems panel says why.
      unreadable: current.documentPaths.filter((p) => !placed.has(p)).map((p) => ({ file: p, message: vscode.l10n.t('Its text could not be read (see the Problems panel).'), severity: 'error' as const })),
      matrices: matrices.files.filter((file) => file.ok).map((file) => ({ path: file.path, matrix: file.matrix })),
    };
    const built = buildReport(input, request);
    await writeTextAtomic(target, renderReport(built, format));
    return built;
  });
  study.log.info(`Wrote the ${request.kind} report to ${target}.`);
  if (report.orphans > 0) void vscode.window.showWarningMessage(vscode.l10n.t('{0} could not be placed on the current text; the report lists them under Orphans.', count.codings(report.orphans)));
  if (args.target === undefined) await openReport(target, format, report);
  return target;
}

async function askRequest(codebook: Codebook, cases: Cases, args: WriteReportArguments): Promise<ReportRequest | undefined> {
  const t = vscode.l10n.t;
  const kinds: (vscode.QuickPickItem & { report: ReportKind })[] = [
    { report: 'codebook', label: t('Codebook'), detail: t('Every code with its description, counts and example quotations') },
    { report: 'quotations', label: t('Quotations'), detail: t('All quotations of the codes you choose, by code and then by case, with their source') },
    { report: 'case', label: t('Case profile'), detail: t("A case's attributes, documents and codes, with counts") },
    { report: 'matrices', label: t('Framework matrices'), detail: t('Each matrix with its ratings, summaries and the evidence quoted') },
  ];
  const kind = args.kind ?? (await vscode.window.showQuickPick(kinds, { title: t('Write Report'), placeHolder: t('Which report?') }))?.report;
  if (!kind) return undefined;
  if (kind === 'quotations') {
    const codeIds =
      args.codeIds ??
      (
        await vscode.window.showQuickPick(
          codebook.codes.map((code) => ({ label: codebook.pathLabel(code.id), description: code.id, id: code.id })),
          { title: t('Write Report: Quotations'), placeHolder: t('Pick the codes (sub-codes are included)'), canPickMany: true, matchOnDescription: true },
        )
      )?.map((item) => item.id);
    return codeIds && codeIds.length > 0 ? { kind, codeIds } : undefined;
  }
  if (kind === 'case') {
    const caseId = args.caseId ?? (await vscode.window.showQuickPick(cases.cases.map((c) => ({ label: c.name, description: c.id, id: c.id })), { title: t('Write Report: Case Profile'), placeHolder: t('Which case?') }))?.id;
    return caseId ? { kind, caseId } : undefined;
  }
  return { kind };
}

async function askFormat(): Promise<ReportFormat | undefined> {
  const formats: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { format: 'markdown', label: vscode.l10n.t('Markdown'), detail: vscode.l10n.t('To edit and paste into a thesis') },
    { format: 'html', label: vscode.l10n.t('HTML'), detail: vscode.l10n.t('One standalone file to read in a browser or print') },
  ];
  return (await vscode.window.showQuickPick(formats, { title: vscode.l10n.t('Write Report'), placeHolder: vscode.l10n.t('Which format?') }))?.format;
}

async function askTarget(root: string, kind: ReportKind, format: ReportFormat): Promise<string | undefined> {
  const extension = format === 'html' ? 'html' : 'md';
  return askExportTarget({
    title: vscode.l10n.t('Write Report'),
    fileName: `${kind}-report.${extension}`,
    suggestedFolder: root,
    filters: format === 'html' ? { HTML: ['html'] } : { Markdown: ['md'] },
  });
}

async function openReport(target: string, format: ReportFormat, report: Report): Promise<void> {
  const uri = vscode.Uri.file(target);
  if (format === 'markdown') {
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(uri));
    return;
  }
  const open = vscode.l10n.t('Open in Browser');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Wrote "{0}" to {1}.', report.title, path.basename(target)), open);
  if (choice === open) await vscode.env.openExternal(uri);
}
