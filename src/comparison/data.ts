// The comparison's data: the study's placed codings turned into matrix input once per change, and
// the payloads the webview asks for (matrices, drill-downs, framework matrices).
import * as vscode from 'vscode';
import { caseOfDocument } from '../core/cases/cases';
import { cellOf, suggestEvidence, type FrameworkMatrix } from '../core/framework';
import {
  cellSegments,
  computeCodeMatrix,
  computeCooccurrence,
  cooccurringPairs,
  matrixDocument,
  type CodeMatrixOptions,
  type CooccurrenceOptions,
  type MatrixDocument,
  type MatrixInput,
  type MatrixSegment,
} from '../core/matrix';
import { shortDocumentNames } from '../core/documents/short-names';
import { codersOf } from '../core/matrix/input';
import { readQueryFiles } from '../core/queries/files';
import { withQueryCodes } from '../core/queries/matrix';
import type { PlacedDocument } from '../core/study/placement';
import { TextPositions } from '../core/retrieval/text-positions';
import type {
  CodeInfo,
  CodeMatrixData,
  CooccurrenceData,
  DrillTarget,
  FrameworkData,
  HostMessage,
  SegmentData,
  StudyInfo,
  ViewData,
  ViewState,
} from '../shared/comparison-protocol';
import type { Placements } from '../study/placements';
import type { StudyService } from '../study/study-service';
import type { Frameworks } from './frameworks';

/** Segment text shown in a drill-down, in code points; the editor shows the rest. */
const SEGMENT_TEXT_LIMIT = 1200;
/** Items listed in one drill-down; the count of the others is shown. */
const DRILL_LIMIT = 1000;

type Drilled = Extract<HostMessage, { type: 'drilled' }>;

export class ComparisonData {
  private readonly documents = new WeakMap<PlacedDocument, MatrixDocument>();
  private readonly positions = new WeakMap<MatrixDocument, TextPositions>();
  private pending: Promise<MatrixInput | undefined> | undefined;
  private invalidations = 0;

  constructor(
    private readonly study: StudyService,
    private readonly placements: Placements,
    private readonly frameworks: Frameworks,
  ) {}

  /** Forget the input; the next request builds it again (placements are cached per document). */
  invalidate(): void {
    this.pending = undefined;
    this.invalidations++;
  }

  /** Changes with each invalidation: data computed under another generation may be stale. */
  get generation(): number {
    return this.invalidations;
  }

  input(): Promise<MatrixInput | undefined> {
    this.pending ??= this.build();
    return this.pending;
  }

  private async build(): Promise<MatrixInput | undefined> {
    const study = this.study.current;
    if (!study) return undefined;
    const placed = await this.placements.all();
    const documents = placed.map((p) => {
      let document = this.documents.get(p);
      if (!document) this.documents.set(p, (document = matrixDocument(p)));
      return document;
    });
    documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // Each saved query that runs is one more code: a row (and a co-occurrence column) like any code.
    const queries = (await readQueryFiles(study.root)).files.flatMap((f) => (f.query ? [{ name: f.name, query: f.query }] : []));
    return withQueryCodes({ codebook: study.codebook, cases: study.cases, documents }, placed, queries, (name) => vscode.l10n.t('Query: {0}', name)).input;
  }

  async studyInfo(): Promise<StudyInfo> {
    const study = this.study.current;
    if (!study) return { open: false, attributes: [], coders: [], frameworks: [] };
    const input = await this.input();
    return {
      open: true,
      attributes: study.cases.attributes.map((a) => a.name),
      coders: input ? codersOf(input.documents) : [],
      frameworks: await this.frameworks.list(),
    };
  }

  async viewData(view: ViewState): Promise<ViewData> {
    const input = await this.input();
    if (!input) return { kind: 'none' };
    switch (view.tab) {
      case 'codes':
        return this.codeMatrix(input, view);
      case 'cooccurrence':
        return this.cooccurrence(input, view);
      case 'framework':
        return this.framework(input, view);
    }
  }

  private codeOptions(view: ViewState): CodeMatrixOptions {
    return {
      columns: view.columns,
      rollUp: view.rollUp,
      coders: view.coders === null ? undefined : new Set(view.coders),
      labels: { noCase: vscode.l10n.t('(no case)'), noValue: vscode.l10n.t('(none)') },
    };
  }

