// The comparison webview: tabs (code matrix, co-occurrence, framework matrix), their toolbars,
// the grid, and a side panel with the segments behind a cell or a framework cell's editor.
// This file holds the state and the messages with the extension; the pieces of the page are drawn
// by toolbar.ts, status.ts, the grid, side-panel.ts and cell-editor.ts. State (the view, the
// focused cell, the open drill-down) is kept with setState so that the panel comes back as it was
// after a reload.
import {
  DEFAULT_VIEW,
  type DrillTarget,
  type HostMessage,
  type SegmentData,
  type StudyInfo,
  type ViewData,
  type ViewState,
  type WebviewCommand,
  type WebviewMessage,
  type WebviewStrings,
} from '../../shared/comparison-protocol';
import { button, clear, el } from '../shared/dom';
import { CellEditor } from './cell-editor';
import { Grid } from './grid';
import { codeMatrixModel, cooccurrenceModel, frameworkModel, type MatrixModel } from './models';
import { SidePanel } from './side-panel';
import { DATA_FIELDS, sameDataView, sameTarget, type Drill, type PersistedState, type VsCodeApi } from './state';
import { renderProblems, statusText } from './status';
import { TestHooks } from './test-hooks';
import { renderTabs, renderToolbar } from './toolbar';

export type { VsCodeApi } from './state';

export class App {
  private strings: WebviewStrings | undefined;
  private study: StudyInfo = { open: false, attributes: [], coders: [], frameworks: [] };
  private view: ViewState;
  private data: ViewData | undefined;
  private model: MatrixModel | undefined;
  private grid: Grid | undefined;
  private drill: Drill | undefined;
  private drillTarget: DrillTarget | null;
  private focus: { row: number; column: number } | null;
  private requestId = 0;
  private latestViewRequest = 0;
  private latestDrillRequest = 0;
  private busy = false;
  /** Milliseconds from the last data received to its first rows on the page. */
  private firstRowsMs = NaN;
  private statusText = '';

