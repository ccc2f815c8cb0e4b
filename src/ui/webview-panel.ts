// What every webview panel of the extension shares: its page (src/util/webview-page.ts), the
// webview's `ready` handshake (a hidden webview is discarded and says `ready` again when shown),
// the tests' numbered requests answered through WebviewAnswers, errors shown, and disposal.
import * as vscode from 'vscode';
import { webviewOptions, webviewPage, type WebviewHost } from '../util/webview-page';
import { WebviewAnswers } from './webview-answers';

/** Messages every webview may send: `ready`, and its answers to the tests' `query` and `act`. */
type BaseWebviewMessage = { readonly type: string; readonly requestId?: number; readonly error?: string };

/** A new panel in the editor area with the options every webview of the extension uses, and `options`. */
export function createWebviewPanel(
  host: WebviewHost,
  viewType: string,
  title: string,
  column: vscode.ViewColumn | { viewColumn: vscode.ViewColumn; preserveFocus?: boolean } = vscode.ViewColumn.Active,
  options: vscode.WebviewPanelOptions = {},
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, column, { ...webviewOptions(host), ...options });
}

/** `mediaFolder`: the page plays audio and video from it; `title`: the page's, when not the panel's. */
export interface PageOptions {
  readonly mediaFolder?: vscode.Uri;
  readonly title?: string;
}

export abstract class WebviewPanelBase<HostMessage, WebviewMessage extends BaseWebviewMessage> implements vscode.Disposable {
  private isReady = false;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly answers: WebviewAnswers<WebviewMessage & { requestId: number }>;
  protected readonly disposables: vscode.Disposable[] = [];

  /** `page`: the webview's name in media/ (see webviewPage); `who`: how errors name it. */
  protected constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: WebviewHost,
    private readonly page: string,
    who: string,
    pageOptions: PageOptions = {},
  ) {
    this.answers = new WebviewAnswers(who);
    this.showPage(pageOptions);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.dispatch(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // Unless retained, a hidden webview is discarded and says `ready` again when shown.
        if (!panel.visible && !panel.options.retainContextWhenHidden) this.isReady = false;
      }),
    );
  }

  /** Sets the page (again, for another media folder): requests wait until it says `ready`. */
  protected showPage({ mediaFolder, title = this.panel.title }: PageOptions): void {
    this.isReady = false;
    this.panel.webview.options = webviewOptions(this.host, mediaFolder);
    this.panel.webview.html = webviewPage(this.panel.webview, this.host, this.page, title, { media: mediaFolder !== undefined });
  }

  /** The webview has said `ready` and was sent what it shows first. */
  protected get ready(): boolean {
    return this.isReady;
  }

  whenReady(): Promise<void> {
    return this.isReady ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** What the webview is sent first when it says `ready` (its strings and content), if anything. */
  protected abstract initialMessage(ready: WebviewMessage): Promise<HostMessage | undefined> | HostMessage | undefined;

  /** Sent after the first message, before those waiting for `ready` go on (the comparison's data). */
  protected async afterReady(): Promise<void> {}

  /** Every other message of the webview. */
  protected abstract receive(message: WebviewMessage): Promise<void>;

  /** Shown to the researcher; the panel's own log may be told too. */
  protected reportError(error: unknown): void {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }

  protected post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** A numbered request (the tests' `query` and `act`), once the webview is ready; `read` makes the answer. */
  protected async ask<T>(message: (requestId: number) => HostMessage, read: (answer: WebviewMessage) => T | undefined): Promise<T> {
    await this.whenReady();
    return this.answers.ask((requestId) => void this.post(message(requestId)), read);
  }

  /** Test support: acts in the webview as a person would; the webview's error rejects. */
  protected askToAct(message: (requestId: number) => HostMessage): Promise<void> {
    return this.ask<void>(message, (answer) => {
      if (answer.type === 'acted' && answer.error) throw new Error(answer.error);
      return undefined;
    });
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    try {
      if (message.type === 'ready') {
        const first = await this.initialMessage(message);
        this.isReady = true;
        if (first !== undefined) await this.post(first);
        await this.afterReady();
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      } else if ((message.type === 'report' || message.type === 'acted') && typeof message.requestId === 'number') {
        this.answers.answer(message as WebviewMessage & { requestId: number });
      } else {
        await this.receive(message);
      }
    } catch (error) {
      this.reportError(error);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
