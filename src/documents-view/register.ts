// The documents feature: the Documents view (transcripts by case, with attributes, coding
// progress and warnings).
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { registerTestCommands } from '../util/test-mode';
import type { StudyFeature } from '../study/register';
import { DocumentsProvider } from './tree';

export function registerDocumentsView(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const provider = new DocumentsProvider(feature.study, feature.placements);
  const view = vscode.window.createTreeView('gloss.documents', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(
    provider,
    view,
    registerCommand('gloss.documents.refresh', () => provider.refresh(0, true)),
  );
  // For the integration tests: what the view shows, as plain data.
  registerTestCommands(context, { 'gloss.test.documentsTree': () => provider.snapshot() });
}
