// The media player beside a transcript: one webview panel, for one recording at a time. Media
// reach it only from the recording's own folder in the study (localResourceRoots), after the
// path was checked to hold no symbolic link. It reports its state, which follow mode and the
// timestamp command use, and media errors, which are explained with a conversion command. After a
// window reload the serializer hands it back (PlayerCommands.restore checks the recording again).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PLAYER_VIEW_TYPE, type FromPlayer, type PlayerState, type ToPlayer } from '../shared/player-protocol';
import { createWebviewPanel, WebviewPanelBase, type PageOptions } from '../ui/webview-panel';
import type { WebviewHost } from '../util/webview-page';
import { playerSettings } from './settings';

const VIDEO_EXTENSIONS = new Set(['.webm', '.mp4', '.m4v', '.mov', '.ogv', '.mkv']);

export interface PlayerSource {
  /** The transcript the recording belongs to. */
  readonly transcript: vscode.Uri;
  /** Study-relative path of the recording, and its checked absolute path. */
  readonly media: string;
  readonly file: string;
}

export class PlayerPanel extends WebviewPanelBase<ToPlayer, FromPlayer> {
  private static currentPanel: PlayerPanel | undefined;
  /** The last state the page reported. */
  state: PlayerState = { currentTime: 0, duration: 0, paused: true, rate: 1, loaded: false };
  /** The recording loaded last. */
  source: PlayerSource;
  /** The last media error or refused play, for the tests and the log. */
  problem: string | undefined;
  private readonly savedStateWaiters: ((state: unknown) => void)[] = [];
  private readonly stateChanged = new vscode.EventEmitter<PlayerState>();
  readonly onDidChangeState = this.stateChanged.event;

  static get current(): PlayerPanel | undefined {
    return PlayerPanel.currentPanel;
  }

  /** Opens the player beside the transcript (or reuses it) and loads the recording. */
  static async show(host: WebviewHost, source: PlayerSource, onCreated: (panel: PlayerPanel) => void): Promise<PlayerPanel> {
    let player = PlayerPanel.currentPanel;
    if (!player) {
      const title = vscode.l10n.t('Player: {0}', path.basename(source.media));
      // Retained: it keeps playing while hidden.
      const panel = createWebviewPanel(host, PLAYER_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { retainContextWhenHidden: true, enableFindWidget: false });
      player = PlayerPanel.take(panel, host, source, onCreated);
    } else player.panel.reveal(undefined, true);
    await player.load(source);
    return player;
  }

  /** Takes over a panel VS Code restores after a window reload, at the time the page saved. */
  static async restore(panel: vscode.WebviewPanel, host: WebviewHost, source: PlayerSource, startAt: number, onCreated: (panel: PlayerPanel) => void): Promise<PlayerPanel> {
    PlayerPanel.currentPanel?.dispose();
    const player = PlayerPanel.take(panel, host, source, onCreated);
    await player.load(source, startAt);
    return player;
  }

  private static take(panel: vscode.WebviewPanel, host: WebviewHost, source: PlayerSource, onCreated: (panel: PlayerPanel) => void): PlayerPanel {
    const player = new PlayerPanel(panel, host, source);
    PlayerPanel.currentPanel = player;
    onCreated(player);
    return player;
  }

  /** The page is set for the first recording's folder; load then sends the recording. */
  private constructor(panel: vscode.WebviewPanel, host: WebviewHost, source: PlayerSource) {
    super(panel, host, 'player', 'The media player', playerPage(source));
    this.source = source;
    this.disposables.push(this.stateChanged);
  }

