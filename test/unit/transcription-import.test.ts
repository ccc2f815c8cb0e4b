import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importSubtitles, transcriptPathFor } from '../../src/core/transcription/import';
import { SubtitleError, transcriptText, turnsOf } from '../../src/core/transcription/segments';
import { parseSrt, parseVtt } from '../../src/core/transcription/subtitles';
import { parseWhisperJson } from '../../src/core/transcription/whisper';

const VTT_HOURS = `WEBVTT
Kind: captions

NOTE made by hand

1
00:00:01.000 --> 00:00:04.500 align:start
<v Interviewer>मेरा नाम <i>अनीता</i> है।</v>

2
01:02:03.250 --> 01:02:05.000
<v Interviewer>आप कहाँ से हैं?

00:02:00.000 --> 00:02:03.000
[SPEAKER_01]: من القاهرة &amp; الجيزة
`;

const VTT_NO_HOURS = '\uFEFFWEBVTT\r\n\r\n00:05.500 --> 00:07.000\r\n第一行\r\n第二行\r\n\r\n01:10.000 --> 01:12.000\r\n你好\r\n';

const SRT = `1
00:00:01,000 --> 00:00:02,000
[SPEAKER_00]: Hello there.

2
00:00:02,500 --> 00:00:04,000
[SPEAKER_00]: How are you?

3
00:00:04,500 --> 00:00:06,000
[SPEAKER_01]: Fine, thanks.
`;

