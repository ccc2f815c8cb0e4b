// Words found in one pass over the units (scanWords, under wordsOf and countWords) against the way
// they were found before it, kept here as the reference: a regular expression for runs of letters,
// marks and digits with inner apostrophes, then the segmenter for runs of unspaced scripts. The
// same words at the same offsets, and countWords the same counts as counting those words one by one.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countWords, groupKey, stopWordsFor, type CountOptions } from '../../src/core/search/frequencies';
import { hasLetter, scanWords, wordsOf } from '../../src/core/search/words';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const WORD_RUN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** The words of a text as wordsOf found them before scanWords. */
function* wordsByRegex(text: string): Generator<{ word: string; index: number }> {
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

/** Pieces where a fast path could split words differently: joiners, marks, scripts, surrogates. */
const piece = fc.constantFrom(
  'a', 'Z', 'ç', 'São', 'de', 'que', 'o', ' ', '\n', '\t', '.', ',', ':', '-', '_', '"', "'", '’', "''", '‘', '·',
  '9', '1998', '3.5', '٣', '²', 'e\u0301', '\u0301', 'c\u0327a\u0303', 'İ', 'Σ', 'ΣΑΣ', 'ß', 'ﬁ',
  '城市', '市', 'ひらがな', 'カタカナ', 'ไทย', 'ລາວ', 'ខ្មែរ', 'မြန်မာ', '한국', 'भारत', 'क\u093c', 'मदद', 'مَدِينَة',
  '😀', '👩\u200d💻', '\u200d', '\u200c', '\u00ad', '\ufeff', '𝐀', '𝒜𝒷', '𠀀', '𠀀𠀁', '\ud835', '\udc00', '🇵🇹', '1️⃣',
);
const mixedText = fc
  .array(fc.oneof({ arbitrary: piece, weight: 4 }, { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }), weight: 1 }), { maxLength: 25 })
  .map((parts) => parts.join(''));

function scanned(text: string): Array<[string, number, boolean]> {
  const words: Array<[string, number, boolean]> = [];
  scanWords(text, (word, index, withLetter) => words.push([word, index, withLetter]));
  return words;
}

/** Word counts as they were counted before scanWords: each word of the reference, one by one. */
function countedOneByOne(text: string, options: CountOptions): { tokens: number; counts: Array<[string, number]> } {
  const counts = new Map<string, number>();
  let tokens = 0;
  for (const { word } of wordsByRegex(text.toLowerCase().normalize('NFC'))) {
    tokens++;
    if (!hasLetter(word) || options.stopWords?.has(word)) continue;
    const key = groupKey(word, options.prefixLength);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { tokens, counts: [...counts] };
}

describe('words found in one pass over the units, as the regular expression and the segmenter found them', () => {
  it('property: the same words at the same offsets, with letters or not, in mixed scripts, marks, joiners and surrogates', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const expected = [...wordsByRegex(text)];
        assert.deepEqual(scanned(text), expected.map(({ word, index }) => [word, index, hasLetter(word)]), JSON.stringify(text));
        assert.deepEqual(wordsOf(text), expected, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: countWords counts as counting the words one by one (stop words, prefix groups, order of first sight)', () => {
    const options = fc.record({ stopWords: fc.constantFrom(undefined, stopWordsFor('pt'), stopWordsFor('en')), prefixLength: fc.constantFrom(undefined, 0, 1, 3) });
    fc.assert(
      fc.property(mixedText, options, (text, { stopWords, prefixLength }) => {
        const countOptions = { ...(stopWords ? { stopWords } : {}), ...(prefixLength !== undefined ? { prefixLength } : {}) };
        const counted = countWords(text, countOptions);
        assert.deepEqual({ tokens: counted.tokens, counts: [...counted.counts] }, countedOneByOne(text, countOptions), JSON.stringify(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('words across an apostrophe, a surrogate pair, a run of an unspaced script and the end of the text', () => {
    assert.deepEqual(scanned("l'eau can’t 1'𝐀 x'城市 '𝒜 a''b 9"), [
      ["l'eau", 0, true],
      ['can’t', 6, true],
      ["1'𝐀", 12, true],
      ['x', 17, true],
      ['城市', 19, true],
      ['𝒜', 23, true],
      ['a', 26, true],
      ['b', 29, true],
      ['9', 31, false],
    ]);
  });
});
