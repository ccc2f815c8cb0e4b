// The coding commands: code the selection (picker, in vivo, last code, quick codes), remove a
// coding, go to the next or previous coded passage, write a coding's memo, re-attach an orphan,
// the focus filter. Each works on the active transcript editor and takes optional arguments
// (`{ codeId }`, `{ codingId }`, …) so hovers, keybindings and tests can skip the questions.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { registerCommand } from '../util/commands';
import { quoteSelectors } from '../core/anchoring/quote';
import { sameName } from '../core/codebook/codebook';
import { coderSlug } from '../core/codings/paths';
import type { Code, Coding, Span } from '../core/model';
import type { StudyFeature } from '../study/register';
import type { CodeFocus } from './focus';
import { neighbourStart } from './lanes';
import type { OpenTranscript, OpenTranscripts } from './open-transcripts';
import { colourIcon, createCode, pickCode, pickParent } from './picker';
import type { RecentCodes } from './recent';
import { memoOfText, memoUri, withMemo } from './memo-editor';
import { inVivoName, passageOfSelection, resolveCodeReference } from './selection';
import { currentText, lastKnownPlace, type LiveCoding, type OrphanedCoding } from '../core/study/tracked-document';
import type { CodingWriter } from './writer';

export const QUICK_CODE_COUNT = 9;
/** The codebook tree's command that shows a code; this feature calls it when it is there. */
export const REVEAL_CODE_COMMAND = 'gloss.revealCode';

export interface CodingServices {
  readonly feature: StudyFeature;
  readonly transcripts: OpenTranscripts;
  readonly writer: CodingWriter;
  readonly recent: RecentCodes;
  readonly focus: CodeFocus;
}

interface ActiveTranscript {
  readonly editor: vscode.TextEditor;
  readonly transcript: OpenTranscript;
}

type Args = Record<string, unknown> | undefined;

