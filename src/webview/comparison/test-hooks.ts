// Test mode only: the integration tests read what the page shows (a report) and act on its DOM as a
// person would (set a control, press a key, click, scroll, type), through the extension's
// gloss.test.comparison.* commands. Outside test mode the webview answers neither.
import type { HostMessage, TestAction, ViewState, WebviewMessage, WebviewReport } from '../../shared/comparison-protocol';
import { clickTestElement, inTestMode } from '../shared/test-mode';
import type { Grid } from './grid';
import type { MatrixModel } from './models';

/** What the app shows now, as the report reads it. */
export interface Shown {
  readonly view: ViewState;
  readonly status: string;
  readonly model: MatrixModel | undefined;
  readonly grid: Grid | undefined;
  readonly gridHost: HTMLElement;
  readonly side: HTMLElement;
  readonly drillOpen: boolean;
  /** Milliseconds from the last data received to its first rows on the page. */
  readonly firstRowsMs: number;
}

export class TestHooks {
  /** The page's own scripts (ours and the ones VS Code puts in every webview), for reports. */
  private readonly ownScripts = new Set(document.querySelectorAll('script'));

  constructor(
    private readonly shown: () => Shown,
    private readonly post: (message: WebviewMessage) => void,
  ) {}

  answer(message: Extract<HostMessage, { type: 'query' | 'act' }>): void {
    if (!inTestMode()) return;
    if (message.type === 'query') {
      this.post({ type: 'report', requestId: message.requestId, report: this.report(message.summary) });
      return;
    }
    try {
      this.act(message.action);
      this.post({ type: 'acted', requestId: message.requestId });
    } catch (error) {
      this.post({ type: 'acted', requestId: message.requestId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private report(summary: boolean): WebviewReport {
    const { view, status, model: matrix, grid, gridHost, side, drillOpen, firstRowsMs } = this.shown();
    const model = matrix?.grid;
    const drillSegments = (selector: string) => [...side.querySelectorAll(`${selector} .segment`)].map((segment) => segment.querySelector('.quote')?.textContent ?? '');
    const editor = side.querySelector('textarea') as HTMLTextAreaElement | null;
    const pressed = side.querySelector('.ratings [aria-pressed="true"]');
    const active = document.activeElement as HTMLElement | null;
    const focused = grid && active && grid.element.contains(active) && active.matches('td, th') ? grid.activeCell : null;
    // Every rendered cell must show what the model says (big matrices render only what is in view).
    let renderedCells = 0;
    let mismatches = 0;
    if (!summary && model) {
      for (const td of gridHost.querySelectorAll<HTMLElement>('td[data-row]')) {
        const cell = model.rows[Number(td.dataset.row) - 1]?.cell(Number(td.dataset.column) - 1);
        renderedCells++;
        if (!cell || (td.getAttribute('aria-label') ?? td.textContent) !== cell.text) mismatches++;
      }
    }
    return {
      view,
      tab: view.tab,
      status,
      columnHeaders: model?.columns.map((c) => c.text) ?? [],
      headerCells: [...gridHost.querySelectorAll<HTMLElement>('th.column-header')].map((th) => ({ column: Number(th.dataset.column), text: th.querySelector('.label')?.textContent ?? '', title: th.title })),
      rowHeaders: model?.rows.map((r) => r.header.text) ?? [],
      cells: summary || !model ? [] : model.rows.map((r) => model.columns.map((_, c) => r.cell(c).text)),
      renderedCells,
      mismatches,
      renderedRows: grid?.renderedRows ?? 0,
      totalRows: grid?.totalRows ?? 0,
      rendering: { longestChunk: grid?.timings.longestChunk ?? 0, longestTask: grid?.timings.longestTask ?? 0, complete: grid?.timings.complete ?? NaN, firstRows: firstRowsMs },
      focused,
      drill: drillOpen
        ? {
            title: side.querySelector('.side-title')?.textContent ?? '',
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
    const { grid, gridHost } = this.shown();
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
        if (!grid) throw new Error('no grid');
        grid.focusCell(action.row, action.column);
        return;
      case 'key': {
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, ctrlKey: action.ctrlKey ?? false, bubbles: true, cancelable: true }));
        return;
      }
      case 'click':
        clickTestElement(action.testId, action.index);
        return;
      case 'scroll':
        gridHost.scrollTop = action.top * (gridHost.scrollHeight - gridHost.clientHeight);
        gridHost.scrollLeft = action.left * (gridHost.scrollWidth - gridHost.clientWidth);
        return;
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
