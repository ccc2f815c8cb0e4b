// Exporting what the comparison shows, as CSV or Markdown, to a file the person picks (or, for
// scripts and tests, to the path given as the command's argument).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askExportTarget, csvByteOrderMark } from '../ui/export-target';
import { frameworkCsv, frameworkMarkdown } from '../core/framework';
import {
  codeMatrixCsv,
  codeMatrixMarkdown,
  computeCodeMatrix,
  computeCooccurrence,
  cooccurrenceCsv,
  cooccurrenceMarkdown,
  metricValue,
  orderRows,
  type CodeMatrix,
} from '../core/matrix';
import { writeTextAtomic } from '../core/storage/files';
import type { ViewState } from '../shared/comparison-protocol';
import type { StudyService } from '../study/study-service';
import type { ComparisonData } from './data';
import type { Frameworks } from './frameworks';
import { webviewStrings } from './strings';

export type ExportFormat = 'csv' | 'markdown';

/** The file's text for a view, or undefined when there is nothing to export. */
export async function exportText(view: ViewState, format: ExportFormat, data: ComparisonData, frameworks: Frameworks): Promise<string | undefined> {
  const input = await data.input();
  if (!input) return undefined;
  const t = vscode.l10n.t;
  const labels = { code: t('Code'), codeId: t('Code id'), total: t('Total'), allCodes: t('All codes') };
  const pathLabel = (code: string) => input.codebook.pathLabel(code);
  const coders = view.coders === null ? undefined : new Set(view.coders);
  const collapsed = new Set(view.collapsed);
  switch (view.tab) {
    case 'codes': {
      const matrix = computeCodeMatrix(input, { columns: view.columns, rollUp: view.rollUp, coders, labels: { noCase: t('(no case)'), noValue: t('(none)') } });
      const order = orderRows(matrix.rows, sortKey(matrix, view), view.sort.descending, collapsed);
      return format === 'csv' ? codeMatrixCsv(matrix, view.metric, order, pathLabel, labels) : codeMatrixMarkdown(matrix, view.metric, order, labels);
    }
    case 'cooccurrence': {
      const matrix = computeCooccurrence(input, { proximity: view.proximity, rollUp: view.rollUp, coders, pairs: view.pairs });
      const order = orderRows(matrix.codes, undefined, false, collapsed);
      const caption = cooccurrenceCaption(view);
      return format === 'csv' ? cooccurrenceCsv(matrix, order, pathLabel, caption, labels) : cooccurrenceMarkdown(matrix, order, caption, labels);
    }
    case 'framework': {
      const file = view.framework ?? (await frameworks.list())[0];
      const loaded = file === undefined ? undefined : await frameworks.read(file);
      if (!loaded) return undefined;
      const frameworkLabels = {
        caseHeader: t('Case'),
        row: (row: { id: string; name?: string }) => row.name ?? input.cases.cases.find((c) => c.id === row.id)?.name ?? row.id,
        theme: (theme: { code: string; name?: string }) => theme.name ?? input.codebook.get(theme.code)?.name ?? theme.code,
      };
      return format === 'csv' ? frameworkCsv(loaded.matrix, frameworkLabels) : frameworkMarkdown(loaded.matrix, frameworkLabels);
    }
  }
}

/** What the co-occurrence counts, in words, for the export's first line. */
function cooccurrenceCaption(view: ViewState): string {
  const t = vscode.l10n.t;
  const s = webviewStrings();
  const proximity = view.proximity;
  const near =
    proximity.kind === 'overlap'
      ? s.proximityOverlap
      : proximity.kind === 'turn'
        ? s.proximityTurn
        : proximity.kind === 'paragraph'
          ? s.proximityParagraph
          : t('lie within {0} characters of each other', proximity.distance);
  const whose =
    view.pairs === 'across-coders'
      ? t('coded by the same coder or by two different coders')
      : t('both coded by the same coder (one coder\'s code next to another coder\'s is not counted)');
  const coders = view.coders === null ? t('all coders') : view.coders.join(', ');
  const rollUp = view.rollUp ? ` ${t('Sub-codes count for their parents too.')}` : '';
  return t('Co-occurrence: pairs of segments of two codes that {0}, {1}. Coders: {2}.', near, whose, coders) + rollUp;
}

/** The sort key of the code rows, as the webview sorts them. */
function sortKey(matrix: CodeMatrix, view: ViewState): ((row: number) => number) | undefined {
  const column = view.sort.column;
  if (column === null) return undefined;
  const index = matrix.columns.findIndex((c) => c.key === column);
  return (row: number) => {
    const r = matrix.rows[row];
    if (index === -1) {
      if (view.metric === 'presence') return r.cells.segments.filter((s) => s > 0).length;
      return metricValue(view.metric, { ...r.total, length: matrix.length });
    }
    return metricValue(view.metric, { segments: r.cells.segments[index], documents: r.cells.documents[index], covered: r.cells.covered[index], length: matrix.columns[index].length });
  };
}

function defaultName(view: ViewState): string {
  switch (view.tab) {
    case 'codes':
      return `code-matrix-${view.columns.kind === 'attribute' ? view.columns.attribute : view.columns.kind}-${view.metric}`;
    case 'cooccurrence':
      return `co-occurrence-${view.proximity.kind}-${view.pairs}`;
    case 'framework':
      return path.posix.basename(view.framework ?? 'framework-matrix', path.posix.extname(view.framework ?? ''));
  }
}

/** Exports the view; `target` (a file system path) skips the save dialog. Returns the file written. */
export async function exportView(
  view: ViewState,
  format: ExportFormat,
  target: string | undefined,
  deps: { study: StudyService; data: ComparisonData; frameworks: Frameworks },
): Promise<string | undefined> {
  const text = await exportText(view, format, deps.data, deps.frameworks);
  if (text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to export: open a study (and, for a framework matrix, create one) first.'));
    return undefined;
  }
  let file = target;
  if (file === undefined) {
    const extension = format === 'csv' ? 'csv' : 'md';
    const root = deps.study.current?.root;
    file = await askExportTarget({
      title: format === 'csv' ? vscode.l10n.t('Export as CSV') : vscode.l10n.t('Export as Markdown'),
      fileName: `${defaultName(view)}.${extension}`,
      suggestedFolder: root,
      filters: format === 'csv' ? { [vscode.l10n.t('CSV')]: ['csv'] } : { [vscode.l10n.t('Markdown')]: ['md'] },
    });
    if (!file) return undefined;
  }
  await writeTextAtomic(file, format === 'csv' ? `${csvByteOrderMark()}${text}` : text);
  deps.study.log.info(`Exported the ${view.tab} view to ${file}.`);
  if (target === undefined) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', file), open).then(async (choice) => {
      if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(file));
    });
  }
  return file;
}
