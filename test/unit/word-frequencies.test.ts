// Word frequencies (src/core/search/frequencies.ts, groups.ts) with the stop words of each
// document's language, prefix grouping, and log-likelihood keyness (keyness.ts).
import { strict as assert } from 'node:assert';
import { parseCases } from '../../src/core/cases/cases';
import { countWords, frequencyRows, groupKey, stopWordsFor } from '../../src/core/search/frequencies';
import { countByGroup } from '../../src/core/search/groups';
import { compareCounts, keyness } from '../../src/core/search/keyness';

const counted = (text: string, language?: string, prefixLength?: number) =>
  Object.fromEntries(countWords(text, { ...(language ? { stopWords: stopWordsFor(language) } : {}), ...(prefixLength ? { prefixLength } : {}) }).counts);

describe('word frequencies', () => {
  it('leaves out the stop words of English, Dutch, Spanish, Portuguese, French and German', () => {
    assert.deepEqual(counted('The council and the city: the budget.', 'en'), { council: 1, city: 1, budget: 1 });
    assert.deepEqual(counted('De gemeente en de stad hebben het budget.', 'nl'), { gemeente: 1, stad: 1, budget: 1 });
    assert.deepEqual(counted('El presupuesto de la ciudad y los vecinos.', 'es'), { presupuesto: 1, ciudad: 1, vecinos: 1 });
    assert.deepEqual(counted('O orçamento da cidade e os moradores.', 'pt'), { 'orçamento': 1, cidade: 1, moradores: 1 });
    assert.deepEqual(counted('Le budget de la mairie et les habitants.', 'fr'), { budget: 1, mairie: 1, habitants: 1 });
    assert.deepEqual(counted('Der Haushalt der Stadt und die Bürger.', 'de'), { haushalt: 1, stadt: 1, 'bürger': 1 });
    // Each list is the package's, not typed here: a language's own stop word stays in another's count.
    assert.deepEqual(counted('de the', 'en'), { de: 1 });
    assert.deepEqual(counted('de the', 'nl'), { the: 1 });
  });

  it('counts every word as a token (stop words and numbers too), lower case and NFC', () => {
    const counts = countWords('Conceic\u0327a\u0303o, CONCEIÇÃO and 1989', { stopWords: stopWordsFor('en') });
    assert.equal(counts.tokens, 4);
    assert.deepEqual(Object.fromEntries(counts.counts), { 'conceição': 2 });
  });

  it('accepts language codes as cases.yaml may write them, and knows no list for others', () => {
    assert.ok(stopWordsFor('EN-gb').has('the'));
    assert.ok(stopWordsFor('por').has('que'));
    assert.equal(stopWordsFor('sw').size, 0);
  });

  it('groups words by their first N characters when asked', () => {
    assert.equal(groupKey('participação', 6), 'partic…');
    assert.equal(groupKey('city', 6), 'city');
    assert.deepEqual(counted('participação participar participants city', undefined, 6), { 'partic…': 3, city: 1 });
  });

  it('counts Chinese words by segmentation', () => {
    const counts = counted('城市合作。城市很大。');
    assert.equal(counts['城市'], 2);
  });

  it('rows by count with relative frequencies per 1,000 words', () => {
    const rows = frequencyRows(countWords('budget budget city town'));
    assert.deepEqual(rows, [
      { word: 'budget', count: 2, relative: 500 },
      { word: 'city', count: 1, relative: 250 },
      { word: 'town', count: 1, relative: 250 },
    ]);
  });

  it('groups documents by attribute, each with the stop words of its own language (fallback for none)', async () => {
    const { cases } = parseCases(`cases:
  - id: velden
    attributes: { region: North, language: nl }
    documents: [a.txt]
  - id: macuvane
    attributes: { region: South, language: pt }
    documents: [b.txt]
  - id: other
    attributes: { region: South }
    documents: [c.txt]
`);
    const documents = [
      { path: 'a.txt', text: 'de stad en de raad' },
      { path: 'b.txt', text: 'a cidade e o conselho de' },
      { path: 'c.txt', text: 'the city and the council' },
    ];
    const options = { grouping: { kind: 'attribute', attribute: 'region' }, removeStopWords: true, fallbackLanguage: 'en' } as const;
    const groups = await countByGroup(documents, cases, options);
    assert.deepEqual([...groups.keys()], ['North', 'South']);
    // Counted a document per step, the counts are the same.
    const inSteps = await countByGroup(documents, cases, options, { stepMs: 0 });
    assert.deepEqual(inSteps, groups);
    assert.deepEqual(Object.fromEntries(groups.get('North')!.counts), { stad: 1, raad: 1 });
    assert.deepEqual(Object.fromEntries(groups.get('South')!.counts), { cidade: 1, conselho: 1, city: 1, council: 1 });
    assert.equal(groups.get('South')!.tokens, 11);
  });
});

describe('keyness: log-likelihood (Rayson and Garside 2000)', () => {
  it('reproduces the published worked example: 52 in 50,000 words against 57 in 75,000 gives LL + 2.65', () => {
    // Source: the worked example of Lancaster University's log-likelihood / significance test
    // tutorial for Paul Rayson's calculator (https://ucrel.lancs.ac.uk/llwizard.html): "a word that
    // occurs 52 times in Corpus 1, which has 50,000 tokens in total; but occurs 57 times in
    // Corpus 2, which is 75,000 tokens in size" → "Word 52 0.10 57 0.08 + 2.65" (not significant,
    // below 3.84). E1 = 50,000 x 109 / 125,000 = 43.6 and E2 = 65.4.
    const result = keyness(52, 57, 50_000, 75_000);
    assert.equal(result.logLikelihood.toFixed(2), '2.65');
    assert.equal(result.direction, 1);
    assert.ok(result.logLikelihood < 3.84);
    // Relative frequencies as percentages: 0.10 and 0.08.
    assert.equal(((52 / 50_000) * 100).toFixed(2), '0.10');
    // Effect sizes: %DIFF = (0.104 - 0.076) / 0.076 x 100; log ratio = log2(0.104 / 0.076).
    assert.equal(result.percentDiff.toFixed(2), '36.84');
    assert.equal(result.logRatio.toFixed(4), '0.4525');
  });

  it('a word absent from one group: its cell adds nothing (0 ln 0 = 0), the direction and %DIFF say where it is', () => {
    const result = keyness(10, 0, 1000, 1000);
    assert.equal(result.logLikelihood.toFixed(4), (2 * 10 * Math.log(10 / 5)).toFixed(4));
    assert.equal(result.percentDiff, Infinity);
    assert.equal(result.logRatio, Math.log2(10 / 0.5));
    assert.deepEqual(keyness(0, 0, 10, 10).logLikelihood, 0);
  });

  it('compares two groups word by word, most key first, relative frequencies per 1,000', () => {
    const a = countWords('budget budget budget city');
    const b = countWords('city city city budget');
    const rows = compareCounts(a, b);
    assert.deepEqual(rows.map((r) => [r.word, r.countA, r.countB, r.relativeA, r.relativeB, r.direction]), [
      ['budget', 3, 1, 750, 250, 1],
      ['city', 1, 3, 250, 750, -1],
    ]);
    assert.equal(rows[0].logLikelihood, rows[1].logLikelihood);
  });
});
