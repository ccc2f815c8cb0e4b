// Words by Unicode segmentation (Intl.Segmenter, granularity 'word'), for every script: whole-word
// search asks whether a hit starts and ends on word boundaries; frequencies and the concordance's
// sort keys take the words of a text. Offsets are UTF-16 units.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Units segmented on each side of a hit: boundaries depend only on nearby characters. */
const WINDOW = 64;
/** Characters that always end a word in every script (the segmenter is skipped beside them). */
const ALWAYS_BREAKS = /[\s,;!?()[\]{}"“”«»]/;
/** A run of letters, marks and digits, with inner apostrophes (can't, l'eau). */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** Scripts written without spaces between words: their runs are split by the segmenter's dictionary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAS_LETTER = /\p{L}/u;

/** True when [start, end) of `text` begins and ends on word boundaries. */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const breaksBefore = start === 0 || ALWAYS_BREAKS.test(text[start - 1]);
  const breaksAfter = end === text.length || ALWAYS_BREAKS.test(text[end]);
  if (breaksBefore && breaksAfter) return true;
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(text.length, end + WINDOW);
  let startFound = breaksBefore;
  let endFound = breaksAfter;
  for (const segment of segmenter.segment(text.slice(from, to))) {
    const at = from + segment.index;
    if (at === start) startFound = true;
    if (at === end || at + segment.segment.length === end) endFound = true;
    if (at > end) break;
  }
  return startFound && endFound;
}

export interface WordToken {
  readonly word: string;
  /** UTF-16 offset in the text. */
  readonly index: number;
}

/** The words of a text (runs holding a letter or digit), in order. */
export function* wordsOf(text: string): Generator<WordToken> {
  for (const run of text.matchAll(WORD_RUN)) {
    if (!UNSPACED.test(run[0])) {
      yield { word: run[0], index: run.index };
      continue;
    }
    for (const segment of segmenter.segment(run[0])) {
      if (segment.isWordLike === true) yield { word: segment.segment, index: run.index + segment.index };
    }
  }
}

/** Whether a word holds a letter (numbers are left out of frequencies). */
export function hasLetter(word: string): boolean {
  return HAS_LETTER.test(word);
}
