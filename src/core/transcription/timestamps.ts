// Time marks in a transcript: found (to seek to them and to know which turn is playing), their
// style read from the transcript, and new ones written in that style. The styles are the ones the
// Transcript grammar highlights: [00:01:02], [01:02], (00:01:02), #00:01:02-3# (f4/f5), a bare
// 00:01:02 at the start of a line, each with optional fractions (.5, ,250).

export interface TimestampStyle {
  readonly brackets: 'square' | 'round' | 'hash' | 'none';
  /** Always write hours (00:01:02) rather than only when needed (01:02). */
  readonly hours: boolean;
  /** Digits after the seconds (0: none). */
  readonly fractionDigits: number;
  /** What separates seconds and fraction: '.', ',' or '-' (f4/f5's #00:01:02-3#). */
  readonly fractionSeparator: '.' | ',' | '-';
}

/** What a new transcript and one without any time mark get: [00:01:02], as the example study writes. */
export const DEFAULT_TIMESTAMP_STYLE: TimestampStyle = { brackets: 'square', hours: true, fractionDigits: 0, fractionSeparator: '.' };

export interface FoundTimestamp {
  /** UTF-16 offsets of the whole mark (brackets included) in the text searched. */
  readonly start: number;
  readonly end: number;
  readonly seconds: number;
  /** True when the mark opens its line (a turn's time), false inside a line. */
  readonly opensLine: boolean;
}

const CLOCK = String.raw`(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:([.,-])(\d{1,3}))?`;
/** Marked forms anywhere in a line; the bare form only at the start of a line, before a space. */
const TIMESTAMP = new RegExp(String.raw`\[${CLOCK}\]|\(${CLOCK}\)|#${CLOCK}#|^[ \t]*${CLOCK}(?=[ \t])`, 'gm');

function secondsOf(groups: readonly (string | undefined)[]): number | undefined {
  const [hours, minutes, seconds, , fraction] = groups;
  const m = Number(minutes);
  const s = Number(seconds);
  if (s >= 60 || (hours !== undefined && m >= 60)) return undefined;
  return Number(hours ?? 0) * 3600 + m * 60 + s + (fraction ? Number(`0.${fraction}`) : 0);
}

/** Every time mark of the text, in order. */
export function findTimestamps(text: string): FoundTimestamp[] {
  const found: FoundTimestamp[] = [];
  for (const match of text.matchAll(TIMESTAMP)) {
    const index = match.index ?? 0;
    // Four alternatives of five groups each: the one that matched has its minutes set.
    const alternative = [0, 1, 2, 3].find((a) => match[2 + a * 5] !== undefined) ?? 0;
    const seconds = secondsOf(match.slice(1 + alternative * 5, 6 + alternative * 5));
    if (seconds === undefined) continue;
    const leading = match[0].length - match[0].trimStart().length;
    const start = index + leading;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    found.push({ start, end: index + match[0].length, seconds, opensLine: text.slice(lineStart, start).trim() === '' });
  }
  return found;
}

/** The style of the transcript's first time mark, or the default when it has none. */
export function timestampStyleOf(text: string): TimestampStyle {
  const first = findTimestamps(text)[0];
  if (first === undefined) return DEFAULT_TIMESTAMP_STYLE;
  const mark = text.slice(first.start, first.end);
  const brackets = mark.startsWith('[') ? 'square' : mark.startsWith('(') ? 'round' : mark.startsWith('#') ? 'hash' : 'none';
  const clock = /(\d{1,2}:)?\d{1,2}:\d{2}(?:([.,-])(\d{1,3}))?/.exec(mark);
  const separator = clock?.[2];
  return {
    brackets,
    hours: clock?.[1] !== undefined,
    fractionDigits: clock?.[3]?.length ?? 0,
    fractionSeparator: separator === ',' || separator === '-' ? separator : '.',
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** A time mark for `seconds` in `style`; the fraction is cut, never rounded up past the second heard. */
export function formatTimestamp(seconds: number, style: TimestampStyle = DEFAULT_TIMESTAMP_STYLE): string {
  const scale = 10 ** style.fractionDigits;
  const units = Math.floor(Math.max(0, seconds) * scale + 1e-6);
  const whole = Math.floor(units / scale);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  let clock = style.hours || h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
  if (style.fractionDigits > 0) clock += style.fractionSeparator + String(units % scale).padStart(style.fractionDigits, '0');
  switch (style.brackets) {
    case 'square':
      return `[${clock}]`;
    case 'round':
      return `(${clock})`;
    case 'hash':
      return `#${clock}#`;
    default:
      return clock;
  }
}

/** The mark at or nearest before `offset` on its line (the one a cursor means), else the line's first. */
export function timestampAt(text: string, offset: number, marks: readonly FoundTimestamp[] = findTimestamps(text)): FoundTimestamp | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const next = text.indexOf('\n', offset);
  const lineEnd = next === -1 ? text.length : next;
  const onLine = marks.filter((m) => m.start >= lineStart && m.start < lineEnd);
  return onLine.filter((m) => m.start <= offset).at(-1) ?? onLine[0];
}

/**
 * The turn being heard at `seconds`: from the last line-opening mark at or before that time to the
 * line before the next line-opening mark (UTF-16 offsets), or undefined before the first.
 */
export function turnAt(text: string, seconds: number, marks: readonly FoundTimestamp[] = findTimestamps(text)): { start: number; end: number } | undefined {
  const turns = marks.filter((m) => m.opensLine);
  let current = -1;
  for (let i = 0; i < turns.length; i++) if (turns[i].seconds <= seconds) current = i;
  if (current === -1) return undefined;
  const start = text.lastIndexOf('\n', turns[current].start - 1) + 1;
  const nextStart = current + 1 < turns.length ? text.lastIndexOf('\n', turns[current + 1].start - 1) + 1 : text.length;
  return { start, end: text.slice(start, nextStart).trimEnd().length + start };
}
