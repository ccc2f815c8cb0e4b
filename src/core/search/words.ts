// Words by Unicode segmentation (Intl.Segmenter, granularity 'word'), for every script: whole-word
// search asks whether a hit starts and ends on word boundaries; frequencies and the concordance's
// sort keys take the words of a text. Offsets are UTF-16 units.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Units segmented on each side of a hit: boundaries depend only on nearby characters. */
const WINDOW = 64;
const SPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const PUNCTUATION = /\p{P}/u;
/** Punctuation the segmenter keeps inside a word between letters or digits (MidLetter, MidNum). */
const JOINS_WORDS = /['’.:·‧,;\u055f\u05f4\u2018\u2024\ufe13\ufe52\ufe55\uff07\uff0e\uff1a]/;
/** A run of letters, marks and digits, with inner apostrophes (can't, l'eau). */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
/** Scripts written without spaces between words: their runs are split by the segmenter's dictionary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAS_LETTER = /\p{L}/u;

/** True when [start, end) of `text` begins and ends on word boundaries. */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const before = plainBoundary(text, start);
  const after = plainBoundary(text, end);
  if (before === false || after === false) return false;
  if (before === true && after === true) return true;
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(text.length, end + WINDOW);
  let startFound = before === true;
  let endFound = after === true;
  for (const segment of segmenter.segment(text.slice(from, to))) {
    const at = from + segment.index;
    if (at === start) startFound = true;
    if (at === end || at + segment.segment.length === end) endFound = true;
    if (at > end) break;
  }
  return startFound && endFound;
}

/**
 * Whether there is a word boundary before text[at], when the characters around it settle it as
 * the segmenter would (white space, two letters of a spaced script, a letter beside punctuation
 * that cannot join words); undefined: ask the segmenter.
 */
function plainBoundary(text: string, at: number): boolean | undefined {
  if (at <= 0 || at >= text.length) return true;
  const a = text[at - 1];
  const b = text[at];
  if (SPACE.test(a) || SPACE.test(b)) return true;
  const aWord = WORD_CHAR.test(a);
  const bWord = WORD_CHAR.test(b);
  if (aWord && bWord) return UNSPACED.test(a) || UNSPACED.test(b) ? undefined : false;
  // "can't", "U.S.", "3.5": these join the words on both sides.
  if (aWord && PUNCTUATION.test(b)) return JOINS_WORDS.test(b) && WORD_CHAR.test(text[at + 1] ?? '') ? undefined : true;
  if (bWord && PUNCTUATION.test(a)) return JOINS_WORDS.test(a) && WORD_CHAR.test(text[at - 2] ?? '') ? undefined : true;
  return undefined;
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
