// Where the comments of a YAML file are, from its concrete syntax tree (so a `#` inside a quoted
// or block scalar is text, not a comment).

import type { CST } from 'yaml';
import type { SourceText } from './text';

/** Offsets of every `#` that starts a comment, in order. */
export function commentOffsets(tokens: Iterable<CST.Token>): number[] {
  const offsets = new Set<number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      const token = value as { type?: unknown; offset?: unknown };
      if (token.type === 'comment' && typeof token.offset === 'number') offsets.add(token.offset);
      for (const child of Object.values(value)) if (typeof child === 'object') visit(child);
    }
  };
  visit([...tokens]);
  return [...offsets].sort((a, b) => a - b);
}

/** Lines that hold only a comment. */
export function commentLines(source: SourceText, offsets: readonly number[]): Set<number> {
  return new Set(offsets.filter((offset) => source.column(offset) === source.indent(source.lineOf(offset))).map((offset) => source.lineOf(offset)));
}

/** Whether a comment starts in [start, end). */
export function hasCommentBetween(offsets: readonly number[], start: number, end: number): boolean {
  return offsets.some((offset) => offset >= start && offset < end);
}
