// The agreement webview: the controls (sides, documents, unit, roll-up, codes), a status line with
// progress, the table, and what was not counted. Every change asks the extension for figures; an
// answer to an older request is ignored. The choice is kept with setState for a reload.
import {
  AGREEMENT_UNITS,
  DEFAULT_CHOICE,
  counted,
  fill,
  type AgreementChoice,
  type AgreementOptionsInfo,
  type AgreementOutcome,
  type AgreementStrings,
  type AgreementUnit,
  type AgreementWebviewReport,
  type DocumentScope,
  type HostMessage,
  type SideSpec,
  type TestAction,
  type WebviewMessage,
} from '../../shared/agreement-protocol';
import { button, checkbox, clear, el, select } from '../shared/dom';
import { answerTest, clickTestElement } from '../shared/test-mode';
import { agreementTable, flatHeaders, notices } from './table';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

interface PersistedState {
  readonly choice: AgreementChoice;
}

const UNIT_LABELS: Record<AgreementUnit, keyof AgreementStrings> = {
  character: 'unitCharacter',
  word: 'unitWord',
  sentence: 'unitSentence',
  paragraph: 'unitParagraph',
  turn: 'unitTurn',
  document: 'unitDocument',
};

export class AgreementApp {
  private strings: AgreementStrings | undefined;
  private options: AgreementOptionsInfo | undefined;
  private choice: AgreementChoice;
  private outcome: AgreementOutcome | undefined;
  private busy = false;
  private progress = '';
  private requestId = 0;
  private latestRequest = 0;

  private readonly ownScripts = new Set(document.querySelectorAll('script'));
  private readonly controls = el('div', { className: 'controls', attrs: { role: 'toolbar' } });
  private readonly explanation = el('div', { className: 'explanation' });
  private readonly status = el('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly refusal = el('div', { className: 'refusal', attrs: { role: 'alert' } });
  private readonly tableHost = el('div', { className: 'table-host' });
  private readonly noticeHost = el('div', { className: 'notices' });

  constructor(
    private readonly vscode: VsCodeApi,
    root: HTMLElement,
  ) {
    const saved = vscode.getState() as Partial<PersistedState> | undefined;
    this.choice = { ...DEFAULT_CHOICE, ...(saved?.choice ?? {}) };
    root.append(this.controls, this.explanation, this.status, this.refusal, this.tableHost, this.noticeHost);
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => this.receive(event.data));
    this.post({ type: 'ready', choice: saved?.choice ?? null });
  }

