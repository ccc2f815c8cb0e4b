// The search webview: the keyword-in-context concordance (keyword aligned in a column, sortable by
// the words around it, each line opening at its place), word frequencies per group (a sortable
// table and a bar chart) and the comparison of two groups (counts, relative frequencies,
// log-likelihood, effect sizes). Keyboard: Tab reaches the table, arrow keys move between rows,
// Enter opens a line or shows a word in context.
import type { ConcordanceRow, HostMessage, KwicSort, PanelContent, SearchStrings, SearchWebviewReport, WebviewMessage } from '../../shared/search-protocol';
import { button, checkbox, clear, el, select } from '../shared/dom';
import { answerTest } from '../shared/test-mode';
import { barChart } from './chart';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

type TableSort = { readonly column: number; readonly descending: boolean };

export class SearchApp {
  private content: PanelContent | undefined;
  private strings: SearchStrings | undefined;
  private group = 0;
  private tableSort: TableSort = { column: 1, descending: true };

  constructor(
    private readonly vscode: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => this.receive(event.data));
    this.vscode.postMessage({ type: 'ready' });
  }

  private receive(message: HostMessage): void {
    if (message.type === 'show') {
      const kindChanged = this.content?.kind !== message.content.kind || this.content.title !== message.content.title;
      this.content = message.content;
      this.strings = message.strings;
      if (kindChanged) {
        this.group = 0;
        this.tableSort = { column: message.content.kind === 'comparison' ? 5 : 1, descending: true };
      }
      this.render();
    } else if (message.type === 'query') {
      // The search webview takes no actions: only `query` comes, so only reports go back.
      void answerTest(message, (answer) => answer.type === 'report' && this.vscode.postMessage(answer), () => this.report());
    }
  }

  private get s(): SearchStrings {
    return this.strings!;
  }

  private render(): void {
    clear(this.root);
    const content = this.content;
    if (!content) return;
    this.root.append(el('h1', { text: content.title }));
    if (content.kind === 'concordance') this.renderConcordance(content);
    else if (content.kind === 'frequencies') this.renderFrequencies(content);
    else this.renderComparison(content);
  }

  private renderConcordance(content: Extract<PanelContent, { kind: 'concordance' }>): void {
    const s = this.s;
    const sorts: [KwicSort, string][] = [
      ['document', s.sortDocument], ['left2', s.sortLeft2], ['left1', s.sortLeft1], ['keyword', s.sortKeyword], ['right1', s.sortRight1], ['right2', s.sortRight2],
    ];
    const sortTo = (sort: KwicSort, descending: boolean) => this.vscode.postMessage({ type: 'sort', sort, descending });
    this.root.append(
      el('div', { className: 'controls', attrs: { role: 'toolbar' } }, [
        select('sort', s.sortBy, sorts, content.sort, (value) => sortTo(value as KwicSort, content.descending)),
        checkbox('descending', s.descending, content.descending, (checked) => sortTo(content.sort, checked)),
        button(s.exportCsv, () => this.vscode.postMessage({ type: 'exportCsv' }), { testId: 'export' }),
        el('span', { className: 'status', text: content.rows.length === 0 ? s.noHits : s.hits.replace('{0}', String(content.rows.length)), attrs: { role: 'status' } }),
      ]),
    );
    const table = el('table', { className: 'kwic', attrs: { 'aria-label': s.concordanceLabel } }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: s.document }), el('th', { text: s.line, className: 'num' }), el('th', { text: s.left, className: 'left' }), el('th', { text: s.keyword, className: 'keyword' }), el('th', { text: s.right })])]),
    ]);
    const body = el('tbody');
    content.rows.forEach((row: ConcordanceRow, index) => {
      const tr = el('tr', { className: 'row', attrs: { tabindex: index === 0 ? 0 : -1, 'data-index': index } }, [
        el('td', { className: 'doc', text: row.path.slice(row.path.lastIndexOf('/') + 1), title: row.path }),
        el('td', { className: 'num', text: String(row.line) }),
        el('td', { className: 'left' }, [el('span', { text: row.left })]),
        el('td', { className: 'keyword', text: row.keyword }),
        el('td', { className: 'right', text: row.right }),
      ]);
      tr.addEventListener('click', () => this.vscode.postMessage({ type: 'open', index }));
      body.append(tr);
    });
    rowKeys(body, (tr) => this.vscode.postMessage({ type: 'open', index: Number(tr.dataset.index) }));
    table.append(body);
    this.root.append(el('div', { className: 'table-host' }, [table]));
  }

  private renderFrequencies(content: Extract<PanelContent, { kind: 'frequencies' }>): void {
    const s = this.s;
    const group = content.groups[Math.min(this.group, content.groups.length - 1)];
    if (content.groups.length > 1) {
      this.root.append(
        el('div', { className: 'controls', attrs: { role: 'toolbar' } }, [
          select('group', s.group, content.groups.map((g, i) => [String(i), g.name] as [string, string]), String(this.group), (value) => {
            this.group = Number(value);
            this.render();
          }),
        ]),
      );
    }
    if (!group) return;
    this.root.append(el('p', { className: 'status', text: `${group.name}: ${s.words.replace('{0}', group.tokens.toLocaleString())}` }));
    const top = group.rows.slice(0, 25);
    this.root.append(barChart(s.chart.replace('{0}', String(top.length)), top.map((r) => ({ label: r.word, value: r.count })), (word) => this.showWord(word)));
    const per = s.perThousand.replace('{0}', content.per.toLocaleString());
    this.table(
      [s.word, s.count, per],
      group.rows.map((r) => [r.word, r.count, r.relative]),
      [0, 0, 2],
    );
  }

  private renderComparison(content: Extract<PanelContent, { kind: 'comparison' }>): void {
    const s = this.s;
    const per = s.perThousand.replace('{0}', content.per.toLocaleString());
    this.root.append(
      el('p', { className: 'status', text: `${content.groupA}: ${s.words.replace('{0}', content.tokensA.toLocaleString())} · ${content.groupB}: ${s.words.replace('{0}', content.tokensB.toLocaleString())}` }),
      el('p', { className: 'explanation', text: s.significant }),
    );
    const key = content.rows.filter((r) => r.direction !== 0).slice(0, 20);
    this.root.append(
      barChart(
        s.moreIn,
        key.map((r) => ({ label: r.word, value: r.direction * r.logLikelihood, note: r.direction > 0 ? content.groupA : content.groupB })),
        (word) => this.showWord(word),
      ),
    );
    this.table(
      [s.word, `${content.groupA}: ${s.count}`, `${content.groupA}: ${per}`, `${content.groupB}: ${s.count}`, `${content.groupB}: ${per}`, s.logLikelihood, s.moreFrequentIn, s.percentDiff, s.logRatio],
      content.rows.map((r) => [r.word, r.countA, r.relativeA, r.countB, r.relativeB, r.logLikelihood, r.direction > 0 ? content.groupA : r.direction < 0 ? content.groupB : '', r.percentDiff ?? Infinity, r.logRatio]),
      [0, 0, 2, 0, 2, 2, 0, 1, 2],
    );
  }

  /** A sortable table: click or Enter on a header sorts by it; Enter on a row shows its word in context. */
  private table(headers: readonly string[], rows: readonly (readonly (string | number)[])[], decimals: readonly number[]): void {
    const { column, descending } = this.tableSort;
    const sorted = rows.slice().sort((a, b) => {
      const x = a[column];
      const y = b[column];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (descending ? -order : order) || String(a[0]).localeCompare(String(b[0]));
    });
    const head = el('tr', {}, headers.map((header, i) => {
      const th = el('th', { className: i === 0 ? '' : 'num', attrs: { 'aria-sort': i === column ? (descending ? 'descending' : 'ascending') : 'none' } }, [
        button(`${header}${i === column ? (descending ? ' ▼' : ' ▲') : ''}`, () => {
          this.tableSort = { column: i, descending: i === column ? !descending : i !== 0 };
          this.render();
        }, { className: 'sort' }),
      ]);
      return th;
    }));
    const body = el('tbody');
    sorted.forEach((row, index) => {
      const tr = el('tr', { className: 'row', attrs: { tabindex: index === 0 ? 0 : -1, 'data-word': String(row[0]) }, title: this.s.showInContext.replace('{0}', String(row[0])) },
        row.map((value, i) => el('td', { className: i === 0 ? 'word' : typeof value === 'number' ? 'num' : '', text: format(value, decimals[i]) })));
      tr.addEventListener('click', () => this.showWord(String(row[0])));
      body.append(tr);
    });
    rowKeys(body, (tr) => this.showWord(tr.dataset.word ?? ''));
    this.root.append(el('div', { className: 'table-host' }, [el('table', { className: 'frequencies', attrs: { 'aria-label': this.s.tableLabel } }, [el('thead', {}, [head]), body])]));
  }

  private showWord(word: string): void {
    if (word) this.vscode.postMessage({ type: 'word', word });
  }

  private report(): SearchWebviewReport {
    const content = this.content;
    const rows = [...this.root.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      // The concordance reports the full path, not the file name shown.
      if (content?.kind === 'concordance') cells[0] = (tr.querySelector('td.doc') as HTMLElement | null)?.title ?? cells[0];
      return cells;
    });
    return { kind: content?.kind ?? 'empty', title: content?.title ?? '', rows };
  }
}

function format(value: string | number, decimals: number | undefined): string {
  if (typeof value === 'string') return value;
  if (value === Infinity) return '∞';
  return value.toLocaleString(undefined, { minimumFractionDigits: decimals ?? 0, maximumFractionDigits: decimals ?? 0 });
}

/** Up and down (Home, End) move the focus between rows; Enter and Space act on the row. */
function rowKeys(body: HTMLElement, act: (row: HTMLElement) => void): void {
  body.addEventListener('keydown', (event) => {
    const row = (event.target as HTMLElement).closest('tr');
    if (!row) return;
    const rows = [...body.querySelectorAll('tr')];
    const index = rows.indexOf(row);
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? rows.length - 1 : undefined;
    if (next !== undefined) {
      event.preventDefault();
      const target = rows[Math.max(0, Math.min(rows.length - 1, next))];
      row.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      act(row);
    }
  });
}
