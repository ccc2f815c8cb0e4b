// The agreement view's figures as CSV or Markdown (the core's exports, with the formulas' names and
// references), to a file the person picks or, for scripts and tests, to the path given; or the
// Markdown to the clipboard. Nothing is written while the view shows a refusal or is computing.
import * as vscode from 'vscode';
import { askExportTarget, csvByteOrderMark } from '../ui/export-target';
import { agreementCsv, agreementMarkdown, type AgreementExportLabels } from '../core/agreement/export';
import { writeTextAtomic } from '../core/storage/files';
import type { StudyService } from '../study/study-service';
import type { Computed } from './compute';

export type AgreementExportFormat = 'csv' | 'markdown';

function labels(): AgreementExportLabels {
  const t = vscode.l10n.t;
  return {
    code: t('Code'),
    codeId: t('Code id'),
    allCodes: t('All codes'),
    allUnits: t('all units'),
    codedUnits: t('coded units'),
    units: t('Units'),
    percentAgreement: t('Percent agreement'),
    cohenKappa: t("Cohen's kappa"),
    fleissKappa: t("Fleiss' kappa"),
    krippendorffAlpha: t("Krippendorff's alpha (nominal)"),
    unitizingAlpha: t("Krippendorff's unitizing alpha"),
    codings: t('Codings'),
  };
}

export function exportText(computed: Computed, format: AgreementExportFormat): string {
  return format === 'csv' ? agreementCsv(computed.report, computed.codeName, labels()) : agreementMarkdown(computed.report, computed.codeName, labels());
}

/** Exports the figures shown; `target` (a file system path) skips the save dialog. Returns the file written. */
export async function exportAgreement(computed: Computed | undefined, format: AgreementExportFormat, target: string | undefined, study: StudyService): Promise<string | undefined> {
  if (!computed) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: the agreement view shows no figures (open it, choose two sides, and wait for the figures).'));
    return undefined;
  }
  let file = target;
  if (file === undefined) {
    const extension = format === 'csv' ? 'csv' : 'md';
    const root = study.current?.root;
    const name = `agreement-${computed.report.unit}.${extension}`;
    file = await askExportTarget({
      title: format === 'csv' ? vscode.l10n.t('Export as CSV') : vscode.l10n.t('Export as Markdown'),
      fileName: name,
      suggestedFolder: root,
      filters: format === 'csv' ? { [vscode.l10n.t('CSV')]: ['csv'] } : { [vscode.l10n.t('Markdown')]: ['md'] },
    });
    if (!file) return undefined;
  }
  const text = exportText(computed, format);
  await writeTextAtomic(file, format === 'csv' ? `${csvByteOrderMark()}${text}` : text);
  study.log.info(`Exported the inter-coder agreement to ${file}.`);
  if (target === undefined) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', file), open).then(async (choice) => {
      if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(file));
    });
  }
  return file;
}

export async function copyAgreementMarkdown(computed: Computed | undefined): Promise<boolean> {
  if (!computed) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to copy: the agreement view shows no figures.'));
    return false;
  }
  await vscode.env.clipboard.writeText(exportText(computed, 'markdown'));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Agreement table copied as Markdown.'), 3000);
  return true;
}
