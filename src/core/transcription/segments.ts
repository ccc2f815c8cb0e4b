// What every subtitle and automatic-transcript format is read into, and the turns written from it.
import { formatTimestamp } from './timestamps';

/** One cue or segment: seconds from the start of the recording. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** From a voice tag, a "SPEAKER_00:" prefix or a diarisation field; absent when not known. */
  readonly speaker?: string;
}

/** A cue or segment that could not be read: the import stops and writes nothing. */
export interface CueProblem {
  /** 1-based line of the source file (for JSON: of the segment when known). */
  readonly line: number;
  readonly message: string;
}

export interface ParsedSegments {
  readonly segments: Segment[];
  readonly problems: CueProblem[];
}

/** The import refused: every problem with its line. */
export class SubtitleError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly CueProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

/** Diarisation tools' labels (SPEAKER_00) read as names the Transcript grammar knows (Speaker 00). */
export function speakerName(label: string): string {
  const trimmed = label.trim();
  const diarised = /^SPEAKER[_ ](\d+)$/i.exec(trimmed);
  return diarised ? `Speaker ${diarised[1]}` : trimmed.replace(/_/g, ' ');
}

/** "[SPEAKER_00]: text", "SPEAKER_00: text" and "Speaker 1: text" prefixes split from the text. */
export function splitSpeakerPrefix(text: string): { speaker?: string; text: string } {
  const match = /^\s*(?:\[([^\]\n]{1,40})\]|(SPEAKER_\d+|Speaker \d+))\s*:\s*/i.exec(text);
  if (!match) return { text };
  return { speaker: speakerName(match[1] ?? match[2]), text: text.slice(match[0].length) };
}

export interface TranscriptHeader {
  /** The file the transcript was made from, study-relative. */
  readonly source: string;
}

export interface Turn {
  readonly start: number;
  readonly speaker?: string;
  readonly text: string;
}

/** Consecutive segments of one speaker merged into one turn with the first one's time; segments without a speaker stay turns of their own. */
export function turnsOf(segments: readonly Segment[]): Turn[] {
  const turns: { start: number; speaker?: string; texts: string[] }[] = [];
  for (const segment of segments) {
    const text = segment.text.trim();
    if (text === '') continue;
    const last = turns.at(-1);
    if (last && segment.speaker !== undefined && last.speaker === segment.speaker) last.texts.push(text);
    else turns.push({ start: segment.start, ...(segment.speaker === undefined ? {} : { speaker: segment.speaker }), texts: [text] });
  }
  return turns.map(({ texts, ...turn }) => ({ ...turn, text: texts.join(' ') }));
}

/** The transcript: a header comment naming the source, then one paragraph per turn, `[hh:mm:ss] Speaker: text`. */
export function transcriptText(turns: readonly Turn[], header: TranscriptHeader): string {
  const lines = [`# Transcript imported from ${header.source}`, ''];
  for (const turn of turns) lines.push(`${formatTimestamp(turn.start)} ${turn.speaker === undefined ? '' : `${turn.speaker}: `}${turn.text}`, '');
  return lines.join('\n');
}
