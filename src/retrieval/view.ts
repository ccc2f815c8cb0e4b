// The Segments view: the result of a retrieval (the segments of some codes, narrowed by
// document, case, attribute and coder), grouped by code, with the query shown in the view's
// description and message. Recomputed when the study or an open transcript changes.
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { retrieveSegments, isFiltered, type Segment, type SegmentQuery } from '../core/retrieval/segments';
import type { StudyService } from '../study/study-service';
import type { Placements } from '../study/placements';
import { segmentRow } from '../core/retrieval/segment-row';
import { segmentItem } from '../ui/segment-item';
import type { Swatches } from '../ui/swatches';

export type SegmentsNode =
  | { readonly kind: 'group'; readonly codeId: string; readonly label: string; readonly segments: readonly Segment[] }
  | { readonly kind: 'segment'; readonly codeId: string; readonly row: { readonly segment: Segment; readonly label: string; readonly description: string } };

/**
 * Segments another feature computes (a saved query's results), shown as retrieval shows its own:
 * `command` (with `args`) returns the segments and is run again whenever the study changes.
 */
export interface GivenSegments {
  readonly title: string;
  readonly criteria: readonly string[];
  readonly command: string;
  readonly args: readonly unknown[];
}

/** The given segments a command argument describes (criteria and args may be left out); undefined when it describes none. */
export function asGivenSegments(value: unknown): GivenSegments | undefined {
  const v = value as Partial<GivenSegments> | undefined;
  if (typeof v?.title !== 'string' || typeof v.command !== 'string') return undefined;
  const criteria = Array.isArray(v.criteria) ? v.criteria.filter((c): c is string => typeof c === 'string') : [];
  return { title: v.title, criteria, command: v.command, args: Array.isArray(v.args) ? v.args : [] };
}

