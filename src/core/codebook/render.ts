// Writing a new code entry as YAML lines in a given indentation style.

import { renderPair } from '../yaml/pair-edits';
import type { ScalarStyle } from '../yaml/scalar';

/** A code as the caller describes it for adding. */
export interface NewCode {
  readonly id: string;
  readonly name: string;
  /** `#RRGGBB`. */
  readonly colour?: string;
  readonly description?: string;
  /** The code's REFI-QDA GUID, when an import brought one (lower case, 8-4-4-4-12). */
  readonly guid?: string;
}

export interface EntryStyle {
  /** Columns from the `-` to the keys. */
  readonly mapIndent: number;
  readonly colourStyle: ScalarStyle;
}

/** The lines of a new entry whose `-` stands at `dashColumn`, keys in the documented order. */
export function renderEntry(code: NewCode, dashColumn: number, style: EntryStyle): string[] {
  const keyColumn = dashColumn + style.mapIndent;
  const keyPad = ' '.repeat(keyColumn);
  const pairs: string[][] = [renderPair('id', code.id, keyColumn), renderPair('name', code.name, keyColumn)];
  if (code.colour !== undefined) pairs.push(renderPair('colour', code.colour, keyColumn, style.colourStyle));
  if (code.description !== undefined && code.description !== '') pairs.push(renderPair('description', code.description, keyColumn));
  if (code.guid !== undefined) pairs.push(renderPair('guid', code.guid, keyColumn));
  const lines = pairs.flatMap((pairLines, index) => {
    const [keyLine, ...rest] = pairLines;
    const lead = index === 0 ? ' '.repeat(dashColumn) + '-' + ' '.repeat(style.mapIndent - 1) : keyPad;
    return [lead + keyLine, ...rest];
  });
  return lines;
}
