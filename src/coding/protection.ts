// Transcripts are protected while coding: they show in VS Code's own read-only editor (for this
// window's session), so a stray key cannot replace a selected passage and auto-save cannot keep
// it. Coding never edits the text, so it works as usual. "Edit This Transcript" lets edits
// through until "Protect This Transcript"; the setting gloss.protectTranscripts turns it off.
// VS Code's read-only commands act on the active editor only, so each transcript is set as it
// becomes active, and commands that open one at a passage protect it before they select.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import type { StudyService } from '../study/study-service';
import type { TranscriptFiles } from './transcripts';
import { PROTECT_OPENED_COMMAND } from '../ui/open-at-source';

const SET_READONLY = 'workbench.action.files.setActiveEditorReadonlyInSession';
const SET_WRITEABLE = 'workbench.action.files.setActiveEditorWriteableInSession';
const EDIT_COMMAND = 'gloss.editTranscript';
const PROTECT_COMMAND = 'gloss.protectTranscript';
export class TranscriptProtection implements vscode.Disposable {
  /** The user's choice for a transcript in this session, by URI: true protected, false editing. */
  private readonly chosen = new Map<string, boolean>();
  /** What VS Code was last told for a transcript, by URI: true read-only, false writeable. */
  private readonly applied = new Map<string, boolean>();
  private readonly item = vscode.window.createStatusBarItem('gloss.protection', vscode.StatusBarAlignment.Left, 51);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** Changes of the read-only state run one after another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly files: TranscriptFiles,
    private readonly study: StudyService,
  ) {
    this.item.name = vscode.l10n.t('Gloss Transcript Protection');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.applyToActive()),
      // Which files are transcripts is known once the study is loaded.
      study.onDidChange(() => void this.applyToActive()),
      // Unsaved edits wait for their save (or revert) to be protected. Keystroke path: one comparison.
      vscode.workspace.onDidSaveTextDocument((d) => d === vscode.window.activeTextEditor?.document && void this.applyToActive()),
      vscode.workspace.onDidChangeTextDocument((e) => !e.document.isDirty && e.document === vscode.window.activeTextEditor?.document && void this.applyToActive()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gloss.protectTranscripts') || e.affectsConfiguration('gloss.transcriptFiles')) void this.applyToActive();
      }),
      // From an editor's title bar the command gets that editor's file, which may not be the active one.
      registerCommand(EDIT_COMMAND, (uri?: unknown) => this.choose(false, uri)),
      registerCommand(PROTECT_COMMAND, (uri?: unknown) => this.choose(true, uri)),
      registerCommand(PROTECT_OPENED_COMMAND, () => this.choose(undefined)),
    );
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('gloss').get<boolean>('protectTranscripts', true) !== false;
  }

  private isProtected(uri: vscode.Uri): boolean {
    return this.chosen.get(uri.toString()) ?? this.enabled();
  }

  /** Records the user's choice for the active transcript (undefined: as the setting says) and applies it. */
  private async choose(protect: boolean | undefined, uri?: unknown): Promise<void> {
    if (uri instanceof vscode.Uri && vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) {
      const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      if (shown) await vscode.window.showTextDocument(shown.document, shown.viewColumn);
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && this.files.transcriptPath(editor.document) !== undefined) {
      const key = editor.document.uri.toString();
      if (protect === undefined) this.chosen.delete(key);
      else this.chosen.set(key, protect);
    }
    return this.applyToActive();
  }

  /** Brings the active editor's read-only state and the status bar in line; resolves when done. */
  applyToActive(): Promise<void> {
    // Whether or not the previous change failed.
    this.queue = this.queue.then(
      () => this.apply(),
      () => this.apply(),
    );
    return this.queue;
  }

  private async apply(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || this.files.transcriptPath(editor.document) === undefined) {
      this.item.hide();
      return;
    }
    const key = editor.document.uri.toString();
    // VS Code does not save a read-only file: unsaved edits are protected once saved (or reverted).
    const protect = this.isProtected(editor.document.uri) && !editor.document.isDirty;
    // A transcript never made read-only is writeable already.
    if (this.applied.get(key) !== protect && (protect || this.applied.has(key))) {
      try {
        await vscode.commands.executeCommand(protect ? SET_READONLY : SET_WRITEABLE);
        this.applied.set(key, protect);
      } catch (error) {
        this.study.log.warn(`Could not make ${editor.document.uri.fsPath} ${protect ? 'read-only' : 'writeable'}: ${String(error)}`);
      }
    }
    this.show(this.applied.get(key) === true, editor.document.isDirty && this.isProtected(editor.document.uri));
  }

  /** Shows whether the active transcript is protected now, or will be once its edits are saved. */
  private show(isProtected: boolean, onceSaved: boolean): void {
    this.item.text = isProtected ? '$(lock) ' + vscode.l10n.t('Coding') : '$(edit) ' + vscode.l10n.t('Editing');
    this.item.tooltip = isProtected
      ? vscode.l10n.t('This transcript is protected while you code: its text cannot be changed. Click to edit it.')
      : onceSaved
        ? vscode.l10n.t('This transcript has unsaved edits: it is protected once they are saved. Click to keep editing it.')
        : vscode.l10n.t('This transcript\'s text can be edited. Click to protect it while you code.');
    this.item.accessibilityInformation = {
      label: isProtected ? vscode.l10n.t('Transcript protected while coding; activate to edit its text') : vscode.l10n.t('Transcript open for editing; activate to protect it while coding'),
      role: 'button',
    };
    this.item.command = isProtected || onceSaved ? EDIT_COMMAND : PROTECT_COMMAND;
    this.item.show();
  }

  /** Test support: the active transcript's protection once applied, and the status bar item. */
  async describe(): Promise<{ protected: boolean; status: { text: string; tooltip: string; label: string } | undefined } | undefined> {
    await this.applyToActive();
    const editor = vscode.window.activeTextEditor;
    if (!editor || this.files.transcriptPath(editor.document) === undefined) return undefined;
    const status = { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), label: this.item.accessibilityInformation?.label ?? '' };
    return { protected: this.applied.get(editor.document.uri.toString()) === true, status };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
