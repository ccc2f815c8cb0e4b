// The search webview panel (one per window): the concordance of the last search, word frequencies
// or the comparison of two groups. The webview only shows what it is sent and reports clicks;
// sorting, opening and exports happen here.
import * as vscode from 'vscode';
import { SEARCH_VIEW_TYPE, type HostMessage, type PanelContent, type SearchWebviewReport, type WebviewMessage } from '../shared/search-protocol';
import { createWebviewPanel, WebviewPanelBase } from '../ui/webview-panel';
import type { WebviewHost } from '../util/webview-page';
import { searchStrings } from './strings';

export interface PanelHandlers {
  readonly open: (index: number) => Promise<void>;
  readonly sort: (sort: Extract<WebviewMessage, { type: 'sort' }>) => Promise<void>;
  readonly exportCsv: () => Promise<void>;
  readonly word: (word: string) => Promise<void>;
}

export class SearchPanel extends WebviewPanelBase<HostMessage, WebviewMessage> {
  static current: SearchPanel | undefined;

  private content: PanelContent | undefined;

  private constructor(
    panel: vscode.WebviewPanel,
    host: WebviewHost,
    private readonly handlers: PanelHandlers,
  ) {
    super(panel, host, 'search', 'The search webview');
  }

  /** Shows content in the panel, creating the panel when needed. */
  static show(host: WebviewHost, handlers: PanelHandlers, content: PanelContent): SearchPanel {
    let current = SearchPanel.current;
    if (!current) {
      const panel = createWebviewPanel(host, SEARCH_VIEW_TYPE, content.title, { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: false });
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

  protected initialMessage(): HostMessage | undefined {
    return this.content && { type: 'show', content: this.content, strings: searchStrings() };
  }

  protected async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
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
    }
  }

  /** Test support: what the webview shows, read from its DOM. */
  query(): Promise<SearchWebviewReport> {
    return this.ask((requestId) => ({ type: 'query', requestId }), (m) => (m.type === 'report' ? m.report : undefined));
  }

  override dispose(): void {
    if (SearchPanel.current === this) SearchPanel.current = undefined;
    super.dispose();
  }
}
