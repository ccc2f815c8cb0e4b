// A keyboard-navigable grid (a table with role="grid"): one cell in the tab order at a time, the
// arrow keys move between cells, Home/End and PageUp/PageDown jump, Enter or Space acts on the
// cell. Big matrices are virtualised: only the rows and columns in view (and a margin around
// them) are in the page, so 300 codes x 500 documents scroll as smoothly as 24 x 8.
import { countAtOrBelow } from '../../core/util/sorted';
import { el, swatch } from '../shared/dom';

export interface GridColumn {
  readonly text: string;
  /** Characters of the longest cell text in the column, for its width (virtual grids). */
  readonly chars?: number;
  readonly title?: string;
  readonly colour?: string;
  /** Sorted by this column: the arrow to show. */
  readonly sorted?: 'ascending' | 'descending';
  readonly vertical?: boolean;
}

export interface GridRowHeader {
  readonly text: string;
  readonly title?: string;
  readonly depth?: number;
  readonly colour?: string;
  /** Undefined: the row has nothing to collapse. */
  readonly expanded?: boolean;
}

export interface GridCell {
  readonly text: string;
  /** The tooltip, built when the pointer first rests on the cell. */
  readonly title?: string | (() => string);
  /** Shading in [0, 1]. */
  readonly shade?: number;
  readonly className?: string;
  /** Builds richer content than text (the text still labels the cell). */
  readonly content?: () => Node[];
  readonly disabled?: boolean;
}

export interface GridRow {
  readonly header: GridRowHeader;
  /** The cell in a column (0-based), built when it is shown: a big matrix has many. */
  readonly cell: (column: number) => GridCell;
  readonly className?: string;
}

export interface GridModel {
  readonly label: string;
  readonly corner: string;
  readonly columns: readonly GridColumn[];
  readonly rows: readonly GridRow[];
  readonly className?: string;
  /** One-line cells of fixed height: render only what is in view. */
  readonly virtual?: boolean;
  /** Enter, Space or a click on a data cell (row and column from 1) or a column header (row 0). */
  readonly onActivate: (row: number, column: number) => void;
  /** Enter or Space on a row header, or a click on its toggle. */
  readonly onToggle?: (row: number) => void;
}

interface Window {
  /** Data rows first..last (1-based, inclusive; last < first when none). */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Data columns first..last (1-based, inclusive). */
  readonly firstColumn: number;
  readonly lastColumn: number;
}

/** Rows and columns rendered beyond the visible ones, so that short scrolls show no gap. */
const OVERSCAN_ROWS = 10;
const OVERSCAN_COLUMNS = 4;
const MIN_COLUMN_PX = 44;
const MAX_COLUMN_PX = 150;
const CELL_PADDING_PX = 14;

