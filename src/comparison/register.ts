// The comparison feature: a webview with code x case matrices, code co-occurrence and framework
// matrices, its commands, its serializer, and exports.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { webviewHost } from '../util/webview-page';
import { registerTestCommands } from '../util/test-mode';
import { addFrameworkRow, addFrameworkTheme, newFrameworkText } from '../core/framework';
import { COMPARISON_VIEW_TYPE, DEFAULT_VIEW, type TestAction, type ViewState, type WebviewCommand } from '../shared/comparison-protocol';
import type { StudyFeature } from '../study/register';
import { ComparisonData } from './data';
import { exportView, type ExportFormat } from './export';
import { Frameworks, FrameworkWriteError } from './frameworks';
import { ComparisonPanel, type ComparisonDeps } from './panel';
import { RememberedChoice } from './remembered-choice';

interface ExportArguments {
  /** File system path to write; without it a save dialog asks. */
  readonly target?: string;
  /** The view to export; without it, the open comparison's view. */
  readonly view?: Partial<ViewState>;
}

interface NewFrameworkArguments {
  readonly title: string;
  readonly cases: readonly string[];
  readonly themes: readonly string[];
  readonly fileName?: string;
}

export function registerComparison(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study, placements } = feature;
  const frameworks = new Frameworks(study);
  const data = new ComparisonData(study, placements, frameworks);
  const deps: ComparisonDeps = {
    host: webviewHost(context),
    choice: new RememberedChoice(context.workspaceState),
    study,
    data,
    frameworks,
    runCommand: (command, view) => runWebviewCommand(command, view),
  };
  const currentView = (override: Partial<ViewState> = {}): ViewState => ({ ...(ComparisonPanel.current?.view ?? DEFAULT_VIEW), ...override });
  const changed = () => {
    data.invalidate();
    ComparisonPanel.current?.scheduleRefresh();
  };

  async function runWebviewCommand(command: WebviewCommand, view: ViewState): Promise<void> {
    switch (command) {
      case 'exportCsv':
        await exportView(view, 'csv', undefined, { study, data, frameworks });
        return;
      case 'exportMarkdown':
        await exportView(view, 'markdown', undefined, { study, data, frameworks });
        return;
      case 'newFramework':
        await newFramework(undefined);
        return;
      case 'addRow':
        if (view.framework) await addRow(view.framework);
        return;
      case 'addTheme':
        if (view.framework) await addTheme(view.framework);
        return;
      case 'openAgreement':
        // Another feature's view, reached through its command.
        await vscode.commands.executeCommand('gloss.agreement.open');
        return;
      case 'openFrameworkFile': {
        const uri = view.framework ? frameworks.uriOf(view.framework) : undefined;
        if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
        return;
      }
    }
  }

  async function newFramework(args: NewFrameworkArguments | undefined): Promise<string | undefined> {
    const current = study.current;
    if (!current) return undefined;
    let spec = args;
    if (!spec) {
      const title = await vscode.window.showInputBox({
        title: vscode.l10n.t('New Framework Matrix'),
        prompt: vscode.l10n.t('Title of the matrix, e.g. "Impact in the South"'),
        validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A matrix needs a title.') : undefined),
      });
      if (title === undefined) return undefined;
      const cases = await vscode.window.showQuickPick(
        current.cases.cases.map((c) => ({ label: c.name, description: c.id, id: c.id, picked: true })),
        { title: vscode.l10n.t('Rows: which cases?'), canPickMany: true },
      );
      if (!cases || cases.length === 0) return undefined;
      const themes = await vscode.window.showQuickPick(
        current.codebook.codes.map((code) => ({ label: current.codebook.pathLabel(code.id), description: code.id, id: code.id })),
        { title: vscode.l10n.t('Columns: which codes are the themes?'), canPickMany: true, matchOnDescription: true },
      );
      if (!themes || themes.length === 0) return undefined;
      spec = { title: title.trim(), cases: cases.map((c) => c.id), themes: themes.map((t) => t.id) };
    }
    const existing = new Set(await frameworks.list());
    const base = spec.fileName?.replace(/\.ya?ml$/i, '') ?? slug(spec.title);
    let name = `${base}.yaml`;
    for (let n = 2; existing.has(`matrices/${name}`); n++) name = `${base}-${n}.yaml`;
    const text = newFrameworkText({ title: spec.title, rows: spec.cases.map((id) => ({ id })), themes: spec.themes.map((code) => ({ code })) });
    const file = await frameworks.create(name, text);
    ComparisonPanel.show(deps, { tab: 'framework', framework: file });
    return file;
  }

  async function addRow(file: string): Promise<void> {
    const current = study.current;
    const loaded = await frameworks.read(file);
    if (!current || !loaded) return;
    const present = new Set(loaded.matrix.rows.map((r) => r.id));
    const picked = await vscode.window.showQuickPick(
      current.cases.cases.filter((c) => !present.has(c.id)).map((c) => ({ label: c.name, description: c.id, id: c.id })),
      { title: vscode.l10n.t('Add a case as a row') },
    );
    if (picked) await reportWrite(frameworks.edit(file, (text) => addFrameworkRow(text, { id: picked.id })));
  }

  async function addTheme(file: string): Promise<void> {
    const current = study.current;
    const loaded = await frameworks.read(file);
    if (!current || !loaded) return;
    const present = new Set(loaded.matrix.themes.map((t) => t.code));
    const picked = await vscode.window.showQuickPick(
      current.codebook.codes.filter((c) => !present.has(c.id)).map((c) => ({ label: current.codebook.pathLabel(c.id), description: c.id, id: c.id })),
      { title: vscode.l10n.t('Add a code as a theme'), matchOnDescription: true },
    );
    if (picked) await reportWrite(frameworks.edit(file, (text) => addFrameworkTheme(text, { code: picked.id })));
  }

  async function reportWrite(write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof FrameworkWriteError)) study.log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }

  const exportCommand = (format: ExportFormat) => (args?: ExportArguments) =>
    exportView(currentView(args?.view), format, args?.target, { study, data, frameworks });

  context.subscriptions.push(
    frameworks,
    placements.onDidChange(changed),
    study.onDidChange(changed),
    frameworks.onDidChange(changed),
    vscode.window.registerWebviewPanelSerializer(COMPARISON_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        ComparisonPanel.restore(panel, deps, state);
      },
    }),
    { dispose: () => ComparisonPanel.current?.dispose() },
    registerCommand('gloss.comparison.open', (view?: unknown) => {
      ComparisonPanel.show(deps, view ?? {});
    }),
    registerCommand('gloss.comparison.showCooccurrence', () => {
      ComparisonPanel.show(deps, { tab: 'cooccurrence' });
    }),
    registerCommand('gloss.comparison.openFramework', async (file?: string) => {
      let chosen = file;
      if (chosen === undefined) {
        const files = await frameworks.list();
        if (files.length === 0) {
          const create = vscode.l10n.t('New Framework Matrix…');
          const choice = await vscode.window.showInformationMessage(vscode.l10n.t('This study has no framework matrix in matrices/ yet.'), create);
          if (choice === create) await newFramework(undefined);
          return;
        }
        chosen = files.length === 1 ? files[0] : await vscode.window.showQuickPick(files, { title: vscode.l10n.t('Open a framework matrix') });
        if (chosen === undefined) return;
      }
      ComparisonPanel.show(deps, { tab: 'framework', framework: chosen });
    }),
    registerCommand('gloss.comparison.newFramework', (args?: NewFrameworkArguments) => reportWrite(newFramework(args).then(() => undefined))),
    registerCommand('gloss.comparison.exportCsv', exportCommand('csv')),
    registerCommand('gloss.comparison.exportMarkdown', exportCommand('markdown')),
  );
  // For the integration tests: what the webview shows, and acting in it.
  registerTestCommands(context, {
    'gloss.test.comparison.query': (options?: { summary?: boolean }) => ComparisonPanel.current?.query(options?.summary === true),
    'gloss.test.comparison.act': (action: TestAction) => ComparisonPanel.current?.act(action),
  });
}

/** A file name from a title: lower case, runs of other characters turned into `-`. */
function slug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'framework-matrix';
}
