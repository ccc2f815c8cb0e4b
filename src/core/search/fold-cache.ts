// Folded copies of documents kept between searches (folding is nearly all of a search's time): one
// per document and way of folding, used only while the document's text is the very same text
// (compared in full, so a changed document is always folded afresh), the least recently used
// dropped beyond a memory budget.
import { FoldedText, type FoldOptions } from './fold';

/** Enough for one way of folding 100 million characters (about 215 MB, counted as below). */
export const FOLD_CACHE_BYTES = 256 * 1024 * 1024;

interface Kept {
  readonly folded: FoldedText;
  readonly bytes: number;
}

/** Two bytes a unit for a folded copy (none when folding changed nothing), and the map. */
function bytesOf(folded: FoldedText): number {
  return (folded.text === folded.original ? 0 : 2 * folded.text.length) + folded.mapBytes;
}

export class FoldCache {
  /** In order of use, least recent first. */
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(private readonly budgetBytes = FOLD_CACHE_BYTES) {}

  /** The folded copy of `text`, the current text of the document `key` (its path). */
  fold(key: string, text: string, options: FoldOptions): FoldedText {
    const id = `${options.lowerCase ? 'l' : '-'}${options.stripAccents ? 'a' : '-'}${key}`;
    const kept = this.kept.get(id);
    if (kept) {
      this.kept.delete(id);
      this.bytes -= kept.bytes;
      if (kept.folded.original === text) return this.keep(id, kept);
    }
    const folded = FoldedText.of(text, options);
    const bytes = bytesOf(folded);
    if (bytes > this.budgetBytes) return folded;
    for (const [oldest, { bytes: oldestBytes }] of this.kept) {
      if (this.bytes + bytes <= this.budgetBytes) break;
      this.kept.delete(oldest);
      this.bytes -= oldestBytes;
    }
    return this.keep(id, { folded, bytes });
  }

  private keep(id: string, kept: Kept): FoldedText {
    this.kept.set(id, kept);
    this.bytes += kept.bytes;
    return kept.folded;
  }
}
