// The codebook tree: codes with colour swatches and counts; under a code its sub-codes, then one
// group of its own coded passages (so that passages never mix with sub-codes); a filter; drag and
// drop to move codes. Rows are computed by model.ts; this file makes TreeItems.
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { NO_CASES } from '../core/cases/cases';
import { Codebook } from '../core/codebook/codebook';
import { countCodings, NO_COUNT } from '../core/statistics/counts';
import { escapeMarkdown } from '../core/retrieval/markdown';
import type { StudyService } from '../study/study-service';
import type { Placements } from '../study/placements';
import { CodebookTreeModel, foldForSearch, SegmentIndex, type CodeRow, type RowWords } from './model';
import type { SegmentRow } from '../core/retrieval/segment-row';
import type { Swatches } from '../ui/swatches';
import { segmentItem } from '../ui/segment-item';

export type CodebookNode =
  | { readonly kind: 'code'; readonly id: string }
  /** The group of a code's own passages, after its sub-codes. */
  | { readonly kind: 'passages'; readonly codeId: string }
  | { readonly kind: 'segment'; readonly codeId: string; readonly row: SegmentRow }
  | { readonly kind: 'more'; readonly codeId: string; readonly hidden: number };

export const CODE_MIME = 'application/vnd.code.tree.gloss.codebook';

/** Segments listed under one code; the rest are a click away in the Segments view. */
export const SEGMENTS_PER_CODE = 200;

const WORDS: RowWords = {
  counts: (own) =>
    own.codings === 0
      ? ''
      : own.documents === 1
        ? vscode.l10n.t('{0} · 1 doc', own.codings)
        : vscode.l10n.t('{0} · {1} docs', own.codings, own.documents),
  total: (total) => vscode.l10n.t('Σ {0}', total.codings),
  tooltip: (code, path, own, total, hasChildren) => {
    const lines = [`**${escapeMarkdown(path)}**`, ''];
    if (code.description) lines.push(escapeMarkdown(code.description), '');
    lines.push(count.codingsInDocuments(own.codings, own.documents));
    if (hasChildren) lines.push('', vscode.l10n.t('With sub-codes: {0}', count.codingsInDocuments(total.codings, total.documents)));
    lines.push('', `\`${escapeMarkdown(code.id)}\``);
    return lines.join('\n');
  },
};

export class CodebookTreeProvider implements vscode.TreeDataProvider<CodebookNode>, vscode.TreeDragAndDropController<CodebookNode>, vscode.Disposable {
  readonly dragMimeTypes = [CODE_MIME];
  readonly dropMimeTypes = [CODE_MIME];

