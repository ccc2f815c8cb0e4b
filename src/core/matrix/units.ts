// The units of a transcript that co-occurrence can count in: speaker turns and paragraphs.
// A turn starts at a line that opens with a speaker label, as the transcript grammar
// (syntaxes/transcript.tmLanguage.json) recognises it; a paragraph is a run of non-blank lines.
// Units are given as the code point offsets where each one starts, ascending, the first being 0
// (the text before the first speaker label, usually the header, is a unit of its own).
import { TextIndex } from '../text/offsets';

// The grammar's building blocks, translated from Oniguruma to JavaScript (`u` flag).
const TIMESTAMP = String.raw`(?:\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]|\((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\)|#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)`;
const TRAILING_TIMESTAMP = String.raw`(?:\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]|\((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\))`;
const WORD = String.raw`\p{Lu}[\p{L}\p{M}\p{N}'’\-]*(?:\.\p{Lu}[\p{L}\p{M}\p{N}'’\-]*)*\.?`;
const PARTICLE = String.raw`(?:van|von|vom|zu|der|den|de|del|della|di|da|das|do|dos|du|la|las|le|los|ten|ter|y|e|bin|ibn|al|el|of)(?![\p{L}\p{M}\p{N}])`;
const NAME = String.raw`${WORD}(?:[ \t]+(?:${WORD}|\p{N}+|${PARTICLE})){0,3}`;

/** `[Name] text` or `[Name]: text` at the start of a line. */
const BRACKETED_SPEAKER = new RegExp(String.raw`^[ \t]*(?:${TIMESTAMP}[ \t]+)?\[(${NAME})\](?:[ \t\u00A0\u202F]?:)?(?=[ \t]+\S)`, 'u');
/** Notes in brackets that are not speakers (`[Laughs] …`), as in the grammar; compared in lower case. */
const NOTES = new Set(
  'laugh laughs laughter laughing inaudible unclear pause crosstalk silence sigh sighs cough coughs applause noise lacht lachen pauze onverstaanbaar stilte zucht seufzt unverständlich räuspert sich rire rires rit soupir risa risas se ríe pausa silencio suspiro riso risos inaudível silêncio'
    .split(' '),
);
const MULTI_WORD_NOTES = new Set(['räuspert sich', 'se ríe']);
/** A header line: `#` at the start of a line that is not a `#00:01:02#` time mark. */
const COMMENT = /^[ \t]*#(?!\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#)/;

/** `Name:` at the start of a line (the name captured), optionally after a timestamp or followed by one. */
const SPEAKER_NAME = new RegExp(String.raw`^[ \t]*(?:${TIMESTAMP}[ \t]+)?(${NAME})(?:[ \t]+${TRAILING_TIMESTAMP})?[ \t\u00A0\u202F]?:(?=\s|$)`, 'u');

/** Whether a line (without its line break) opens a speaker turn. */
export function isSpeakerLine(line: string): boolean {
  return speakerOfLine(line) !== undefined;
}

/**
 * The speaker label a line opens a turn with, and the length (UTF-16 units) of the line's opening
 * up to and including the label and its colon; undefined when the line opens no turn.
 */
export function speakerOfLine(line: string): { readonly speaker: string; readonly labelLength: number } | undefined {
  if (COMMENT.test(line)) return undefined;
  const plain = SPEAKER_NAME.exec(line);
  if (plain) return { speaker: plain[1], labelLength: plain[0].length };
  const bracketed = BRACKETED_SPEAKER.exec(line);
  if (!bracketed) return undefined;
  const name = bracketed[1].toLowerCase();
  return NOTES.has(name) || MULTI_WORD_NOTES.has(name) ? undefined : { speaker: bracketed[1], labelLength: bracketed[0].length };
}

export type UnitKind = 'turn' | 'paragraph';

/** Code point offsets where each unit of `text` (normalised, LF) starts; the first is 0. */
export function unitStarts(text: string, kind: UnitKind): number[] {
  const unitOffsets: number[] = [0];
  let previousBlank = true;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const breakAt = text.indexOf('\n', lineStart);
    const lineEnd = breakAt === -1 ? text.length : breakAt;
    const line = text.slice(lineStart, lineEnd);
    if (kind === 'turn') {
      if (lineStart > 0 && isSpeakerLine(line)) unitOffsets.push(lineStart);
    } else {
      const blank = line.trim() === '';
      if (!blank && previousBlank && lineStart > 0) unitOffsets.push(lineStart);
      previousBlank = blank;
    }
    if (breakAt === -1) break;
    lineStart = breakAt + 1;
  }
  const index = TextIndex.forText(text);
  return index.isIdentity ? unitOffsets : unitOffsets.map((offset) => index.toCodePointOffset(offset));
}

/** Index of the unit holding code point `offset`: the last start at or before it. */
export function unitAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