  private readonly header = el('div', { className: 'tabs', attrs: { role: 'tablist' } });
  private readonly toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } });
  private readonly status = el('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly problems = el('div', { className: 'problems' });
  private readonly gridHost = el('div', { className: 'grid-host' });
  private readonly editor = new CellEditor({
    strings: () => this.s,
    post: (message) => this.post(message),
    nextRequestId: () => ++this.requestId,
    save: () => this.save(),
    rerender: () => this.renderSide(),
    openSegment: (segment) => this.openSegment(segment),
  });
  private readonly side = new SidePanel({ close: (focusGrid) => this.closeSide(focusGrid), save: () => this.save(), openSegment: (segment) => this.openSegment(segment) }, this.editor);
  private readonly main = el('div', { className: 'main' }, [this.gridHost, this.side.element]);
  private readonly testHooks = new TestHooks(
    () => ({ view: this.view, status: this.statusText, model: this.model, grid: this.grid, gridHost: this.gridHost, side: this.side.element, drillOpen: this.drillTarget !== null, firstRowsMs: this.firstRowsMs }),
    (message) => this.post(message),
  );

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
        this.renderTabs();
        this.renderToolbar();
        this.renderStatus();
        this.persist();
        return;
      case 'study':
        this.study = message.study;
        this.renderToolbar();
        return;
      case 'data': {
        if (message.requestId !== null && message.requestId < this.latestViewRequest) return;
        // Data computed for another view (a push that crossed a change made here) is dropped.
        if (!sameDataView(message.view, this.view)) return;
        // The extension resolves "the first matrix file" when none was chosen.
        if (message.data.kind === 'framework' && message.data.file !== this.view.framework) this.view = { ...this.view, framework: message.data.file };
        this.busy = false;
        this.data = message.data;
        const received = performance.now();
        this.renderToolbar();
        this.renderData();
        this.firstRowsMs = performance.now() - received;
        this.persist();
        return;
      }
      case 'drilled':
        if (message.requestId < this.latestDrillRequest) return;
        this.drill = { target: message.target, items: message.items, omitted: message.omitted, ...(message.evidence ? { evidence: message.evidence } : {}), ...(message.suggestions ? { suggestions: message.suggestions } : {}) };
        this.renderSide();
        return;
      case 'edited': {
        const outcome = this.editor.edited(message, this.view.framework ?? '');
        if (outcome === 'stale') return;
        if (outcome === 'saved' && this.drillTarget) this.requestDrill(this.drillTarget, false);
        this.renderSide();
        return;
      }
      case 'showView':
        this.changeView(message.view);
        return;
      case 'query':
      case 'act':
        this.testHooks.answer(message);
        return;
    }
  }

  // ---- view changes ------------------------------------------------------------------------

  /** Applies a change; asks the extension for data when the change needs it. */
  private changeView(change: Partial<ViewState>): void {
    const before = this.view;
    this.view = { ...this.view, ...change };
    const needsData = DATA_FIELDS.some((key) => JSON.stringify(before[key]) !== JSON.stringify(this.view[key]));
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
    this.side.focusOnNextRender = focusSide;
    this.post({ type: 'drill', requestId: this.latestDrillRequest, view: this.view, target });
    this.persist();
  }

  private closeSide(focusGrid: boolean): void {
    this.drill = undefined;
    this.drillTarget = null;
    this.editor.reset();
    this.renderSide();
    this.persist();
    if (focusGrid && this.grid) {
      const { row, column } = this.grid.activeCell;
      this.grid.focusCell(row, column);
    }
  }

  private command(command: WebviewCommand): void {
    this.post({ type: 'command', command, view: this.view });
  }

  private openSegment(segment: SegmentData): void {
    this.post({ type: 'open', document: segment.document, start: segment.start, end: segment.end });
  }

  private save(): void {
    const target = this.drillTarget;
    const data = this.data;
    if (target?.kind !== 'framework' || data?.kind !== 'framework') return;
    this.editor.save(target, data);
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderTabs(): void {
    renderTabs(this.header, this.view.tab, this.s, (change) => this.changeView(change));
  }

  private renderToolbar(): void {
    if (!this.strings) return;
    renderToolbar(this.toolbar, this.view, this.study, this.strings, { changeView: (change) => this.changeView(change), command: (command) => this.command(command) });
  }

  private renderStatus(): void {
    if (!this.strings) return;
    this.statusText = statusText(this.busy, this.data, this.view, this.strings);
    this.status.textContent = this.statusText;
    this.root.setAttribute('aria-busy', String(this.busy));
  }

  private renderData(): void {
    const data = this.data;
    const hadFocus = this.gridHost.contains(document.activeElement);
    const focus = this.grid?.activeCell ?? this.focus;
    this.grid?.dispose();
    this.grid = undefined;
    this.model = undefined;
    clear(this.gridHost);
    renderProblems(this.problems, data, this.s);
    if (!data || data.kind === 'none' || data.kind !== this.view.tab) {
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
    if (this.drillTarget && this.drillTarget.kind === this.view.tab && !this.editor.dirty) {
      this.editor.forgetDraft();
      this.requestDrill(this.drillTarget, false);
    }
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
    this.editor.reset();
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

  private renderSide(): void {
    const target = this.drillTarget;
    const opened = target !== null && !this.main.classList.contains('with-side');
    this.main.classList.toggle('with-side', target !== null);
    // The grid just lost room to the side panel: keep the cell it is about in view.
    if (opened) this.grid?.revealActive();
    const drill = target && this.drill && sameTarget(this.drill.target, target) ? this.drill : undefined;
    const data = this.data?.kind === 'framework' ? this.data : undefined;
    this.side.render(target && this.model ? { target, drill, model: this.model, data } : undefined, this.strings);
  }
}
