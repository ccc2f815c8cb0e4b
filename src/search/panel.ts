// The search webview panel (one per window): the concordance of the last search, word frequencies
// or the comparison of two groups. The webview only shows what it is sent and reports clicks;
// sorting, opening and exports happen here.
import * as vscode from 'vscode';
import { SEARCH_VIEW_TYPE, type HostMessage, type PanelContent, type SearchWebviewReport, type WebviewMessage } from '../shared/search-protocol';
import { webviewOptions, webviewPage, type WebviewHost } from '../util/webview-page';
import { searchStrings } from './strings';

export interface PanelHandlers {
  readonly open: (index: number) => Promise<void>;
  readonly sort: (sort: Extract<WebviewMessage, { type: 'sort' }>) => Promise<void>;
  readonly exportCsv: () => Promise<void>;
  readonly word: (word: string) => Promise<void>;
}

const ANSWER_TIMEOUT_MS = 10_000;

export class SearchPanel implements vscode.Disposable {
  static current: SearchPanel | undefined;

  private content: PanelContent | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private nextRequestId = 1;
  private readonly waiting = new Map<number, (report: SearchWebviewReport) => void>();
  private readonly readyWaiters: Array<() => void> = [];

  private constructor(
    readonly panel: vscode.WebviewPanel,
    host: WebviewHost,
    private readonly handlers: PanelHandlers,
  ) {
    panel.webview.options = webviewOptions(host);
    panel.webview.html = webviewPage(panel.webview, host, 'search', panel.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A hidden webview is discarded (no retainContextWhenHidden): it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** Shows content in the panel, creating the panel when needed. */
  static show(host: WebviewHost, handlers: PanelHandlers, content: PanelContent): SearchPanel {
    let current = SearchPanel.current;
    if (!current) {
      const panel = vscode.window.createWebviewPanel(SEARCH_VIEW_TYPE, content.title, { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: false }, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'media')],
      });
      current = new SearchPanel(panel, host, handlers);
      SearchPanel.current = current;
    } else current.panel.reveal(undefined, false);
    current.setContent(content);
    return current;
  }

  get shown(): PanelContent | undefined {
    return this.content;
  }

  setContent(content: PanelContent): void {
    this.content = content;
    this.panel.title = content.title;
    if (this.ready) void this.post({ type: 'show', content, strings: searchStrings() });
  }

  private async receive(message: WebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          if (this.content) await this.post({ type: 'show', content: this.content, strings: searchStrings() });
          for (const resolve of this.readyWaiters.splice(0)) resolve();
          return;
        case 'open':
          await this.handlers.open(message.index);
          return;
        case 'sort':
          await this.handlers.sort(message);
          return;
        case 'exportCsv':
          await this.handlers.exportCsv();
          return;
        case 'word':
          await this.handlers.word(message.word);
          return;
        case 'report':
          this.waiting.get(message.requestId)?.(message.report);
          this.waiting.delete(message.requestId);
          return;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    }
  }

  /** Test support: what the webview shows, read from its DOM. */
  async query(): Promise<SearchWebviewReport> {
    if (!this.ready) await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error('The search webview did not answer.'));
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(requestId, (report) => {
        clearTimeout(timer);
        resolve(report);
      });
      void this.post({ type: 'query', requestId });
    });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (SearchPanel.current === this) SearchPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