  private cooccurrenceOptions(view: ViewState): CooccurrenceOptions {
    return { proximity: view.proximity, rollUp: view.rollUp, coders: view.coders === null ? undefined : new Set(view.coders), pairs: view.pairs };
  }

  private codeMatrix(input: MatrixInput, view: ViewState): CodeMatrixData {
    const started = performance.now();
    const matrix = computeCodeMatrix(input, this.codeOptions(view));
    // A document column is headed by its short name; the key is its path.
    const shortNames = view.columns.kind === 'document' ? shortDocumentNames(matrix.columns.map((c) => c.key)) : undefined;
    return {
      kind: 'codes',
      columns: matrix.columns.map((c, i) => ({
        key: c.key,
        ...(shortNames ? { label: shortNames[i], path: c.key } : { label: c.label }),
        documents: c.documents.length,
        length: c.length,
      })),
      rows: matrix.rows.map((row) => ({
        code: row.code,
        name: row.name,
        ...(row.colour === undefined ? {} : { colour: row.colour }),
        ...(row.parent === undefined ? {} : { parent: row.parent }),
        depth: row.depth,
        hasChildren: row.hasChildren,
        segments: row.cells.segments,
        documents: row.cells.documents,
        covered: row.cells.covered,
        total: row.total,
      })),
      all: { segments: matrix.all.cells.segments, documents: matrix.all.cells.documents, covered: matrix.all.cells.covered, total: matrix.all.total },
      length: matrix.length,
      excluded: matrix.excluded,
      documents: input.documents.length,
      milliseconds: performance.now() - started,
    };
  }

