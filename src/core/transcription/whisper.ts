// Whisper's JSON (and WhisperX's, with diarisation): { "segments": [ { "start": 0.0, "end": 2.5,
// "text": "…", "speaker": "SPEAKER_00" } ] }. A speaker comes from the field or a "[SPEAKER_00]:"
// prefix of the text. Problems name the segment's line in the file.
import { splitSpeakerPrefix, speakerName, type CueProblem, type ParsedSegments, type Segment } from './segments';

/** 1-based line of the n-th (0-based) `{` that opens a segment, found by scanning the "segments" array. */
function segmentLines(text: string): number[] {
  const lines: number[] = [];
  const at = text.search(/"segments"\s*:\s*\[/);
  if (at === -1) return lines;
  let depth = 0;
  let line = text.slice(0, at).split('\n').length;
  let inString = false;
  for (let i = text.indexOf('[', at) + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0 && c === '{') lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return lines;
}

function lineOfPosition(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : 1;
}

export function parseWhisperJson(source: string): ParsedSegments {
  const text = source.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { segments: [], problems: [{ line: lineOfPosition(text, message), message: `This is not valid JSON: ${message}` }] };
  }
  const list = (data as { segments?: unknown } | null)?.segments;
  if (!Array.isArray(list)) return { segments: [], problems: [{ line: 1, message: 'Whisper JSON holds a "segments" list; this file has none.' }] };
  const lines = segmentLines(text);
  const problems: CueProblem[] = [];
  const segments: Segment[] = [];
  list.forEach((item: unknown, index) => {
    const line = lines[index] ?? 1;
    const s = item as { start?: unknown; end?: unknown; text?: unknown; speaker?: unknown } | null;
    const valid = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
    if (s === null || typeof s !== 'object' || !valid(s.start) || !valid(s.end) || typeof s.text !== 'string') {
      problems.push({ line, message: `Segment ${index + 1} needs "start" and "end" (seconds, 0 or more) and "text".` });
      return;
    }
    if (s.end < s.start) {
      problems.push({ line, message: `Segment ${index + 1} ends (${s.end}) before it starts (${s.start}).` });
      return;
    }
    const prefixed = splitSpeakerPrefix(s.text);
    const speaker = typeof s.speaker === 'string' && s.speaker.trim() !== '' ? speakerName(s.speaker) : prefixed.speaker;
    segments.push({ start: s.start, end: s.end, text: prefixed.text.trim(), ...(speaker === undefined ? {} : { speaker }) });
  });
  return { segments, problems };
}
