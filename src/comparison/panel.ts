// The comparison webview panel: one per window. It answers the webview's requests, pushes fresh
// data when codings, cases, the codebook or a matrix file change (debounced, only while visible),
// and is restored after a reload by the serializer from the state the webview keeps.
import * as vscode from 'vscode';
import { editFrameworkCell, evidenceNote, type EvidenceLink } from '../core/framework';
import {
  COMPARISON_VIEW_TYPE,
  DEFAULT_VIEW,
  type HostMessage,
  type TestAction,
  type ViewState,
  type WebviewMessage,
  type WebviewReport,
} from '../shared/comparison-protocol';
import { openAtSource } from '../ui/open-at-source';
import type { StudyService } from '../study/study-service';
import type { ComparisonData } from './data';
import type { Frameworks } from './frameworks';
import { createWebviewPanel, WebviewPanelBase } from '../ui/webview-panel';
import type { WebviewHost } from '../util/webview-page';
import { webviewStrings } from './strings';
import { fitToStudy, type RememberedChoice } from './remembered-choice';

export interface ComparisonDeps {
  readonly host: WebviewHost;
  /** The columns and metric last chosen in the workspace, which a new panel opens with. */
  readonly choice: RememberedChoice;
  readonly study: StudyService;
  readonly data: ComparisonData;
  readonly frameworks: Frameworks;
  /** Runs a webview toolbar command (export, new matrix, add a row or theme, open the file). */
  readonly runCommand: (command: Extract<WebviewMessage, { type: 'command' }>['command'], view: ViewState) => Promise<void>;
}

/** The state the webview keeps with setState, as far as the extension reads it. */
interface PersistedState {
  readonly view?: ViewState;
}

const REFRESH_DELAY_MS = 300;
/** Context key: a comparison panel exists (its export commands then show in the palette). */
const COMPARISON_OPEN = 'gloss.comparisonOpen';

export class ComparisonPanel extends WebviewPanelBase<HostMessage, WebviewMessage> {
  static current: ComparisonPanel | undefined;

