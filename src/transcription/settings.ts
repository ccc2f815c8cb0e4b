import * as vscode from 'vscode';

export interface PlayerSettings {
  /** Back and forward keys move this many seconds. */
  readonly skipSeconds: number;
  /** Playing again after a pause starts this many seconds earlier. */
  readonly rewindOnResume: number;
  /** Mark the turn being played in the transcript. */
  readonly follow: boolean;
}

export function playerSettings(): PlayerSettings {
  const config = vscode.workspace.getConfiguration('gloss.player');
  const seconds = (key: string, fallback: number) => {
    const value = config.get<number>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return { skipSeconds: seconds('skipSeconds', 5), rewindOnResume: seconds('rewindOnResume', 2), follow: config.get<boolean>('followTranscript', false) === true };
}
