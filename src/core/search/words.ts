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

const IS_SPACE = 1;
const IS_WORD_CHAR = 2;
const IS_PUNCTUATION = 4;
const JOINS = 8;
const ATTACHES = 16;
/** Marks and format characters (ZWJ, soft hyphen): the segmenter joins them to what comes before. */
const ATTACHING = /[\p{M}\p{Cf}]/u;
/** The classes of the ASCII characters, by the same patterns, read from a table on the hot path. */
const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, code) => classesOf(String.fromCharCode(code)));

function classesOf(character: string): number {
  return (SPACE.test(character) ? IS_SPACE : 0) | (WORD_CHAR.test(character) ? IS_WORD_CHAR : 0) | (PUNCTUATION.test(character) ? IS_PUNCTUATION : 0) | (JOINS_WORDS.test(character) ? JOINS : 0) | (ATTACHING.test(character) ? ATTACHES : 0);
}

/** The classes of text[at] ('' past either end has none). */
function classesAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return ASCII_CLASSES[code];
  return Number.isNaN(code) ? 0 : classesOf(text[at]);
}

/**
 * Whether there is a word boundary before text[at], when the characters around it settle it as
 * the segmenter would (white space, two letters of a spaced script, a letter beside punctuation
 * that cannot join words); undefined: ask the segmenter.
 */
function plainBoundary(text: string, at: number): boolean | undefined {
  if (at <= 0 || at >= text.length) return true;
  const a = classesAt(text, at - 1);
  const b = classesAt(text, at);
  // A mark joins what comes before it (a space too, not a line break); spaces keep together.
  if ((a | b) & ATTACHES) return undefined;
  if ((a | b) & IS_SPACE) return a & b & IS_SPACE ? undefined : true;
  const aWord = (a & IS_WORD_CHAR) !== 0;
  const bWord = (b & IS_WORD_CHAR) !== 0;
  if (aWord && bWord) return UNSPACED.test(text[at - 1]) || UNSPACED.test(text[at]) ? undefined : false;
  // "can't", "U.S.", "3.5": these join the words on both sides.
  if (aWord && b & IS_PUNCTUATION) return b & JOINS && classesAt(text, at + 1) & (IS_WORD_CHAR | ATTACHES) ? undefined : true;
  if (bWord && a & IS_PUNCTUATION) return a & JOINS && classesAt(text, at - 2) & (IS_WORD_CHAR | ATTACHES) ? undefined : true;
  return undefined;
}

export interface WordToken {
  readonly word: string;
  /** UTF-16 offset in the text. */
  readonly index: number;
}

/** The words of a text (runs holding a letter or digit), in order. */
export function wordsOf(text: string): WordToken[] {
  const words: WordToken[] = [];
  scanWords(text, (word, index) => words.push({ word, index }));
  return words;
}

/** Classes of a character for scanWords (bits); CLASSIFIED marks a table entry as filled. */
const RUN = 1;
const LETTER = 2;
const UNSPACED_SCRIPT = 4;
const APOSTROPHE = 8;
/** A high surrogate: the character may be the pair it starts. */
const HIGH_SURROGATE = 16;
const CLASSIFIED = 32;
const RUN_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
const APOSTROPHES = /['’]/;
/** The classes of each UTF-16 unit alone (a surrogate: HIGH_SURROGATE or none), filled on first sight. */
const unitClasses = new Uint8Array(0x10000);
/** The classes of the characters beyond U+FFFF met so far. */
const astralClasses = new Map<number, number>();

function wordClassesOf(character: string): number {
  return CLASSIFIED | (RUN_CHARACTER.test(character) ? RUN : 0) | (HAS_LETTER.test(character) ? LETTER : 0) | (UNSPACED.test(character) ? UNSPACED_SCRIPT : 0) | (APOSTROPHES.test(character) ? APOSTROPHE : 0);
}

function unitClassesOf(code: number): number {
  return unitClasses[code] || (unitClasses[code] = wordClassesOf(String.fromCharCode(code)) | ((code & 0xfc00) === 0xd800 ? HIGH_SURROGATE : 0));
}

/** Whether text[at] starts a surrogate pair (a character beyond U+FFFF, two units). */
function isPairAt(text: string, at: number): boolean {
  return (text.charCodeAt(at) & 0xfc00) === 0xd800 && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
}

/** The classes of the character starting at text[at], a pair of surrogates as one (none past the end). */
function wordClassesAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const classes = unitClassesOf(text.charCodeAt(at));
  if (!(classes & HIGH_SURROGATE) || !isPairAt(text, at)) return classes;
  const point = text.codePointAt(at)!;
  let pairClasses = astralClasses.get(point);
  if (pairClasses === undefined) astralClasses.set(point, (pairClasses = wordClassesOf(String.fromCodePoint(point))));
  return pairClasses;
}

/**
 * The words of a text, in order: runs of letters, marks and digits with inner apostrophes (can't,
 * l'eau), those holding an unspaced script split by the segmenter's dictionary. One pass over the
 * units with a table of their classes, no regular expression or object per word: word frequencies
 * meet millions of words. `hasLetter` tells whether the word holds a letter.
 */
export function scanWords(text: string, visit: (word: string, index: number, hasLetter: boolean) => void): void {
  const length = text.length;
  let start = -1;
  /** The classes of the run's characters together. */
  let runClasses = 0;
  let at = 0;
  while (at < length) {
    let classes = unitClasses[text.charCodeAt(at)];
    let width = 1;
    if (classes === 0 || classes & HIGH_SURROGATE) {
      classes = wordClassesAt(text, at);
      if (isPairAt(text, at)) width = 2;
    }
    if (classes & RUN) {
      if (start < 0) start = at;
      runClasses |= classes;
    } else if (start >= 0) {
      // An apostrophe between two runs joins them (can't, l'eau).
      if (classes & APOSTROPHE && wordClassesAt(text, at + 1) & RUN) {
        at += 1;
        continue;
      }
      visitRun(text.slice(start, at), start, runClasses, visit);
      start = -1;
      runClasses = 0;
    }
    at += width;
  }
  if (start >= 0) visitRun(text.slice(start), start, runClasses, visit);
}

function visitRun(run: string, index: number, classes: number, visit: (word: string, index: number, hasLetter: boolean) => void): void {
  if (!(classes & UNSPACED_SCRIPT)) {
    visit(run, index, (classes & LETTER) !== 0);
    return;
  }
  for (const segment of segmenter.segment(run)) {
    if (segment.isWordLike === true) visit(segment.segment, index + segment.index, hasLetter(segment.segment));
  }
}

/** Whether a word holds a letter (numbers are left out of frequencies). */
export function hasLetter(word: string): boolean {
  return HAS_LETTER.test(word);
}