describe('subtitle parsers', () => {
  it('reads WebVTT with hours, voice tags, speaker prefixes, entities and cue settings (Devanagari, Arabic)', () => {
    const { segments, problems } = parseVtt(VTT_HOURS);
    assert.deepEqual(problems, []);
    assert.deepEqual(segments, [
      { start: 1, end: 4.5, text: 'मेरा नाम अनीता है।', speaker: 'Interviewer' },
      { start: 3723.25, end: 3725, text: 'आप कहाँ से हैं?', speaker: 'Interviewer' },
      { start: 120, end: 123, text: 'من القاهرة & الجيزة', speaker: 'Speaker 01' },
    ]);
  });

  it('reads WebVTT without hours, with a BOM and CRLF, joining a cue\'s lines (Chinese)', () => {
    const { segments, problems } = parseVtt(VTT_NO_HOURS);
    assert.deepEqual(problems, []);
    assert.deepEqual(segments, [
      { start: 5.5, end: 7, text: '第一行 第二行' },
      { start: 70, end: 72, text: '你好' },
    ]);
  });

  it('reads SubRip with and without hours, "," or "." before the milliseconds', () => {
    assert.deepEqual(parseSrt(SRT).segments.map((s) => [s.start, s.speaker, s.text]), [
      [1, 'Speaker 00', 'Hello there.'],
      [2.5, 'Speaker 00', 'How are you?'],
      [4.5, 'Speaker 01', 'Fine, thanks.'],
    ]);
    const short = parseSrt('1\r\n02:03.5 --> 02:04.000\r\nनमस्ते\r\n');
    assert.deepEqual(short, { segments: [{ start: 123.5, end: 124, text: 'नमस्ते' }], problems: [] });
  });

  it('reports broken cues with their lines', () => {
    const broken = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:03.000 -> 00:00:04.000\nbad arrow\n\n2\njust text\n\n00:00:09.000 --> 00:00:08.000\nbackwards\n\n00:01:75.000 --> 00:01:76.000\nseventy-five seconds\n';
    const { problems } = parseVtt(broken);
    assert.deepEqual(problems.map((p) => p.line), [6, 9, 12, 15]);
    assert.match(problems[2].message, /ends .* before it starts/);
    assert.deepEqual(parseVtt('1\n00:00:01.000 --> 00:00:02.000\nno header\n').problems.map((p) => p.line), [1]);
    assert.deepEqual(parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:0x:04,000\nbad\n').problems.map((p) => p.line), [6]);
  });

  it('reads Whisper JSON, with speakers from the field or a prefix, and reports bad segments by line', () => {
    const json = JSON.stringify(
      {
        text: '…',
        segments: [
          { id: 0, start: 0.0, end: 2.4, text: ' 你好，我是李伟。', speaker: 'SPEAKER_00', words: [{ word: '你好', start: 0, end: 0.5 }] },
          { id: 1, start: 2.4, end: 5.0, text: ' 我在北京工作。', speaker: 'SPEAKER_00' },
          { id: 2, start: 5.0, end: 7.5, text: '[SPEAKER_01]: مرحبا' },
          { id: 3, start: 7.5, end: 9.0, text: ' no speaker' },
        ],
      },
      null,
      2,
    );
    const { segments, problems } = parseWhisperJson(json);
    assert.deepEqual(problems, []);
    assert.deepEqual(segments.map((s) => [s.start, s.speaker, s.text]), [
      [0, 'Speaker 00', '你好，我是李伟。'],
      [2.4, 'Speaker 00', '我在北京工作。'],
      [5, 'Speaker 01', 'مرحبا'],
      [7.5, undefined, 'no speaker'],
    ]);
    const bad = '{\n  "segments": [\n    { "start": 0, "end": 1, "text": "ok" },\n    { "start": 3, "end": 2, "text": "backwards" },\n    { "start": "x", "text": "no end" }\n  ]\n}';
    assert.deepEqual(parseWhisperJson(bad).problems.map((p) => p.line), [4, 5]);
    assert.match(parseWhisperJson('{ "segments": [ \n oops').problems[0].message, /not valid JSON/);
    assert.match(parseWhisperJson('{}').problems[0].message, /"segments"/);
  });
});

describe('transcripts from segments', () => {
  it('merges consecutive segments of one speaker into a turn with its first time', () => {
    const text = transcriptText(turnsOf(parseSrt(SRT).segments), { source: 'interviews/a.srt' });
    assert.equal(text, '# Transcript imported from interviews/a.srt\n\n[00:00:01] Speaker 00: Hello there. How are you?\n\n[00:00:04] Speaker 01: Fine, thanks.\n');
  });

  it('keeps segments without a speaker apart, hours written always', () => {
    const text = transcriptText(turnsOf(parseVtt(VTT_NO_HOURS).segments), { source: 'a.vtt' });
    assert.equal(text, '# Transcript imported from a.vtt\n\n[00:00:05] 第一行 第二行\n\n[00:01:10] 你好\n');
  });
});

describe('importing subtitles into a study', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-subtitles-'));
    await fs.mkdir(path.join(root, 'transcripts'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('writes the transcript beside the source and finds the recording of the same name', async () => {
    await fs.writeFile(path.join(root, 'transcripts', 'int-01.vtt'), VTT_HOURS);
    await fs.writeFile(path.join(root, 'transcripts', 'int-01.ogg'), 'OggS');
    const result = await importSubtitles(root, 'transcripts/int-01.vtt');
    assert.deepEqual(result, { transcript: 'transcripts/int-01.txt', segments: 3, turns: 2, media: 'transcripts/int-01.ogg' });
    const written = await fs.readFile(path.join(root, 'transcripts', 'int-01.txt'), 'utf8');
    assert.match(written, /^\[00:00:01\] Interviewer: मेरा नाम अनीता है। आप कहाँ से हैं\?$/m);
    assert.match(written, /^\[00:02:00\] Speaker 01: من القاهرة & الجيزة$/m);
    assert.equal(transcriptPathFor('a/b.c.json'), 'a/b.c.txt');
  });

  it('writes nothing for broken cues, an existing transcript or a file that is not UTF-8', async () => {
    const source = path.join(root, 'transcripts', 'broken.srt');
    await fs.writeFile(source, '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nno timing here\n');
    await assert.rejects(importSubtitles(root, 'transcripts/broken.srt'), (error: unknown) => {
      assert.ok(error instanceof SubtitleError);
      assert.deepEqual(error.problems.map((p) => p.line), [6]);
      return true;
    });
    await fs.writeFile(path.join(root, 'transcripts', 'taken.srt'), SRT);
    await fs.writeFile(path.join(root, 'transcripts', 'taken.txt'), 'already here\n');
    await assert.rejects(importSubtitles(root, 'transcripts/taken.srt'), /already exists/);
    await fs.writeFile(path.join(root, 'transcripts', 'latin1.srt'), Buffer.from('1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n', 'latin1'));
    await assert.rejects(importSubtitles(root, 'transcripts/latin1.srt'), /not UTF-8/);
    assert.deepEqual((await fs.readdir(path.join(root, 'transcripts'))).sort(), ['broken.srt', 'latin1.srt', 'taken.srt', 'taken.txt']);
    assert.equal(await fs.readFile(path.join(root, 'transcripts', 'taken.txt'), 'utf8'), 'already here\n');
  });
});
