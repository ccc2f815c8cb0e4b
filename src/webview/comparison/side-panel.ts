// The side panel beside the grid: the segments behind the cell drilled into (pairs of segments
// for co-occurrence), or the editor of a framework cell. Escape closes it; the arrow keys move
// between segments; Ctrl+Enter saves a framework cell.
import type { DrillTarget, FrameworkData, SegmentData, WebviewStrings } from '../../shared/comparison-protocol';
import { button, clear, el } from '../shared/dom';
import type { CellEditor } from './cell-editor';
import type { MatrixModel } from './models';
import { segmentElement } from './segment';
import type { Drill } from './state';

export interface SidePanelHost {
  readonly close: (focusGrid: boolean) => void;
  readonly save: () => void;
  readonly openSegment: (segment: SegmentData) => void;
}

/** What the panel shows: the cell drilled into and, once the extension answered, its segments. */
export interface SideContent {
  readonly target: DrillTarget;
  readonly drill: Drill | undefined;
  readonly model: MatrixModel;
  readonly data: FrameworkData | undefined;
}

export class SidePanel {
  readonly element = el('aside', { className: 'side', attrs: { 'aria-label': 'details' } });
  /** Set when a drill-down is asked for from the grid: the segments get the focus once they come. */
  focusOnNextRender = false;
  private target: DrillTarget | null = null;

  constructor(
    private readonly host: SidePanelHost,
    private readonly editor: CellEditor,
  ) {
    this.element.addEventListener('keydown', this.onKey);
  }

  render(content: SideContent | undefined, s: WebviewStrings | undefined): void {
    // Fresh data re-renders the panel: the segment that had the focus gets it back.
    const segments = [...this.element.querySelectorAll<HTMLElement>('.segment')];
    const focusedSegment = segments.findIndex((segment) => segment === document.activeElement);
    clear(this.element);
    this.target = content?.target ?? null;
    if (!content || !s) return;
    const { target, drill, model } = content;
    const title = el('h2', { className: 'side-title', text: model.describe(target, drill ? drill.items.length + drill.omitted : 0), attrs: { 'data-test': 'drill-title' } });
    const close = button('×', () => this.host.close(true), { className: 'close', title: s.close, testId: 'close-side' });
    this.element.append(el('div', { className: 'side-head' }, [title, close]));
    if (!drill) {
      this.element.append(el('p', { className: 'muted', text: s.loading }));
      return;
    }
    if (target.kind === 'framework') {
      if (content.data) this.editor.render(this.element, target, drill, content.data);
    } else if (drill.items.length === 0) {
      this.element.append(el('p', { className: 'muted', text: s.noSegments }));
    } else {
      const list = el('ul', { className: 'segments', attrs: { 'data-test': 'drill-list' } });
      for (const item of drill.items) {
        list.append(el('li', { className: item.length > 1 ? 'pair' : '' }, item.map((segment) => segmentElement(segment, s, this.host.openSegment))));
      }
      this.element.append(list);
      if (drill.omitted > 0) this.element.append(el('p', { className: 'muted', text: `+ ${drill.omitted}` }));
    }
    if (this.focusOnNextRender) {
      this.focusOnNextRender = false;
      this.element.querySelector<HTMLElement>('.segment, textarea, button.rating-choice')?.focus();
    } else if (focusedSegment !== -1) {
      const again = this.element.querySelectorAll<HTMLElement>('.segment');
      again[Math.min(focusedSegment, again.length - 1)]?.focus();
    }
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.host.close(true);
      return;
    }
    const target = event.target as HTMLElement;
    if (target.classList.contains('segment') && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const all = [...this.element.querySelectorAll<HTMLElement>('.segment')];
      const index = all.indexOf(target);
      all[Math.max(0, Math.min(all.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && this.target?.kind === 'framework') {
      event.preventDefault();
      this.host.save();
    }
  };
}
