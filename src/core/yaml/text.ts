// Line arithmetic over a file's text, and offset splices. Edits are expressed as splices of the
// original text so that every byte outside the touched range is kept exactly as it was.

import { countAtOrBelow } from '../util/sorted';

export type LineEnding = '\n' | '\r\n';

/** A file's text seen as lines. Line numbers here are 0-based; `\r\n` counts as one line break. */
export class SourceText {
  readonly eol: LineEnding;
  /** Offset where each line starts. A text ending with a line break has a last, empty line. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
    // A file keeps the line ending it was written with; new lines follow its first line break.
    const firstBreak = text.indexOf('\n');
    this.eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding `offset`. */
  lineOf(offset: number): number {
    return Math.max(0, countAtOrBelow(this.starts, offset) - 1);
  }

  lineStart(line: number): number {
    return line >= this.starts.length ? this.text.length : this.starts[line];
  }

  /** Offset just before the line's break (before `\r\n` or `\n`), or the text's end. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const breakAt = this.starts[line + 1] - 1;
    return breakAt > 0 && this.text[breakAt - 1] === '\r' ? breakAt - 1 : breakAt;
  }

  /** The line's text without its line break. */
  content(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Count of leading spaces (YAML indents with spaces only). */
  indent(line: number): number {
    return leadingSpaces(this.content(line));
  }

  isBlank(line: number): boolean {
    return this.content(line).trim() === '';
  }

  column(offset: number): number {
    return offset - this.lineStart(this.lineOf(offset));
  }

  /** Whether the text's last line is ended by a line break. */
  get endsWithLineBreak(): boolean {
    return this.text.endsWith('\n');
  }
}

/** Replace `text.slice(start, end)` with `insert`. Offsets refer to the text before any splice. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** Applies non-overlapping splices (in any order) to `text`. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const splice of ordered) {
    if (splice.start < cursor) throw new Error(`Overlapping splices at offset ${splice.start}`);
    result += text.slice(cursor, splice.start) + splice.insert;
    cursor = splice.end;
  }
  return result + text.slice(cursor);
}

/** A splice that deletes whole lines `first..last` (inclusive) with their line breaks. */
export function deleteLines(source: SourceText, first: number, last: number): Splice {
  const start = source.lineStart(first);
  if (last + 1 < source.lineCount) return { start, end: source.lineStart(last + 1), insert: '' };
  // The deleted lines end the file: drop the line break before them instead, so the line above
  // becomes the last one and the file keeps (or keeps lacking) its final line break.
  if (first === 0) return { start: 0, end: source.text.length, insert: '' };
  return { start: source.lineEnd(first - 1), end: source.lineEnd(last), insert: '' };
}

/**
 * A splice inserting `lines` (without line breaks) as whole lines before line `line`.
 * `line` may be `lineCount` to append after the last line.
 */
export function insertLinesBefore(source: SourceText, line: number, lines: readonly string[]): Splice {
  const eol = source.eol;
  const end = source.text.length;
  // After a final line break the last "line" is empty: appending means inserting before it.
  if (line >= source.lineCount && source.endsWithLineBreak) line = source.lineCount - 1;
  if (line < source.lineCount || end === 0) {
    const start = source.lineStart(line);
    return { start, end: start, insert: lines.map((l) => l + eol).join('') };
  }
  // Appending after a last line that has no line break: open a new line first, and keep the
  // file's lack of a final line break.
  return { start: end, end, insert: lines.map((l) => eol + l).join('') };
}

/**
 * Shifts a line's indentation by `delta` spaces (never below zero). Every non-empty line moves by
 * the same amount, whitespace-only ones included, so block scalars keep their exact content.
 */
export function reindent(line: string, delta: number): string {
  if (line === '') return '';
  if (delta >= 0) return ' '.repeat(delta) + line;
  const removable = Math.min(-delta, leadingSpaces(line));
  return line.slice(removable);
}

export function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}
