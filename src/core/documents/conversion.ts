// What a converter makes of an original: the text's blocks and notes on what it could not carry
// over (pictures, pages without a text layer, flattened tables), for the import report.
import type { TextBlock } from './document-text';

export interface Conversion {
  readonly blocks: readonly TextBlock[];
  readonly notes: readonly string[];
}

/** An original Gloss cannot read (corrupt, encrypted, another format): nothing was written. */
export class DocumentImportError extends Error {}
