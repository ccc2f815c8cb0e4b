// The comparison webview: tabs (code matrix, co-occurrence, framework matrix), their toolbars,
// the grid, and a side panel with the segments behind a cell or a framework cell's editor.
// State (the view, the focused cell, the open drill-down) is kept with setState so that the panel
// comes back as it was after a reload.
import {
  DEFAULT_VIEW,
  counted,
  fill,
  type CellEdit,
  type ColumnDimension,
  type DrillTarget,
  type FrameworkData,
  type HostMessage,
  type Proximity,
  type SegmentData,
  type StudyInfo,
  type TestAction,
  type ViewData,
  type ViewState,
  type WebviewMessage,
  type WebviewReport,
  type WebviewStrings,
} from '../../shared/comparison-protocol';
import { button, checkbox, clear, el, select } from '../shared/dom';
import { inTestMode } from '../shared/test-mode';
import { Grid } from './grid';
import { codeMatrixModel, cooccurrenceModel, frameworkModel, ratingTone, type MatrixModel } from './models';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

interface PersistedState {
  readonly view: ViewState;
  readonly focus: { row: number; column: number } | null;
  readonly drill: DrillTarget | null;
}

interface Drill {
  readonly target: DrillTarget;
  readonly items: readonly (readonly SegmentData[])[];
  readonly evidence?: readonly SegmentData[];
  readonly suggestions?: readonly SegmentData[];
  readonly omitted: number;
}

interface Draft {
  rating: string | null;
  summary: string;
  evidence: string[];
  dirty: boolean;
}

export class App {
  private strings: WebviewStrings | undefined;
  private study: StudyInfo = { open: false, attributes: [], coders: [], frameworks: [] };
  private view: ViewState;
  private data: ViewData | undefined;
  private model: MatrixModel | undefined;
  private grid: Grid | undefined;
  private drill: Drill | undefined;
  private drillTarget: DrillTarget | null;
  private draft: Draft | undefined;
  private focus: { row: number; column: number } | null;
  private requestId = 0;
  private latestViewRequest = 0;
  private latestDrillRequest = 0;
  private latestEditRequest = 0;
  private busy = false;
  /** Milliseconds from the last data received to its first rows on the page. */
  private firstRowsMs = NaN;
  private statusText = '';
  private editStatus = '';

