// The Queries view: the study's saved queries, each with what it asks in words; a file that fails
// to parse is listed with its file, line and reason (and left untouched).
import * as vscode from 'vscode';
import { problemText } from '../core/model';
import { describeQuery } from '../core/queries/evaluate';
import { readQueryFiles, type QueryFile } from '../core/queries/files';
import type { StudyService } from '../study/study-service';

export interface QueryNode {
  readonly kind: 'query';
  readonly file: QueryFile;
}

export class QueriesProvider implements vscode.TreeDataProvider<QueryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<QueryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: Promise<QueryNode[]> | undefined;

  constructor(private readonly study: StudyService) {}

  refresh(): void {
    this.nodes = undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: QueryNode): Promise<QueryNode[]> {
    if (node) return Promise.resolve([]);
    const root = this.study.current?.root;
    if (!root) return Promise.resolve([]);
    this.nodes ??= readQueryFiles(root).then(({ files }) => files.map((file) => ({ kind: 'query' as const, file })));
    return this.nodes;
  }

  getTreeItem(node: QueryNode): vscode.TreeItem {
    const { file } = node;
    const item = new vscode.TreeItem(file.name, vscode.TreeItemCollapsibleState.None);
    item.id = file.path;
    const codebook = this.study.current?.codebook;
    if (file.query && codebook) {
      item.description = describeQuery(codebook, file.query);
      item.tooltip = new vscode.MarkdownString().appendText(`${file.path}\n${item.description}${file.query.description ? `\n${file.query.description}` : ''}`);
      item.iconPath = new vscode.ThemeIcon('filter');
      item.contextValue = 'query';
      item.command = { command: 'gloss.queries.run', title: vscode.l10n.t('Run Query'), arguments: [node] };
    } else {
      const problems = file.problems.map(problemText).join('\n');
      item.description = vscode.l10n.t('cannot be read');
      item.tooltip = problems;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      item.contextValue = 'queryBroken';
      item.command = { command: 'gloss.queries.edit', title: vscode.l10n.t('Edit Query'), arguments: [node] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
