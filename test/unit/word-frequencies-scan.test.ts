// The fast way word frequencies find words (scanWords: one pass over the units, the segmenter only
// for runs of unspaced scripts) against the way the search and the concordance find them (wordsOf:
// a regular expression, then the segmenter): the same words at the same offsets, and countWords the
// same counts as counting the words of wordsOf one by one.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countWords, groupKey, stopWordsFor, type CountOptions } from '../../src/core/search/frequencies';
import { hasLetter, scanWords, wordsOf } from '../../src/core/search/words';

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

/** Word counts as they were counted before scanWords: each word of wordsOf, one by one. */
function countedOneByOne(text: string, options: CountOptions): { tokens: number; counts: Array<[string, number]> } {
  const counts = new Map<string, number>();
  let tokens = 0;
  for (const { word } of wordsOf(text.toLowerCase().normalize('NFC'))) {
    tokens++;
    if (!hasLetter(word) || options.stopWords?.has(word)) continue;
    const key = groupKey(word, options.prefixLength);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { tokens, counts: [...counts] };
}

describe('word frequencies: the fast scan finds the words of wordsOf', () => {
  it('property: the same words at the same offsets, with letters or not, in mixed scripts, marks, joiners and surrogates', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        assert.deepEqual(
          scanned(text),
          [...wordsOf(text)].map(({ word, index }) => [word, index, hasLetter(word)]),
          JSON.stringify(text),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('property: countWords counts as counting the words of wordsOf one by one (stop words, prefix groups, order of first sight)', () => {
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
