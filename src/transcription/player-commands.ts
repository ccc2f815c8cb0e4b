// The player's commands: open it for the transcript, play and pause (resuming a little earlier),
// back and forward, slower and faster, a time mark written at the cursor in the transcript's own
// style, and seeking to a time mark (the one at the cursor, or one clicked in the text).
import * as vscode from 'vscode';
import { findTimestamps, formatTimestamp, timestampAt, timestampStyleOf } from '../core/transcription/timestamps';
import { savedPlayerOf, type ToPlayer } from '../shared/player-protocol';
import type { StudyService } from '../study/study-service';
import type { WebviewHost } from '../util/webview-page';
import { checkedMedia, linkMedia } from './link-media';
import type { MediaLinks } from './media-links';
import { PlayerPanel } from './player-panel';
import { playerSettings } from './settings';

export interface OpenResult {
  readonly opened: boolean;
  /** Why not, when not. */
  readonly message?: string;
}

export class PlayerCommands {
  constructor(
    private readonly host: WebviewHost,
    private readonly study: StudyService,
    private readonly links: MediaLinks,
    private readonly onPanelCreated: (panel: PlayerPanel) => void,
  ) {}

  /** Opens the player for a transcript (the active editor's by default); asks to link a recording if it has none. */
  async open(transcriptUri?: vscode.Uri): Promise<OpenResult> {
    const t = vscode.l10n.t;
    const root = this.study.current?.root;
    const uri = transcriptUri ?? vscode.window.activeTextEditor?.document.uri;
    const transcript = uri ? this.study.relativePathOf(uri) : undefined;
    if (!root || !uri || transcript === undefined) {
      const message = t('Open a transcript of the study first: the player plays the recording linked to it.');
      void vscode.window.showInformationMessage(message);
      return { opened: false, message };
    }
    let media = this.links.mediaOf(transcript);
    if (media === undefined) {
      const link = t('Link Media File…');
      const choice = await vscode.window.showInformationMessage(t('{0} has no recording linked yet.', transcript), link);
      if (choice !== link) return { opened: false, message: 'no recording linked' };
      media = await linkMedia(this.study, this.links, { transcript });
      if (media === undefined) return { opened: false, message: 'not linked' };
    }
    const checked = await checkedMedia(root, media);
    if ('message' in checked) {
      const message = t('{0} Link another recording with Gloss: Link Media File….', checked.message);
      void vscode.window.showErrorMessage(message);
      return { opened: false, message };
    }
    await PlayerPanel.show(this.host, { transcript: uri, media, file: checked.file }, this.onPanelCreated);
    return { opened: true };
  }

  /**
   * Restores the player VS Code brings back after a window reload, for the transcript and recording
   * the page saved, at its time. The recording is checked again (still a plain file in the study,
   * reached through no link); when it fails the panel closes with a message, and nothing is written.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<OpenResult> {
    const saved = savedPlayerOf(state);
    const root = await this.studyRoot();
    const transcript = saved ? vscode.Uri.parse(saved.transcript) : undefined;
    let message: string | undefined;
    if (!saved || !transcript) message = 'nothing saved to restore';
    else if (!root || this.study.relativePathOf(transcript) === undefined) message = vscode.l10n.t('The media player was closed: {0} is not a transcript of the open study.', transcript.fsPath);
    else {
      const checked = await checkedMedia(root, saved.media);
      if ('message' in checked) message = vscode.l10n.t('The media player was closed: {0}', checked.message);
      else {
        await PlayerPanel.restore(panel, this.host, { transcript, media: saved.media, file: checked.file }, saved.currentTime, this.onPanelCreated);
        return { opened: true };
      }
    }
    panel.dispose();
    if (saved) void vscode.window.showWarningMessage(message);
    return { opened: false, message };
  }

  /** The study's folder once it has opened (a restored panel can come before it). */
  private studyRoot(): Promise<string | undefined> {
    if (this.study.current) return Promise.resolve(this.study.current.root);
    return new Promise((resolve) => {
      const listener = this.study.onDidChange(() => {
        listener.dispose();
        resolve(this.study.current?.root);
      });
    });
  }

  /** Sends a message to the player, opening it for the active transcript first when needed. */
  private async send(message: ToPlayer): Promise<boolean> {
    let panel = PlayerPanel.current;
    if (!panel) {
      if (!(await this.open()).opened) return false;
      panel = PlayerPanel.current;
    }
    return panel ? panel.post(message) : false;
  }

  playPause = () => this.send({ type: 'toggle', rewind: playerSettings().rewindOnResume });
  back = () => this.send({ type: 'skip', seconds: -playerSettings().skipSeconds });
  forward = () => this.send({ type: 'skip', seconds: playerSettings().skipSeconds });
  slower = () => this.send({ type: 'rate', steps: -1 });
  faster = () => this.send({ type: 'rate', steps: 1 });

  /** Writes the player's time at each cursor, in the style of the transcript's first time mark. */
  async insertTimestamp(): Promise<boolean> {
    const t = vscode.l10n.t;
    const editor = vscode.window.activeTextEditor;
    const panel = PlayerPanel.current;
    if (!editor || !panel) {
      void vscode.window.showInformationMessage(t('Open the media player of a transcript first (Gloss: Open Media Player).'));
      return false;
    }
    const mark = `${formatTimestamp(panel.state.currentTime, timestampStyleOf(editor.document.getText()))} `;
    const written = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, mark);
    });
    if (!written) {
      const editCommand = t('Edit This Transcript');
      const choice = await vscode.window.showWarningMessage(t('The time mark was not written: this transcript is protected from edits.'), editCommand);
      if (choice === editCommand) await vscode.commands.executeCommand('gloss.editTranscript', editor.document.uri);
    }
    return written;
  }

  /** Plays from a time: the one given (a clicked mark), else the mark at the cursor. */
  async seekToTimestamp(target?: { uri?: string; seconds?: number }): Promise<boolean> {
    const t = vscode.l10n.t;
    let seconds = typeof target?.seconds === 'number' ? target.seconds : undefined;
    const uri = typeof target?.uri === 'string' ? vscode.Uri.parse(target.uri) : vscode.window.activeTextEditor?.document.uri;
    if (seconds === undefined) {
      const editor = vscode.window.activeTextEditor;
      if (editor) {
        const text = editor.document.getText();
        seconds = timestampAt(text, editor.document.offsetAt(editor.selection.active), findTimestamps(text))?.seconds;
      }
    }
    if (seconds === undefined || !uri) {
      void vscode.window.showInformationMessage(t('Put the cursor on a line with a time mark such as [00:01:02].'));
      return false;
    }
    if (PlayerPanel.current?.source?.transcript.toString() !== uri.toString() && !(await this.open(uri)).opened) return false;
    return (await PlayerPanel.current?.post({ type: 'seek', time: seconds, play: true })) === true;
  }
}