  private get s(): AgreementStrings {
    if (!this.strings) throw new Error('not initialised');
    return this.strings;
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.strings = message.strings;
        this.options = message.options;
        this.choice = message.choice;
        this.renderControls();
        this.renderExplanation();
        this.request();
        return;
      case 'options':
        // Re-rendering would drop what is being typed into a field: only when the offer changed.
        if (JSON.stringify(message.options) !== JSON.stringify(this.options)) {
          this.options = message.options;
          this.renderControls();
        }
        this.request();
        return;
      case 'choose':
        this.choice = { ...this.choice, ...message.choice };
        this.renderControls();
        this.request();
        return;
      case 'progress':
        if (message.requestId !== this.latestRequest) return;
        this.progress = message.message;
        this.renderStatus();
        return;
      case 'outcome':
        if (message.requestId !== this.latestRequest) return;
        this.busy = false;
        this.outcome = message.outcome;
        this.renderOutcome();
        return;
      case 'query':
      case 'act':
        void answerTest(message, (answer) => this.post(answer), () => this.report(), (action) => this.act(action));
        return;
    }
  }

  /** Asks for the figures of the current choice; the answer to any earlier request will be ignored. */
  private request(): void {
    this.latestRequest = ++this.requestId;
    this.busy = true;
    this.progress = '';
    this.vscode.setState({ choice: this.choice } satisfies PersistedState);
    this.post({ type: 'compute', requestId: this.latestRequest, choice: this.choice });
    this.renderStatus();
  }

  private change(change: Partial<AgreementChoice>): void {
    this.choice = { ...this.choice, ...change };
    this.renderControls();
    this.request();
  }

  private setSide(index: number, side: SideSpec): void {
    this.change({ sides: this.choice.sides.map((existing, i) => (i === index ? side : existing)) });
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderControls(): void {
    const s = this.s;
    const options = this.options;
    clear(this.controls);
    if (!options?.open) return;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;

    const coderList = el('datalist', { attrs: { id: 'coder-list' } }, options.coders.map((coder) => el('option', { attrs: { value: coder } })));
    const refList = el('datalist', { attrs: { id: 'ref-list' } }, [
      ...options.branches.map((ref) => el('option', { attrs: { value: ref, label: s.branches } })),
      ...options.tags.map((ref) => el('option', { attrs: { value: ref, label: s.tags } })),
    ]);
    const sides = el('fieldset', { className: 'sides' }, [el('legend', { text: s.sides }), coderList, refList]);
    this.choice.sides.forEach((side, index) => {
      const label = fill(s.side, index + 1);
      const coder = el('input', { attrs: { type: 'text', list: 'coder-list', 'data-control': 'coder', 'data-focus-key': `coder-${index}`, 'aria-label': `${label}: ${s.coder}`, placeholder: s.coder } });
      coder.value = side.coder;
      coder.addEventListener('change', () => this.setSide(index, { ...side, coder: coder.value.trim() }));
      const ref = el('input', { attrs: { type: 'text', list: 'ref-list', 'data-control': 'ref', 'data-focus-key': `ref-${index}`, 'aria-label': `${label}: ${s.ref}`, placeholder: s.workingTree, disabled: !options.trusted } });
      ref.value = side.ref ?? '';
      ref.addEventListener('change', () => {
        const value = ref.value.trim();
        this.setSide(index, value === '' ? { coder: side.coder } : { coder: side.coder, ref: value });
      });
      const remove = this.choice.sides.length > 2 ? button('×', () => this.change({ sides: this.choice.sides.filter((_, i) => i !== index) }), { title: fill(s.removeSide, index + 1), className: 'icon', testId: 'remove-side' }) : undefined;
      sides.append(el('div', { className: 'side' }, [el('span', { className: 'side-label', text: label }), coder, el('span', { text: '@', className: 'at', attrs: { 'aria-hidden': 'true' } }), ref, remove]));
    });
    sides.append(
      button(s.addSide, () => {
        const used = new Set(this.choice.sides.map((side) => side.coder));
        this.change({ sides: [...this.choice.sides, { coder: options.coders.find((coder) => !used.has(coder)) ?? options.coders[0] ?? '' }] });
      }, { testId: 'add-side' }),
    );
    if (!options.trusted) sides.append(el('p', { className: 'hint', text: s.untrusted }));

    const scope = this.choice.scope;
    const documents = el('fieldset', {}, [
      el('legend', { text: s.documents }),
      select('scope', s.documents, [['all', s.allDocuments], ['cases', s.byCase], ['documents', s.chosenDocuments]], scope.kind, (kind) => this.change({ scope: emptyScope(kind) })),
      scope.kind === 'cases' && multiSelect('cases', s.byCase, options.cases.map((c) => [c.id, c.name]), scope.cases, (cases) => this.change({ scope: { kind: 'cases', cases } })),
      scope.kind === 'documents' && multiSelect('documents', s.chosenDocuments, options.documents.map((d) => [d, d]), scope.documents, (chosen) => this.change({ scope: { kind: 'documents', documents: chosen } })),
    ]);

    const codeOptions = options.codes.filter((code) => !this.choice.rollUp || code.depth === 0).map((code): [string, string] => [code.id, `${'\u00a0\u00a0'.repeat(code.depth)}${code.name}`]);
    const codes = el('fieldset', {}, [
      el('legend', { text: s.codes }),
      select('unit', s.unit, AGREEMENT_UNITS.map((unit): [string, string] => [unit, s[UNIT_LABELS[unit]]]), this.choice.unit, (unit) => this.change({ unit: unit as AgreementUnit })),
      checkbox('rollUp', s.rollUp, this.choice.rollUp, (rollUp) => this.change({ rollUp, codes: null })),
      select('codeScope', s.codes, [['all', s.allCodesUsed], ['chosen', s.chooseCodes]], this.choice.codes === null ? 'all' : 'chosen', (kind) => this.change({ codes: kind === 'all' ? null : [] })),
      this.choice.codes !== null && multiSelect('codes', s.chooseCodes, codeOptions, this.choice.codes, (chosen) => this.change({ codes: chosen })),
    ]);

    const actions = el('div', { className: 'actions' }, [
      button(s.exportCsv, () => this.post({ type: 'command', command: 'exportCsv' }), { testId: 'export-csv' }),
      button(s.exportMarkdown, () => this.post({ type: 'command', command: 'exportMarkdown' }), { testId: 'export-markdown' }),
      button(s.copyMarkdown, () => this.post({ type: 'command', command: 'copyMarkdown' }), { testId: 'copy-markdown' }),
    ]);
    this.controls.append(sides, documents, codes, actions);
    // Re-rendering keeps the keyboard where it was.
    if (focused) this.controls.querySelector<HTMLElement>(`[data-focus-key="${focused}"]`)?.focus();
  }

  private renderExplanation(): void {
    const s = this.s;
    this.explanation.replaceChildren(el('p', { text: s.allUnitsExplained }), el('p', { text: s.codedUnitsExplained }), el('p', { text: s.unitizingExplained }));
  }

  private renderStatus(): void {
    const s = this.s;
    const outcome = this.outcome;
    this.tableHost.classList.toggle('stale', this.busy);
    this.tableHost.setAttribute('aria-busy', String(this.busy));
    if (this.busy) this.status.textContent = this.progress || s.computing;
    else if (outcome?.kind === 'result') this.status.textContent = fill(s.status, counted(outcome.documents, s.oneDocument, s.documentsCount), outcome.documentsCodedByAll, s[UNIT_LABELS[outcome.unit]], outcome.milliseconds);
    else this.status.textContent = '';
  }

  private renderOutcome(): void {
    const s = this.s;
    const outcome = this.outcome;
    this.renderStatus();
    clear(this.tableHost);
    clear(this.noticeHost);
    this.refusal.textContent = outcome?.kind === 'refused' ? outcome.message : '';
    this.refusal.hidden = outcome?.kind !== 'refused';
    if (outcome?.kind !== 'result') return;
    this.tableHost.append(agreementTable(outcome, s, (code) => this.post({ type: 'showDisagreements', code })));
    const lines = notices(outcome, s, fill);
    if (lines.length > 0) this.noticeHost.append(el('h2', { text: s.notCounted }), el('ul', {}, lines.map((line) => el('li', { text: line }))));
  }

  // ---- test support ------------------------------------------------------------------------

  private report(): AgreementWebviewReport {
    const outcome = this.outcome;
    const rows = [...this.tableHost.querySelectorAll('tbody tr')].map((tr) => ({
      name: tr.querySelector('th .name')?.textContent ?? '',
      cells: [...tr.querySelectorAll('td.num')].map((td) => td.textContent ?? ''),
    }));
    return {
      page: performance.timeOrigin,
      choice: this.choice,
      busy: this.busy,
      status: this.status.textContent ?? '',
      refusal: this.refusal.hidden ? '' : (this.refusal.textContent ?? ''),
      sides: outcome?.kind === 'result' ? outcome.sides : [],
      columnHeaders: outcome?.kind === 'result' && this.strings ? flatHeaders(outcome, this.strings) : [],
      rows,
      disagreementButtons: this.tableHost.querySelectorAll('[data-test="show-disagreements"]:not(:disabled)').length,
      notices: [...this.noticeHost.querySelectorAll('li')].map((li) => li.textContent ?? ''),
      dom: {
        images: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].filter((script) => !this.ownScripts.has(script)).length,
        iframes: document.querySelectorAll('iframe').length,
        inlineHandlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((a) => /^on/i.test(a.name))).length,
      },
    };
  }

  private act(action: TestAction): void {
    switch (action.kind) {
      case 'control': {
        const found = document.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[data-control="${action.control}"]`)[action.index ?? 0];
        if (!found) throw new Error(`no control ${action.control}`);
        if (found instanceof HTMLInputElement && found.type === 'checkbox') found.checked = action.value === true;
        else if (found instanceof HTMLSelectElement && found.multiple) {
          const chosen = new Set(String(action.value).split('\n'));
          for (const option of found.options) option.selected = chosen.has(option.value);
        } else found.value = String(action.value);
        found.dispatchEvent(new Event('change'));
        return;
      }
      case 'click':
        clickTestElement(action.testId, action.index);
        return;
    }
  }
}

function emptyScope(kind: string): DocumentScope {
  return kind === 'cases' ? { kind: 'cases', cases: [] } : kind === 'documents' ? { kind: 'documents', documents: [] } : { kind: 'all' };
}

/** A list box of which several can be chosen (Ctrl/Shift with arrows or a click). */
function multiSelect(control: string, label: string, options: readonly (readonly [string, string])[], chosen: readonly string[], onChange: (values: string[]) => void): HTMLElement {
  const id = `control-${control}`;
  const selected = new Set(chosen);
  const list = el('select', { attrs: { id, multiple: true, size: Math.min(8, Math.max(3, options.length)), 'data-control': control, 'data-focus-key': control } });
  for (const [value, text] of options) {
    const option = el('option', { text });
    option.value = value;
    option.selected = selected.has(value);
    list.append(option);
  }
  list.addEventListener('change', () => onChange([...list.selectedOptions].map((option) => option.value)));
  return el('span', { className: 'control multi' }, [el('label', { text: label, attrs: { for: id, class: 'visually-hidden' } }), list]);
}
