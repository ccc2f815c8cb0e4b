// A text kept in chunks of a few thousand UTF-16 units, so that a small edit of a large document
// costs a few microseconds instead of a copy of the whole string (V8 flattens a concatenated
// string on the next slice, which for a 1M-character document costs most of a millisecond).

const CHUNK_LENGTH = 4096;

export class ChunkedText {
  private chunks: string[];
  private totalLength: number;

  constructor(text: string) {
    this.chunks = splitIntoChunks(text);
    this.totalLength = text.length;
  }

  get length(): number {
    return this.totalLength;
  }

  /** The text in [start, end), UTF-16 units. */
  slice(start: number, end: number): string {
    this.checkRange(start, end);
    if (start === end) return '';
    let [index, offset] = this.locate(start);
    let result = '';
    let remaining = end - start;
    while (remaining > 0) {
      const chunk = this.chunks[index];
      const take = Math.min(remaining, chunk.length - offset);
      result += chunk.slice(offset, offset + take);
      remaining -= take;
      index++;
      offset = 0;
    }
    return result;
  }

  /** Replaces [start, start + removedLength) with `inserted`; returns the removed text. */
  replace(start: number, removedLength: number, inserted: string): string {
    this.checkRange(start, start + removedLength);
    if (removedLength === 0 && inserted.length === 0) return '';
    const [first, offset] = this.locate(start);
    let last = first;
    let lastOffset = offset;
    let removed = '';
    let remaining = removedLength;
    for (;;) {
      const chunk = this.chunks[last] ?? '';
      const take = Math.min(remaining, chunk.length - lastOffset);
      removed += chunk.slice(lastOffset, lastOffset + take);
      remaining -= take;
      lastOffset += take;
      if (remaining === 0) break;
      last++;
      lastOffset = 0;
    }
    const head = (this.chunks[first] ?? '').slice(0, offset);
    const tail = (this.chunks[last] ?? '').slice(lastOffset);
    this.chunks.splice(first, last - first + 1, ...splitIntoChunks(head + inserted + tail));
    this.totalLength += inserted.length - removedLength;
    return removed;
  }

  toString(): string {
    return this.chunks.join('');
  }

  /** The chunk holding `offset` and the offset within it; the end of the text is in the last chunk. */
  private locate(offset: number): [number, number] {
    let index = 0;
    while (index < this.chunks.length - 1 && offset >= this.chunks[index].length) {
      offset -= this.chunks[index].length;
      index++;
    }
    return [index, offset];
  }

  private checkRange(start: number, end: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > this.totalLength) {
      throw new RangeError(`range [${start}, ${end}) is outside a text of length ${this.totalLength}`);
    }
  }
}

function splitIntoChunks(text: string): string[] {
  if (text.length <= 2 * CHUNK_LENGTH) return text.length === 0 ? [] : [text];
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += CHUNK_LENGTH) chunks.push(text.slice(start, start + CHUNK_LENGTH));
  return chunks;
}