export class SegmentsProvider implements vscode.TreeDataProvider<SegmentsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SegmentsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly resultsChanged = new vscode.EventEmitter<void>();
  /** Fires when the segments (or the query) changed. */
  readonly onDidChangeResults = this.resultsChanged.event;
  private queryState: SegmentQuery | undefined;
  private givenState: GivenSegments | undefined;
  private results: Promise<Segment[]> | undefined;
  private groups: SegmentsNode[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly study: StudyService,
    private readonly placements: Placements,
    private readonly swatches: Swatches,
  ) {
    this.subscriptions = [
      this.changed,
      this.resultsChanged,
      placements.onDidChange(() => this.invalidate(300)),
      study.onDidChange(() => this.invalidate(50)),
    ];
  }

  get query(): SegmentQuery | undefined {
    return this.queryState;
  }

  set query(query: SegmentQuery | undefined) {
    this.queryState = query;
    this.givenState = undefined;
    this.invalidate(0);
  }

  get given(): GivenSegments | undefined {
    return this.givenState;
  }

  set given(given: GivenSegments | undefined) {
    this.givenState = given;
    this.queryState = undefined;
    this.invalidate(0);
  }

  /** Whether the view shows anything: a retrieval or given segments. */
  get showing(): boolean {
    return this.queryState !== undefined || this.givenState !== undefined;
  }

  private invalidate(ms: number): void {
    if (!this.showing) return;
    clearTimeout(this.timer);
    const fire = () => {
      this.results = undefined;
      this.groups = undefined;
      this.changed.fire(undefined);
      this.resultsChanged.fire();
    };
    if (ms === 0) fire();
    else this.timer = setTimeout(fire, ms);
  }

  /** The segments of the current query, in retrieval order. */
  segments(): Promise<Segment[]> {
    const study = this.study.current;
    const query = this.queryState;
    const given = this.givenState;
    if (!study || (!query && !given)) return Promise.resolve([]);
    if (!this.results) {
      const pending = given
        ? Promise.resolve(vscode.commands.executeCommand<Segment[] | undefined>(given.command, ...given.args)).then((segments) => segments ?? [])
        : this.placements.all().then((documents) => retrieveSegments(study.codebook, study.cases, documents, query!));
      this.results = pending;
      pending.catch(() => {
        if (this.results === pending) this.results = undefined;
      });
    }
    return this.results;
  }

  async getChildren(node?: SegmentsNode): Promise<SegmentsNode[]> {
    if (node?.kind === 'group') {
      return node.segments.map((segment) => ({
        kind: 'segment',
        codeId: segment.codeId,
        row: segmentRow(segment),
      }));
    }
    if (node) return [];
    if (!this.groups) {
      const groups: SegmentsNode[] = [];
      for (const segment of await this.segments()) {
        const last = groups[groups.length - 1] as (SegmentsNode & { kind: 'group' }) | undefined;
        if (last && last.codeId === segment.codeId) (last.segments as Segment[]).push(segment);
        else groups.push({ kind: 'group', codeId: segment.codeId, label: segment.codePath, segments: [segment] });
      }
      this.groups = groups;
    }
    return this.groups;
  }

  getTreeItem(node: SegmentsNode): vscode.TreeItem {
    if (node.kind === 'segment') return segmentItem(node.row);
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    const documents = new Set(node.segments.map((s) => s.documentPath)).size;
    item.description = vscode.l10n.t('{0} in {1}', count.segments(node.segments.length), count.documents(documents));
    item.iconPath = this.swatches.icon(this.study.current?.codebook.get(node.codeId)?.colour);
    item.contextValue = 'segmentGroup';
    item.id = `group/${node.codeId}`;
    return item;
  }

  /** One line saying what the view holds: used as the view's message. */
  async summary(): Promise<string> {
    const segments = await this.segments();
    const documents = new Set(segments.map((s) => s.documentPath)).size;
    return vscode.l10n.t('{0} in {1}', count.segments(segments.length), count.documents(documents));
  }

  /** What was asked for, in words: the view's description and the report's criteria. */
  criteria(): string[] {
    if (this.givenState) return [this.givenState.title, ...this.givenState.criteria];
    const study = this.study.current;
    const query = this.queryState;
    if (!study || !query) return [];
    const codebook = study.codebook;
    const codes = query.codeIds.length === 0 ? vscode.l10n.t('all codes') : query.codeIds.map((id) => (codebook.has(id) ? codebook.pathLabel(id) : id)).join(', ');
    const lines = [query.includeSubcodes ? vscode.l10n.t('Codes: {0}, with sub-codes', codes) : vscode.l10n.t('Codes: {0}', codes)];
    if (query.cases?.length) {
      const names = query.cases.map((id) => study.cases.cases.find((c) => c.id === id)?.name ?? id);
      lines.push(vscode.l10n.t('Cases: {0}', names.join(', ')));
    }
    if (query.documents?.length) lines.push(vscode.l10n.t('Documents: {0}', query.documents.join(', ')));
    for (const [name, values] of Object.entries(query.attributes ?? {})) if (values.length > 0) lines.push(`${name}: ${values.join(', ')}`);
    if (query.coders?.length) lines.push(vscode.l10n.t('Coders: {0}', query.coders.join(', ')));
    return lines;
  }

  /** Short form for the view's description: the codes, and how many filters apply. */
  shortDescription(): string | undefined {
    if (this.givenState) return this.givenState.title;
    const study = this.study.current;
    const query = this.queryState;
    if (!study || !query) return undefined;
    const names = query.codeIds.length === 0 ? [vscode.l10n.t('all codes')] : query.codeIds.map((id) => study.codebook.get(id)?.name ?? id);
    const codes = names.length > 2 ? vscode.l10n.t('{0} and {1} more', names.slice(0, 2).join(', '), names.length - 2) : names.join(', ');
    const filters =
      (query.cases?.length ? 1 : 0) +
      (query.documents?.length ? 1 : 0) +
      (query.coders?.length ? 1 : 0) +
      Object.values(query.attributes ?? {}).filter((v) => v.length > 0).length;
    const parts = [query.includeSubcodes && query.codeIds.length > 0 ? vscode.l10n.t('{0} + sub-codes', codes) : codes];
    if (isFiltered(query)) parts.push(count.filters(filters));
    return parts.join(' · ');
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