  private async load(source: PlayerSource, startAt = 0): Promise<void> {
    const webview = this.panel.webview;
    const sameFolder = path.dirname(this.source.file) === path.dirname(source.file);
    this.source = source;
    this.problem = undefined;
    this.state = { currentTime: 0, duration: 0, paused: true, rate: 1, loaded: false };
    this.panel.title = vscode.l10n.t('Player: {0}', path.basename(source.media));
    if (!sameFolder) this.showPage(playerPage(source));
    await this.whenReady();
    const t = vscode.l10n.t;
    const { skipSeconds } = playerSettings();
    await this.post({
      type: 'load',
      src: webview.asWebviewUri(vscode.Uri.file(source.file)).toString(),
      name: source.media,
      transcript: source.transcript.toString(),
      startAt,
      video: VIDEO_EXTENSIONS.has(path.extname(source.file).toLowerCase()),
      skipSeconds,
      strings: {
        back: t('Back {0} seconds', skipSeconds),
        playPause: t('Play or pause'),
        forward: t('Forward {0} seconds', skipSeconds),
        slower: t('Slower'),
        faster: t('Faster'),
        speed: t('Speed'),
        clickToPlay: t('The browser plays only after a click: press the play button once.'),
      },
    });
  }

  /** What the page saved with setState (for the tests: VS Code gives it only to the serializer). */
  savedState(): Promise<unknown> {
    return new Promise((resolve) => {
      this.savedStateWaiters.push(resolve);
      void this.post({ type: 'tellSavedState' });
    });
  }

  override post(message: ToPlayer): Thenable<boolean> {
    return super.post(message);
  }

  /** The page asks for nothing when ready: load sends the recording once it is. */
  protected initialMessage(): undefined {
    return undefined;
  }

  protected async receive(message: FromPlayer): Promise<void> {
    switch (message.type) {
      case 'state':
        this.state = message.state;
        this.stateChanged.fire(message.state);
        return;
      case 'mediaError':
        this.problem = `media error ${message.code}: ${message.message}`;
        void explainMediaError(this.source?.media ?? '', message.code, message.message);
        return;
      case 'playRefused':
        this.problem = `${message.name}: ${message.message}`;
        return;
      case 'savedState':
        for (const resolve of this.savedStateWaiters.splice(0)) resolve(message.state);
        return;
      case 'request':
        void vscode.commands.executeCommand(REQUEST_COMMANDS[message.request]);
        return;
    }
  }

  override dispose(): void {
    if (PlayerPanel.currentPanel === this) PlayerPanel.currentPanel = undefined;
    super.dispose();
  }
}

/** Only the recording's folder, and the extension's own assets: nothing else of the disk. */
function playerPage(source: PlayerSource): PageOptions {
  return { mediaFolder: vscode.Uri.file(path.dirname(source.file)), title: vscode.l10n.t('Media Player') };
}

/** The page's buttons run the same commands as the keys. */
export const REQUEST_COMMANDS = {
  toggle: 'gloss.player.playPause',
  back: 'gloss.player.back',
  forward: 'gloss.player.forward',
  slower: 'gloss.player.slower',
  faster: 'gloss.player.faster',
} as const;

/** The ffmpeg command that makes a file the webview plays: Opus in Ogg for audio, VP9 in WebM for video. */
export function conversionCommand(media: string): string {
  const extension = path.posix.extname(media);
  const base = media.slice(0, media.length - extension.length);
  const quote = (p: string) => `"${p.replace(/(["\\$`])/g, '\\$1')}"`;
  return VIDEO_EXTENSIONS.has(extension.toLowerCase())
    ? `ffmpeg -i ${quote(media)} -c:v libvpx-vp9 -c:a libopus ${quote(`${base}.webm`)}`
    : `ffmpeg -i ${quote(media)} -c:a libopus ${quote(`${base}.ogg`)}`;
}

async function explainMediaError(media: string, code: number, detail: string): Promise<void> {
  const t = vscode.l10n.t;
  const command = conversionCommand(media);
  const copy = t('Copy Command');
  const message =
    code === 4 || code === 3
      ? t('VS Code cannot play {0} (its webviews have no AAC or H.264 decoder). Convert it in the study folder, for instance with: {1}', media, command)
      : t('{0} could not be loaded ({1}).', media, detail || String(code));
  const choice = await vscode.window.showWarningMessage(message, copy);
  if (choice === copy) await vscode.env.clipboard.writeText(command);
}
