// The classification sheet: a webview with documents or cases as rows and attributes as columns.
// Each edited cell is checked against its attribute's type here and written to cases.yaml as one
// change; the sheet shows the file again whenever the study's cases change (on disk or here).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createWebviewPanel, WebviewPanelBase } from '../ui/webview-panel';
import { CASES_FILE, type Cases } from '../core/cases/cases';
import { setAttribute, type AttributeTarget } from '../core/cases/edit';
import { attributeText, readAttributeInput } from '../core/cases/values';
import { SHEET_VIEW_TYPE, type HostMessage, type SheetData, type SheetMode, type SheetReport, type SheetRow, type SheetStrings, type TestAction, type WebviewMessage } from '../shared/sheet-protocol';
import type { StudyService } from '../study/study-service';
import type { WebviewHost } from '../util/webview-page';
import type { CasesFile } from './cases-file';


export interface SheetDeps {
  readonly host: WebviewHost;
  readonly study: StudyService;
  readonly file: CasesFile;
  /** Runs a toolbar command of the sheet (add an attribute, import a CSV file, open cases.yaml). */
  readonly runCommand: (command: Extract<WebviewMessage, { type: 'command' }>['command']) => Promise<void>;
}

export class SheetPanel extends WebviewPanelBase<HostMessage, WebviewMessage> {
  static current: SheetPanel | undefined;

  private mode: SheetMode = 'documents';

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: SheetDeps,
  ) {
    super(panel, deps.host, 'sheet', 'The classification sheet');
    this.disposables.push(
      deps.study.onDidChange((changes) => {
        if (changes.length === 0 || changes.some((c) => c.kind === 'cases')) void this.refresh();
      }),
    );
  }

  static show(deps: SheetDeps, mode?: SheetMode): SheetPanel {
    const existing = SheetPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (mode && mode !== existing.mode) {
        existing.mode = mode;
        void existing.refresh();
      }
      return existing;
    }
    const panel = createWebviewPanel(deps.host, SHEET_VIEW_TYPE, vscode.l10n.t('Classification Sheet'));
    SheetPanel.current = new SheetPanel(panel, deps);
    if (mode) SheetPanel.current.mode = mode;
    return SheetPanel.current;
  }

  /** Takes over a panel VS Code restores after a reload. */
  static restore(panel: vscode.WebviewPanel, deps: SheetDeps): SheetPanel {
    SheetPanel.current?.dispose();
    SheetPanel.current = new SheetPanel(panel, deps);
    return SheetPanel.current;
  }

  private async refresh(): Promise<void> {
    if (this.ready) await this.post({ type: 'data', data: this.data() });
  }

  private data(): SheetData {
    const study = this.deps.study.current;
    if (!study) return { mode: this.mode, columns: [], rows: [], looseDocuments: 0, problem: vscode.l10n.t('No study is open.') };
    const cases = study.cases;
    const problem = cases.ok ? undefined : vscode.l10n.t('{0} has errors (see the Problems panel); fix them before editing it here.', CASES_FILE);
    const inCase = new Set(cases.cases.flatMap((c) => c.documents.map((d) => d.path)));
    return {
      mode: this.mode,
      columns: cases.attributes.map((a) => ({ name: a.name, type: a.type, ...(a.values ? { values: a.values } : {}) })),
      rows: this.mode === 'cases' ? caseRows(cases) : documentRows(cases),
      looseDocuments: study.documentPaths.filter((p) => !inCase.has(p)).length,
      ...(problem ? { problem } : {}),
    };
  }

  protected initialMessage(ready: WebviewMessage): HostMessage {
    if (ready.type === 'ready' && ready.mode) this.mode = ready.mode;
    return { type: 'init', strings: sheetStrings(), data: this.data() };
  }

  protected async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'mode':
        this.mode = message.mode;
        await this.refresh();
        return;
      case 'edit':
        await this.post({ type: 'edited', requestId: message.requestId, ...(await this.edit(message)) });
        await this.refresh();
        return;
      case 'command':
        await this.deps.runCommand(message.command);
        return;
    }
  }

  /** Checks the typed text against the attribute's type and writes it; an error says why not. */
  private async edit(message: Extract<WebviewMessage, { type: 'edit' }>): Promise<{ error?: string }> {
    const study = this.deps.study.current;
    if (!study) return { error: vscode.l10n.t('No study is open.') };
    const definition = study.cases.attributes.find((a) => a.name === message.attribute);
    if (!definition) return { error: vscode.l10n.t('There is no attribute "{0}".', message.attribute) };
    const input = readAttributeInput(definition, message.text);
    if ('error' in input) return { error: input.error };
    const target: AttributeTarget = message.mode === 'cases' ? { kind: 'case', caseId: message.key } : { kind: 'document', path: message.key };
    try {
      await this.deps.file.editOrThrow((text) => setAttribute(text, target, message.attribute, input.value));
      return {};
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Test support: what the webview shows. */
  query(): Promise<SheetReport> {
    return this.ask((requestId) => ({ type: 'query', requestId }), (m) => (m.type === 'report' ? m.report : undefined));
  }

  /** Test support: acts in the webview as a person would. */
  act(action: TestAction): Promise<void> {
    return this.askToAct((requestId) => ({ type: 'act', requestId, action }));
  }

  override dispose(): void {
    if (SheetPanel.current === this) SheetPanel.current = undefined;
    super.dispose();
  }
}

function caseRows(cases: Cases): SheetRow[] {
  return cases.cases.map((c) => ({
    key: c.id,
    label: c.name,
    cells: Object.fromEntries(Object.entries(c.attributes).map(([name, value]) => [name, { text: attributeText(value), own: true }])),
  }));
}

function documentRows(cases: Cases): SheetRow[] {
  return cases.cases.flatMap((c) =>
    c.documents.map((d) => {
      const cells: Record<string, { text: string; own: boolean }> = {};
      for (const [name, value] of Object.entries(c.attributes)) cells[name] = { text: attributeText(value), own: false };
      for (const [name, value] of Object.entries(d.attributes)) cells[name] = { text: attributeText(value), own: true };
      return { key: d.path, label: path.posix.basename(d.path), group: c.name, cells };
    }),
  );
}


function sheetStrings(): SheetStrings {
  return {
    documents: vscode.l10n.t('Documents'),
    cases: vscode.l10n.t('Cases'),
    rowsLabel: vscode.l10n.t('Rows'),
    document: vscode.l10n.t('Document'),
    case: vscode.l10n.t('Case'),
    addAttribute: vscode.l10n.t('Add Attribute…'),
    importCsv: vscode.l10n.t('Import from CSV…'),
    openFile: vscode.l10n.t('Open cases.yaml'),
    empty: vscode.l10n.t('No cases yet: create one, or assign documents to a case from the Documents view or the Explorer.'),
    inherited: vscode.l10n.t('From the case; type a value to give this document its own'),
    looseDocuments: vscode.l10n.t('{0} documents are in no case and not shown: assign them to a case from the Documents view.'),
    help: vscode.l10n.t('Arrow keys move · Enter or F2 edits · Enter saves · Escape cancels · Tab saves and moves on · Delete empties a cell · values in italics come from the case'),
    saving: vscode.l10n.t('Saving…'),
    saved: vscode.l10n.t('Saved to cases.yaml.'),
    yes: vscode.l10n.t('true'),
    no: vscode.l10n.t('false'),
  };
}
