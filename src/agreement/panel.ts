// The agreement webview panel: one per window. It answers the webview's requests for figures
// (computed in steps, a newer request stopping an older one), offers fresh choices when the study
// changes, and is restored after a reload by the serializer from the state the webview keeps.
import * as vscode from 'vscode';
import { createWebviewPanel, WebviewPanelBase } from '../ui/webview-panel';
import {
  AGREEMENT_VIEW_TYPE,
  DEFAULT_CHOICE,
  type AgreementChoice,
  type AgreementWebviewReport,
  type HostMessage,
  type TestAction,
  type WebviewMessage,
} from '../shared/agreement-protocol';
import type { Placements } from '../study/placements';
import type { StudyService } from '../study/study-service';
import { webviewChoice } from './choice';
import { AgreementComputation, type Computed } from './compute';
import type { WebviewHost } from '../util/webview-page';
import { agreementOffer } from './options';
import { agreementStrings } from './strings';

export interface AgreementDeps {
  readonly host: WebviewHost;
  readonly study: StudyService;
  readonly placements: Placements;
  /** Runs a toolbar command of the webview (export, copy). */
  readonly runCommand: (command: Extract<WebviewMessage, { type: 'command' }>['command']) => Promise<void>;
}

/** The state the webview keeps with setState, as far as the extension reads it. */
interface PersistedState {
  readonly choice?: AgreementChoice;
}

/** Context key: an agreement panel exists (its export commands then show in the palette). */
const AGREEMENT_OPEN = 'gloss.agreementOpen';

export class AgreementPanel extends WebviewPanelBase<HostMessage, WebviewMessage> {
  static current: AgreementPanel | undefined;

  private choiceState: AgreementChoice;
  private requested: Partial<AgreementChoice> | undefined;
  private readonly computation = new AgreementComputation();
  /** The figures the webview shows, while they answer its latest request. */
  private shown: Computed | undefined;
  private latestRequest = -1;

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly deps: AgreementDeps,
    choice: AgreementChoice,
  ) {
    super(panel, deps.host, 'agreement', 'The agreement webview');
    this.choiceState = choice;
    void vscode.commands.executeCommand('setContext', AGREEMENT_OPEN, true);
  }

  /** Shows the panel (creating it when needed), optionally with other sides, documents or codes. */
  static show(deps: AgreementDeps, requested: Partial<AgreementChoice> = {}): AgreementPanel {
    const existing = AgreementPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (Object.keys(requested).length > 0) existing.choose(requested);
      return existing;
    }
    const panel = createWebviewPanel(deps.host, AGREEMENT_VIEW_TYPE, vscode.l10n.t('Inter-Coder Agreement'));
    const created = new AgreementPanel(panel, deps, { ...DEFAULT_CHOICE, ...requested });
    created.requested = requested;
    AgreementPanel.current = created;
    return created;
  }

  /** Takes over a panel VS Code restores after a reload. */
  static restore(panel: vscode.WebviewPanel, deps: AgreementDeps, state: unknown): AgreementPanel {
    AgreementPanel.current?.dispose();
    const restored = new AgreementPanel(panel, deps, webviewChoice((state as PersistedState | undefined)?.choice));
    AgreementPanel.current = restored;
    return restored;
  }

  /** The figures shown, for the exports; undefined while the view shows a refusal or is computing. */
  get computed(): Computed | undefined {
    return this.shown;
  }

  choose(choice: Partial<AgreementChoice>): void {
    if (this.ready) void this.post({ type: 'choose', choice });
    else this.requested = { ...this.requested, ...choice };
  }

  /** The study changed: new choices to offer, and the webview asks again for its figures. */
  async refreshOptions(): Promise<void> {
    if (!this.ready) return;
    const offer = await agreementOffer(this.deps.study.current);
    await this.post({ type: 'options', options: offer.info });
  }

  protected async initialMessage(ready: WebviewMessage): Promise<HostMessage> {
    const offer = await agreementOffer(this.deps.study.current);
    const restored = ready.type === 'ready' && ready.choice ? webviewChoice(ready.choice) : this.choiceState;
    const choice = { ...restored, ...(this.requested ?? {}) };
    this.choiceState = choice.sides.length === 0 ? { ...choice, sides: offer.defaultSides } : choice;
    this.requested = undefined;
    return { type: 'init', strings: agreementStrings(), options: offer.info, choice: this.choiceState };
  }

  protected async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'compute':
        await this.compute(message.requestId, webviewChoice(message.choice));
        return;
      case 'command':
        await this.deps.runCommand(message.command);
        return;
      case 'showDisagreements':
        await this.showDisagreements(typeof message.code === 'string' ? message.code : null);
        return;
    }
  }

  protected override reportError(error: unknown): void {
    this.deps.study.log.error(`Agreement: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    super.reportError(error);
  }

  private async compute(requestId: number, choice: AgreementChoice): Promise<void> {
    this.choiceState = choice;
    this.latestRequest = requestId;
    this.shown = undefined;
    const done = await this.computation.run(this.deps.study.current, this.deps.placements.versions, choice, (message) => void this.post({ type: 'progress', requestId, message }));
    // Replaced by a newer request: its answer comes instead.
    if (!done || requestId !== this.latestRequest) return;
    this.shown = done.computed;
    await this.post({ type: 'outcome', requestId, outcome: done.outcome });
  }

  /** The disagreement view (another feature) for the two sides shown, one code or all, the documents compared. */
  private async showDisagreements(code: string | null): Promise<void> {
    const result = this.shown?.result;
    if (!result || result.specs.length !== 2) return;
    await vscode.commands.executeCommand('gloss.showDisagreements', {
      sides: result.specs,
      ...(code === null ? {} : { code }),
      ...(this.choiceState.scope.kind === 'all' ? {} : { documents: result.documentPaths }),
    });
  }

  /** Test support: what the webview shows. */
  query(): Promise<AgreementWebviewReport> {
    return this.ask<AgreementWebviewReport>((requestId) => ({ type: 'query', requestId }), (m) => (m.type === 'report' ? m.report : undefined));
  }

  /** Test support: acts in the webview as a person would. */
  act(action: TestAction): Promise<void> {
    return this.askToAct((requestId) => ({ type: 'act', requestId, action }));
  }

  override dispose(): void {
    if (AgreementPanel.current === this) {
      AgreementPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', AGREEMENT_OPEN, false);
    }
    super.dispose();
  }
}
