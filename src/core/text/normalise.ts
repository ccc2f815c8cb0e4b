// A document's normalised text and its version (docs/data-format.md): offsets count code points
// of this text, so they mean the same on every machine whatever its line endings.

import { createHash } from 'node:crypto';

/** The line ending a document uses in the editor. */
export type LineEnding = '\n' | '\r\n';

const BYTE_ORDER_MARK = '\uFEFF';

/** Removes a leading BOM and turns every `\r\n` and lone `\r` into `\n`. */
export function normaliseText(raw: string): string {
  const withoutBom = raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/**
 * The text version: the Git blob hash (SHA-1 of `blob <byte length>\0<bytes>`) of the normalised
 * text encoded as UTF-8, so that `git cat-file blob <version>` returns it when committed with LF.
 */
export function textVersion(normalised: string): string {
  const bytes = Buffer.from(normalised, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The line ending VS Code gives a document with this content. VS Code converts a file with mixed
 * endings to one ending when it opens it: `\r\n` when more than half of the line breaks contain a
 * `\r` (lone `\r` counts with `\r\n`), otherwise `\n`; a text without line breaks gets `fallback`
 * (the `files.eol` setting).
 */
export function detectLineEnding(text: string, fallback: LineEnding = '\n'): LineEnding {
  let withCarriageReturn = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 13 /* \r */) {
      withCarriageReturn++;
      total++;
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (unit === 10 /* \n */) {
      total++;
    }
  }
  if (total === 0) return fallback;
  return withCarriageReturn > total / 2 ? '\r\n' : '\n';
}

/** The text as an editor with `lineEnding` holds it, from the normalised text. */
export function toEditorText(normalised: string, lineEnding: LineEnding): string {
  return lineEnding === '\n' ? normalised : normalised.replace(/\n/g, lineEnding);
}
