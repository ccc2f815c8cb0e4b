// The status bar while a transcript is active: how many codings it has and which codes the cursor
// is in (click: code the selection), and, when there are any, its orphaned codings (click: list).
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { coderSlug } from '../core/codings/paths';
import type { StudyFeature } from '../study/register';
import type { CodeFocus } from './focus';
import type { OpenTranscripts } from './open-transcripts';

const MAX_NAMES = 3;

export class CodingStatusBar implements vscode.Disposable {
  private readonly main = vscode.window.createStatusBarItem('gloss.codings', vscode.StatusBarAlignment.Left, 50);
  private readonly orphans = vscode.window.createStatusBarItem('gloss.orphans', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [this.main, this.orphans];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly focus: CodeFocus,
  ) {
    this.main.name = vscode.l10n.t('Gloss Codings');
    this.orphans.name = vscode.l10n.t('Gloss Orphaned Codings');
    this.main.command = 'gloss.codeSelection';
    this.orphans.command = 'gloss.showOrphans';
    this.orphans.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(60);
      }),
      transcripts.onDidChange((e) => this.schedule(e.kind === 'edited' ? 200 : 0)),
      focus.onDidChange(() => this.schedule(0)),
      feature.study.onDidChange(() => this.schedule(0)),
    );
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), delay);
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const transcript = editor && this.transcripts.get(editor.document);
    const codebook = this.feature.study.current?.codebook;
    if (!editor || !transcript || !codebook) {
      this.main.hide();
      this.orphans.hide();
      return;
    }
    const live = transcript.tracked.liveCodings();
    const orphaned = transcript.tracked.orphanedCodings();
    const total = live.length + orphaned.length;
    const mine = coderSlug(this.feature.study.coder);
    const yours = [...live.map((c) => c.coding), ...orphaned.map((o) => o.coding)].filter((c) => coderSlug(c.coder) === mine).length;
    const offset = editor.document.offsetAt(editor.selection.active);
    const here = live.filter((c) => c.start <= offset && offset <= c.end && this.focus.shows(c.coding.code));
    const names = [...new Set(here.map((c) => codebook.get(c.coding.code)?.name ?? c.coding.code))];
    const shown = names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(', ')} +${names.length - MAX_NAMES}` : names.join(', ');
    this.main.text = `$(tag) ${total}${shown ? ` · ${shown}` : ''}${this.focus.active ? ' $(filter)' : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.l10n.t('{0} in this transcript, {1} of them yours ({2}).', count.codings(total), yours, this.feature.study.coder));
    if (here.length > 0) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(vscode.l10n.t('At the cursor: {0}', [...new Set(here.map((c) => `${codebook.pathLabel(c.coding.code) || c.coding.code} (${c.coding.coder})`))].join('; ')));
    }
    if (this.focus.active) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(vscode.l10n.t('Showing only: {0}', this.focus.chosen.map((id) => codebook.get(id)?.name ?? id).join(', ')));
    }
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('Click to code the selection.'));
    this.main.tooltip = tooltip;
    // Screen readers hear words, not icon names such as $(tag).
    this.main.accessibilityInformation = {
      label: [vscode.l10n.t('{0} in this transcript', count.codings(total)), ...(shown ? [vscode.l10n.t('At the cursor: {0}', shown)] : []), ...(this.focus.active ? [vscode.l10n.t('Some codes hidden by the focus')] : [])].join('; '),
    };
    this.main.show();
    if (orphaned.length > 0) {
      this.orphans.text = `$(debug-disconnect) ${orphaned.length}`;
      const orphanCount = orphaned.length === 1 ? vscode.l10n.t('1 orphaned coding') : vscode.l10n.t('{0} orphaned codings', orphaned.length);
      this.orphans.tooltip = vscode.l10n.t('{0}: their passage is not in the text any more. Click to list them and re-attach them.', orphanCount);
      this.orphans.accessibilityInformation = { label: orphanCount };
      this.orphans.show();
    } else {
      this.orphans.hide();
    }
  }

  /** The texts shown, for the test command. */
  describe(): { main: string | undefined; orphans: string | undefined; mainLabel: string | undefined; orphansLabel: string | undefined } {
    this.update();
    const visible = (item: vscode.StatusBarItem, shown: boolean) => (shown ? item.text : undefined);
    const editor = vscode.window.activeTextEditor;
    const transcript = editor && this.transcripts.get(editor.document);
    return {
      main: visible(this.main, transcript !== undefined),
      orphans: visible(this.orphans, transcript !== undefined && transcript.tracked.orphanedCodings().length > 0),
      mainLabel: transcript ? this.main.accessibilityInformation?.label : undefined,
      orphansLabel: transcript && transcript.tracked.orphanedCodings().length > 0 ? this.orphans.accessibilityInformation?.label : undefined,
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
