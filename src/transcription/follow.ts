// Follow mode (gloss.player.followTranscript) marks the turn being played in the transcript and
// scrolls to it in every editor of the transcript but the active one (its view never moves under
// the cursor of someone typing), and clickable time marks (Ctrl/Cmd+click) play from that time.
// Both only for transcripts linked to a recording; the marks of a text are found once per version.
import * as vscode from 'vscode';
import { findTimestamps, turnAt, type FoundTimestamp } from '../core/transcription/timestamps';
import type { PlayerState } from '../shared/player-protocol';
import type { MediaLinks } from './media-links';
import type { PlayerPanel } from './player-panel';
import { playerSettings } from './settings';

const marksCache = new WeakMap<vscode.TextDocument, { version: number; marks: FoundTimestamp[] }>();

function marksOf(document: vscode.TextDocument): FoundTimestamp[] {
  const cached = marksCache.get(document);
  if (cached?.version === document.version) return cached.marks;
  const marks = findTimestamps(document.getText());
  marksCache.set(document, { version: document.version, marks });
  return marks;
}

export class FollowMode implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('gloss.playingTurnBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('gloss.playingTurnBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private lastTurn: string | undefined;

  constructor(private readonly panel: PlayerPanel) {
    panel.onDidChangeState((state) => this.show(state));
  }

  private show(state: PlayerState): void {
    const transcript = this.panel.source?.transcript.toString();
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === transcript);
    if (!playerSettings().follow) {
      for (const editor of editors) editor.setDecorations(this.decoration, []);
      return;
    }
    const document = editors[0]?.document;
    if (!document) return;
    const turn = turnAt(document.getText(), state.currentTime, marksOf(document));
    const range = turn ? new vscode.Range(document.positionAt(turn.start), document.positionAt(turn.end)) : undefined;
    const key = range ? `${document.version}:${turn?.start}` : undefined;
    const turnChanged = key !== this.lastTurn;
    this.lastTurn = key;
    for (const editor of editors) {
      editor.setDecorations(this.decoration, range ? [range] : []);
      // Scrolls when the turn changes, every editor of the transcript but the one being typed in.
      if (range && turnChanged && editor !== vscode.window.activeTextEditor) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  dispose(): void {
    this.decoration.dispose();
  }
}

/** Time marks of a linked transcript as links that play from their time. */
export function timestampLinks(links: MediaLinks, relativePathOf: (uri: vscode.Uri) => string | undefined): vscode.DocumentLinkProvider {
  return {
    provideDocumentLinks(document) {
      const documentPath = relativePathOf(document.uri);
      if (documentPath === undefined || links.mediaOf(documentPath) === undefined) return [];
      const tooltip = vscode.l10n.t('Play from here');
      return marksOf(document).map((mark) => {
        const args = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), seconds: mark.seconds }]));
        const link = new vscode.DocumentLink(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)), vscode.Uri.parse(`command:gloss.seekToTimestamp?${args}`));
        link.tooltip = tooltip;
        return link;
      });
    },
  };
}
