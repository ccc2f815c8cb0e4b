// What the codebook tree shows, computed without VS Code (so the benchmark and unit tests run it
// in plain Node): rows for codes with their counts and tooltips, the filter (matches plus their
// ancestors), and the segments under each code. The tree provider turns rows into TreeItems.
import type { Cases } from '../core/cases/cases';
import type { Codebook } from '../core/codebook/codebook';
import type { Code } from '../core/model';
import { segmentFromPlaced } from '../core/retrieval/segments';
import { segmentRow, type SegmentRow } from '../core/retrieval/segment-row';
import { TextPositions } from '../core/retrieval/text-positions';
import { NO_COUNT, type CodebookCounts, type CodeCount } from '../core/statistics/counts';
import type { PlacedCoding, PlacedDocument } from '../core/study/placement';

/** Words used in the rows, so that the extension can translate them (l10n) and tests need not. */
export interface RowWords {
  /** "{0} · {1} docs" style description of own codings and documents. */
  counts(own: CodeCount): string;
  /** Appended when the sub-codes add codings, e.g. " (Σ 40)". */
  total(total: CodeCount): string;
  tooltip(code: Code, path: string, own: CodeCount, total: CodeCount, hasChildren: boolean): string;
}

export const ENGLISH_WORDS: RowWords = {
  counts: (own) => (own.codings === 0 ? '' : `${own.codings} · ${own.documents} doc${own.documents === 1 ? '' : 's'}`),
  total: (total) => `Σ ${total.codings}`,
  tooltip: (code, path, own, total, hasChildren) => {
    const lines = [`**${escapeInline(path)}**`, ''];
    if (code.description) lines.push(escapeInline(code.description), '');
    lines.push(`${own.codings} coding${own.codings === 1 ? '' : 's'} in ${own.documents} document${own.documents === 1 ? '' : 's'}`);
    if (hasChildren) lines.push('', `With sub-codes: ${total.codings} codings in ${total.documents} documents`);
    return lines.join('\n');
  },
};

export interface CodeRow {
  readonly code: Code;
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly hasChildren: boolean;
  /** Whether it has codings of its own (segments to list under it). */
  readonly hasSegments: boolean;
  /** True when a filter is on and this code matched it (its ancestors show too, unmarked). */
  readonly matched: boolean;
}

/** Folds case and accents: "coördinator" is found by "coordinator". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

export class CodebookTreeModel {
  /** Codes shown while a filter is on (matches and their ancestors); undefined: all. */
  private readonly visible: ReadonlySet<string> | undefined;
  private readonly matchedIds: ReadonlySet<string>;
  private readonly rows = new Map<string, CodeRow>();

  constructor(
    readonly codebook: Codebook,
    readonly counts: CodebookCounts,
    readonly filter: string | undefined,
    private readonly words: RowWords = ENGLISH_WORDS,
  ) {
    const query = filter === undefined ? '' : foldForSearch(filter.trim());
    if (query === '') {
      this.visible = undefined;
      this.matchedIds = new Set();
      return;
    }
    const matched = new Set<string>();
    const visible = new Set<string>();
    for (const code of codebook.codes) {
      const haystack = foldForSearch(`${code.name}\u0000${code.description ?? ''}\u0000${code.id}`);
      if (!haystack.includes(query)) continue;
      matched.add(code.id);
      for (const ancestor of codebook.path(code.id)) visible.add(ancestor.id);
    }
    this.visible = visible;
    this.matchedIds = matched;
  }

  get filtered(): boolean {
    return this.visible !== undefined;
  }

  /** Number of codes matching the filter (all codes without one). */
  get matchCount(): number {
    return this.visible === undefined ? this.codebook.size : this.matchedIds.size;
  }

  isVisible(id: string): boolean {
    return this.visible === undefined || this.visible.has(id);
  }

  roots(): CodeRow[] {
    return this.rowsOf(this.codebook.roots);
  }

  children(id: string): CodeRow[] {
    return this.rowsOf(this.codebook.children(id));
  }

  row(id: string): CodeRow | undefined {
    const code = this.codebook.get(id);
    if (!code) return undefined;
    let row = this.rows.get(id);
    if (!row) {
      const own = this.counts.own.get(id) ?? NO_COUNT;
      const total = this.counts.total.get(id) ?? NO_COUNT;
      const children = this.codebook.children(id);
      const hasChildren = children.some((c) => this.isVisible(c.id));
      let description = this.words.counts(own);
      if (children.length > 0 && total.codings > own.codings) description = `${description}${description ? ' ' : ''}(${this.words.total(total)})`;
      row = {
        code,
        label: code.name,
        description,
        tooltip: this.words.tooltip(code, this.codebook.pathLabel(id), own, total, children.length > 0),
        hasChildren,
        hasSegments: own.codings > 0,
        matched: this.matchedIds.has(id),
      };
      this.rows.set(id, row);
    }
    return row;
  }

  private rowsOf(codes: readonly Code[]): CodeRow[] {
    const rows: CodeRow[] = [];
    for (const code of codes) if (this.isVisible(code.id)) rows.push(this.row(code.id)!);
    return rows;
  }
}

/** Segments of every code, built once per change of the placements, listed per code on demand. */
export class SegmentIndex {
  private readonly byCode = new Map<string, Array<{ document: PlacedDocument; placed: PlacedCoding }>>();
  private readonly positions = new WeakMap<PlacedDocument, TextPositions>();

  constructor(
    private readonly codebook: Codebook,
    private readonly cases: Cases,
    documents: readonly PlacedDocument[],
  ) {
    const sorted = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const document of sorted) {
      for (const placed of document.codings) {
        const code = codebook.resolve(placed.coding.code);
        let list = this.byCode.get(code);
        if (!list) this.byCode.set(code, (list = []));
        list.push({ document, placed });
      }
    }
  }

  count(codeId: string): number {
    return this.byCode.get(codeId)?.length ?? 0;
  }

  /** The code's own segments in document order, at most `limit` of them. */
  rows(codeId: string, limit = Number.POSITIVE_INFINITY): SegmentRow[] {
    const list = this.byCode.get(codeId) ?? [];
    const rows: SegmentRow[] = [];
    for (const { document, placed } of list.slice(0, limit)) {
      let positions = this.positions.get(document);
      if (!positions) this.positions.set(document, (positions = new TextPositions(document.text)));
      rows.push(segmentRow(segmentFromPlaced(this.codebook, this.cases, document, placed, positions)));
    }
    return rows;
  }
}

/** Escapes Markdown inline markup in names and descriptions shown in tooltips. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_<[\]#|]/g, (ch) => `\\${ch}`);
}
