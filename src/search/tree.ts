// The Search Results view: documents, each with its hits in context; a click opens the hit at its
// place with the hit selected.
import * as vscode from 'vscode';
import type { SearchHit } from '../core/search/study-search';
import type { SearchService } from './service';

export const OPEN_HIT_COMMAND = 'gloss.search.openHit';

type Node = { readonly kind: 'document'; readonly path: string; readonly hits: readonly SearchHit[] } | { readonly kind: 'hit'; readonly hit: SearchHit };

/** Characters of context shown before a hit in its row. */
const BEFORE = 30;

export class SearchResultsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly search: SearchService) {
    search.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const byDocument = new Map<string, SearchHit[]>();
      for (const hit of this.search.lastHits) byDocument.set(hit.path, [...(byDocument.get(hit.path) ?? []), hit]);
      return [...byDocument].map(([path, hits]) => ({ kind: 'document', path, hits }));
    }
    return node.kind === 'document' ? node.hits.map((hit) => ({ kind: 'hit', hit })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'document') {
      const item = new vscode.TreeItem(node.path.slice(node.path.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.path} · ${node.hits.length}`;
      item.resourceUri = this.search.study.uriOf(node.path);
      item.iconPath = vscode.ThemeIcon.File;
      item.contextValue = 'gloss.searchDocument';
      return item;
    }
    const { hit } = node;
    const before = hit.before.replace(/\s+/g, ' ');
    const shown = before.length > BEFORE ? `…${before.slice(before.length - BEFORE)}` : before;
    const match = hit.text.replace(/\s+/g, ' ');
    const label = `${shown}${match}${hit.after.replace(/\s+/g, ' ')}`;
    const item = new vscode.TreeItem({ label, highlights: [[shown.length, shown.length + match.length]] }, vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('line {0}', hit.line);
    item.tooltip = `${hit.path}:${hit.line}\n${hit.before}[${hit.text}]${hit.after}`;
    item.command = { command: OPEN_HIT_COMMAND, title: vscode.l10n.t('Open at the Hit'), arguments: [{ path: hit.path, start: hit.start, end: hit.end }] };
    item.contextValue = 'gloss.searchHit';
    return item;
  }
}
