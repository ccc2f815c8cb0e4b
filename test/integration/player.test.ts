// The media player beside a transcript, driven as a person does with its commands (the keys run
// them): a WAV and an MP3 generated here are linked in cases.yaml, play (the webview reports its
// time advancing), pause, go back and forward, resume a little earlier, write a time mark at the
// cursor, and seek to a time mark. A recording that does not exist gets a message and nothing is
// written. Runs on the example study and puts back what it changed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlayerState, SavedPlayer } from '../../src/shared/player-protocol';
import { sineWav, silentMp3 } from './helpers/audio';
import { waitFor } from './helpers/wait';

const TRANSCRIPT = 'transcripts/player-test/interview-01.txt';
const MP3_TRANSCRIPT = 'transcripts/player-test/interview-02.txt';
const LONG_TRANSCRIPT = 'transcripts/player-test/interview-03.txt';
const WAV = 'media-test/interview-01.wav';
const MP3 = 'media-test/interview-02.mp3';
const TEXT = '# Player test\n\n[00:00:01] I: First question.\n\n[00:00:03] R: First answer.\n\n[00:00:12] I: Second question.\n';

const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (relative: string) => path.join(root(), ...relative.split('/'));
const read = (relative: string) => fs.readFile(file(relative), 'utf8');
type Reported = PlayerState & { media?: string; transcript?: string; problem?: string };
const state = () => vscode.commands.executeCommand<Reported | undefined>('gloss.test.player.state');

/** Restores a player as VS Code does after a window reload: a new panel handed to the serializer with the saved state. */
const restore = (saved: SavedPlayer) => vscode.commands.executeCommand<{ opened: boolean; message?: string }>('gloss.test.player.restore', saved);

/** The state once `ready` holds, failing early with the page's media error or refusal. */
function stateWhen(what: string, ready: (s: Reported) => boolean): Promise<Reported> {
  return waitFor(what, async () => {
    const s = await state();
    if (s?.problem) throw new Error(`the player reported ${s.problem}`);
    return s && ready(s) ? s : undefined;
  });
}