export class Grid {
  readonly element: HTMLTableElement;
  private readonly headRow: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private active = { row: 1, column: 1 };
  private window: Window = { firstRow: 1, lastRow: 0, firstColumn: 1, lastColumn: 0 };
  /** Geometry of a virtual grid, in pixels. */
  private rowHeight = 24;
  private rowHeaderWidth = 200;
  private columnLefts: number[] = [0];
  private frame = 0;
  private readonly onScroll = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update(false);
    });
  };
  /** Milliseconds: the longest window render, the longest browser task, creation to first render. */
  readonly timings = { created: performance.now(), longestChunk: 0, longestTask: 0, complete: NaN };
  private readonly longTasks = observeLongTasks((duration) => {
    this.timings.longestTask = Math.max(this.timings.longestTask, duration);
  });

  constructor(
    private readonly model: GridModel,
    private readonly scroller: HTMLElement,
  ) {
    this.element = el('table', {
      className: `grid ${model.virtual ? 'virtual' : ''} ${model.className ?? ''}`,
      attrs: { role: 'grid', tabindex: -1, 'aria-label': model.label, 'aria-rowcount': model.rows.length + 1, 'aria-colcount': model.columns.length + 1 },
    });
    this.headRow = el('tr', { attrs: { role: 'row', 'aria-rowindex': 1 } });
    this.body = el('tbody');
    this.element.append(el('thead', {}, [this.headRow]), this.body);
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('mouseover', (event) => this.onHover(event));
    this.element.addEventListener('focusin', (event) => {
      const position = this.positionOf(event.target);
      if (position) this.markActive(position.row, position.column);
    });
    if (model.virtual) scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /** Renders what is in view, with the active cell at `focusAt` (not focused). Call once it is in the page. */
  render(focusAt: { row: number; column: number } | undefined): void {
    if (this.model.virtual) this.measure();
    const target = focusAt ? clampTo(focusAt, this.model) : { row: this.model.rows.length > 0 ? 1 : 0, column: Math.min(1, this.model.columns.length) };
    this.active = target;
    this.update(true);
    if (this.model.virtual) this.reveal(target.row, target.column);
    this.timings.complete = performance.now() - this.timings.created;
  }

  get renderedRows(): number {
    return Math.max(0, this.window.lastRow - this.window.firstRow + 1);
  }

  get totalRows(): number {
    return this.model.rows.length;
  }

  get activeCell(): { row: number; column: number } {
    return { ...this.active };
  }

  dispose(): void {
    this.scroller.removeEventListener('scroll', this.onScroll);
    cancelAnimationFrame(this.frame);
    this.longTasks?.disconnect();
  }

  /** Brings the active cell back into view (after the grid's room changed, e.g. a side panel opened). */
  revealActive(): void {
    if (!this.model.virtual) {
      this.cellElement(this.active.row, this.active.column)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return;
    }
    this.reveal(this.active.row, this.active.column);
    this.update(false);
  }

  focusCell(row: number, column: number): void {
    const target = clampTo({ row, column }, this.model);
    this.active = target;
    if (this.model.virtual) this.reveal(target.row, target.column);
    this.update(true);
    const element = this.cellElement(target.row, target.column);
    element?.focus({ preventScroll: this.model.virtual === true });
    if (!this.model.virtual) element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** The element of a cell if it is rendered (row 0: the header row; column 0: the row headers). */
  cellElement(row: number, column: number): HTMLElement | undefined {
    return this.element.querySelector<HTMLElement>(`[data-row="${row}"][data-column="${column}"]`) ?? undefined;
  }

  // ---- geometry of virtual grids -------------------------------------------------------------

  /** Fixed row height from the font; column widths from their longest text. */
  private measure(): void {
    const style = getComputedStyle(this.scroller);
    const fontSize = parseFloat(style.fontSize) || 13;
    this.rowHeight = Math.ceil(fontSize * 1.85);
    this.element.style.setProperty('--row-height', `${this.rowHeight}px`);
    const context = document.createElement('canvas').getContext('2d');
    const measureText = (text: string, weight = 'normal') => {
      if (!context) return text.length * fontSize * 0.6;
      context.font = `${weight} ${fontSize}px ${style.fontFamily}`;
      return context.measureText(text).width;
    };
    const digit = measureText('0');
    const widths = this.model.columns.map((column) => {
      const longest = column.chars ?? 4;
      const label = column.vertical ? fontSize * 1.6 : Math.min(MAX_COLUMN_PX, measureText(longestWord(column.text), '600'));
      return Math.round(Math.max(MIN_COLUMN_PX, Math.min(MAX_COLUMN_PX, Math.max(label, longest * digit * 1.1) + CELL_PADDING_PX + (column.colour ? fontSize : 0))));
    });
    this.columnLefts = [0];
    for (const width of widths) this.columnLefts.push(this.columnLefts.at(-1)! + width);
    let header = measureText(this.model.corner, '600');
    for (const row of this.model.rows) header = Math.max(header, measureText(row.header.text) + ((row.header.depth ?? 0) + 2) * fontSize * 0.9 + (row.header.colour ? fontSize : 0));
    this.rowHeaderWidth = Math.round(Math.min(320, header + CELL_PADDING_PX + 4));
    this.element.style.width = `${this.rowHeaderWidth + this.columnLefts.at(-1)!}px`;
  }

  private headerHeight(): number {
    return this.element.tHead?.offsetHeight ?? 0;
  }

  /** Scrolls so that a cell is in view (below the sticky header, right of the sticky row headers). */
  private reveal(row: number, column: number): void {
    const view = this.scroller;
    const header = this.headerHeight();
    if (row > 0) {
      const top = header + (row - 1) * this.rowHeight;
      if (top < view.scrollTop + header) view.scrollTop = top - header;
      else if (top + this.rowHeight > view.scrollTop + view.clientHeight) view.scrollTop = top + this.rowHeight - view.clientHeight;
    }
    if (column > 0) {
      const left = this.rowHeaderWidth + this.columnLefts[column - 1];
      const right = this.rowHeaderWidth + this.columnLefts[column];
      if (left < view.scrollLeft + this.rowHeaderWidth) view.scrollLeft = left - this.rowHeaderWidth;
      else if (right > view.scrollLeft + view.clientWidth) view.scrollLeft = right - view.clientWidth;
    }
  }

  private visibleWindow(): Window {
    const rows = this.model.rows.length;
    const columns = this.model.columns.length;
    if (!this.model.virtual) return { firstRow: 1, lastRow: rows, firstColumn: 1, lastColumn: columns };
    const view = this.scroller;
    const header = this.headerHeight();
    const firstRow = Math.max(1, Math.floor(view.scrollTop / this.rowHeight) + 1 - OVERSCAN_ROWS);
    const lastRow = Math.min(rows, Math.ceil((view.scrollTop + Math.max(view.clientHeight - header, this.rowHeight)) / this.rowHeight) + OVERSCAN_ROWS);
    const left = view.scrollLeft;
    const right = view.scrollLeft + Math.max(view.clientWidth - this.rowHeaderWidth, 1);
    const firstColumn = Math.max(1, countAtOrBelow(this.columnLefts, left) - OVERSCAN_COLUMNS);
    const lastColumn = Math.min(columns, countAtOrBelow(this.columnLefts, right) + OVERSCAN_COLUMNS);
    return { firstRow, lastRow, firstColumn, lastColumn };
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** Renders the rows and columns in view, when they changed (or always with `force`). */
  private update(force: boolean): void {
    const next = this.visibleWindow();
    const same = JSON.stringify(next) === JSON.stringify(this.window);
    if (same && !force) return;
    const started = performance.now();
    const hadFocus = this.element.contains(document.activeElement);
    this.window = next;
    this.renderHead();
    this.renderBody();
    const active = this.cellElement(this.active.row, this.active.column);
    if (active) {
      active.tabIndex = 0;
      if (hadFocus) active.focus({ preventScroll: true });
    } else if (hadFocus) {
      // The active cell scrolled out of the page: the table keeps the focus and the position.
      this.element.focus({ preventScroll: true });
    }
    this.timings.longestChunk = Math.max(this.timings.longestChunk, performance.now() - started);
  }

  private spacer(tag: 'td' | 'th', width: number): HTMLElement {
    const cell = document.createElement(tag);
    cell.className = 'spacer';
    cell.setAttribute('aria-hidden', 'true');
    cell.style.width = `${width}px`;
    return cell;
  }

  private renderHead(): void {
    const { firstColumn, lastColumn } = this.window;
    const virtual = this.model.virtual === true;
    const cells: HTMLElement[] = [el('th', { className: 'corner', text: this.model.corner, attrs: { role: 'columnheader', scope: 'col', 'data-row': 0, 'data-column': 0, 'aria-colindex': 1 } })];
    if (virtual) {
      cells[0].style.width = `${this.rowHeaderWidth}px`;
      cells.push(this.spacer('th', this.columnLefts[firstColumn - 1]));
    }
    for (let c = firstColumn; c <= lastColumn; c++) {
      const column = this.model.columns[c - 1];
      const sortMark = column.sorted === 'descending' ? ' ▼' : column.sorted === 'ascending' ? ' ▲' : '';
      const th = el(
        'th',
        {
          className: 'column-header',
          title: column.title ?? column.text,
          attrs: { role: 'columnheader', scope: 'col', 'aria-sort': column.sorted, 'data-row': 0, 'data-column': c, 'aria-colindex': c + 1 },
        },
        [
          column.colour !== undefined ? swatch(column.colour) : undefined,
          el('span', { className: column.vertical ? 'label vertical' : 'label', text: column.text }),
          sortMark ? el('span', { className: 'sort-mark', text: sortMark, attrs: { 'aria-hidden': 'true' } }) : undefined,
        ],
      );
      if (virtual) th.style.width = `${this.columnLefts[c] - this.columnLefts[c - 1]}px`;
      cells.push(th);
    }
    if (virtual) cells.push(this.spacer('th', this.columnLefts.at(-1)! - this.columnLefts[lastColumn]));
    this.headRow.replaceChildren(...cells);
  }

  private renderBody(): void {
    const { firstRow, lastRow } = this.window;
    const fragment = document.createDocumentFragment();
    const virtual = this.model.virtual === true;
    const spacerRow = (height: number) => {
      const tr = document.createElement('tr');
      tr.className = 'spacer-row';
      tr.setAttribute('aria-hidden', 'true');
      tr.style.height = `${height}px`;
      return tr;
    };
    if (virtual && firstRow > 1) fragment.append(spacerRow((firstRow - 1) * this.rowHeight));
    for (let index = firstRow; index <= lastRow; index++) fragment.append(this.row(this.model.rows[index - 1], index));
    if (virtual && lastRow < this.model.rows.length) fragment.append(spacerRow((this.model.rows.length - lastRow) * this.rowHeight));
    this.body.replaceChildren(fragment);
  }

  private row(row: GridRow, index: number): HTMLTableRowElement {
    const header = row.header;
    const { firstColumn, lastColumn } = this.window;
    const virtual = this.model.virtual === true;
    const toggle =
      header.expanded === undefined
        ? el('span', { className: 'toggle-space', attrs: { 'aria-hidden': 'true' } })
        : el('span', { className: 'toggle', text: header.expanded ? '▾' : '▸', attrs: { 'aria-hidden': 'true', 'data-toggle': index } });
    const th = el(
      'th',
      {
        className: 'row-header',
        title: header.title ?? header.text,
        attrs: { role: 'rowheader', scope: 'row', 'data-row': index, 'data-column': 0, 'aria-colindex': 1, 'aria-expanded': header.expanded === undefined ? undefined : String(header.expanded) },
      },
      [el('span', { className: 'indent', attrs: { 'aria-hidden': 'true' } }), toggle, header.colour !== undefined ? swatch(header.colour) : undefined, el('span', { className: 'label', text: header.text })],
    );
    th.style.setProperty('--depth', String(header.depth ?? 0));
    const tr = document.createElement('tr');
    if (row.className) tr.className = row.className;
    tr.setAttribute('role', 'row');
    tr.setAttribute('aria-rowindex', String(index + 1));
    tr.append(th);
    if (virtual) tr.append(this.spacer('td', this.columnLefts[firstColumn - 1]));
    for (let c = firstColumn; c <= lastColumn; c++) {
      const cell = row.cell(c - 1);
      const td = document.createElement('td');
      td.className = cell.className ? `cell ${cell.className}` : 'cell';
      td.setAttribute('role', 'gridcell');
      td.dataset.row = String(index);
      td.dataset.column = String(c);
      td.setAttribute('aria-colindex', String(c + 1));
      if (cell.disabled) {
        td.classList.add('disabled');
        td.setAttribute('aria-disabled', 'true');
      }
      if (cell.content) {
        td.append(...cell.content());
        td.setAttribute('aria-label', cell.text);
      } else {
        td.textContent = cell.text;
      }
      if (cell.shade !== undefined && cell.shade > 0) {
        td.style.setProperty('--shade', cell.shade.toFixed(3));
        td.classList.add('shaded');
      }
      tr.append(td);
    }
    if (virtual) tr.append(this.spacer('td', this.columnLefts.at(-1)! - this.columnLefts[lastColumn]));
    return tr;
  }

  // ---- interaction ---------------------------------------------------------------------------

  /** Moves the tab stop to a rendered cell without focusing it. */
  private markActive(row: number, column: number): void {
    const previous = this.cellElement(this.active.row, this.active.column);
    const next = this.cellElement(row, column);
    if (previous && previous !== next) previous.removeAttribute('tabindex');
    if (next) next.tabIndex = 0;
    this.active = { row, column };
  }

  private onHover(event: MouseEvent): void {
    const position = this.positionOf(event.target);
    if (!position || position.row === 0 || position.column === 0) return;
    const cell = this.cellElement(position.row, position.column);
    if (!cell || cell.hasAttribute('title')) return;
    const title = this.model.rows[position.row - 1]?.cell(position.column - 1).title;
    if (title !== undefined) cell.title = typeof title === 'function' ? title() : title;
  }

  private positionOf(target: EventTarget | null): { row: number; column: number } | undefined {
    const cell = (target as HTMLElement | null)?.closest?.<HTMLElement>('[data-row][data-column]');
    if (!cell || !this.element.contains(cell)) return undefined;
    return { row: Number(cell.dataset.row), column: Number(cell.dataset.column) };
  }

  private onKey(event: KeyboardEvent): void {
    // Keys on the table itself (its active cell scrolled away) act from the active cell.
    const position = event.target === this.element ? this.active : this.positionOf(event.target);
    if (!position) return;
    const { row, column } = position;
    const lastRow = this.model.rows.length;
    const lastColumn = this.model.columns.length;
    let target: { row: number; column: number } | undefined;
    switch (event.key) {
      case 'ArrowUp':
        target = { row: row - 1, column };
        break;
      case 'ArrowDown':
        target = { row: row + 1, column };
        break;
      case 'ArrowLeft':
        target = { row, column: column - 1 };
        break;
      case 'ArrowRight':
        target = { row, column: column + 1 };
        break;
      case 'Home':
        target = event.ctrlKey ? { row: 1, column: 0 } : { row, column: 0 };
        break;
      case 'End':
        target = event.ctrlKey ? { row: lastRow, column: lastColumn } : { row, column: lastColumn };
        break;
      case 'PageUp':
        target = { row: row - 10, column };
        break;
      case 'PageDown':
        target = { row: row + 10, column };
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.activate(row, column);
        return;
      case '+':
      case '-':
        if (column === 0 && row > 0) {
          const expanded = this.model.rows[row - 1]?.header.expanded;
          if (expanded === (event.key === '-')) this.model.onToggle?.(row);
          event.preventDefault();
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.focusCell(target.row, target.column);
  }

  private activate(row: number, column: number): void {
    if (column === 0 && row > 0) {
      if (this.model.rows[row - 1]?.header.expanded !== undefined) this.model.onToggle?.(row);
      return;
    }
    if (row > 0 && column > 0 && this.model.rows[row - 1]?.cell(column - 1).disabled) return;
    this.model.onActivate(row, column);
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const toggle = target.closest<HTMLElement>('[data-toggle]');
    if (toggle) {
      this.model.onToggle?.(Number(toggle.dataset.toggle));
      return;
    }
    const position = this.positionOf(target);
    if (!position) return;
    this.focusCell(position.row, position.column);
    if (position.column > 0 || position.row === 0) this.activate(position.row, position.column);
  }
}

/** Reports tasks longer than 50 ms (the Long Tasks API), where the browser offers it. */
function observeLongTasks(report: (duration: number) => void): PerformanceObserver | undefined {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask')) return undefined;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) report(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return observer;
}

function longestWord(text: string): string {
  return text.split(/[\s/]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

function clampTo(position: { row: number; column: number }, model: GridModel): { row: number; column: number } {
  return {
    row: Math.max(0, Math.min(position.row, model.rows.length)),
    column: Math.max(0, Math.min(position.column, model.columns.length)),
  };
}
