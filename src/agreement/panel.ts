// The agreement webview panel: one per window. It answers the webview's requests for figures
// (computed in steps, a newer request stopping an older one), offers fresh choices when the study
// changes, and is restored after a reload by the serializer from the state the webview keeps.
import * as vscode from 'vscode';
import { WebviewAnswers } from '../ui/webview-answers';
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
import { webviewOptions, webviewPage, type WebviewHost } from '../util/webview-page';
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

export class AgreementPanel implements vscode.Disposable {
  static current: AgreementPanel | undefined;

  private choiceState: AgreementChoice;
  private requested: Partial<AgreementChoice> | undefined;
  private ready = false;
  private readonly computation = new AgreementComputation();
  /** The figures the webview shows, while they answer its latest request. */
  private shown: Computed | undefined;
  private latestRequest = -1;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly answers = new WebviewAnswers<WebviewMessage & { requestId: number }>('The agreement webview');
  private readonly readyWaiters: Array<() => void> = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: AgreementDeps,
    choice: AgreementChoice,
  ) {
    this.choiceState = choice;
    void vscode.commands.executeCommand('setContext', AGREEMENT_OPEN, true);
    panel.webview.options = webviewOptions(deps.host);
    panel.webview.html = webviewPage(panel.webview, deps.host, 'agreement', panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A hidden webview is discarded (no retainContextWhenHidden): it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** Shows the panel (creating it when needed), optionally with other sides, documents or codes. */
  static show(deps: AgreementDeps, requested: Partial<AgreementChoice> = {}): AgreementPanel {
    const existing = AgreementPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (Object.keys(requested).length > 0) existing.choose(requested);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(AGREEMENT_VIEW_TYPE, vscode.l10n.t('Inter-Coder Agreement'), vscode.ViewColumn.Active, webviewOptions(deps.host));
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

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
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

  private async receive(message: WebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready': {
          const offer = await agreementOffer(this.deps.study.current);
          const choice = { ...(message.choice ? webviewChoice(message.choice) : this.choiceState), ...(this.requested ?? {}) };
          this.choiceState = choice.sides.length === 0 ? { ...choice, sides: offer.defaultSides } : choice;
          this.requested = undefined;
          this.ready = true;
          await this.post({ type: 'init', strings: agreementStrings(), options: offer.info, choice: this.choiceState });
          for (const resolve of this.readyWaiters.splice(0)) resolve();
          return;
        }
        case 'compute':
          await this.compute(message.requestId, webviewChoice(message.choice));
          return;
        case 'command':
          await this.deps.runCommand(message.command);
          return;
        case 'showDisagreements':
          await this.showDisagreements(typeof message.code === 'string' ? message.code : null);
          return;
        case 'report':
        case 'acted':
          this.answers.answer(message);
          return;
      }
    } catch (error) {
      this.deps.study.log.error(`Agreement: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    }
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
    return this.ask<void>(
      (requestId) => ({ type: 'act', requestId, action }),
      (m) => {
        if (m.type === 'acted' && m.error) throw new Error(m.error);
        return undefined;
      },
    );
  }

  private async ask<T>(message: (requestId: number) => HostMessage, read: (answer: WebviewMessage) => T | undefined): Promise<T> {
    await this.whenReady();
    return this.answers.ask((requestId) => void this.post(message(requestId)), (answer) => read(answer as WebviewMessage));
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (AgreementPanel.current === this) {
      AgreementPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', AGREEMENT_OPEN, false);
    }
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
