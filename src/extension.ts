// The extension's entry composes the features: each registers itself here and no feature registers
// another; every disposable goes to the context.
import type * as vscode from 'vscode';
import { registerStudy } from './study/register';
import { registerCodebookView } from './codebook-view/register';
import { registerRetrieval } from './retrieval/register';
import { registerDocumentsView } from './documents-view/register';
import { registerMemos } from './memos/register';
import { registerCoding } from './coding/register';
import { registerComparison } from './comparison/register';
import { registerHistory } from './history/register';
import { registerBlindCoding } from './blind-coding/register';
import { registerAnalysisHistory } from './analysis-history/register';
import { registerDisagreements } from './disagreements/register';
import { registerAgreement } from './agreement/register';
import { registerInterchange } from './interchange/register';
import { registerReports } from './reports/register';
import { registerDocumentImport } from './document-import/register';
import { registerTranscription } from './transcription/register';
import { registerCases } from './cases/register';
import { registerSearch } from './search/register';
import { registerQueries } from './queries/register';
import { rememberExportFolderIn } from './ui/export-target';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const { study, placements } = registerStudy(context);
  rememberExportFolderIn(context.workspaceState);
  registerCodebookView(context, { study, placements });
  registerRetrieval(context, { study, placements });
  registerDocumentsView(context, { study, placements });
  registerMemos(context, { study, placements });
  registerCoding(context, { study, placements });
  registerComparison(context, { study, placements });
  registerHistory(context, { study, placements });
  registerBlindCoding(context, { study, placements });
  registerAnalysisHistory(context, { study, placements });
  registerDisagreements(context, { study, placements });
  registerAgreement(context, { study, placements });
  registerInterchange(context, { study, placements });
  registerReports(context, { study, placements });
  registerDocumentImport(context, { study, placements });
  registerTranscription(context, { study });
  registerCases(context, { study, placements });
  registerSearch(context, { study, placements });
  registerQueries(context, { study, placements });
  // The benchmark reads this line: activation must stay cheap (the study loads after it).
  study.log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