  /** The page's own scripts (ours and the ones VS Code puts in every webview), for reports. */
  private readonly ownScripts = new Set(document.querySelectorAll('script'));
  private readonly header = el('div', { className: 'tabs', attrs: { role: 'tablist' } });
  private readonly toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } });
  private readonly status = el('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly problems = el('div', { className: 'problems' });
  private readonly gridHost = el('div', { className: 'grid-host' });
  private readonly side = el('aside', { className: 'side', attrs: { 'aria-label': 'details' } });
  private readonly main = el('div', { className: 'main' }, [this.gridHost, this.side]);

  constructor(
    private readonly vscode: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    const saved = vscode.getState() as Partial<PersistedState> | undefined;
    this.view = { ...DEFAULT_VIEW, ...(saved?.view ?? {}) };
    this.focus = saved?.focus ?? null;
    this.drillTarget = saved?.drill ?? null;
    root.append(this.header, this.toolbar, this.status, this.problems, this.main);
    root.setAttribute('aria-busy', 'true');
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => this.receive(event.data));
    this.post({ type: 'ready', view: saved?.view ? this.view : null });
  }

  private get s(): WebviewStrings {
    if (!this.strings) throw new Error('not initialised');
    return this.strings;
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private persist(): void {
    const state: PersistedState = { view: this.view, focus: this.grid?.activeCell ?? this.focus, drill: this.drillTarget };
    this.vscode.setState(state);
  }

  // ---- messages from the extension ---------------------------------------------------------

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.strings = message.strings;
        this.study = message.study;
        this.view = message.view;
        // A drill-down saved for another tab than the one asked for now is dropped.
        if (this.drillTarget && this.drillTarget.kind !== this.view.tab) this.drillTarget = null;
        this.busy = true;
        this.renderChrome();
        this.persist();
        return;
      case 'study':
        this.study = message.study;
        this.renderToolbar();
        return;
      case 'data':
        if (message.requestId !== null && message.requestId < this.latestViewRequest) return;
        // Data computed for another view (a push that crossed a change made here) is dropped.
        if (!sameDataView(message.view, this.view)) return;
        // The extension resolves "the first matrix file" when none was chosen.
        if (message.data.kind === 'framework' && message.data.file !== this.view.framework) this.view = { ...this.view, framework: message.data.file };
        this.busy = false;
        this.data = message.data;
        {
          const received = performance.now();
          this.renderToolbar();
          this.renderData();
          this.firstRowsMs = performance.now() - received;
        }
        this.persist();
        return;
      case 'drilled':
        if (message.requestId < this.latestDrillRequest) return;
        this.drill = { target: message.target, items: message.items, omitted: message.omitted, ...(message.evidence ? { evidence: message.evidence } : {}), ...(message.suggestions ? { suggestions: message.suggestions } : {}) };
        this.renderSide();
        return;
      case 'edited':
        if (message.requestId !== this.latestEditRequest) return;
        if (message.error) {
          this.editStatus = message.error;
        } else {
          this.editStatus = fill(this.s.saved, this.view.framework ?? '');
          if (this.draft) this.draft.dirty = false;
          this.draft = undefined;
          if (this.drillTarget) this.requestDrill(this.drillTarget, false);
        }
        this.renderSide();
        return;
      case 'showView':
        this.changeView(message.view);
        return;
      case 'query':
        if (!inTestMode()) return;
        this.post({ type: 'report', requestId: message.requestId, report: this.report(message.summary) });
        return;
      case 'act':
        if (!inTestMode()) return;
        try {
          this.act(message.action);
          this.post({ type: 'acted', requestId: message.requestId });
        } catch (error) {
          this.post({ type: 'acted', requestId: message.requestId, error: error instanceof Error ? error.message : String(error) });
        }
        return;
    }
  }

  // ---- view changes ------------------------------------------------------------------------

  /** Applies a change; asks the extension for data when the change needs it. */
  private changeView(change: Partial<ViewState>): void {
    const before = this.view;
    this.view = { ...this.view, ...change };
    const needsData = (['tab', 'columns', 'rollUp', 'coders', 'proximity', 'pairs', 'framework'] as const).some((key) => JSON.stringify(before[key]) !== JSON.stringify(this.view[key]));
    if (change.tab !== undefined && change.tab !== before.tab) {
      this.closeSide(false);
      this.focus = null;
    }
    if (change.framework !== undefined && change.framework !== before.framework) this.closeSide(false);
    this.persist();
    if (needsData) {
      this.busy = true;
      this.latestViewRequest = ++this.requestId;
      this.post({ type: 'view', requestId: this.latestViewRequest, view: this.view });
      this.renderTabs();
      this.renderToolbar();
      this.renderStatus();
      if (this.drillTarget && this.drillTarget.kind !== 'framework') this.requestDrill(this.drillTarget, false);
    } else {
      this.post({ type: 'viewShown', view: this.view });
      this.renderToolbar();
      this.renderData();
    }
  }

  private requestDrill(target: DrillTarget, focusSide: boolean): void {
    this.drillTarget = target;
    this.latestDrillRequest = ++this.requestId;
    this.focusSideOnRender = focusSide;
    this.post({ type: 'drill', requestId: this.latestDrillRequest, view: this.view, target });
    this.persist();
  }

  private focusSideOnRender = false;

  private closeSide(focusGrid: boolean): void {
    this.drill = undefined;
    this.drillTarget = null;
    this.draft = undefined;
    this.editStatus = '';
    this.renderSide();
    this.persist();
    if (focusGrid && this.grid) {
      const { row, column } = this.grid.activeCell;
      this.grid.focusCell(row, column);
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderChrome(): void {
    this.renderTabs();
    this.renderToolbar();
    this.renderStatus();
  }

  private renderTabs(): void {
    const s = this.s;
    clear(this.header);
    const tabs: Array<[ViewState['tab'], string]> = [
      ['codes', s.tabCodes],
      ['cooccurrence', s.tabCooccurrence],
      ['framework', s.tabFramework],
    ];
    tabs.forEach(([tab, label], index) => {
      const selected = this.view.tab === tab;
      const element = el('button', {
        text: label,
        className: `tab ${selected ? 'selected' : ''}`,
        attrs: { type: 'button', role: 'tab', 'aria-selected': String(selected), tabindex: selected ? 0 : -1, 'data-test': `tab-${tab}`, 'data-control': index === 0 ? 'tab' : undefined },
      });
      element.addEventListener('click', () => this.changeView({ tab }));
      element.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length][0];
        this.changeView({ tab: next });
        this.header.querySelector<HTMLElement>(`[data-test="tab-${next}"]`)?.focus();
      });
      this.header.append(element);
    });
  }

  private renderToolbar(): void {
    if (!this.strings) return;
    const s = this.s;
    const view = this.view;
    clear(this.toolbar);
    const items: HTMLElement[] = [];
    if (view.tab === 'codes') {
      const columnOptions: Array<[string, string]> = [
        ['document', s.columnsDocuments],
        ['case', s.columnsCases],
        ...this.study.attributes.map((a): [string, string] => [`attribute:${a}`, fill(s.columnsAttribute, a)]),
      ];
      items.push(select('columns', s.columns, columnOptions, columnValue(view.columns), (value) => this.changeView({ columns: parseColumns(value), sort: { ...view.sort, column: null } })));
      items.push(
        select('metric', s.metric, [['segments', s.metricSegments], ['documents', s.metricDocuments], ['coverage', s.metricCoverage], ['presence', s.metricPresence]], view.metric, (value) =>
          this.changeView({ metric: value as ViewState['metric'] }),
        ),
      );
    }
    if (view.tab === 'cooccurrence') {
      items.push(
        select('proximity', s.proximity, [['overlap', s.proximityOverlap], ['turn', s.proximityTurn], ['paragraph', s.proximityParagraph], ['distance', s.proximityDistance]], view.proximity.kind, (value) =>
          this.changeView({ proximity: value === 'distance' ? { kind: 'distance', distance: view.proximity.kind === 'distance' ? view.proximity.distance : 200 } : ({ kind: value } as Proximity) }),
        ),
      );
      if (view.proximity.kind === 'distance') {
        const input = el('input', { attrs: { id: 'control-distance', type: 'number', min: 0, step: 50, 'data-control': 'distance' } });
        input.value = String(view.proximity.distance);
        input.addEventListener('change', () => this.changeView({ proximity: { kind: 'distance', distance: Math.max(0, Math.round(Number(input.value) || 0)) } }));
        items.push(el('span', { className: 'control' }, [el('label', { text: s.distance, attrs: { for: 'control-distance' } }), input]));
      }
      items.push(
        select('pairs', s.pairs, [['within-coder', s.pairsWithinCoder], ['across-coders', s.pairsAcrossCoders]], view.pairs, (value) =>
          this.changeView({ pairs: value as ViewState['pairs'] }),
        ),
      );
    }
    if (view.tab === 'codes' || view.tab === 'cooccurrence') {
      items.push(checkbox('rollUp', s.rollUp, view.rollUp, (checked) => this.changeView({ rollUp: checked })));
      if (this.study.coders.length > 1) {
        const coders = el('fieldset', { className: 'coders' }, [el('legend', { text: s.coders })]);
        for (const coder of this.study.coders) {
          const checked = view.coders === null || view.coders.includes(coder);
          coders.append(
            checkbox(`coder:${coder}`, coder, checked, (on) => {
              const current = new Set(view.coders ?? this.study.coders);
              if (on) current.add(coder);
              else current.delete(coder);
              const all = this.study.coders.every((c) => current.has(c));
              this.changeView({ coders: all ? null : this.study.coders.filter((c) => current.has(c)) });
            }),
          );
        }
        items.push(coders);
      }
    }
    if (view.tab === 'framework') {
      if (this.study.frameworks.length > 0) {
        const current = view.framework ?? this.study.frameworks[0];
        items.push(select('framework', s.matrixFile, this.study.frameworks.map((f) => [f, f] as [string, string]), current, (value) => this.changeView({ framework: value })));
        items.push(button(s.addRow, () => this.command('addRow'), { testId: 'add-row' }));
        items.push(button(s.addTheme, () => this.command('addTheme'), { testId: 'add-theme' }));
        items.push(button(s.openFile, () => this.command('openFrameworkFile'), { testId: 'open-file' }));
      }
      items.push(button(s.newFramework, () => this.command('newFramework'), { testId: 'new-framework' }));
    }
    items.push(el('span', { className: 'spacer' }));
    items.push(button(s.openAgreement, () => this.command('openAgreement'), { testId: 'open-agreement' }));
    items.push(button(s.exportCsv, () => this.command('exportCsv'), { testId: 'export-csv' }));
    items.push(button(s.exportMarkdown, () => this.command('exportMarkdown'), { testId: 'export-markdown' }));
    this.toolbar.append(...items);
  }

  private command(command: Extract<WebviewMessage, { type: 'command' }>['command']): void {
    this.post({ type: 'command', command, view: this.view });
  }

  private renderStatus(): void {
    if (!this.strings) return;
    const s = this.s;
    const data = this.data;
    let text = '';
    if (this.busy) text = s.loading;
    else if (!data || data.kind === 'none') text = s.noStudy;
    else if (data.kind === 'codes') {
      text = fill(s.statusCodes, counted(data.documents, s.oneDocument, s.documentsCount), counted(data.all.total.segments, s.oneSegment, s.segmentsCount), Math.round(data.milliseconds));
      if (data.excluded.orphans + data.excluded.unknownCodes > 0) text += ` · ${fill(s.statusExcluded, data.excluded.orphans, data.excluded.unknownCodes)}`;
    } else if (data.kind === 'cooccurrence') {
      text = fill(s.statusCooccurrence, counted(data.documents, s.oneDocument, s.documentsCount), this.view.pairs === 'across-coders' ? s.pairsAcrossCoders : s.pairsWithinCoder, Math.round(data.milliseconds));
      if (data.excluded.orphans + data.excluded.unknownCodes > 0) text += ` · ${fill(s.statusExcluded, data.excluded.orphans, data.excluded.unknownCodes)}`;
    } else if (data.kind === 'framework') {
      text = data.file === null ? s.noFramework : [data.title, data.description].filter(Boolean).join(' — ');
    }
    this.statusText = text;
    this.status.textContent = text;
    this.root.setAttribute('aria-busy', String(this.busy));
  }

  private renderProblems(): void {
    clear(this.problems);
    const data = this.data;
    if (!data || data.kind !== 'framework' || data.problems.length === 0) return;
    const list = el('ul');
    for (const problem of data.problems.slice(0, 20)) {
      list.append(el('li', { className: problem.severity, text: `${data.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}` }));
    }
    this.problems.append(el('details', {}, [el('summary', { text: `${fill(this.s.problems, data.file ?? '')} (${data.problems.length})` }), list]));
  }

  private renderData(): void {
    const data = this.data;
    const hadFocus = this.gridHost.contains(document.activeElement);
    const focus = this.grid?.activeCell ?? this.focus;
    this.grid?.dispose();
    this.grid = undefined;
    this.model = undefined;
    clear(this.gridHost);
    this.renderProblems();
    if (!data || data.kind === 'none' || data.kind !== this.kindOfTab()) {
      this.renderStatus();
      return;
    }
    if (data.kind === 'framework' && data.file === null) {
      this.gridHost.append(el('p', { className: 'empty', text: this.s.noFramework }), button(this.s.newFramework, () => this.command('newFramework'), { className: 'primary' }));
      this.renderStatus();
      this.renderSide();
      return;
    }
    const model = data.kind === 'codes' ? codeMatrixModel(data, this.view, this.s) : data.kind === 'cooccurrence' ? cooccurrenceModel(data, this.view, this.s) : frameworkModel(data, this.s);
    this.model = model;
    const grid = new Grid(
      {
        ...model.grid,
        onActivate: (row, column) => this.activate(row, column),
        onToggle: (row) => this.toggle(row),
      },
      this.gridHost,
    );
    this.grid = grid;
    this.gridHost.append(grid.element);
    grid.render(focus ?? undefined);
    if (hadFocus) {
      const { row, column } = grid.activeCell;
      grid.focusCell(row, column);
    }
    grid.element.addEventListener('focusin', () => this.persist());
    this.renderStatus();
    // A drill-down restored from the saved state, or one that the new data may change; a framework
    // cell being edited keeps the researcher's unsaved draft.
    if (this.drillTarget && this.drillTarget.kind === this.kindOfTab() && !this.draft?.dirty) {
      this.draft = undefined;
      this.requestDrill(this.drillTarget, false);
    }
  }

  private kindOfTab(): ViewData['kind'] {
    return this.view.tab;
  }

  private activate(row: number, column: number): void {
    const model = this.model;
    if (!model) return;
    if (row === 0) {
      if (!model.sortKeyAt) return;
      const key = model.sortKeyAt(column);
      const sort = this.view.sort;
      // Enter on a header: descending, then ascending, then codebook order.
      const next = key === null ? { column: null, descending: true } : sort.column !== key ? { column: key, descending: true } : sort.descending ? { column: key, descending: false } : { column: null, descending: true };
      this.changeView({ sort: next });
      this.grid?.focusCell(0, column);
      return;
    }
    const target = model.targetAt(row, column);
    if (!target) return;
    this.draft = undefined;
    this.editStatus = '';
    this.drill = undefined;
    this.requestDrill(target, true);
    this.renderSide();
  }

  private toggle(row: number): void {
    const code = this.model?.codeAt(row);
    if (!code) return;
    const collapsed = new Set(this.view.collapsed);
    if (collapsed.has(code)) collapsed.delete(code);
    else collapsed.add(code);
    this.changeView({ collapsed: [...collapsed] });
    this.grid?.focusCell(row, 0);
  }

  // ---- side panel --------------------------------------------------------------------------

  private renderSide(): void {
    // Fresh data re-renders the panel: the segment that had the focus gets it back.
    const segments = [...this.side.querySelectorAll<HTMLElement>('.segment')];
    const focusedSegment = segments.findIndex((segment) => segment === document.activeElement);
    clear(this.side);
    const target = this.drillTarget;
    const opened = target !== null && !this.main.classList.contains('with-side');
    this.main.classList.toggle('with-side', target !== null);
    // The grid just lost room to the side panel: keep the cell it is about in view.
    if (opened) this.grid?.revealActive();
    if (!target || !this.strings || !this.model) return;
    const s = this.s;
    const drill = this.drill && sameTarget(this.drill.target, target) ? this.drill : undefined;
    const title = el('h2', { className: 'side-title', text: this.model.describe(target, drill ? drill.items.length + drill.omitted : 0), attrs: { 'data-test': 'drill-title' } });
    const close = button('×', () => this.closeSide(true), { className: 'close', title: s.close, testId: 'close-side' });
    this.side.append(el('div', { className: 'side-head' }, [title, close]));
    this.side.addEventListener('keydown', this.onSideKey);
    if (!drill) {
      this.side.append(el('p', { className: 'muted', text: s.loading }));
      return;
    }
    if (target.kind === 'framework') {
      this.renderEditor(target, drill);
    } else if (drill.items.length === 0) {
      this.side.append(el('p', { className: 'muted', text: s.noSegments }));
    } else {
      const list = el('ul', { className: 'segments', attrs: { 'data-test': 'drill-list' } });
      for (const item of drill.items) {
        list.append(el('li', { className: item.length > 1 ? 'pair' : '' }, item.map((segment) => this.segmentElement(segment))));
      }
      this.side.append(list);
      if (drill.omitted > 0) this.side.append(el('p', { className: 'muted', text: `+ ${drill.omitted}` }));
    }
    if (this.focusSideOnRender) {
      this.focusSideOnRender = false;
      this.side.querySelector<HTMLElement>('.segment, textarea, button.rating-choice')?.focus();
    } else if (focusedSegment !== -1) {
      const again = this.side.querySelectorAll<HTMLElement>('.segment');
      again[Math.min(focusedSegment, again.length - 1)]?.focus();
    }
  }

  private readonly onSideKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closeSide(true);
      return;
    }
    const target = event.target as HTMLElement;
    if (target.classList.contains('segment') && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const all = [...this.side.querySelectorAll<HTMLElement>('.segment')];
      const index = all.indexOf(target);
      all[Math.max(0, Math.min(all.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && this.drillTarget?.kind === 'framework') {
      event.preventDefault();
      this.save();
    }
  };

  private segmentElement(segment: SegmentData, actions: HTMLElement[] = []): HTMLElement {
    const s = this.s;
    const meta = segment.missing
      ? `${segment.id} — ${segment.hidden ? s.hidden : s.missing}`
      : [segment.caseName, segment.document, segment.orphan ? s.orphan : fill(s.line, segment.line), segment.codeLabel, segment.coder].filter(Boolean).join(' · ');
    const openable = !segment.missing && !segment.orphan;
    const element = el(
      'div',
      {
        className: `segment ${segment.orphan ? 'orphan' : ''} ${segment.missing ? 'missing' : ''}`,
        attrs: { tabindex: 0, role: openable ? 'button' : undefined, 'data-test': 'segment', 'aria-label': meta },
      },
      [
        el('div', { className: 'meta', text: meta }),
        el('div', { className: 'quote', text: segment.text + (segment.truncated ? ' …' : '') }),
        actions.length > 0 ? el('div', { className: 'actions' }, actions) : undefined,
      ],
    );
    if (openable) {
      const open = () => this.post({ type: 'open', document: segment.document, start: segment.start, end: segment.end });
      element.addEventListener('click', (event) => {
        if ((event.target as HTMLElement).closest('button')) return;
        open();
      });
      element.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target === element && !event.ctrlKey) {
          event.preventDefault();
          open();
        }
      });
    }
    return element;
  }

  private renderEditor(target: Extract<DrillTarget, { kind: 'framework' }>, drill: Drill): void {
    const s = this.s;
    const data = this.data as FrameworkData;
    const cell = data.cells.find((c) => c.case === target.case && c.theme === target.theme);
    if (!this.draft) this.draft = { rating: cell?.rating ?? null, summary: cell?.summary?.trim() ?? '', evidence: [...(cell?.evidence ?? [])], dirty: false };
    const draft = this.draft;
    const editable = data.editable;
    const markDirty = () => {
      draft.dirty = true;
      this.editStatus = '';
      saveButton.disabled = !editable;
      revertButton.disabled = false;
      statusLine.textContent = '';
    };
    const ratings = el('div', { className: 'ratings', attrs: { role: 'group', 'aria-label': s.rating } });
    const choices: Array<[string | null, string]> = [...data.scale.map((r): [string, string] => [r, r]), [null, s.noRating]];
    for (const [value, label] of choices) {
      const choice = button(label, () => {
        draft.rating = value;
        for (const other of ratings.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === choice));
        markDirty();
      }, { className: `rating-choice tone-${value === null ? 'none' : ratingTone(value)}`, pressed: draft.rating === value, testId: `rating-${value ?? 'none'}` });
      choice.disabled = !editable;
      ratings.append(choice);
    }
    const summary = el('textarea', { attrs: { id: 'summary', rows: 5, 'data-test': 'summary', 'aria-label': s.summary } });
    summary.value = draft.summary;
    summary.disabled = !editable;
    summary.addEventListener('input', () => {
      draft.summary = summary.value;
      markDirty();
    });
    const byId = new Map<string, SegmentData>();
    for (const segment of [...(drill.evidence ?? []), ...(drill.suggestions ?? [])]) byId.set(segment.id, segment);
    const evidenceList = el('ul', { className: 'segments evidence', attrs: { 'data-test': 'evidence-list' } });
    const suggestionList = el('ul', { className: 'segments suggestions', attrs: { 'data-test': 'suggestion-list' } });
    const renderLists = () => {
      clear(evidenceList);
      clear(suggestionList);
      for (const id of draft.evidence) {
        const segment = byId.get(id) ?? { id, document: '', code: '', codeLabel: '', coder: '', start: 0, end: 0, line: 0, text: '', truncated: false, missing: true };
        const unlink = button(s.unlink, () => {
          draft.evidence = draft.evidence.filter((e) => e !== id);
          markDirty();
          renderLists();
        }, { testId: 'unlink' });
        unlink.disabled = !editable;
        evidenceList.append(el('li', {}, [this.segmentElement(segment, [unlink])]));
      }
      if (draft.evidence.length === 0) evidenceList.append(el('li', { className: 'muted', text: s.noEvidence }));
      const suggestions = (drill.suggestions ?? []).filter((segment) => !draft.evidence.includes(segment.id));
      // Links removed in this draft come back as suggestions.
      for (const segment of drill.evidence ?? []) if (!draft.evidence.includes(segment.id) && !segment.missing && !suggestions.some((x) => x.id === segment.id)) suggestions.unshift(segment);
      for (const segment of suggestions) {
        const link = button(s.link, () => {
          draft.evidence = [...draft.evidence, segment.id];
          markDirty();
          renderLists();
        }, { testId: 'link' });
        link.disabled = !editable;
        suggestionList.append(el('li', {}, [this.segmentElement(segment, [link])]));
      }
      if (suggestions.length === 0) suggestionList.append(el('li', { className: 'muted', text: s.noSuggestions }));
    };
    renderLists();
    const saveButton = button(s.save, () => this.save(), { className: 'primary', testId: 'save' });
    saveButton.disabled = !draft.dirty || !editable;
    const revertButton = button(s.revert, () => {
      this.draft = undefined;
      this.editStatus = '';
      this.renderSide();
    }, { testId: 'revert' });
    revertButton.disabled = !draft.dirty;
    const statusLine = el('p', { className: 'edit-status', text: this.editStatus, attrs: { role: 'status', 'data-test': 'edit-status' } });
    if (!editable) this.side.append(el('p', { className: 'warning', text: s.notEditable }));
    this.side.append(
      el('h3', { text: s.rating }),
      ratings,
      el('h3', {}, [el('label', { text: s.summary, attrs: { for: 'summary' } })]),
      summary,
      el('div', { className: 'buttons' }, [saveButton, revertButton, statusLine]),
      el('h3', { text: s.evidence }),
      evidenceList,
      el('h3', { text: s.suggestions }),
      suggestionList,
    );
  }

  private save(): void {
    const target = this.drillTarget;
    const draft = this.draft;
    const data = this.data;
    if (!target || target.kind !== 'framework' || !draft || !data || data.kind !== 'framework' || !data.file || !data.editable) return;
    const cell = data.cells.find((c) => c.case === target.case && c.theme === target.theme);
    const edit: { -readonly [K in keyof CellEdit]: CellEdit[K] } = {};
    if ((cell?.rating ?? null) !== draft.rating) edit.rating = draft.rating;
    if ((cell?.summary?.trim() ?? '') !== draft.summary.trim()) edit.summary = draft.summary.trim() === '' ? null : draft.summary;
    if (JSON.stringify(cell?.evidence ?? []) !== JSON.stringify(draft.evidence)) edit.evidence = draft.evidence;
    this.latestEditRequest = ++this.requestId;
    this.editStatus = this.s.saving;
    this.post({ type: 'editCell', requestId: this.latestEditRequest, file: data.file, case: target.case, theme: target.theme, edit });
    const status = this.side.querySelector('.edit-status');
    if (status) status.textContent = this.editStatus;
  }

  // ---- test support ------------------------------------------------------------------------

  private report(summary: boolean): WebviewReport {
    const model = this.model?.grid;
    const drillSegments = (selector: string) => [...this.side.querySelectorAll(`${selector} .segment`)].map((segment) => segment.querySelector('.quote')?.textContent ?? '');
    const editor = this.side.querySelector('textarea') as HTMLTextAreaElement | null;
    const pressed = this.side.querySelector('.ratings [aria-pressed="true"]');
    const active = document.activeElement as HTMLElement | null;
    const focused = this.grid && active && this.grid.element.contains(active) && active.matches('td, th') ? this.grid.activeCell : null;
    // Every rendered cell must show what the model says (big matrices render only what is in view).
    let renderedCells = 0;
    let mismatches = 0;
    if (!summary && model) {
      for (const td of this.gridHost.querySelectorAll<HTMLElement>('td[data-row]')) {
        const cell = model.rows[Number(td.dataset.row) - 1]?.cell(Number(td.dataset.column) - 1);
        renderedCells++;
        if (!cell || (td.getAttribute('aria-label') ?? td.textContent) !== cell.text) mismatches++;
      }
    }
    return {
      view: this.view,
      tab: this.view.tab,
      status: this.statusText,
      columnHeaders: model?.columns.map((c) => c.text) ?? [],
      rowHeaders: model?.rows.map((r) => r.header.text) ?? [],
      cells: summary || !model ? [] : model.rows.map((r) => model.columns.map((_, c) => r.cell(c).text)),
      renderedCells,
      mismatches,
      renderedRows: this.grid?.renderedRows ?? 0,
      totalRows: this.grid?.totalRows ?? 0,
      rendering: { longestChunk: this.grid?.timings.longestChunk ?? 0, longestTask: this.grid?.timings.longestTask ?? 0, complete: this.grid?.timings.complete ?? NaN, firstRows: this.firstRowsMs },
      focused,
      drill: this.drillTarget
        ? {
            title: this.side.querySelector('.side-title')?.textContent ?? '',
            items: drillSegments('[data-test="drill-list"]'),
            evidence: drillSegments('[data-test="evidence-list"]'),
            suggestions: drillSegments('[data-test="suggestion-list"]'),
          }
        : null,
      editor: editor ? { rating: pressed?.textContent ?? '', summary: editor.value } : null,
      dom: summary ? { images: 0, scripts: 0, iframes: 0, inlineHandlers: 0 } : {
        images: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].filter((script) => !this.ownScripts.has(script)).length,
        iframes: document.querySelectorAll('iframe').length,
        inlineHandlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((a) => /^on/i.test(a.name))).length,
      },
      bodyText: summary ? '' : (document.body.textContent ?? '').slice(0, 50_000),
    };
  }

  private act(action: TestAction): void {
    switch (action.kind) {
      case 'control': {
        const control = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-control="${action.control}"]`);
        if (!control) throw new Error(`no control ${action.control}`);
        if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = Boolean(action.value);
        else control.value = String(action.value);
        control.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      case 'focusCell':
        if (!this.grid) throw new Error('no grid');
        this.grid.focusCell(action.row, action.column);
        return;
      case 'key': {
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, ctrlKey: action.ctrlKey ?? false, bubbles: true, cancelable: true }));
        return;
      }
      case 'click': {
        const found = document.querySelectorAll<HTMLElement>(`[data-test="${action.testId}"]`)[action.index ?? 0];
        if (!found) throw new Error(`no element ${action.testId}`);
        found.click();
        return;
      }
      case 'scroll': {
        const host = this.gridHost;
        host.scrollTop = action.top * (host.scrollHeight - host.clientHeight);
        host.scrollLeft = action.left * (host.scrollWidth - host.clientWidth);
        return;
      }
      case 'type': {
        const found = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-test="${action.testId}"]`);
        if (!found) throw new Error(`no input ${action.testId}`);
        found.focus();
        found.value = action.text;
        found.dispatchEvent(new Event('input', { bubbles: true }));
        return;
      }
      case 'post':
        this.post(action.message);
        return;
    }
  }
}

/** Whether data computed for view `a` is the data view `b` shows (sorting and collapsing aside). */
function sameDataView(a: ViewState, b: ViewState): boolean {
  const same = (key: keyof ViewState) => JSON.stringify(a[key]) === JSON.stringify(b[key]);
  return (['tab', 'columns', 'rollUp', 'coders', 'proximity', 'pairs'] as const).every(same) && (a.framework === b.framework || a.framework === null || b.framework === null);
}

function sameTarget(a: DrillTarget, b: DrillTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function columnValue(columns: ColumnDimension): string {
  return columns.kind === 'attribute' ? `attribute:${columns.attribute}` : columns.kind;
}

function parseColumns(value: string): ColumnDimension {
  if (value.startsWith('attribute:')) return { kind: 'attribute', attribute: value.slice('attribute:'.length) };
  return value === 'document' ? { kind: 'document' } : { kind: 'case' };
}
