// The agreement feature: a webview with inter-coder agreement per code and overall for two or more
// sides (a coder in the working tree or at a Git ref), its commands, its serializer and exports.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { webviewHost } from '../util/webview-page';
import { registerTestCommands } from '../util/test-mode';
import { AGREEMENT_VIEW_TYPE, type TestAction, type WebviewCommand } from '../shared/agreement-protocol';
import type { StudyFeature } from '../study/register';
import { commandChoice } from './choice';
import { copyAgreementMarkdown, exportAgreement, type AgreementExportFormat } from './export';
import { AgreementPanel, type AgreementDeps } from './panel';

interface ExportArguments {
  /** File system path to write; without it a save dialog asks. */
  readonly target?: string;
}

const REFRESH_DELAY_MS = 300;

export function registerAgreement(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study, placements } = feature;
  const deps: AgreementDeps = {
    host: webviewHost(context),
    study,
    placements,
    runCommand: (command) => runWebviewCommand(command),
  };
  const computed = () => AgreementPanel.current?.computed;
  async function runWebviewCommand(command: WebviewCommand): Promise<void> {
    switch (command) {
      case 'exportCsv':
        await exportAgreement(computed(), 'csv', undefined, study);
        return;
      case 'exportMarkdown':
        await exportAgreement(computed(), 'markdown', undefined, study);
        return;
      case 'copyMarkdown':
        await copyAgreementMarkdown(computed());
        return;
    }
  }
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void AgreementPanel.current?.refreshOptions(), REFRESH_DELAY_MS);
  };
  const exportCommand = (format: AgreementExportFormat) => (args?: ExportArguments) => exportAgreement(computed(), format, typeof args?.target === 'string' ? args.target : undefined, study);

  context.subscriptions.push(
    // The sides are read from the files (not from unsaved editors): only changes on disk matter.
    study.onDidChange(changed),
    { dispose: () => clearTimeout(refreshTimer) },
    vscode.window.registerWebviewPanelSerializer(AGREEMENT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        AgreementPanel.restore(panel, deps, state);
      },
    }),
    { dispose: () => AgreementPanel.current?.dispose() },
    registerCommand('gloss.agreement.open', (args?: unknown) => {
      AgreementPanel.show(deps, commandChoice(args));
    }),
    registerCommand('gloss.agreement.exportCsv', exportCommand('csv')),
    registerCommand('gloss.agreement.exportMarkdown', exportCommand('markdown')),
    registerCommand('gloss.agreement.copyMarkdown', () => copyAgreementMarkdown(computed())),
  );
  // For the integration tests: what the webview shows, and acting in it.
  registerTestCommands(context, {
    'gloss.test.agreement.query': () => AgreementPanel.current?.query(),
    'gloss.test.agreement.act': (action: TestAction) => AgreementPanel.current?.act(action),
  });
}
