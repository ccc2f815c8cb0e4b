// The editor of a framework matrix cell in the side panel: its rating, summary and evidence
// (linked segments, and suggestions to link). Changes stay a draft until saved; a draft with
// changes survives fresh data, so a refresh never throws away what the researcher typed.
import {
  fill,
  type CellEdit,
  type DrillTarget,
  type FrameworkData,
  type HostMessage,
  type SegmentData,
  type WebviewMessage,
  type WebviewStrings,
} from '../../shared/comparison-protocol';
import { button, clear, el } from '../shared/dom';
import { ratingTone } from './models';
import { segmentElement } from './segment';
import type { Drill } from './state';

type FrameworkTarget = Extract<DrillTarget, { kind: 'framework' }>;

interface Draft {
  rating: string | null;
  summary: string;
  evidence: string[];
  dirty: boolean;
}

export interface CellEditorHost {
  readonly strings: () => WebviewStrings;
  readonly post: (message: WebviewMessage) => void;
  readonly nextRequestId: () => number;
  /** Saves the draft of the cell open now, against the data shown now. */
  readonly save: () => void;
  /** Renders the side panel again (after a revert). */
  readonly rerender: () => void;
  readonly openSegment: (segment: SegmentData) => void;
}

export class CellEditor {
  private draft: Draft | undefined;
  private status = '';
  private statusLine: HTMLElement | undefined;
  private latestRequest = 0;

  constructor(private readonly host: CellEditorHost) {}

  /** Whether the draft holds changes not saved yet. */
  get dirty(): boolean {
    return this.draft?.dirty ?? false;
  }

  /** Drops the draft: the cell shows again what the file holds. */
  forgetDraft(): void {
    this.draft = undefined;
  }

  /** Another cell, or none: nothing of this one is kept. */
  reset(): void {
    this.draft = undefined;
    this.status = '';
  }

  /** The extension's answer to a save: stale when a later save was asked for since. */
  edited(message: Extract<HostMessage, { type: 'edited' }>, file: string): 'stale' | 'refused' | 'saved' {
    if (message.requestId !== this.latestRequest) return 'stale';
    if (message.error) {
      this.status = message.error;
      return 'refused';
    }
    this.status = fill(this.host.strings().saved, file);
    this.draft = undefined;
    return 'saved';
  }

  render(side: HTMLElement, target: FrameworkTarget, drill: Drill, data: FrameworkData): void {
    const s = this.host.strings();
    const cell = data.cells.find((c) => c.case === target.case && c.theme === target.theme);
    if (!this.draft) this.draft = { rating: cell?.rating ?? null, summary: cell?.summary?.trim() ?? '', evidence: [...(cell?.evidence ?? [])], dirty: false };
    const draft = this.draft;
    const editable = data.editable;
    const markDirty = () => {
      draft.dirty = true;
      this.status = '';
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
    const listed = (segment: SegmentData, action: HTMLButtonElement) => {
      action.disabled = !editable;
      return el('li', {}, [segmentElement(segment, s, this.host.openSegment, [action])]);
    };
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
        evidenceList.append(listed(segment, unlink));
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
        suggestionList.append(listed(segment, link));
      }
      if (suggestions.length === 0) suggestionList.append(el('li', { className: 'muted', text: s.noSuggestions }));
    };
    renderLists();
    const saveButton = button(s.save, () => this.host.save(), { className: 'primary', testId: 'save' });
    saveButton.disabled = !draft.dirty || !editable;
    const revertButton = button(s.revert, () => {
      this.reset();
      this.host.rerender();
    }, { testId: 'revert' });
    revertButton.disabled = !draft.dirty;
    const statusLine = el('p', { className: 'edit-status', text: this.status, attrs: { role: 'status', 'data-test': 'edit-status' } });
    this.statusLine = statusLine;
    if (!editable) side.append(el('p', { className: 'warning', text: s.notEditable }));
    side.append(
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

  /** Sends what the draft changed (only that) to be written to the matrix file. */
  save(target: FrameworkTarget, data: FrameworkData): void {
    const draft = this.draft;
    if (!draft || !data.file || !data.editable) return;
    const cell = data.cells.find((c) => c.case === target.case && c.theme === target.theme);
    const edit: { -readonly [K in keyof CellEdit]: CellEdit[K] } = {};
    if ((cell?.rating ?? null) !== draft.rating) edit.rating = draft.rating;
    if ((cell?.summary?.trim() ?? '') !== draft.summary.trim()) edit.summary = draft.summary.trim() === '' ? null : draft.summary;
    if (JSON.stringify(cell?.evidence ?? []) !== JSON.stringify(draft.evidence)) edit.evidence = draft.evidence;
    this.latestRequest = this.host.nextRequestId();
    this.status = this.host.strings().saving;
    this.host.post({ type: 'editCell', requestId: this.latestRequest, file: data.file, case: target.case, theme: target.theme, edit });
    if (this.statusLine) this.statusLine.textContent = this.status;
  }
}
