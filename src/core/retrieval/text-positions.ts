// Lines, timestamps and context of a position in a document's normalised text, counted in code
// points as the codings are. Built once per text and reused for all its segments.
import { pageMarks } from '../documents/document-text';
import { TextIndex } from '../text/offsets';

/** `[hh:mm:ss]`, `[h:mm:ss.d]` or `[mm:ss]`, as transcripts write times (the grammar's form). */
const TIMESTAMP = /\[(\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]/g;

export class TextPositions {
  private readonly index: TextIndex;
  /** Code point offsets at which each line starts; line 1 at 0. */
  private readonly lineStarts: number[];
  /** Code point offsets of timestamps and their text (without brackets), ascending; built on first use. */
  private timestampList: { readonly at: number; readonly text: string }[] | undefined;

  /** Code point offsets of `[page N]` lines and their pages, ascending; built on first use. */
  private pageList: { readonly at: number; readonly page: number }[] | undefined;

  constructor(readonly text: string) {
    this.index = TextIndex.forText(text);
    const identity = this.index.isIdentity;
    this.lineStarts = [0];
    for (let unit = text.indexOf('\n'); unit !== -1; unit = text.indexOf('\n', unit + 1)) {
      this.lineStarts.push(identity ? unit + 1 : this.index.toCodePointOffset(unit + 1));
    }
  }

  private get timestamps(): { readonly at: number; readonly text: string }[] {
    if (!this.timestampList) {
      const identity = this.index.isIdentity;
      this.timestampList = [];
      for (const match of this.text.matchAll(TIMESTAMP)) {
        this.timestampList.push({ at: identity ? match.index : this.index.toCodePointOffset(match.index), text: match[0].slice(1, -1) });
      }
    }
    return this.timestampList;
  }

  get codePointLength(): number {
    return this.index.codePointLength;
  }

  /** 1-based line of a code point offset. */
  lineOf(offset: number): number {
    return lastAtOrBefore(this.lineStarts, offset, (x) => x) + 1;
  }

  /** The last timestamp written at or before `offset`, without brackets; undefined when none. */
  timestampAt(offset: number): string | undefined {
    const i = lastAtOrBefore(this.timestamps, offset, (t) => t.at);
    return i < 0 ? undefined : this.timestamps[i].text;
  }

  /** The page (of an imported PDF) a code point offset is on; undefined in a text without pages. */
  pageAt(offset: number): number | undefined {
    this.pageList ??= pageMarks(this.text).map((m) => ({ at: this.index.isIdentity ? m.index : this.index.toCodePointOffset(m.index), page: m.page }));
    const i = lastAtOrBefore(this.pageList, offset, (p) => p.at);
    return i < 0 ? undefined : this.pageList[i].page;
  }

  /** The text of a code point span. */
  slice(start: number, end: number): string {
    const length = this.index.codePointLength;
    const from = this.index.toUnitOffset(Math.max(0, Math.min(start, length)));
    const to = this.index.toUnitOffset(Math.max(0, Math.min(end, length)));
    return this.text.slice(from, to);
  }

  /**
   * Up to `length` code points of context before and after a span, not reaching past a blank
   * line (a turn of the conversation ends there) and cut at a word boundary.
   */
  context(start: number, end: number, length: number): { before: string; after: string } {
    let before = this.slice(Math.max(0, start - length), start);
    const paragraphBefore = before.lastIndexOf('\n\n');
    if (paragraphBefore !== -1) before = before.slice(paragraphBefore + 2);
    else if (start - length > 0) before = before.replace(/^\S*\s*/u, '');
    let after = this.slice(end, end + length);
    const paragraphAfter = after.indexOf('\n\n');
    if (paragraphAfter !== -1) after = after.slice(0, paragraphAfter);
    else if (end + length < this.codePointLength) after = after.replace(/\s*\S*$/u, '');
    return { before, after };
  }
}

/** Index of the last item whose key is <= value; -1 when none. */
function lastAtOrBefore<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(items[mid]) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
