// The media player webview's entry (bundled by esbuild.js into media/dist/player.main.js): one
// audio or video element with the browser's own controls, buttons that ask the extension to act
// (it knows the settings), and every state change reported back and saved for a window reload.
import { clock, nextRate, type FromPlayer, type PlayerStrings, type SavedPlayer, type ToPlayer } from '../shared/player-protocol';

interface VsCodeApi {
  postMessage(message: FromPlayer): void;
  getState(): unknown;
  setState(state: SavedPlayer): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let media: HTMLMediaElement | undefined;
let time: HTMLElement;
let speed: HTMLElement;
let notice: HTMLElement;
/** The recording and transcript loaded, for the saved state. */
let loaded: Omit<SavedPlayer, 'currentTime'> | undefined;

function post(message: FromPlayer): void {
  vscode.postMessage(message);
}

function report(): void {
  if (!media) return;
  const duration = Number.isFinite(media.duration) ? media.duration : 0;
  time.textContent = `${clock(media.currentTime)} / ${clock(duration)}`;
  speed.textContent = `${media.playbackRate.toFixed(1)}×`;
  post({ type: 'state', state: { currentTime: media.currentTime, duration, paused: media.paused, rate: media.playbackRate, loaded: media.readyState >= 1 } });
  if (loaded) vscode.setState({ ...loaded, currentTime: media.currentTime });
}

function button(label: string, text: string, request: Extract<FromPlayer, { type: 'request' }>['request']): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => post({ type: 'request', request }));
  return b;
}

function load(message: Extract<ToPlayer, { type: 'load' }>): void {
  const strings: PlayerStrings = message.strings;
  app.replaceChildren();
  const title = document.createElement('h1');
  title.textContent = message.name;
  media = document.createElement(message.video ? 'video' : 'audio');
  media.controls = true;
  media.preload = 'auto';
  media.setAttribute('aria-label', message.name);
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'toolbar');
  time = document.createElement('span');
  time.className = 'time';
  time.setAttribute('aria-live', 'off');
  speed = document.createElement('span');
  speed.className = 'speed';
  speed.title = strings.speed;
  bar.append(
    button(strings.back, `−${message.skipSeconds}s`, 'back'),
    button(strings.playPause, strings.playPause, 'toggle'),
    button(strings.forward, `+${message.skipSeconds}s`, 'forward'),
    button(strings.slower, '−', 'slower'),
    speed,
    button(strings.faster, '+', 'faster'),
    time,
  );
  notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'status');
  notice.dataset.clickToPlay = strings.clickToPlay;
  for (const event of ['loadedmetadata', 'timeupdate', 'play', 'pause', 'seeked', 'ratechange', 'ended']) media.addEventListener(event, report);
  media.addEventListener('play', () => (notice.textContent = ''));
  media.addEventListener('error', () => {
    const error = media?.error;
    post({ type: 'mediaError', code: error?.code ?? 0, message: error?.message ?? '' });
  });
  media.src = message.src;
  // Before the metadata this is where playing will start, and what currentTime reads.
  if (message.startAt > 0) media.currentTime = message.startAt;
  loaded = { transcript: message.transcript, media: message.name };
  app.append(title, media, bar, notice);
  report();
}

/** Resumes `rewind` seconds earlier than where it paused (as transcription pedals do). */
function play(rewind: number): void {
  if (!media) return;
  if (rewind > 0 && media.currentTime > 0) media.currentTime = Math.max(0, media.currentTime - rewind);
  media.play().catch((error: unknown) => {
    const name = error instanceof Error ? error.name : 'Error';
    // AbortError: a pause or a new source came first, nothing to tell.
    if (name === 'AbortError') return;
    if (name === 'NotAllowedError') notice.textContent = notice.dataset.clickToPlay ?? '';
    post({ type: 'playRefused', name, message: error instanceof Error ? error.message : String(error) });
  });
}

function clamp(seconds: number): number {
  const duration = media && Number.isFinite(media.duration) ? media.duration : Infinity;
  return Math.min(Math.max(0, seconds), duration);
}

window.addEventListener('message', (event: MessageEvent<ToPlayer>) => {
  const message = event.data;
  if (message.type === 'load') return load(message);
  if (message.type === 'tellSavedState') return post({ type: 'savedState', state: vscode.getState() });
  if (!media) return;
  switch (message.type) {
    case 'play':
      return play(message.rewind);
    case 'pause':
      media.pause();
      return;
    case 'toggle':
      if (media.paused) play(message.rewind);
      else media.pause();
      return;
    case 'skip':
      media.currentTime = clamp(media.currentTime + message.seconds);
      return;
    case 'seek':
      media.currentTime = clamp(message.time);
      if (message.play) play(0);
      return;
    case 'rate':
      media.playbackRate = nextRate(media.playbackRate, message.steps);
      return;
  }
});

post({ type: 'ready' });