  private cooccurrence(input: MatrixInput, view: ViewState): CooccurrenceData {
    const started = performance.now();
    const options = this.cooccurrenceOptions(view);
    const matrix = computeCooccurrence(input, options);
    const excluded = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false, coders: options.coders }).excluded;
    return {
      kind: 'cooccurrence',
      codes: matrix.codes.map((c): CodeInfo => ({ ...c })),
      counts: matrix.counts,
      segments: matrix.segments,
      excluded,
      documents: input.documents.length,
      milliseconds: performance.now() - started,
    };
  }

  private async framework(input: MatrixInput, view: ViewState): Promise<FrameworkData> {
    const files = await this.frameworks.list();
    const file = view.framework !== null && files.includes(view.framework) ? view.framework : (files[0] ?? null);
    const empty: FrameworkData = { kind: 'framework', file, scale: [], rows: [], themes: [], cells: [], problems: [], editable: false };
    if (file === null) return empty;
    const loaded = await this.frameworks.read(file);
    if (!loaded) return empty;
    const { matrix, problems, ok } = loaded;
    const { codebook } = input;
    return {
      kind: 'framework',
      file,
      ...(matrix.title === undefined ? {} : { title: matrix.title }),
      ...(matrix.description === undefined ? {} : { description: matrix.description }),
      scale: matrix.scale,
      rows: matrix.rows.map((row) => ({
        id: row.id,
        label: row.name ?? input.cases.cases.find((c) => c.id === row.id)?.name ?? row.id,
        ...(row.cases === undefined ? {} : { cases: row.cases }),
      })),
      themes: matrix.themes.map((theme) => {
        const code = codebook.get(theme.code);
        return { code: theme.code, label: theme.name ?? code?.name ?? theme.code, ...(code?.colour === undefined ? {} : { colour: code.colour }) };
      }),
      cells: this.frameworkCells(input, matrix),
      problems: problems.map((p) => ({ ...(p.line === undefined ? {} : { line: p.line }), message: p.message, severity: p.severity })),
      editable: ok,
    };
  }

  private frameworkCells(input: MatrixInput, matrix: FrameworkMatrix): FrameworkData['cells'] {
    const cells: FrameworkData['cells'][number][] = [];
    for (const row of matrix.rows) {
      for (const theme of matrix.themes) {
        const cell = cellOf(matrix, row.id, theme.code);
        const suggestions = suggestEvidence(input, row, theme.code, new Set(cell?.evidence ?? [])).length;
        if (!cell && suggestions === 0) continue;
        cells.push({
          case: row.id,
          theme: theme.code,
          ...(cell?.rating === undefined ? {} : { rating: cell.rating }),
          ...(cell?.summary === undefined ? {} : { summary: cell.summary }),
          evidence: cell?.evidence ?? [],
          suggestions,
        });
      }
    }
    return cells;
  }

  async drill(requestId: number, view: ViewState, target: DrillTarget): Promise<Drilled> {
    const input = await this.input();
    const answer = (items: SegmentData[][], extra: Partial<Drilled> = {}): Drilled => ({
      type: 'drilled',
      requestId,
      target,
      items: items.slice(0, DRILL_LIMIT),
      omitted: Math.max(0, items.length - DRILL_LIMIT),
      ...extra,
    });
    if (!input) return answer([]);
    switch (target.kind) {
      case 'codes': {
        const found = cellSegments(input, this.codeOptions(view), { code: target.code ?? undefined, column: target.column ?? undefined });
        return answer(found.map(({ document, segment }) => [this.segmentData(input, document, segment)]));
      }
      case 'cooccurrence': {
        const pairs = cooccurringPairs(input, this.cooccurrenceOptions(view), target.a, target.b);
        return answer(pairs.map(({ document, first, second }) => [this.segmentData(input, document, first), this.segmentData(input, document, second)]));
      }
      case 'framework': {
        const file = view.framework;
        const loaded = file === null ? undefined : await this.frameworks.read(file);
        const row = loaded?.matrix.rows.find((r) => r.id === target.case);
        if (!loaded || !row) return answer([], { evidence: [], suggestions: [] });
        const cell = cellOf(loaded.matrix, target.case, target.theme);
        const linked = cell?.evidence ?? [];
        const evidence = linked.map((id) => this.evidenceData(input, id));
        const suggestions = suggestEvidence(input, row, target.theme, new Set(linked)).map(({ document, segment }) => this.segmentData(input, document, segment));
        return answer([], { evidence, suggestions: suggestions.slice(0, DRILL_LIMIT) });
      }
    }
  }

  /** A coding id of a framework cell: placed, an orphan (with its stored quote), hidden (blind coding) or missing. */
  private evidenceData(input: MatrixInput, id: string): SegmentData {
    for (const document of input.documents) {
      const segment = document.segments.find((s) => s.id === id);
      if (segment) return this.segmentData(input, document, segment);
      const orphan = document.orphans.find((o) => o.id === id);
      if (orphan) {
        const coding = this.study.visibleCodingsOf(document.path).find((c) => c.id === id);
        const quote = coding?.quote ?? '';
        return {
          id,
          document: document.path,
          ...caseName(input, document.path),
          code: orphan.code,
          codeLabel: input.codebook.pathLabel(orphan.code) || orphan.code,
          coder: orphan.coder,
          start: 0,
          end: 0,
          line: 0,
          text: [...quote].slice(0, SEGMENT_TEXT_LIMIT).join(''),
          truncated: [...quote].length > SEGMENT_TEXT_LIMIT,
          orphan: true,
        };
      }
    }
    // Only whether it exists is told: nothing of a hidden coding is shown.
    const hidden = this.study.blind && this.study.current?.codingsFileList.some((file) => file.codings.some((c) => c.id === id)) === true;
    return { id, document: '', code: '', codeLabel: '', coder: '', start: 0, end: 0, line: 0, text: '', truncated: false, missing: true, ...(hidden ? { hidden } : {}) };
  }

  segmentData(input: MatrixInput, document: MatrixDocument, segment: MatrixSegment): SegmentData {
    let positions = this.positions.get(document);
    if (!positions) {
      positions = new TextPositions(document.text);
      this.positions.set(document, positions);
    }
    const limitEnd = Math.min(segment.end, segment.start + SEGMENT_TEXT_LIMIT, positions.codePointLength);
    const text = positions.slice(segment.start, limitEnd);
    return {
      id: segment.id,
      document: document.path,
      ...caseName(input, document.path),
      code: segment.code,
      codeLabel: input.codebook.pathLabel(segment.code) || segment.code,
      coder: segment.coder,
      start: segment.start,
      end: segment.end,
      line: positions.lineOf(segment.start),
      text,
      truncated: limitEnd < segment.end,
    };
  }
}

function caseName(input: MatrixInput, path: string): { caseName?: string } {
  const found = caseOfDocument(input.cases, path);
  return found ? { caseName: found.name } : {};
}