/** Command arguments: an object from a hover link, a keybinding or a test; anything else is ignored. */
function argsOf(value: unknown): Args {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringArg(args: Args, key: string): string | undefined {
  const value = args?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function excerpt(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export class CodingCommands {
  constructor(private readonly s: CodingServices) {}

  register(): vscode.Disposable[] {
    const command = (id: string, run: (args: Args) => unknown) => registerCommand(id, (value: unknown) => run(argsOf(value)));
    return [
      command('gloss.codeSelection', (a) => this.codeSelection(a)),
      command('gloss.codeSelectionInVivo', (a) => this.codeInVivo(a)),
      command('gloss.repeatLastCode', () => this.repeatLastCode()),
      ...Array.from({ length: QUICK_CODE_COUNT }, (_, i) => command(`gloss.quickCode${i + 1}`, () => this.quickCode(i + 1))),
      command('gloss.removeCoding', (a) => this.removeCoding(a)),
      command('gloss.nextCodedPassage', (a) => this.navigate('next', a)),
      command('gloss.previousCodedPassage', (a) => this.navigate('previous', a)),
      command('gloss.editCodingMemo', (a) => this.editMemo(a)),
      command('gloss.reattachOrphan', (a) => this.reattach(a)),
      command('gloss.showOrphans', () => this.showOrphans()),
      command('gloss.focusCodes', (a) => this.focusCodes(a)),
      command('gloss.clearCodeFocus', () => this.s.focus.set(undefined)),
      command('gloss.coding.revealCode', (a) => this.revealCode(a)),
    ];
  }

  // ----- coding the selection -----

  async codeSelection(args: Args): Promise<string[] | undefined> {
    const active = this.active();
    const study = this.s.feature.study.current;
    if (!active || !study) return undefined;
    const reference = stringArg(args, 'codeId') ?? stringArg(args, 'code');
    let code: Code | undefined;
    if (reference !== undefined) {
      code = resolveCodeReference(study.codebook, reference);
      if (!code) {
        void vscode.window.showErrorMessage(vscode.l10n.t('There is no code “{0}” in the codebook.', reference));
        return undefined;
      }
    } else {
      if (this.passages(active).length === 0) return this.nothingSelected();
      const picked = await pickCode(study.codebook, { title: vscode.l10n.t('Code the selection'), recent: this.s.recent.list(), allowCreate: true });
      if (!picked) return undefined;
      code = 'code' in picked ? picked.code : await this.create(picked.create, picked.parentId, picked.parentKnown);
    }
    return code ? this.codeWith(active, code) : undefined;
  }

  async codeInVivo(args: Args): Promise<string[] | undefined> {
    const active = this.active();
    const study = this.s.feature.study.current;
    if (!active || !study) return undefined;
    const [first] = this.passages(active);
    if (!first) return this.nothingSelected();
    const name = inVivoName(active.editor.document.getText().slice(first.start, first.end));
    if (name === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The selection holds no words to name a code after.'));
      return undefined;
    }
    const parentId = stringArg(args, 'parentId');
    if (parentId !== undefined && !study.codebook.has(parentId)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no code “{0}” in the codebook.', parentId));
      return undefined;
    }
    const existing = study.codebook.children(parentId).find((c) => sameName(c.name, name));
    const code = existing ?? (await this.create(name, parentId, true));
    return code ? this.codeWith(active, code) : undefined;
  }

  async repeatLastCode(): Promise<string[] | undefined> {
    const last = this.s.recent.last;
    const code = last === undefined ? undefined : this.s.feature.study.current?.codebook.get(last);
    if (!code) return this.codeSelection(undefined);
    const active = this.active();
    return active ? this.codeWith(active, code) : undefined;
  }

  async quickCode(slot: number): Promise<string[] | undefined> {
    const study = this.s.feature.study.current;
    const references = vscode.workspace.getConfiguration('gloss').get<unknown[]>('quickCodes', []);
    const reference = references[slot - 1];
    if (typeof reference !== 'string' || reference.trim() === '') {
      const open = vscode.l10n.t('Open Settings');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Quick code {0} is not set: the setting gloss.quickCodes names up to nine codes.', slot), open);
      if (answer === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'gloss.quickCodes');
      return undefined;
    }
    const code = study && resolveCodeReference(study.codebook, reference.trim());
    if (!code) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Quick code {0} is “{1}”, which names no single code of the codebook.', slot, reference));
      return undefined;
    }
    const active = this.active();
    return active ? this.codeWith(active, code) : undefined;
  }

  /** Codes every non-empty selection of the editor; resolves with the new codings' ids once written. */
  private async codeWith(active: ActiveTranscript, code: Code): Promise<string[] | undefined> {
    const { editor, transcript } = active;
    const spans = this.passages(active);
    if (spans.length === 0) return this.nothingSelected();
    const current = currentText(editor.document.getText());
    const coder = this.s.feature.study.coder;
    const mine = coderSlug(coder);
    const existing = transcript.tracked.liveCodings();
    const codebook = this.s.feature.study.current?.codebook;
    const records: Coding[] = [];
    for (const span of spans) {
      const duplicate = existing.some((c) => (codebook?.resolve(c.coding.code) ?? c.coding.code) === code.id && c.start === span.start && c.end === span.end && coderSlug(c.coding.coder) === mine);
      if (duplicate) continue;
      const points = current.editorIndex.toCodePointSpan(span);
      const record: Coding = {
        id: randomUUID(),
        code: code.id,
        start: points.start,
        end: points.end,
        ...quoteSelectors(current.text, points, current.textIndex),
        version: current.version,
        coder,
        created: new Date().toISOString(),
      };
      transcript.tracked.addUnsaved(record, span);
      records.push(record);
    }
    void this.s.recent.use(code.id);
    if (records.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The selection is already coded “{0}”.', code.name));
      return [];
    }
    this.s.transcripts.written(transcript);
    const ok = await this.s.writer.write(transcript, {
      label: vscode.l10n.t('Code “{0}”', code.name),
      change: (onDisk) => [...onDisk, ...records],
      rollback: () => records.forEach((r) => transcript.tracked.forgetUnsaved(r.id)),
      versions: [current],
    });
    return ok ? records.map((r) => r.id) : undefined;
  }

  private async create(name: string, parentId: string | undefined, parentKnown: boolean): Promise<Code | undefined> {
    const study = this.s.feature.study.current;
    if (!study) return undefined;
    let parent = parentId;
    if (!parentKnown) {
      const where = await pickParent(study.codebook, name);
      if (!where) return undefined;
      parent = where.parentId;
    }
    try {
      return await createCode(this.s.feature, name, parent);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The code was not created: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }

  /** The passages the editor's selections code: snapped, non-empty, each once, in order. */
  private passages({ editor }: ActiveTranscript): Span[] {
    const document = editor.document;
    const text = document.getText();
    const words = vscode.workspace.getConfiguration('gloss', document.uri).get<boolean>('snapToWords', false);
    const seen = new Set<string>();
    const spans: Span[] = [];
    for (const selection of editor.selections) {
      const span = passageOfSelection(text, { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) }, words);
      if (!span || seen.has(`${span.start}:${span.end}`)) continue;
      seen.add(`${span.start}:${span.end}`);
      spans.push(span);
    }
    return spans.sort((a, b) => a.start - b.start);
  }

  private nothingSelected(): undefined {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the passage to code first.'));
    return undefined;
  }

  // ----- removing, memos -----

  async removeCoding(args: Args): Promise<boolean> {
    const target = await this.ownCoding(args, vscode.l10n.t('Remove which coding?'));
    if (!target) return false;
    const { transcript, coding } = target;
    transcript.tracked.hide(coding.id);
    this.s.transcripts.written(transcript);
    return this.s.writer.write(transcript, {
      label: vscode.l10n.t('Remove the coding “{0}”', this.codeLabel(coding.code)),
      change: (onDisk) => onDisk.filter((c) => c.id !== coding.id),
      rollback: () => transcript.tracked.unhide(coding.id),
    });
  }

  /**
   * Opens the coding's memo in a Markdown editor beside the transcript (saving writes it); with a
   * `memo` argument (scripts, tests) writes that text at once.
   */
  async editMemo(args: Args): Promise<boolean> {
    const target = await this.ownCoding(args, vscode.l10n.t('Write the memo of which coding?'));
    if (!target) return false;
    const { transcript, coding } = target;
    const given = args?.memo;
    if (typeof given !== 'string') {
      const uri = memoUri(coding.coder, transcript.path, coding.id, this.s.feature.study.current?.codebook.get(coding.code)?.name ?? coding.code);
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return true;
    }
    const text = memoOfText(given);
    if (text === (coding.memo ?? '')) return true;
    return this.s.writer.write(transcript, {
      label: vscode.l10n.t('Memo of the coding “{0}”', this.codeLabel(coding.code)),
      change: (onDisk) => onDisk.map((c) => (c.id === coding.id ? withMemo(c, text) : c)),
      rollback: () => undefined,
    });
  }

  /**
   * The coding a remove or memo command is about: the one named by `codingId`, else the one under
   * the cursor (or in the selection), picked when several. Only the current coder's own codings:
   * each coder's file is theirs, so coders never write the same file.
   */
  private async ownCoding(args: Args, title: string): Promise<{ transcript: OpenTranscript; coding: Coding } | undefined> {
    const mine = coderSlug(this.s.feature.study.coder);
    const id = stringArg(args, 'codingId');
    if (id !== undefined) {
      for (const transcript of this.s.transcripts.all()) {
        const state = transcript.tracked.stateOf(id);
        if (!state) continue;
        const coding = state.kind === 'live' ? state.coding : state.orphan.coding;
        if (coderSlug(coding.coder) !== mine) return this.notYours([coding]);
        return { transcript, coding };
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('That coding is not in an open transcript.'));
      return undefined;
    }
    const active = this.active();
    if (!active) return undefined;
    const here = this.codingsAtCursor(active);
    if (here.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no coded passage at the cursor.'));
      return undefined;
    }
    const own = here.filter((c) => coderSlug(c.coding.coder) === mine);
    if (own.length === 0) return this.notYours(here.map((c) => c.coding));
    const coding = await this.pickCoding(own, title);
    return coding ? { transcript: active.transcript, coding } : undefined;
  }

  private notYours(codings: readonly Coding[]): undefined {
    const coders = [...new Set(codings.map((c) => c.coder))].join(', ');
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The coding here is {0}’s. Each coder changes only their own codings (you are {1}; set gloss.coder to change that).', coders, this.s.feature.study.coder),
    );
    return undefined;
  }

  private codingsAtCursor({ editor, transcript }: ActiveTranscript): LiveCoding[] {
    const found = new Map<string, LiveCoding>();
    const live = transcript.tracked.liveCodings();
    for (const selection of editor.selections) {
      const start = editor.document.offsetAt(selection.start);
      const end = editor.document.offsetAt(selection.end);
      for (const c of live) {
        const inside = start === end ? c.start <= start && start <= c.end : c.start < end && c.end > start;
        if (inside && this.s.focus.shows(c.coding.code)) found.set(c.coding.id, c);
      }
    }
    return [...found.values()];
  }

  private async pickCoding(codings: readonly LiveCoding[], title: string): Promise<Coding | undefined> {
    if (codings.length === 1) return codings[0].coding;
    const codebook = this.s.feature.study.current?.codebook;
    const picked = await vscode.window.showQuickPick(
      codings.map((c) => ({
        label: this.codeLabel(c.coding.code),
        description: `${c.coding.coder} · ${c.coding.created.slice(0, 10)}`,
        detail: `“${excerpt(c.coding.quote)}”`,
        iconPath: colourIcon(codebook?.get(c.coding.code)?.colour),
        coding: c.coding,
      })),
      { title, matchOnDetail: true },
    );
    return picked?.coding;
  }

  private codeLabel(codeId: string): string {
    return this.s.feature.study.current?.codebook.pathLabel(codeId) || codeId;
  }

  // ----- navigation -----

  navigate(direction: 'next' | 'previous', args: Args): Span | undefined {
    const active = this.active();
    if (!active) return undefined;
    const { editor, transcript } = active;
    const codeId = stringArg(args, 'codeId');
    const codebook = this.s.feature.study.current?.codebook;
    const resolve = (id: string): string => codebook?.resolve(id) ?? id;
    const codings = transcript.tracked.liveCodings().filter((c) => (codeId !== undefined ? resolve(c.coding.code) === resolve(codeId) : this.s.focus.shows(c.coding.code)));
    const starts = [...new Set(codings.map((c) => c.start))];
    const target = neighbourStart(starts, editor.document.offsetAt(editor.selection.start), direction);
    if (target === undefined) {
      void vscode.window.showInformationMessage(
        codeId !== undefined ? vscode.l10n.t('No passage in this transcript is coded “{0}”.', this.codeLabel(codeId)) : vscode.l10n.t('No coded passages in this transcript.'),
      );
      return undefined;
    }
    const end = Math.max(...codings.filter((c) => c.start === target).map((c) => c.end));
    const range = new vscode.Range(editor.document.positionAt(target), editor.document.positionAt(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { start: target, end };
  }

  // ----- orphans -----

  async reattach(args: Args): Promise<boolean> {
    const active = this.active();
    if (!active) return false;
    const { transcript } = active;
    const [span] = this.passages(active);
    if (!span) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the passage the orphaned coding belongs to first.'));
      return false;
    }
    const orphans = transcript.tracked.orphanedCodings();
    const id = stringArg(args, 'codingId');
    const orphan = id !== undefined ? orphans.find((o) => o.coding.id === id) : await this.pickOrphan(orphans, vscode.l10n.t('Re-attach which orphaned coding to the selection?'));
    if (!orphan) {
      if (id !== undefined || orphans.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('This transcript has no such orphaned coding.'));
      return false;
    }
    if (coderSlug(orphan.coding.coder) !== coderSlug(this.s.feature.study.coder)) return this.reattachOthers(active, orphan, args?.asMine);
    const undo = transcript.tracked.attach(orphan.coding.id, span);
    this.s.transcripts.written(transcript);
    return this.s.writer.write(transcript, {
      label: vscode.l10n.t('Re-attach the coding “{0}”', this.codeLabel(orphan.coding.code)),
      // The editor places it on the selection: the write re-bases it there.
      change: (onDisk) => onDisk,
      rollback: undo,
    });
  }

  /**
   * Another coder's orphan stays theirs (each coder writes only their own file): offered instead,
   * a coding of the same code on the selection as the current coder's own. `asMine` answers the
   * offer without asking (tests).
   */
  private async reattachOthers(active: ActiveTranscript, orphan: OrphanedCoding, asMine: unknown): Promise<boolean> {
    const code = this.s.feature.study.current?.codebook.get(orphan.coding.code);
    const copy = vscode.l10n.t('Code It as Mine');
    const message = vscode.l10n.t(
      'This orphaned coding is {0}’s: only they can re-attach it (each coder writes only their own codings file; you are {1}).',
      orphan.coding.coder,
      this.s.feature.study.coder,
    );
    const answer = typeof asMine === 'boolean' ? (asMine ? copy : undefined) : await vscode.window.showInformationMessage(message, ...(code ? [copy] : []));
    if (answer !== copy || !code) return false;
    return (await this.codeWith(active, code)) !== undefined;
  }

  private async pickOrphan(orphans: readonly OrphanedCoding[], title: string): Promise<OrphanedCoding | undefined> {
    if (orphans.length === 0) return undefined;
    const picked = await vscode.window.showQuickPick(
      orphans.map((o) => ({ ...this.orphanItem(o), orphan: o })),
      { title, matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.orphan;
  }

  private orphanItem(o: OrphanedCoding): vscode.QuickPickItem {
    return {
      label: `“${excerpt(o.quote, 70)}”`,
      description: `${this.codeLabel(o.coding.code)} · ${o.coding.coder}`,
      detail: o.reason,
      iconPath: colourIcon(this.s.feature.study.current?.codebook.get(o.coding.code)?.colour),
    };
  }

  async showOrphans(): Promise<void> {
    const active = this.active();
    if (!active) return;
    const { editor, transcript } = active;
    const orphans = transcript.tracked.orphanedCodings();
    if (orphans.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No orphaned codings in this transcript.'));
      return;
    }
    const reattachButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link'), tooltip: vscode.l10n.t('Re-attach to the selection') };
    const removeButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Remove this coding') };
    const mine = coderSlug(this.s.feature.study.coder);
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { orphan: OrphanedCoding }>();
    quickPick.title = vscode.l10n.t('Orphaned codings of {0}: select a passage, then re-attach one to it', transcript.path);
    quickPick.matchOnDescription = true;
    quickPick.items = orphans.map((o) => ({ ...this.orphanItem(o), orphan: o, buttons: coderSlug(o.coding.coder) === mine ? [reattachButton, removeButton] : [reattachButton] }));
    quickPick.onDidTriggerItemButton(async ({ item, button }) => {
      quickPick.hide();
      if (button === reattachButton) await this.reattach({ codingId: item.orphan.coding.id });
      else await this.removeCoding({ codingId: item.orphan.coding.id });
    });
    quickPick.onDidAccept(() => {
      const [item] = quickPick.selectedItems;
      quickPick.hide();
      if (!item) return;
      const position = editor.document.positionAt(lastKnownPlace(item.orphan, editor.document.getText()));
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
    quickPick.onDidHide(() => quickPick.dispose());
    quickPick.show();
  }

  // ----- focus, reveal -----

  async focusCodes(args: Args): Promise<void> {
    const study = this.s.feature.study.current;
    if (!study) return;
    const given = args?.codeIds;
    if (Array.isArray(given)) {
      const ids = given.filter((id): id is string => typeof id === 'string');
      this.s.focus.set(ids.length > 0 ? ids : undefined);
      return;
    }
    const chosen = new Set(this.s.focus.chosen);
    const items = study.codebook.codes.map((code) => ({
      label: code.name,
      description: study.codebook.path(code.id).length > 1 ? `${study.codebook.pathLabel(code.id)}` : undefined,
      iconPath: colourIcon(code.colour),
      picked: chosen.has(code.id),
      id: code.id,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('Highlight only these codes'),
      placeHolder: vscode.l10n.t('Pick the codes to show; pick none to show all'),
      matchOnDescription: true,
    });
    if (!picked) return;
    this.s.focus.set(picked.length > 0 ? picked.map((p) => p.id) : undefined);
  }

  /** Shows a code: in the codebook tree when its command is there, else its passages in a picker. */
  async revealCode(args: Args): Promise<void> {
    const codeId = stringArg(args, 'codeId');
    const study = this.s.feature.study.current;
    if (codeId === undefined || !study) return;
    if ((await vscode.commands.getCommands(true)).includes(REVEAL_CODE_COMMAND)) {
      await vscode.commands.executeCommand(REVEAL_CODE_COMMAND, { codeId });
      return;
    }
    const code = study.codebook.get(codeId);
    const editor = vscode.window.activeTextEditor;
    const transcript = editor && this.s.transcripts.get(editor.document);
    const passages = transcript?.tracked.liveCodings().filter((c) => c.coding.code === codeId) ?? [];
    const picked = await vscode.window.showQuickPick(
      passages.map((c) => ({
        label: `“${excerpt(c.coding.quote)}”`,
        description: `${c.coding.coder} · ${vscode.l10n.t('line {0}', editor!.document.positionAt(c.start).line + 1)}`,
        passage: c,
      })),
      {
        title: `${study.codebook.pathLabel(codeId)}${code?.description ? ` — ${code.description}` : ''}`,
        placeHolder: vscode.l10n.t('{0} coded “{1}” in this transcript', count.passages(passages.length), code?.name ?? codeId),
      },
    );
    if (picked && editor) {
      const range = new vscode.Range(editor.document.positionAt(picked.passage.start), editor.document.positionAt(picked.passage.end));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private active(): ActiveTranscript | undefined {
    const editor = vscode.window.activeTextEditor;
    const transcript = editor && this.s.transcripts.get(editor.document);
    const refusal = editor && this.s.transcripts.refusal(editor.document);
    if (refusal) {
      void vscode.window.showErrorMessage(vscode.l10n.t('This transcript cannot be coded: {0}', refusal.message));
      return undefined;
    }
    if (!editor || !transcript) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript of the study to code it.'));
      return undefined;
    }
    return { editor, transcript };
  }
}