  private viewState: ViewState;
  private requested: Partial<ViewState> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The data's generation when the webview last said `ready`. */
  private readyGeneration = 0;

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: ComparisonDeps,
    view: ViewState,
  ) {
    super(panel, deps.host, 'comparison', 'The comparison webview');
    this.viewState = view;
    void vscode.commands.executeCommand('setContext', COMPARISON_OPEN, true);
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.host.extensionUri, 'media', 'comparison-light.svg'),
      dark: vscode.Uri.joinPath(deps.host.extensionUri, 'media', 'comparison-dark.svg'),
    };
  }

  /** Shows the panel (creating it when needed), optionally with another view. */
  static show(deps: ComparisonDeps, requested: unknown = {}): ComparisonPanel {
    const view = viewFields(requested);
    const existing = ComparisonPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (Object.keys(view).length > 0) existing.showView(view);
      return existing;
    }
    const panel = createWebviewPanel(deps.host, COMPARISON_VIEW_TYPE, vscode.l10n.t('Comparison'));
    const created = new ComparisonPanel(panel, deps, { ...DEFAULT_VIEW, ...deps.choice.get(), ...view });
    created.requested = view;
    ComparisonPanel.current = created;
    return created;
  }

  /** Takes over a panel VS Code restores after a reload. */
  static restore(panel: vscode.WebviewPanel, deps: ComparisonDeps, state: unknown): ComparisonPanel {
    ComparisonPanel.current?.dispose();
    const view = (state as PersistedState | undefined)?.view;
    const restored = new ComparisonPanel(panel, deps, { ...DEFAULT_VIEW, ...deps.choice.get(), ...(view ?? {}) });
    ComparisonPanel.current = restored;
    return restored;
  }

  get view(): ViewState {
    return this.viewState;
  }

  showView(view: Partial<ViewState>): void {
    if (this.ready) void this.post({ type: 'showView', view });
    else this.requested = { ...this.requested, ...view };
  }

  /** Something the matrices depend on changed: recompute soon, or when the panel is next visible. */
  scheduleRefresh(): void {
    // A hidden panel gets fresh data when it is shown again and its webview says `ready`.
    if (!this.ready || !this.panel.visible) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const generation = this.deps.data.generation;
    const view = this.viewState;
    const [study, data] = await Promise.all([this.deps.data.studyInfo(), this.deps.data.viewData(view)]);
    // The study changed meanwhile: this data may be older than what the next refresh sends.
    if (this.staleSince(generation)) return;
    await this.post({ type: 'study', study });
    await this.post({ type: 'data', requestId: null, view, data });
  }

  /** True, with a refresh scheduled, when the data changed since `generation`. */
  private staleSince(generation: number): boolean {
    if (generation === this.deps.data.generation) return false;
    this.scheduleRefresh();
    return true;
  }

  protected async initialMessage(ready: Extract<WebviewMessage, { type: 'ready' }>): Promise<HostMessage> {
    this.readyGeneration = this.deps.data.generation;
    const study = await this.deps.data.studyInfo();
    this.viewState = fitToStudy({ ...DEFAULT_VIEW, ...(ready.view ?? this.viewState), ...(this.requested ?? {}) }, study);
    this.requested = undefined;
    return { type: 'init', strings: webviewStrings(), study, view: this.viewState };
  }

  protected override async afterReady(): Promise<void> {
    await this.post({ type: 'data', requestId: null, view: this.viewState, data: await this.deps.data.viewData(this.viewState) });
    this.staleSince(this.readyGeneration);
  }

  protected async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'viewShown':
        this.updateView(message.view);
        return;
      case 'view': {
        this.updateView(message.view);
        const generation = this.deps.data.generation;
        const data = await this.deps.data.viewData(message.view);
        await this.post({ type: 'data', requestId: message.requestId, view: message.view, data });
        this.staleSince(generation);
        return;
      }
      case 'drill':
        await this.post(await this.deps.data.drill(message.requestId, message.view, message.target));
        return;
      case 'open':
        await this.openSegment(message.document, message.start, message.end);
        return;
      case 'editCell':
        await this.editCell(message);
        return;
      case 'command':
        this.updateView(message.view);
        await this.deps.runCommand(message.command, message.view);
        return;
    }
  }

  protected override reportError(error: unknown): void {
    this.deps.study.log.error(`Comparison: ${error instanceof Error ? error.message : String(error)}`);
    super.reportError(error);
  }

  /** The view the webview shows now; its columns and metric are the ones to open with next time. */
  private updateView(view: ViewState): void {
    this.viewState = view;
    void this.deps.choice.remember(view);
  }

  private async editCell(message: Extract<WebviewMessage, { type: 'editCell' }>): Promise<void> {
    let error: string | undefined;
    try {
      let evidence: EvidenceLink[] | undefined;
      if (message.edit.evidence) {
        // New links get the start of their segment's text as a comment, for whoever reads the file.
        const input = await this.deps.data.input();
        evidence = message.edit.evidence.map((id) => {
          for (const document of input?.documents ?? []) {
            const segment = document.segments.find((s) => s.id === id);
            if (segment && input) return { id, note: evidenceNote(this.deps.data.segmentData(input, document, segment).text) };
          }
          return { id };
        });
      }
      await this.deps.frameworks.edit(message.file, (text) =>
        editFrameworkCell(text, message.case, message.theme, {
          ...(message.edit.rating === undefined ? {} : { rating: message.edit.rating }),
          ...(message.edit.summary === undefined ? {} : { summary: message.edit.summary }),
          ...(evidence === undefined ? {} : { evidence }),
        }),
      );
      this.deps.study.log.info(`Framework matrix ${message.file}: edited ${message.case} / ${message.theme}.`);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      this.deps.study.log.warn(`Framework matrix ${message.file}: ${error}`);
    }
    await this.post({ type: 'edited', requestId: message.requestId, ...(error === undefined ? {} : { error }) });
    // The file watcher may be slow: push the new cell at once.
    this.deps.data.invalidate();
    await this.refresh();
  }

  /** Opens the transcript with the segment selected (offsets: code points of the current text). */
  async openSegment(documentPath: string, start: number, end: number): Promise<void> {
    const viewColumn = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    await openAtSource(this.deps.study, { documentPath, start, end }, { viewColumn });
  }

  /** Test support: what the webview shows. */
  query(summary = false): Promise<WebviewReport> {
    return this.ask<WebviewReport>((requestId) => ({ type: 'query', requestId, summary }), (m) => (m.type === 'report' ? m.report : undefined));
  }

  /** Test support: acts in the webview as a person would. */
  act(action: TestAction): Promise<void> {
    return this.askToAct((requestId) => ({ type: 'act', requestId, action }));
  }

  override dispose(): void {
    if (ComparisonPanel.current === this) {
      ComparisonPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', COMPARISON_OPEN, false);
    }
    clearTimeout(this.refreshTimer);
    super.dispose();
  }
}

/** The known view fields of a command argument (a menu may pass a tree item or a URI instead). */
function viewFields(value: unknown): Partial<ViewState> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const known = new Set(Object.keys(DEFAULT_VIEW));
  return Object.fromEntries(Object.entries(value).filter(([key]) => known.has(key))) as Partial<ViewState>;
}
