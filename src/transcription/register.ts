// The transcription feature: a media player beside a transcript, the keys to drive it while typing,
// time marks (written, clicked, followed), media links in cases.yaml, and importing subtitles and
// Whisper transcripts.
import * as vscode from 'vscode';
import { PLAYER_VIEW_TYPE } from '../shared/player-protocol';
import { registerCommand } from '../util/commands';
import { webviewHost } from '../util/webview-page';
import type { StudyFeature } from '../study/register';
import { registerTestCommands } from '../util/test-mode';
import { FollowMode, timestampLinks } from './follow';
import { importSubtitlesCommand, type ImportArguments } from './import-command';
import { linkMedia, type LinkArguments } from './link-media';
import { MediaLinks } from './media-links';
import { PlayerCommands } from './player-commands';
import { PlayerPanel } from './player-panel';

export function registerTranscription(context: vscode.ExtensionContext, feature: Pick<StudyFeature, 'study'>): void {
  const { study } = feature;
  const links = new MediaLinks(study);
  const player = new PlayerCommands(webviewHost(context), study, links, (panel) => {
    const follow = new FollowMode(panel);
    context.subscriptions.push(follow, panel);
  });
  context.subscriptions.push(
    links,
    { dispose: () => PlayerPanel.current?.dispose() },
    vscode.window.registerWebviewPanelSerializer(PLAYER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        await player.restore(panel, state);
      },
    }),
    vscode.languages.registerDocumentLinkProvider([{ scheme: 'file', language: 'transcript' }, { scheme: 'file', language: 'plaintext' }], timestampLinks(links, (uri) => study.relativePathOf(uri))),
    registerCommand('gloss.openMediaPlayer', (uri?: unknown) => player.open(uri instanceof vscode.Uri ? uri : undefined)),
    registerCommand('gloss.linkMediaFile', (args?: LinkArguments) => linkMedia(study, links, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {})),
    registerCommand('gloss.player.playPause', player.playPause),
    registerCommand('gloss.player.back', player.back),
    registerCommand('gloss.player.forward', player.forward),
    registerCommand('gloss.player.slower', player.slower),
    registerCommand('gloss.player.faster', player.faster),
    registerCommand('gloss.insertTimestamp', () => player.insertTimestamp()),
    registerCommand('gloss.seekToTimestamp', (target?: { uri?: string; seconds?: number }) => player.seekToTimestamp(target)),
    // From the Explorer's context menu the argument is the file.
    registerCommand('gloss.importSubtitles', (args?: ImportArguments | vscode.Uri) => {
      const file = args instanceof vscode.Uri ? study.relativePathOf(args) : undefined;
      return importSubtitlesCommand(study, links, args instanceof vscode.Uri ? (file === undefined ? {} : { file }) : (args ?? {}));
    }),
  );
  registerTestCommands(context, {
    'gloss.test.mediaLinks': () => ({ studyOpen: study.current !== undefined, links: [...links.entries()] }),
    'gloss.test.player.state': () => {
      const panel = PlayerPanel.current;
      return panel ? { ...panel.state, media: panel.source?.media, transcript: panel.source?.transcript.toString(), problem: panel.problem } : undefined;
    },
    'gloss.test.player.savedState': () => PlayerPanel.current?.savedState(),
    // A window reload, as the serializer sees it: the old panel gone, a new one with the saved state.
    'gloss.test.player.restore': (state: unknown) => {
      PlayerPanel.current?.dispose();
      const panel = vscode.window.createWebviewPanel(PLAYER_VIEW_TYPE, 'Player', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
      return player.restore(panel, state);
    },
  });
}
