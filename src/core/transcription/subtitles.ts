// WebVTT and SubRip (.srt) read into segments. Times with and without hours, "." or "," before the
// milliseconds; a BOM and CRLF or CR line ends are fine. Tags (<i>, <c.x>, <00:01.000>) are
// dropped and the common entities decoded; a voice tag <v Name> or a "[SPEAKER_00]:" prefix gives
// the speaker. Any cue that cannot be read is a problem with its line: nothing is imported then.
import { splitSpeakerPrefix, speakerName, type CueProblem, type ParsedSegments, type Segment } from './segments';

const TIME = String.raw`(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s.*)?$`);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

function seconds(h: string | undefined, m: string, s: string, ms: string): number | undefined {
  if (Number(s) >= 60 || (h !== undefined && Number(m) >= 60)) return undefined;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;
}

/** A timing line's start and end, or why it cannot be read. */
function readTiming(line: string): { start: number; end: number } | string {
  const match = TIMING.exec(line);
  if (!match) return `"${line.trim()}" is not a cue timing (like 00:01:02.500 --> 00:01:04.000).`;
  const start = seconds(match[1], match[2], match[3], match[4]);
  const end = seconds(match[5], match[6], match[7], match[8]);
  if (start === undefined || end === undefined) return `"${line.trim()}" has minutes or seconds of 60 or more.`;
  if (end < start) return `The cue ends (${line.split('-->')[1].trim()}) before it starts.`;
  return { start, end };
}

/** Cue text without tags, entities decoded, lines joined; the speaker from a voice tag or a prefix. */
function cueText(textLines: readonly string[]): { text: string; speaker?: string } {
  const joined = textLines.join(' ');
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(joined);
  const plain = joined
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (voice) return { speaker: speakerName(voice[1]), text: plain };
  return splitSpeakerPrefix(plain);
}

/** Blocks of non-blank lines with the 1-based line of their first line. */
function blocks(all: readonly string[]): { line: number; lines: string[] }[] {
  const found: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | undefined;
  all.forEach((text, index) => {
    if (text.trim() === '') current = undefined;
    else if (current) current.lines.push(text);
    else found.push((current = { line: index + 1, lines: [text] }));
  });
  return found;
}

function segment(timing: { start: number; end: number }, textLines: readonly string[]): Segment {
  const { text, speaker } = cueText(textLines);
  return speaker === undefined ? { ...timing, text } : { ...timing, text, speaker };
}

export function parseVtt(text: string): ParsedSegments {
  const all = lines(text);
  const problems: CueProblem[] = [];
  const segments: Segment[] = [];
  if (!/^WEBVTT(?:[ \t].*)?$/.test(all[0] ?? '')) {
    return { segments, problems: [{ line: 1, message: 'A WebVTT file starts with the line "WEBVTT".' }] };
  }
  for (const block of blocks(all).slice(1)) {
    const first = block.lines[0];
    // Comment, style and region blocks hold no cue (the first block, WEBVTT's header, is skipped).
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(first)) continue;
    const timingIndex = block.lines.findIndex((l) => l.includes('-->'));
    if (timingIndex === -1 || timingIndex > 1) {
      problems.push({ line: block.line, message: 'This cue has no timing line (start --> end).' });
      continue;
    }
    const timing = readTiming(block.lines[timingIndex]);
    if (typeof timing === 'string') problems.push({ line: block.line + timingIndex, message: timing });
    else segments.push(segment(timing, block.lines.slice(timingIndex + 1)));
  }
  return { segments, problems };
}

export function parseSrt(text: string): ParsedSegments {
  const problems: CueProblem[] = [];
  const segments: Segment[] = [];
  for (const block of blocks(lines(text))) {
    // A number, then the timing; some tools leave the number out.
    const timingIndex = /^\s*\d+\s*$/.test(block.lines[0]) ? 1 : 0;
    const timingLine = block.lines[timingIndex];
    if (timingLine === undefined || !timingLine.includes('-->')) {
      problems.push({ line: block.line + timingIndex, message: 'This subtitle has no timing line (00:00:01,000 --> 00:00:02,000).' });
      continue;
    }
    const timing = readTiming(timingLine);
    if (typeof timing === 'string') problems.push({ line: block.line + timingIndex, message: timing });
    else segments.push(segment(timing, block.lines.slice(timingIndex + 1)));
  }
  return { segments, problems };
}
