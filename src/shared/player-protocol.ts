// The messages between the media player webview and the extension, shared by both sides (no
// `vscode` import here). The webview posts `ready` first; the extension answers with `load`. The
// webview reports its state on every media event, and a media error with its code; it saves what a
// window reload needs with setState.

export const PLAYER_VIEW_TYPE = 'gloss.player';

/** The strings the page shows, translated on the extension's side. */
export interface PlayerStrings {
  readonly back: string;
  readonly playPause: string;
  readonly forward: string;
  readonly slower: string;
  readonly faster: string;
  readonly speed: string;
  /** Shown when the browser wants a click before it plays. */
  readonly clickToPlay: string;
}

export type ToPlayer =
  /** `name`: the recording's study path; `transcript` (a URI) and the time go into the saved state. */
  | { readonly type: 'load'; readonly src: string; readonly name: string; readonly transcript: string; readonly startAt: number; readonly video: boolean; readonly strings: PlayerStrings; readonly skipSeconds: number }
  /** Plays from where it paused, `rewind` seconds earlier (not before the start). */
  | { readonly type: 'play'; readonly rewind: number }
  | { readonly type: 'pause' }
  | { readonly type: 'toggle'; readonly rewind: number }
  /** Moves by `seconds` (negative: back), clamped to the recording. */
  | { readonly type: 'skip'; readonly seconds: number }
  | { readonly type: 'seek'; readonly time: number; readonly play: boolean }
  /** Changes the speed by `steps` steps of RATE_STEP, within MIN_RATE..MAX_RATE. */
  | { readonly type: 'rate'; readonly steps: number }
  /** For the integration tests: answer with what the page saved with setState. */
  | { readonly type: 'tellSavedState' };

export interface PlayerState {
  readonly currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  readonly rate: number;
  /** The page's element finished loading the recording's metadata. */
  readonly loaded: boolean;
}

/**
 * What the page keeps with setState, and VS Code hands the serializer after a window reload: the
 * player comes back for the same transcript (a URI) and recording (study-relative) at that time.
 */
export interface SavedPlayer {
  readonly transcript: string;
  readonly media: string;
  readonly currentTime: number;
}

/** The saved state, if it is one (it comes from the page). */
export function savedPlayerOf(state: unknown): SavedPlayer | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { transcript, media, currentTime } = state as Record<string, unknown>;
  if (typeof transcript !== 'string' || typeof media !== 'string' || typeof currentTime !== 'number' || !Number.isFinite(currentTime)) return undefined;
  return { transcript, media, currentTime: Math.max(0, currentTime) };
}

export type FromPlayer =
  | { readonly type: 'ready' }
  | { readonly type: 'state'; readonly state: PlayerState }
  /** A MediaError code (1 aborted, 2 network, 3 decode, 4 not supported) with the browser's message. */
  | { readonly type: 'mediaError'; readonly code: number; readonly message: string }
  /** play() was refused (NotAllowedError: the browser wants a click first). */
  | { readonly type: 'playRefused'; readonly name: string; readonly message: string }
  /** A button of the page asks the extension (which knows the settings) to act. */
  | { readonly type: 'request'; readonly request: 'toggle' | 'back' | 'forward' | 'slower' | 'faster' }
  /** The answer to tellSavedState. */
  | { readonly type: 'savedState'; readonly state: unknown };

export const RATE_STEP = 0.1;
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

/** The speed after `steps` steps, rounded to the step so repeated changes do not drift. */
export function nextRate(rate: number, steps: number): number {
  const next = Math.round((rate + steps * RATE_STEP) * 10) / 10;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, next));
}

/** m:ss or h:mm:ss, for the page's clock. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