  private readonly changed = new vscode.EventEmitter<CodebookNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: CodebookTreeModel | undefined;
  private filterText: string | undefined;
  /** Bumped with each filter so that items get new ids and open with their matches expanded. */
  private filterGeneration = 0;
  // One row object per code (and per code's passages) for the life of the view, kept when the
  // tree is made anew after a change: a row held across a change (a reveal retried after an edit)
  // is then still the very row the tree gives.
  private readonly codeNodes = new Map<string, CodebookNode & { kind: 'code' }>();
  private readonly passagesNodes = new Map<string, CodebookNode & { kind: 'passages' }>();
  private segments: Promise<SegmentIndex> | undefined;
  private segmentsServed = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly study: StudyService,
    private readonly placements: Placements,
    private readonly swatches: Swatches,
    private readonly moveCodes: (ids: readonly string[], parentId: string | undefined) => Promise<void>,
  ) {
    this.subscriptions.push(
      this.changed,
      study.onDidChange(() => this.invalidate(true)),
      placements.onDidChange(() => {
        this.segments = undefined;
        // Only a tree that lists segments needs redrawing when placements move (typing); the
        // counts come from the stored codings and stay.
        if (this.segmentsServed) this.schedule(300, false);
      }),
    );
  }

  get filter(): string | undefined {
    return this.filterText;
  }

  setFilter(text: string | undefined): void {
    this.filterText = text?.trim() === '' ? undefined : text?.trim();
    this.filterGeneration++;
    this.model = undefined;
    this.fire();
  }

  /** The tree's model, computed when first needed after a change. */
  current(): CodebookTreeModel | undefined {
    const study = this.study.current;
    if (!study) return undefined;
    if (!this.model) {
      const counts = countCodings(study.codebook, this.study.visibleCodingsFiles);
      this.model = new CodebookTreeModel(study.codebook, counts, this.filterText, WORDS);
    }
    return this.model;
  }

  codeNode(id: string): (CodebookNode & { kind: 'code' }) | undefined {
    if (!this.study.current?.codebook.has(id)) return undefined;
    let node = this.codeNodes.get(id);
    if (!node) this.codeNodes.set(id, (node = { kind: 'code', id }));
    return node;
  }

  private passagesNode(codeId: string): CodebookNode & { kind: 'passages' } {
    let node = this.passagesNodes.get(codeId);
    if (!node) this.passagesNodes.set(codeId, (node = { kind: 'passages', codeId }));
    return node;
  }

  private invalidate(codesChanged: boolean): void {
    if (codesChanged) this.model = undefined;
    this.segments = undefined;
    this.schedule(30, codesChanged);
  }

  private recount = false;

  private schedule(ms: number, recount: boolean): void {
    clearTimeout(this.refreshTimer);
    this.recount ||= recount;
    this.refreshTimer = setTimeout(() => {
      if (this.recount) this.model = undefined;
      this.recount = false;
      this.fire();
    }, ms);
  }

  /** Redraws now (after the extension changed the study itself). */
  refresh(): void {
    clearTimeout(this.refreshTimer);
    this.model = undefined;
    this.segments = undefined;
    this.fire();
  }

  private segmentIndex(): Promise<SegmentIndex> {
    if (!this.segments) {
      const pending = this.placements.all().then((documents) => {
        const study = this.study.current;
        return study ? new SegmentIndex(study.codebook, study.cases, documents) : new SegmentIndex(Codebook.empty, NO_CASES, []);
      });
      this.segments = pending;
      pending.catch(() => {
        if (this.segments === pending) this.segments = undefined;
      });
    }
    return this.segments;
  }

  /** Settles when the workbench has fetched the tree again after the last change (or after 1 s). */
  private render: { promise: Promise<void>; resolve: () => void } | undefined;

  private fire(): void {
    if (!this.render) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.render = { promise, resolve };
      const timer = setTimeout(() => this.rendered(), 1000);
      void promise.then(() => clearTimeout(timer));
    }
    this.changed.fire(undefined);
  }

  private rendered(): void {
    this.render?.resolve();
    this.render = undefined;
  }

  /** Waits until the view shows the last change: a reveal before that would select an old item. */
  settled(): Promise<void> {
    return this.render?.promise ?? Promise.resolve();
  }

  getChildren(node?: CodebookNode): Promise<CodebookNode[]> {
    if (!node) this.rendered();
    return this.children(node);
  }

  private async children(node?: CodebookNode): Promise<CodebookNode[]> {
    const model = this.current();
    if (!model) return [];
    if (!node) return this.nodesOfRows(model.roots());
    if (node.kind === 'code') {
      const codes: CodebookNode[] = this.nodesOfRows(model.children(node.id));
      return model.row(node.id)?.hasSegments ? [...codes, this.passagesNode(node.id)] : codes;
    }
    if (node.kind !== 'passages') return [];
    this.segmentsServed = true;
    const index = await this.segmentIndex();
    const rows = index.rows(node.codeId, SEGMENTS_PER_CODE);
    const segments: CodebookNode[] = rows.map((r) => ({ kind: 'segment', codeId: node.codeId, row: r }));
    const hidden = index.count(node.codeId) - rows.length;
    if (hidden > 0) segments.push({ kind: 'more', codeId: node.codeId, hidden });
    return segments;
  }

  /**
   * The nodes of the model's rows whose codes are in the study's codebook now. Between a reload of
   * codebook.yaml and the change event that rebuilds the model, a row may name a code that is gone:
   * it is left out (the event refreshes the tree right after), never returned as an empty node.
   */
  private nodesOfRows(rows: readonly { readonly code: { readonly id: string } }[]): CodebookNode[] {
    return rows.flatMap((row) => this.codeNode(row.code.id) ?? []);
  }

  getParent(node: CodebookNode): CodebookNode | undefined {
    const codebook = this.study.current?.codebook;
    if (!codebook) return undefined;
    if (node.kind === 'passages') return this.codeNode(node.codeId);
    if (node.kind !== 'code') return this.passagesNode(node.codeId);
    const parentId = codebook.get(node.id)?.parentId;
    return parentId === undefined ? undefined : this.codeNode(parentId);
  }

  getTreeItem(node: CodebookNode): vscode.TreeItem {
    switch (node.kind) {
      case 'code':
        return this.codeItem(node.id);
      case 'passages':
        return this.passagesItem(node.codeId);
      case 'segment':
        return segmentItem(node.row);
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('{0} more segments…', node.hidden));
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = { command: 'gloss.retrieveSegments', title: vscode.l10n.t('Retrieve Segments'), arguments: [{ codeIds: [node.codeId], includeSubcodes: false }] };
        return item;
      }
    }
  }

  private codeItem(id: string): vscode.TreeItem {
    const model = this.current();
    const row = model?.row(id);
    if (!model || !row) return new vscode.TreeItem(id);
    const item = new vscode.TreeItem(labelWithHighlights(row, this.filterText));
    item.id = model.filtered ? `filter${this.filterGeneration}/${id}` : `code/${id}`;
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = this.swatches.icon(row.code.colour);
    item.contextValue = 'code';
    const expandable = row.hasChildren || row.hasSegments;
    item.collapsibleState = !expandable
      ? vscode.TreeItemCollapsibleState.None
      : model.filtered && row.hasChildren
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    return item;
  }

  /**
   * The group row of a code's own passages. It opens by itself under a code without sub-codes (one
   * click shows the passages), and stays closed under a code with sub-codes (they come first).
   */
  private passagesItem(codeId: string): vscode.TreeItem {
    const model = this.current();
    const row = model?.row(codeId);
    const own = model?.counts.own.get(codeId) ?? NO_COUNT;
    const item = new vscode.TreeItem(count.passages(own.codings), row?.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${model?.filtered ? `filter${this.filterGeneration}/` : ''}passages/${codeId}`;
    item.tooltip = vscode.l10n.t('Passages coded “{0}” itself; each sub-code lists its own.', row?.label ?? codeId);
    item.iconPath = new vscode.ThemeIcon('quote');
    item.contextValue = 'passages';
    return item;
  }

  handleDrag(source: readonly CodebookNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = source.filter((n) => n.kind === 'code').map((n) => (n as { id: string }).id);
    if (ids.length > 0) dataTransfer.set(CODE_MIME, new vscode.DataTransferItem(ids));
  }

  async handleDrop(target: CodebookNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    const item = dataTransfer.get(CODE_MIME);
    if (!item) return;
    const value: unknown = typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
    const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    if (ids.length === 0) return;
    const parentId = target === undefined ? undefined : target.kind === 'code' ? target.id : target.codeId;
    await this.moveCodes(ids, parentId);
  }

  /** What the tree shows, as plain data, for the integration tests. */
  async snapshot(options: { segments?: boolean } = {}): Promise<TreeSnapshot[]> {
    const walk = async (node: CodebookNode | undefined): Promise<TreeSnapshot[]> => {
      const result: TreeSnapshot[] = [];
      for (const child of await this.children(node)) {
        if (child.kind !== 'code' && !options.segments) continue;
        const item = this.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        result.push({
          kind: child.kind,
          id: child.kind === 'code' ? child.id : child.kind === 'segment' ? child.row.segment.codingId : `${child.kind}/${child.codeId}`,
          label,
          description: typeof item.description === 'string' ? item.description : '',
          tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
          icon: item.iconPath instanceof vscode.Uri ? item.iconPath.path.split('/').pop() : item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
          collapsible: item.collapsibleState ?? vscode.TreeItemCollapsibleState.None,
          ...(child.kind === 'segment' ? { segment: { documentPath: child.row.segment.documentPath, line: child.row.segment.line, start: child.row.segment.start, end: child.row.segment.end } } : {}),
          children: child.kind === 'code' || child.kind === 'passages' ? await walk(child) : [],
        });
      }
      return result;
    };
    return walk(undefined);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const s of this.subscriptions) s.dispose();
  }
}

export interface TreeSnapshot {
  readonly kind: CodebookNode['kind'];
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: string | undefined;
  readonly collapsible: vscode.TreeItemCollapsibleState;
  readonly segment?: { documentPath: string; line: number | undefined; start: number; end: number };
  readonly children: TreeSnapshot[];
}

function labelWithHighlights(row: CodeRow, filter: string | undefined): vscode.TreeItemLabel | string {
  if (!filter || !row.matched) return row.label;
  const name = foldForSearch(row.label);
  const query = foldForSearch(filter);
  if (name.length !== row.label.length) return row.label;
  const highlights: [number, number][] = [];
  for (let at = name.indexOf(query); at !== -1 && query.length > 0; at = name.indexOf(query, at + query.length)) {
    highlights.push([at, at + query.length]);
  }
  return { label: row.label, highlights };
}
