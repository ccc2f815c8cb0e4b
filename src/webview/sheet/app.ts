// The classification sheet in the webview: a grid with one active cell moved by the arrow keys;
// Enter or F2 (or typing) opens an editor in the cell (a select for choices and yes/no), Enter
// saves, Tab saves and moves right, Escape cancels, Delete empties. The extension checks and writes
// each value; a refused value keeps the editor open with the reason shown.
import type { HostMessage, SheetColumn, SheetData, SheetMode, SheetReport, SheetStrings, TestAction, WebviewMessage } from '../../shared/sheet-protocol';
import { button, clear, el, select } from '../shared/dom';
import { answerTest } from '../shared/test-mode';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

interface Position {
  row: number;
  column: number;
}

interface OpenEditor {
  readonly at: Position;
  readonly control: HTMLInputElement | HTMLSelectElement;
}

export class SheetApp {
  private strings: SheetStrings | undefined;
  private data: SheetData | undefined;
  private active: Position = { row: 0, column: 0 };
  private editor: OpenEditor | undefined;
  private requestId = 0;
  private readonly pending = new Map<number, (error: string | undefined) => void>();

  private readonly toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } });
  private readonly message = el('div', { className: 'message', attrs: { role: 'alert', 'aria-live': 'assertive' } });
  private readonly help = el('div', { className: 'help' });
  private readonly host = el('div', { className: 'grid-host' });

  constructor(
    private readonly vscode: VsCodeApi,
    root: HTMLElement,
  ) {
    root.append(this.toolbar, this.help, this.message, this.host);
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => void this.receive(event.data));
    const saved = vscode.getState() as { mode?: SheetMode } | undefined;
    this.post({ type: 'ready', mode: saved?.mode ?? null });
  }

  private get s(): SheetStrings {
    if (!this.strings) throw new Error('not initialised');
    return this.strings;
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private async receive(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'init':
        this.strings = message.strings;
        this.show(message.data);
        return;
      case 'data':
        this.show(message.data);
        return;
      case 'edited':
        this.pending.get(message.requestId)?.(message.error);
        this.pending.delete(message.requestId);
        return;
      case 'query':
      case 'act':
        await answerTest(message, (answer) => this.post(answer), () => this.report(), (action) => this.act(action));
        return;
    }
  }

  /** New data: the grid is drawn again, keeping the active cell (and an open editor's text). */
  private show(data: SheetData): void {
    const previousKey = this.data?.rows[this.active.row]?.key;
    const previousColumn = this.data?.columns[this.active.column]?.name;
    const modeChanged = this.data?.mode !== data.mode;
    this.data = data;
    this.vscode.setState({ mode: data.mode });
    const row = data.rows.findIndex((r) => r.key === previousKey);
    const column = data.columns.findIndex((c) => c.name === previousColumn);
    this.active = { row: Math.max(0, row), column: Math.max(0, column) };
    const editing = this.editor && !modeChanged ? { at: this.active, value: this.editor.control.value } : undefined;
    this.editor = undefined;
    this.renderToolbar();
    this.renderGrid();
    if (editing) this.openEditor(editing.value);
  }

  private renderToolbar(): void {
    const data = this.data!;
    clear(this.toolbar);
    this.toolbar.append(
      select('mode', this.s.rowsLabel, [['documents', this.s.documents], ['cases', this.s.cases]], data.mode, (mode) => {
        this.editor = undefined;
        this.post({ type: 'mode', mode: mode as SheetMode });
      }),
      button(this.s.addAttribute, () => this.post({ type: 'command', command: 'addAttribute' }), { testId: 'addAttribute' }),
      button(this.s.importCsv, () => this.post({ type: 'command', command: 'importCsv' }), { testId: 'importCsv' }),
      button(this.s.openFile, () => this.post({ type: 'command', command: 'openFile' }), { testId: 'openFile' }),
    );
    this.help.textContent = this.s.help;
    const notes = [data.problem, data.looseDocuments > 0 ? this.s.looseDocuments.replace('{0}', String(data.looseDocuments)) : undefined].filter(Boolean);
    this.message.textContent = notes.join(' ');
  }

  private renderGrid(): void {
    const data = this.data!;
    clear(this.host);
    if (data.rows.length === 0) {
      this.host.append(el('p', { className: 'empty', text: this.s.empty }));
      return;
    }
    const headers = el('tr', {}, [
      el('th', { text: data.mode === 'cases' ? this.s.case : this.s.document, attrs: { scope: 'col' } }),
      ...data.columns.map((c) => el('th', { text: c.name, title: c.type + (c.values ? `: ${c.values.join(', ')}` : ''), attrs: { scope: 'col', 'data-type': c.type } })),
    ]);
    const body = data.rows.map((row, r) =>
      el('tr', {}, [
        el('th', { text: row.label, title: row.group ? `${row.group} · ${row.key}` : row.key, attrs: { scope: 'row' } }),
        ...data.columns.map((column, c) => {
          const cell = row.cells[column.name];
          const td = el('td', {
            className: `cell${cell && !cell.own ? ' inherited' : ''}${column.type === 'number' ? ' num' : ''}`,
            text: cell?.text ?? '',
            title: cell && !cell.own ? this.s.inherited : undefined,
            attrs: { role: 'gridcell', tabindex: -1, 'data-row': r, 'data-column': c },
          });
          td.addEventListener('click', () => this.moveTo({ row: r, column: c }));
          td.addEventListener('dblclick', () => this.openEditor());
          return td;
        }),
      ]),
    );
    const table = el('table', { className: 'sheet', attrs: { role: 'grid', 'aria-readonly': data.problem ? 'true' : undefined } }, [el('thead', {}, [headers]), el('tbody', {}, body)]);
    table.addEventListener('keydown', (event) => this.onKey(event));
    this.host.append(table);
    this.markActive(false);
  }

  private cellElement(at: Position): HTMLTableCellElement | null {
    return this.host.querySelector(`td[data-row="${at.row}"][data-column="${at.column}"]`);
  }

  private markActive(focus: boolean): void {
    for (const td of this.host.querySelectorAll('td.active')) {
      td.classList.remove('active');
      td.setAttribute('tabindex', '-1');
    }
    const td = this.cellElement(this.active);
    if (!td) return;
    td.classList.add('active');
    td.setAttribute('tabindex', '0');
    if (focus) {
      td.focus();
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private moveTo(at: Position): void {
    const data = this.data;
    if (!data || data.rows.length === 0 || data.columns.length === 0) return;
    this.active = { row: clamp(at.row, data.rows.length - 1), column: clamp(at.column, data.columns.length - 1) };
    this.markActive(true);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.editor) return this.onEditorKey(event);
    const { row, column } = this.active;
    const moves: Record<string, Position> = {
      ArrowUp: { row: row - 1, column },
      ArrowDown: { row: row + 1, column },
      ArrowLeft: { row, column: column - 1 },
      ArrowRight: { row, column: column + 1 },
      Home: { row, column: 0 },
      End: { row, column: Number.MAX_SAFE_INTEGER },
      Tab: { row, column: event.shiftKey ? column - 1 : column + 1 },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.moveTo(move);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.openEditor();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      void this.save(this.active, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing starts an edit with what was typed, as in a spreadsheet.
      event.preventDefault();
      this.openEditor(event.key);
    }
  }

  private onEditorKey(event: KeyboardEvent): void {
    const editor = this.editor!;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closeEditor();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const next = event.key === 'Tab' ? { row: editor.at.row, column: editor.at.column + (event.shiftKey ? -1 : 1) } : editor.at;
      void this.commit(next);
    }
  }

  private column(at: Position): SheetColumn | undefined {
    return this.data?.columns[at.column];
  }

  private openEditor(initial?: string): void {
    const data = this.data;
    const column = this.column(this.active);
    const row = data?.rows[this.active.row];
    const td = this.cellElement(this.active);
    if (!data || !column || !row || !td || data.problem) return;
    const current = row.cells[column.name];
    const value = initial ?? (current?.own ? current.text : '');
    let control: HTMLInputElement | HTMLSelectElement;
    if (column.type === 'choice' || column.type === 'boolean') {
      const options = column.type === 'boolean' ? ['true', 'false'] : [...(column.values ?? [])];
      control = el('select', { attrs: { 'aria-label': column.name } });
      for (const option of ['', ...options]) control.append(Object.assign(el('option', { text: option }), { value: option }));
      // A typed letter picks the first value starting with it.
      const match = options.find((o) => o === value) ?? (initial ? options.find((o) => o.toLowerCase().startsWith(initial.toLowerCase())) : undefined);
      control.value = match ?? '';
    } else {
      control = el('input', { attrs: { type: 'text', 'aria-label': column.name, inputmode: column.type === 'number' ? 'decimal' : undefined, placeholder: column.type === 'date' ? 'YYYY-MM-DD' : undefined } });
      control.value = value;
    }
    control.addEventListener('blur', () => {
      if (this.editor?.control === control && document.activeElement !== control) void this.commit(this.editor.at, false);
    });
    clear(td);
    td.classList.add('editing');
    td.append(control);
    this.editor = { at: { ...this.active }, control };
    control.focus();
    if (control instanceof HTMLInputElement) control.setSelectionRange(control.value.length, control.value.length);
  }

  private closeEditor(): void {
    this.editor = undefined;
    this.renderGrid();
    this.markActive(true);
  }

  /** Saves the open editor's value; on success the editor closes and the active cell moves to `next`. */
  private async commit(next: Position, focus = true): Promise<void> {
    const editor = this.editor;
    if (!editor) return;
    const row = this.data?.rows[editor.at.row];
    const column = this.column(editor.at);
    const before = row && column ? row.cells[column.name] : undefined;
    const text = editor.control.value;
    if (text === (before?.own ? before.text : '')) {
      this.editor = undefined;
      this.renderGrid();
      if (focus) this.moveTo(next);
      return;
    }
    const error = await this.save(editor.at, text);
    // New data may have drawn the grid again meanwhile, with a new editor holding the same text.
    if (error === undefined) {
      this.editor = undefined;
      this.renderGrid();
      if (focus) this.moveTo(next);
    } else if (this.editor !== editor) {
      this.active = editor.at;
      this.openEditor(text);
    } else if (focus) editor.control.focus();
  }

  /** Asks the extension to write one cell; resolves with the refusal's reason, if any. */
  private save(at: Position, text: string): Promise<string | undefined> {
    const data = this.data;
    const row = data?.rows[at.row];
    const column = this.column(at);
    if (!data || !row || !column) return Promise.resolve(undefined);
    const requestId = ++this.requestId;
    this.message.textContent = this.s.saving;
    this.message.classList.remove('error');
    this.post({ type: 'edit', requestId, mode: data.mode, key: row.key, attribute: column.name, text });
    return new Promise((resolve) => {
      this.pending.set(requestId, (error) => {
        this.message.textContent = error ?? this.s.saved;
        this.message.classList.toggle('error', error !== undefined);
        this.cellElement(at)?.classList.toggle('invalid', error !== undefined);
        resolve(error);
      });
    });
  }

  private report(): SheetReport {
    const data = this.data;
    const row = data?.rows[this.active.row];
    const column = data?.columns[this.active.column];
    return {
      mode: data?.mode ?? 'documents',
      columns: data?.columns.map((c) => c.name) ?? [],
      rows: data?.rows.map((r) => r.key) ?? [],
      cells: [...this.host.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.querySelector('input, select') ? '' : (td.textContent ?? '')))),
      active: row && column ? { row: row.key, column: column.name } : null,
      editor: this.editor ? (this.editor.control instanceof HTMLSelectElement ? 'select' : 'input') : null,
      message: this.message.textContent ?? '',
      pending: this.pending.size,
    };
  }

  /** Test support: the same events a person's keyboard sends, dispatched at the focused element. */
  private async act(action: TestAction): Promise<void> {
    const data = this.data;
    if (!data) throw new Error('The sheet has no data yet.');
    switch (action.kind) {
      case 'mode':
        this.editor = undefined;
        this.post({ type: 'mode', mode: action.mode });
        return;
      case 'focus': {
        const row = data.rows.findIndex((r) => r.key === action.row);
        const column = data.columns.findIndex((c) => c.name === action.column);
        if (row === -1 || column === -1) throw new Error(`No cell ${action.row} / ${action.column}.`);
        this.moveTo({ row, column });
        return;
      }
      case 'key': {
        const target = this.editor?.control ?? this.cellElement(this.active);
        if (!target) throw new Error('No active cell.');
        target.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, shiftKey: action.shift === true, bubbles: true, cancelable: true }));
        return;
      }
      case 'type': {
        const control = this.editor?.control;
        if (!control) throw new Error('No cell is being edited.');
        control.value = control instanceof HTMLSelectElement ? action.text : control.value + action.text;
        control.dispatchEvent(new Event('input', { bubbles: true }));
        return;
      }
    }
  }
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}
