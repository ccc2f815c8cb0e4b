// The Documents view: transcripts grouped by case, each with its attributes, how much of it is
// coded, and warnings (codes missing from the codebook, orphaned codings, codings files with
// lines that failed to parse, a transcript file that is missing).
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { caseOfDocument, documentAttributes } from '../core/cases/cases';
import { escapeMarkdown } from '../core/retrieval/markdown';
import { documentProgress, type DocumentProgress } from '../core/statistics/counts';
import type { Case } from '../core/model';
import type { StudyService } from '../study/study-service';
import type { Placements } from '../study/placements';

export type DocumentsNode =
  | { readonly kind: 'case'; readonly id: string | undefined; readonly name: string; readonly documents: readonly string[] }
  | { readonly kind: 'document'; readonly path: string }
  | { readonly kind: 'warning'; readonly path: string; readonly text: string; readonly severity: 'error' | 'warning'; readonly file?: string; readonly line?: number };

interface DocumentState {
  readonly progress: DocumentProgress | undefined;
  readonly warnings: Array<DocumentsNode & { kind: 'warning' }>;
  readonly coders: ReadonlyMap<string, number>;
}

export class DocumentsProvider implements vscode.TreeDataProvider<DocumentsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DocumentsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private states = new Map<string, Promise<DocumentState>>();
  private paths: Promise<string[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly study: StudyService,
    private readonly placements: Placements,
  ) {
    this.subscriptions = [
      this.changed,
      study.onDidChange(() => this.refresh(50, true)),
      placements.onDidChange((documentPath) => {
        if (documentPath === undefined) this.states.clear();
        else this.states.delete(documentPath);
        this.refresh(500, false);
      }),
      vscode.workspace.onDidCreateFiles(() => this.refresh(200, true)),
      vscode.workspace.onDidDeleteFiles(() => this.refresh(200, true)),
    ];
  }

  refresh(ms: number, all: boolean): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (all) {
        this.paths = undefined;
        this.states.clear();
      }
      this.changed.fire(undefined);
    }, ms);
  }

  /** Documents named in cases.yaml or coded, plus transcript files found in the study folder. */
  private documentPaths(): Promise<string[]> {
    const study = this.study.current;
    if (!study) return Promise.resolve([]);
    if (!this.paths) {
      const patterns = vscode.workspace.getConfiguration('gloss', vscode.Uri.file(study.root)).get<string[]>('transcriptFiles', ['transcripts/**/*.txt', '**/*.transcript']);
      this.paths = Promise.all(
        patterns.map((pattern) => vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(study.root), pattern), '**/node_modules/**', 5000)),
      ).then((found) => {
        const all = new Set(study.documentPaths);
        for (const uri of found.flat()) {
          const relative = this.study.relativePathOf(uri);
          if (relative && !relative.startsWith('codings/') && !relative.startsWith('memos/')) all.add(relative);
        }
        return [...all].sort();
      });
    }
    return this.paths;
  }

  private state(documentPath: string): Promise<DocumentState> {
    let state = this.states.get(documentPath);
    if (!state) {
      state = this.computeState(documentPath);
      this.states.set(documentPath, state);
    }
    return state;
  }

  private async computeState(documentPath: string): Promise<DocumentState> {
    const study = this.study.current;
    const warnings: Array<DocumentsNode & { kind: 'warning' }> = [];
    if (!study) return { progress: undefined, warnings, coders: new Map() };
    const placed = await this.placements.get(documentPath);
    const progress = placed ? documentProgress(study.codebook, placed) : undefined;
    const coders = new Map<string, number>();
    for (const coding of this.study.visibleCodingsOf(documentPath)) coders.set(coding.coder, (coders.get(coding.coder) ?? 0) + 1);
    if (!placed) warnings.push({ kind: 'warning', path: documentPath, severity: 'error', text: vscode.l10n.t('The transcript file is missing') });
    if (progress && progress.orphans > 0) {
      warnings.push({ kind: 'warning', path: documentPath, severity: 'warning', text: vscode.l10n.t('{0} not found in the current text (orphans)', count.codings(progress.orphans)) });
    }
    for (const code of progress?.unknownCodes ?? []) {
      warnings.push({ kind: 'warning', path: documentPath, severity: 'warning', text: vscode.l10n.t('Code “{0}” is not in the codebook (deleted, or not merged here yet); its codings are kept', code) });
    }
    for (const file of study.codingsFilesOf(documentPath)) {
      for (const problem of study.problemsOf(file.path)) {
        warnings.push({ kind: 'warning', path: documentPath, severity: problem.severity, text: `${path.posix.basename(file.path)}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`, file: file.path, line: problem.line });
      }
    }
    return { progress, warnings, coders };
  }

  async getChildren(node?: DocumentsNode): Promise<DocumentsNode[]> {
    const study = this.study.current;
    if (!study) return [];
    if (!node) {
      const paths = await this.documentPaths();
      if (paths.length === 0) return [];
      const groups: DocumentsNode[] = study.cases.cases.map((c) => ({ kind: 'case', id: c.id, name: c.name, documents: c.documents.map((d) => d.path) }));
      const loose = paths.filter((p) => !caseOfDocument(study.cases, p));
      if (loose.length > 0) groups.push({ kind: 'case', id: undefined, name: vscode.l10n.t('Not in a case'), documents: loose });
      return groups;
    }
    if (node.kind === 'case') return node.documents.map((p) => ({ kind: 'document', path: p }));
    if (node.kind === 'document') return (await this.state(node.path)).warnings;
    return [];
  }

  async getTreeItem(node: DocumentsNode): Promise<vscode.TreeItem> {
    const study = this.study.current;
    if (node.kind === 'case') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `case/${node.id ?? ''}`;
      item.description = count.documents(node.documents.length);
      item.iconPath = new vscode.ThemeIcon(node.id === undefined ? 'question' : 'folder-library');
      item.contextValue = node.id === undefined ? 'looseDocuments' : 'case';
      const theCase = study?.cases.cases.find((c) => c.id === node.id);
      if (theCase) item.tooltip = new vscode.MarkdownString(caseTooltip(theCase));
      return item;
    }
    if (node.kind === 'warning') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : 'warning', new vscode.ThemeColor(node.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
      item.contextValue = 'documentWarning';
      const target = node.file ? this.study.uriOf(node.file) : this.study.uriOf(node.path);
      if (target) {
        const line = Math.max(0, (node.line ?? 1) - 1);
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [target, { selection: new vscode.Range(line, 0, line, 0) }] };
      }
      return item;
    }
    const state = await this.state(node.path);
    const { progress, warnings, coders } = state;
    const item = new vscode.TreeItem(path.posix.basename(node.path), warnings.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `document/${node.path}`;
    const uri = this.study.uriOf(node.path);
    item.resourceUri = uri;
    const parts: string[] = [];
    if (progress) parts.push(vscode.l10n.t('{0}% coded', Math.round(progress.coverage * 100)), count.codings(progress.codings));
    if (warnings.length > 0) parts.push(count.warnings(warnings.length));
    item.description = parts.join(' · ');
    if (warnings.length > 0) {
      const error = warnings.some((w) => w.severity === 'error');
      item.iconPath = new vscode.ThemeIcon(error ? 'error' : 'warning', new vscode.ThemeColor(error ? 'list.errorForeground' : 'list.warningForeground'));
    } else item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'document';
    const attributes = study ? documentAttributes(study.cases, node.path) : {};
    const lines = [`**${escapeMarkdown(node.path)}**`, ''];
    if (progress) {
      lines.push(vscode.l10n.t('{0}% of the text coded ({1} of {2})', Math.round(progress.coverage * 100), progress.codedLength, count.characters(progress.length)), '');
    }
    if (coders.size > 0) lines.push([...coders].map(([coder, n]) => `${escapeMarkdown(coder)}: ${n}`).join(' · '), '');
    lines.push(...attributeTable(attributes));
    for (const w of warnings) lines.push('', `$(${w.severity === 'error' ? 'error' : 'warning'}) ${escapeMarkdown(w.text)}`);
    const tooltip = new vscode.MarkdownString(lines.join('\n'));
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    if (uri) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
    return item;
  }

  /** What the view shows, as plain data, for the integration tests. */
  async snapshot(): Promise<unknown[]> {
    const walk = async (node: DocumentsNode | undefined): Promise<unknown[]> => {
      const result: unknown[] = [];
      for (const child of await this.getChildren(node)) {
        const item = await this.getTreeItem(child);
        result.push({
          kind: child.kind,
          label: typeof item.label === 'string' ? item.label : item.label?.label,
          description: item.description,
          tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip,
          icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
          ...(child.kind === 'document' ? { path: child.path } : {}),
          children: await walk(child),
        });
      }
      return result;
    };
    return walk(undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

function attributeTable(attributes: Readonly<Record<string, unknown>>): string[] {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return [];
  return [
    `| ${vscode.l10n.t('Attribute')} | ${vscode.l10n.t('Value')} |`,
    '| --- | --- |',
    ...entries.map(([name, value]) => `| ${cell(name)} | ${cell(String(value))} |`),
  ];
}

function caseTooltip(theCase: Case): string {
  return [`**${escapeMarkdown(theCase.name)}** (\`${escapeMarkdown(theCase.id)}\`)`, '', ...attributeTable(theCase.attributes)].join('\n');
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|');
}