describe('media player', function () {
  this.timeout(60_000);
  let casesBefore: string;
  const protectBefore = vscode.workspace.getConfiguration('gloss').inspect<boolean>('protectTranscripts')?.globalValue;

  before(async () => {
    await vscode.extensions.getExtension('gloss-qda.gloss-qda')?.activate();
    await waitFor('the study opened', async () => (await vscode.commands.executeCommand<{ studyOpen: boolean }>('gloss.test.mediaLinks')).studyOpen);
    casesBefore = await read('cases.yaml');
    await fs.mkdir(file('media-test'), { recursive: true });
    await fs.mkdir(file('transcripts/player-test'), { recursive: true });
    await fs.writeFile(file(WAV), sineWav(20));
    await fs.writeFile(file(MP3), silentMp3(8));
    await fs.writeFile(file(TRANSCRIPT), TEXT);
    await fs.writeFile(file(MP3_TRANSCRIPT), TEXT);
    // Transcribing means typing: the transcripts must not open read-only.
    await vscode.workspace.getConfiguration('gloss').update('protectTranscripts', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(file('cases.yaml'), casesBefore);
    await fs.rm(file('media-test'), { recursive: true, force: true });
    await fs.rm(file('transcripts/player-test'), { recursive: true, force: true });
    await fs.rm(file('transcripts/import-test'), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('gloss').update('protectTranscripts', protectBefore, vscode.ConfigurationTarget.Global);
  });

  it('links a generated WAV in cases.yaml, adding only its lines, and plays it', async () => {
    const linked = await vscode.commands.executeCommand<string | undefined>('gloss.linkMediaFile', { transcript: TRANSCRIPT, media: WAV, caseId: 'tessenfeld' });
    assert.equal(linked, WAV);
    const after = await read('cases.yaml');
    const removed = casesBefore.split('\n').filter((line) => !after.split('\n').includes(line));
    assert.deepEqual(removed, [], 'no line of cases.yaml changed or removed');
    assert.equal(after.split('\n').length, casesBefore.split('\n').length + 2);
    assert.match(after, new RegExp(`- path: ${TRANSCRIPT}\\n\\s+media: ${WAV}\\n`));

    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file(TRANSCRIPT)));
    const result = await vscode.commands.executeCommand<{ opened: boolean }>('gloss.openMediaPlayer');
    assert.deepEqual(result, { opened: true });
    assert.equal(vscode.window.activeTextEditor, editor, 'the transcript keeps the focus');
    const loaded = await stateWhen('the recording loaded', (s) => s.loaded);
    assert.equal(loaded.media, WAV);
    assert.ok(Math.abs(loaded.duration - 20) < 0.1, `duration ${loaded.duration}`);
    await vscode.commands.executeCommand('gloss.player.playPause');
    await stateWhen('the player playing past half a second', (s) => !s.paused && s.currentTime > 0.5);
  });

  it('pauses, goes forward and back by the set seconds, resumes a little earlier and writes a time mark at the cursor', async () => {
    await vscode.commands.executeCommand('gloss.player.playPause');
    const paused = await stateWhen('the player paused', (s) => s.paused);
    await vscode.commands.executeCommand('gloss.player.forward');
    const forward = await stateWhen('five seconds forward', (s) => s.currentTime > paused.currentTime + 4);
    assert.ok(Math.abs(forward.currentTime - paused.currentTime - 5) < 0.3, `${paused.currentTime} → ${forward.currentTime}`);
    await vscode.commands.executeCommand('gloss.player.back');
    const back = await stateWhen('five seconds back', (s) => s.currentTime < forward.currentTime - 4);
    assert.ok(Math.abs(forward.currentTime - back.currentTime - 5) < 0.3, `${forward.currentTime} → ${back.currentTime}`);

    await vscode.commands.executeCommand('gloss.player.forward');
    const at = await stateWhen('forward again', (s) => s.currentTime > back.currentTime + 4);
    const editor = vscode.window.activeTextEditor!;
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await vscode.commands.executeCommand('gloss.insertTimestamp'), true);
    const expected = `[00:00:${String(Math.floor(at.currentTime)).padStart(2, '0')}] `;
    assert.ok(editor.document.getText().endsWith(`Second question.\n${expected}`), JSON.stringify(editor.document.getText().slice(-40)));
    await editor.document.save();
    assert.ok((await read(TRANSCRIPT)).endsWith(expected));

    await vscode.commands.executeCommand('gloss.player.playPause');
    await stateWhen('resumed two seconds earlier', (s) => !s.paused && s.currentTime < at.currentTime - 1);
  });

  it('plays from a time mark: one given (as a clicked link does) and the one at the cursor', async () => {
    const uri = vscode.Uri.file(file(TRANSCRIPT));
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    const marks = links.filter((l) => l.target?.scheme === 'command' && l.target.path === 'gloss.seekToTimestamp');
    assert.equal(marks.length, 4, 'every time mark is a link');
    const [args] = JSON.parse(decodeURIComponent(marks[2].target!.query)) as [{ uri: string; seconds: number }];
    assert.deepEqual(args, { uri: uri.toString(), seconds: 12 });
    assert.equal(await vscode.commands.executeCommand('gloss.seekToTimestamp', args), true);
    await stateWhen('the player at 12 s', (s) => s.currentTime >= 12 && s.currentTime < 14);

    const editor = vscode.window.activeTextEditor!;
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('[00:00:03]'));
    editor.selection = new vscode.Selection(line, 15, line, 15);
    assert.equal(await vscode.commands.executeCommand('gloss.seekToTimestamp'), true);
    await stateWhen('the player at 3 s', (s) => s.currentTime >= 3 && s.currentTime < 5);
    await vscode.commands.executeCommand('gloss.player.playPause');
    await stateWhen('the player paused', (s) => s.paused);
  });

  it('comes back after a window reload for the same transcript and recording at the same time; a recording gone, a link or outside the study closes it with a message', async () => {
    const transcript = vscode.Uri.file(file(TRANSCRIPT)).toString();
    await vscode.commands.executeCommand('gloss.player.forward');
    const before = await stateWhen('paused, moved forward', (s) => s.paused && s.currentTime > 6);
    // What the page kept with setState: what VS Code hands the serializer after a reload.
    const saved = await vscode.commands.executeCommand<SavedPlayer>('gloss.test.player.savedState');
    assert.equal(saved.transcript, transcript);
    assert.equal(saved.media, WAV);
    assert.ok(Math.abs(saved.currentTime - before.currentTime) < 0.01, `${saved.currentTime} saved, ${before.currentTime} shown`);

    assert.deepEqual(await restore(saved), { opened: true });
    const restored = await stateWhen('the restored player at the saved time', (s) => s.loaded && Math.abs(s.currentTime - saved.currentTime) < 0.05);
    assert.equal(restored.media, WAV);
    assert.equal(restored.transcript, transcript);
    assert.equal(restored.paused, true);
    assert.ok(Math.abs(restored.duration - 20) < 0.1, `duration ${restored.duration}`);

    const cases = await read('cases.yaml');
    await fs.rename(file(WAV), file('media-test/moved.wav'));
    try {
      const gone = await restore(saved);
      assert.equal(gone.opened, false);
      assert.match(gone.message!, /media-test\/interview-01\.wav does not exist/);
      assert.equal(await state(), undefined, 'the panel closed');
      await fs.symlink(file('media-test/moved.wav'), file(WAV));
      const linked = await restore(saved);
      assert.equal(linked.opened, false);
      assert.match(linked.message!, /symbolic link/);
      assert.equal(await state(), undefined, 'the panel closed');
      const outside = await restore({ ...saved, media: '../interview-01.wav' });
      assert.equal(outside.opened, false);
      assert.equal(await state(), undefined, 'the panel closed');
    } finally {
      await fs.rm(file(WAV), { force: true });
      await fs.rename(file('media-test/moved.wav'), file(WAV));
    }
    assert.equal(await read('cases.yaml'), cases, 'nothing written');
    assert.ok((await read(TRANSCRIPT)).startsWith(TEXT), 'nothing written');
  });

  it('follow mode scrolls to the turn being played in every editor of the transcript but the one being typed in, which stays where it is', async () => {
    const far = 400;
    const lines = ['# Long interview', '', '[00:00:01] I: Start.', ...Array.from({ length: far - 3 }, (_, i) => `R: Answer line ${i}.`), '[00:00:15] I: Far down.', 'R: The end.', ''];
    await fs.writeFile(file(LONG_TRANSCRIPT), lines.join('\n'));
    assert.equal(await vscode.commands.executeCommand('gloss.linkMediaFile', { transcript: LONG_TRANSCRIPT, media: WAV, caseId: 'tessenfeld' }), WAV);
    await vscode.workspace.getConfiguration('gloss.player').update('followTranscript', true, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const uri = vscode.Uri.file(file(LONG_TRANSCRIPT));
      // The player opens beside the active editor, in the second column.
      const following = [await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Three, preview: false })];
      following.push(await vscode.window.showTextDocument(following[0].document, { viewColumn: vscode.ViewColumn.Four, preview: false }));
      const typing = await vscode.window.showTextDocument(following[0].document, { viewColumn: vscode.ViewColumn.One, preview: false });
      typing.selection = new vscode.Selection(2, 0, 2, 0);
      assert.deepEqual(await vscode.commands.executeCommand('gloss.openMediaPlayer'), { opened: true });
      await stateWhen('the recording loaded', (s) => s.loaded && s.transcript === uri.toString());
      const shows = (editor: vscode.TextEditor) => editor.visibleRanges.some((r) => r.start.line <= far && far <= r.end.line);
      assert.ok(![typing, ...following].some(shows), 'the far turn is out of view at first');
      assert.equal(await vscode.commands.executeCommand('gloss.seekToTimestamp', { uri: uri.toString(), seconds: 15 }), true);
      await stateWhen('the player past 15 s', (s) => s.currentTime > 15.2);
      await waitFor('the other editors scrolled to the turn', () => following.every(shows));
      assert.equal(vscode.window.activeTextEditor, typing, 'the editor being typed in stays active');
      assert.ok(!shows(typing), 'the editor being typed in did not move');
      await vscode.commands.executeCommand('gloss.player.playPause');
      await stateWhen('the player paused', (s) => s.paused);
    } finally {
      await vscode.workspace.getConfiguration('gloss.player').update('followTranscript', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('plays a generated MP3', async () => {
    assert.equal(await vscode.commands.executeCommand('gloss.linkMediaFile', { transcript: MP3_TRANSCRIPT, media: MP3, caseId: 'tessenfeld' }), MP3);
    await vscode.window.showTextDocument(vscode.Uri.file(file(MP3_TRANSCRIPT)));
    assert.deepEqual(await vscode.commands.executeCommand('gloss.openMediaPlayer'), { opened: true });
    await stateWhen('the MP3 loaded', (s) => s.media === MP3 && s.loaded && s.duration > 7);
    await vscode.commands.executeCommand('gloss.player.playPause');
    await stateWhen('the MP3 playing past half a second', (s) => s.media === MP3 && !s.paused && s.currentTime > 0.5);
    await vscode.commands.executeCommand('gloss.player.playPause');
  });

  it('a recording that does not exist: a message, and nothing written', async () => {
    const cases = await read('cases.yaml');
    assert.equal(await vscode.commands.executeCommand('gloss.linkMediaFile', { transcript: TRANSCRIPT, media: 'media-test/missing.wav' }), undefined);
    assert.equal(await read('cases.yaml'), cases);

    // Linked by hand to a file that is not there.
    await fs.writeFile(file('cases.yaml'), cases.replace(`media: ${MP3}`, 'media: media-test/gone.ogg'));
    const changed = await read('cases.yaml');
    await vscode.window.showTextDocument(vscode.Uri.file(file(MP3_TRANSCRIPT)));
    const result = await waitFor('the link to the missing file read', async () => {
      const r = await vscode.commands.executeCommand<{ opened: boolean; message?: string }>('gloss.openMediaPlayer');
      return r.message?.includes('gone.ogg') ? r : undefined;
    });
    assert.equal(result.opened, false);
    assert.match(result.message!, /media-test\/gone\.ogg does not exist/);
    assert.equal(await read('cases.yaml'), changed);
    assert.equal(await read(MP3_TRANSCRIPT), TEXT);
  });

  it('a recording the webview cannot decode: the page reports the media error', async () => {
    await fs.writeFile(file('media-test/phone.m4a'), Buffer.alloc(4096, 7));
    assert.equal(await vscode.commands.executeCommand('gloss.linkMediaFile', { transcript: MP3_TRANSCRIPT, media: 'media-test/phone.m4a' }), 'media-test/phone.m4a');
    await vscode.window.showTextDocument(vscode.Uri.file(file(MP3_TRANSCRIPT)));
    assert.deepEqual(await vscode.commands.executeCommand('gloss.openMediaPlayer'), { opened: true });
    const reported = await waitFor('the media error', async () => {
      const s = await state();
      return s?.media === 'media-test/phone.m4a' && s.problem ? s : undefined;
    });
    assert.match(reported.problem!, /^media error [34]:/);
  });

  it('imports a VTT into a transcript with speakers and time marks, linking the recording beside it; a broken one writes nothing', async () => {
    await fs.mkdir(file('transcripts/import-test'), { recursive: true });
    await fs.writeFile(file('transcripts/import-test/gespraech.wav'), sineWav(3));
    await fs.writeFile(file('transcripts/import-test/gespraech.vtt'), 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anita>नमस्ते\n\n00:02.000 --> 00:03.000\n<v Anita>आप कैसे हैं?\n');
    const imported = await vscode.commands.executeCommand<{ transcript: string; media?: string }>('gloss.importSubtitles', { file: 'transcripts/import-test/gespraech.vtt', caseId: 'velden' });
    assert.deepEqual(imported, { transcript: 'transcripts/import-test/gespraech.txt', segments: 2, turns: 1, media: 'transcripts/import-test/gespraech.wav' });
    assert.equal(await read('transcripts/import-test/gespraech.txt'), '# Transcript imported from transcripts/import-test/gespraech.vtt\n\n[00:00:01] Anita: नमस्ते आप कैसे हैं?\n');
    assert.match(await read('cases.yaml'), /- path: transcripts\/import-test\/gespraech.txt\n\s+media: transcripts\/import-test\/gespraech.wav\n/);

    const cases = await read('cases.yaml');
    await fs.writeFile(file('transcripts/import-test/broken.srt'), '1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 --> 00:00:0x,000\nbroken\n');
    assert.equal(await vscode.commands.executeCommand('gloss.importSubtitles', { file: 'transcripts/import-test/broken.srt' }), undefined);
    assert.deepEqual((await fs.readdir(file('transcripts/import-test'))).sort(), ['broken.srt', 'gespraech.txt', 'gespraech.vtt', 'gespraech.wav']);
    assert.equal(await read('cases.yaml'), cases);
  });
});
