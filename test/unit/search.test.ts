// Study-wide search (src/core/search): Unicode normalisation with an offset map back to the
// original text, whole words by Intl.Segmenter in several scripts, regular expressions, filters
// by case, attribute, document type and coded passages, and the keyword-in-context concordance.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import type { Coding } from '../../src/core/model';
import type { PlacedDocument } from '../../src/core/study/placement';
import { fold, FoldedText } from '../../src/core/search/fold';
import { kwicCsv, kwicRows, sortKwic, contextWord, type KwicRow } from '../../src/core/search/kwic';
import { compileSearch, DEFAULT_SEARCH, SearchError, type SearchOptions } from '../../src/core/search/match';
import { searchStudy } from '../../src/core/search/study-search';
import { StepsCancelled } from '../../src/core/util/steps';
import { parseCsv } from '../../src/core/util/csv';

const search = (query: string, options: Partial<SearchOptions> = {}) => compileSearch({ ...DEFAULT_SEARCH, query, ...options });
/** The original text of each hit. */
const found = (text: string, query: string, options: Partial<SearchOptions> = {}) => search(query, options).find(text).map((h) => text.slice(h.start, h.end));

const NFC = 'Conceição';
const NFD = 'Conceic\u0327a\u0303o';

describe('search: normalisation', () => {
  it('the precomposed (NFC) and decomposed (NFD) spellings of "Conceição" find each other', () => {
    assert.notEqual(NFC, NFD);
    assert.equal(NFD.length, 11);
    const text = `Maria da ${NFD} disse: a ${NFC} também.`;
    for (const query of [NFC, NFD]) {
      const hits = search(query, { matchAccents: true }).find(text);
      assert.deepEqual(hits.map((h) => text.slice(h.start, h.end)), [NFD, NFC], `query ${JSON.stringify(query)}`);
    }
  });

  it('maps hits after decomposed characters back to the right characters of the original', () => {
    const text = `${NFD} ${NFD} fim e ${NFC} fim`;
    const hits = search('fim').find(text);
    assert.deepEqual(hits.map((h) => text.slice(h.start, h.end)), ['fim', 'fim']);
    assert.equal(hits[0].start, text.indexOf('fim'));
  });

  it('accent-insensitive: "conceicao" finds both spellings; accent-sensitive it finds neither', () => {
    const text = `${NFD} / ${NFC} / Conceicao`;
    assert.deepEqual(found(text, 'conceicao'), [NFD, NFC, 'Conceicao']);
    assert.deepEqual(found(text, 'conceicao', { matchAccents: true }), ['Conceicao']);
  });

  it('accent-sensitive: "e" does not match the e of a decomposed é, accent-insensitive it does', () => {
    const text = 'cafe\u0301 cafe';
    assert.deepEqual(found(text, 'cafe', { matchAccents: true }), ['cafe']);
    assert.deepEqual(found(text, 'cafe'), ['cafe\u0301', 'cafe']);
  });

  it('case: insensitive by default, sensitive when asked; İ (two units in lower case) keeps offsets right', () => {
    const text = 'İstanbul and ISTANBUL and istanbul';
    assert.deepEqual(found(text, 'istanbul', { matchAccents: false }), ['İstanbul', 'ISTANBUL', 'istanbul']);
    assert.deepEqual(found(text, 'ISTANBUL', { matchCase: true }), ['ISTANBUL']);
    assert.deepEqual(found(text, 'and'), ['and', 'and']);
  });

  it('property: every hit of a word in a text of mixed NFC/NFD pieces is that word in some spelling', () => {
    const pieces = fc.constantFrom(NFC, NFD, ' ', 'a', 'ç', 'c\u0327', '\n', 'İ', '한', '\u1112\u1161\u11ab', 'x\u0301\u0323', '😀', '\u0958', 'क\u093c');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const hits = search(NFC, { wholeWord: false, matchAccents: true }).find(text);
        assert.equal(hits.length, parts.filter((p) => p === NFC || p === NFD).length);
        for (const h of hits) assert.equal(text.slice(h.start, h.end).normalize('NFC'), NFC);
        const folded = FoldedText.of(text, { lowerCase: true, stripAccents: true });
        assert.equal(folded.text, fold(text, { lowerCase: true, stripAccents: true }));
        assert.equal(folded.toOriginal(folded.text.length, 'end'), text.length);
      }),
    );
  });
});

describe('search: whole words by Unicode segmentation', () => {
  it('Latin with accents: "são" is a word in "São Paulo", not inside "pensão"', () => {
    const text = 'São Paulo e a pensão, são bons.';
    assert.deepEqual(found(text, 'são', { matchAccents: true }), ['São', 'são']);
    assert.deepEqual(found(text, 'são', { wholeWord: false, matchAccents: true }), ['São', 'são', 'são']);
  });

  it('Latin: an apostrophe keeps "can\'t" one word; a hyphen splits words', () => {
    assert.deepEqual(found("we can't, we can.", 'can'), ['can']);
    assert.deepEqual(found('a well-known case', 'known'), ['known']);
  });

  it('Devanagari: "भारत" is found as a word, not inside "भारतीय"', () => {
    const text = 'भारत एक देश है। भारतीय लोग भारत में रहते हैं।';
    assert.deepEqual(found(text, 'भारत'), ['भारत', 'भारत']);
    assert.deepEqual(found(text, 'भारत', { wholeWord: false }).length, 3);
  });

  it('Arabic: "مدينة" is a word, not inside "المدينة"; harakat are ignored unless accents matter', () => {
    const text = 'مدينة كبيرة و المدينة القديمة و مَدِينَة';
    assert.deepEqual(found(text, 'مدينة'), ['مدينة', 'مَدِينَة']);
    assert.deepEqual(found(text, 'مدينة', { matchAccents: true }), ['مدينة']);
    assert.equal(found(text, 'مدينة', { wholeWord: false }).length, 3);
  });

  it('Chinese: a whole word by the segmenter\'s dictionary, without spaces', () => {
    const text = '我们的城市合作伙伴关系很好。城市很大。';
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const words = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
    assert.ok(words.includes('城市'), `segmenter words: ${words.join(' ')}`);
    assert.deepEqual(found(text, '城市'), ['城市', '城市']);
    // "市" alone is part of the word 城市 each time: no whole-word hit.
    assert.deepEqual(found(text, '市'), []);
    assert.equal(found(text, '市', { wholeWord: false }).length, 2);
  });

  it('a phrase matches across a line break', () => {
    assert.deepEqual(found('the city\ncouncil met; the city  council', 'city council'), ['city\ncouncil', 'city  council']);
  });
});

describe('search: regular expressions', () => {
  it('runs with the u flag (\\p{Lu}, astral characters) and case-insensitively unless asked', () => {
    assert.deepEqual(found('Velden, velden, San Aurelio', '\\p{Lu}\\w+', { regex: true, matchCase: true, wholeWord: false }), ['Velden', 'San', 'Aurelio']);
    assert.deepEqual(found('Velden, velden', 'velden', { regex: true }), ['Velden', 'velden']);
    assert.deepEqual(found('a 😀 b', '.', { regex: true, wholeWord: false }).includes('😀'), true);
  });

  it('participa\\w* with whole words finds every form, and skips empty matches', () => {
    assert.deepEqual(found('participação participar participamos', 'participa\\p{L}*', { regex: true }), ['participação', 'participar', 'participamos']);
    assert.deepEqual(found('abc', 'x*', { regex: true, wholeWord: false }), []);
  });

  it('an invalid regular expression or an empty query is a clear message, not a crash', () => {
    assert.throws(() => search('(unclosed', { regex: true }), (e: unknown) => e instanceof SearchError && /not a valid regular expression/.test(e.message));
    assert.throws(() => search('   '), (e: unknown) => e instanceof SearchError && /Type a word/.test(e.message));
  });
});

const { cases } = parseCases(`attributes:
  region: { type: choice, values: [North, South] }
cases:
  - id: velden
    attributes: { region: North }
    documents: [t/velden.txt]
  - id: macuvane
    attributes: { region: South }
    documents: [t/macuvane.txt, t/macuvane.md]
`);
const codebook = new Codebook([
  { id: 'money', name: 'Money' },
  { id: 'budget', name: 'Budget', parentId: 'money' },
  { id: 'other', name: 'Other' },
]);

function placed(path: string, text: string, codings: Array<[string, string, number, number]> = []): PlacedDocument {
  return {
    path,
    text,
    version: 'v',
    codings: codings.map(([code, coder, start, end], i) => ({
      coding: { id: `c${i}`, code, coder, start, end, quote: '', prefix: '', suffix: '', version: 'v', created: '' } as Coding,
      span: { start, end },
    })),
  };
}

describe('search: the study and its filters', () => {
  const macuvane = 'O orçamento participativo.\nO orçamento da cidade.';
  const documents = [
    placed('t/velden.txt', 'Het budget en de begroting; budget.'),
    // "orçamento" at 2..11 and 29..38; the first is coded with budget (a sub-code of money) by Marike.
    placed('t/macuvane.txt', macuvane, [['budget', 'Marike', 0, 26]]),
    placed('t/macuvane.md', 'orçamento'),
  ];
  const study = { codebook, cases, documents };

  it('narrowed by attribute (region = South) and by document type', async () => {
    const hits = await searchStudy(search('orcamento'), study, { attributes: { region: ['South'] } });
    assert.deepEqual(hits.map((h) => [h.path, h.start, h.end, h.line]), [['t/macuvane.md', 0, 9, 1], ['t/macuvane.txt', 2, 11, 1], ['t/macuvane.txt', 29, 38, 2]]);
    assert.equal((await searchStudy(search('orcamento'), study, { attributes: { region: ['North'] } })).length, 0);
    assert.deepEqual((await searchStudy(search('orcamento'), study, { documentTypes: ['md'] })).map((h) => h.path), ['t/macuvane.md']);
    assert.deepEqual((await searchStudy(search('budget'), study, { cases: ['velden'] })).map((h) => h.start), [4, 28]);
  });

  it('inside or outside passages coded with a code (its sub-codes count) and by a coder', async () => {
    const inside = await searchStudy(search('orçamento'), study, { coding: { codes: ['money'], coders: [], where: 'inside' } });
    assert.deepEqual(inside.map((h) => [h.path, h.start]), [['t/macuvane.txt', 2]]);
    const outside = await searchStudy(search('orçamento'), study, { coding: { codes: ['money'], coders: [], where: 'outside' } });
    assert.deepEqual(outside.map((h) => [h.path, h.start]), [['t/macuvane.md', 0], ['t/macuvane.txt', 29]]);
    assert.equal((await searchStudy(search('orçamento'), study, { coding: { codes: [], coders: ['Joaquín'], where: 'inside' } })).length, 0);
    assert.equal((await searchStudy(search('orçamento'), study, { coding: { codes: ['other'], coders: [], where: 'inside' } })).length, 0);
  });

  it('hits count code points, as codings do, after a character outside the BMP', async () => {
    const text = '😀 budget';
    const hits = await searchStudy(search('budget'), { ...study, documents: [placed('t/velden.txt', text)] }, {});
    assert.deepEqual([hits[0].start, hits[0].end, hits[0].text], [2, 8, 'budget']);
  });
});

describe('search: in steps', () => {
  // Forty documents, given in no order: hits come by path, then position.
  const documents = Array.from({ length: 40 }, (_, i) => placed(`t/d${String((i * 17) % 40).padStart(2, '0')}.txt`, `budget ${i}, orçamento; het budget.`));
  const study = { codebook, cases, documents };

  it('finds the same hits, in the same order, in one step or a document per step, letting other work run between steps', async () => {
    // Other work: a task that queues itself again each time it runs.
    let otherWorkRan = 0;
    let searching = true;
    const other = () => {
      otherWorkRan++;
      if (searching) setImmediate(other);
    };
    setImmediate(other);
    const steps: number[] = [];
    const hits = await searchStudy(search('budget'), study, {}, undefined, { stepMs: 0, onStep: (done, total) => steps.push(done, total) });
    searching = false;
    assert.deepEqual(hits, await searchStudy(search('budget'), study, {}, undefined, { stepMs: Infinity }));
    assert.equal(hits.length, 80);
    assert.equal(steps.length / 2, 39, 'a step between each two documents');
    assert.deepEqual(steps.slice(-2), [39, 40]);
    assert.ok(otherWorkRan >= 39, `other work ran at each step (${otherWorkRan} times)`);
  });

  it('stops when a newer search replaces it', async () => {
    let steps = 0;
    await assert.rejects(
      searchStudy(search('budget'), study, {}, undefined, { stepMs: 0, onStep: () => steps++, cancelled: () => steps >= 5 }),
      (error) => error instanceof StepsCancelled,
    );
    assert.equal(steps, 5);
  });
});

describe('search: keyword in context', () => {
  const row = (left: string, keyword: string, right: string, path = 'd.txt', start = 0): KwicRow => ({ path, start, end: start + keyword.length, line: 1, left, keyword, right });
  const rows = [
    row('we saw the', 'budget', 'grow fast', 'a.txt', 10),
    row('a small', 'budget', 'and a plan', 'a.txt', 50),
    row('', 'Budget', 'cuts everywhere', 'b.txt', 0),
    row('the Big', 'budget', 'and more', 'b.txt', 40),
  ];

  it('the words beside the keyword', () => {
    assert.equal(contextWord(rows[0], 'left', 1), 'the');
    assert.equal(contextWord(rows[0], 'left', 2), 'saw');
    assert.equal(contextWord(rows[0], 'right', 2), 'fast');
    assert.equal(contextWord(rows[2], 'left', 1), '');
  });

  it('sorts by the first and second word to the left or right; ties in document order; no word last', () => {
    const order = (sort: Parameters<typeof sortKwic>[1], descending = false) => sortKwic(rows, sort, descending).map((r) => `${r.path}:${r.start}`);
    assert.deepEqual(order('right1'), ['a.txt:50', 'b.txt:40', 'b.txt:0', 'a.txt:10']);
    assert.deepEqual(order('left1'), ['b.txt:40', 'a.txt:50', 'a.txt:10', 'b.txt:0']);
    assert.deepEqual(order('left2'), ['a.txt:50', 'a.txt:10', 'b.txt:40', 'b.txt:0']);
    assert.deepEqual(order('right2'), ['a.txt:50', 'b.txt:0', 'a.txt:10', 'b.txt:40']);
    assert.deepEqual(order('right1', true), ['a.txt:10', 'b.txt:0', 'a.txt:50', 'b.txt:40']);
    assert.deepEqual(order('document'), ['a.txt:10', 'a.txt:50', 'b.txt:0', 'b.txt:40']);
  });

  it('rows from hits keep context on one line; the CSV holds every row', () => {
    const hits = [{ path: 'a.txt', start: 4, end: 10, line: 2, before: 'the\nnew', text: 'budget', after: ' of\n\nthe city' }];
    const made = kwicRows(hits);
    assert.deepEqual(made[0], { path: 'a.txt', start: 4, end: 10, line: 2, left: 'the new', keyword: 'budget', right: ' of the city' });
    const parsed = parseCsv(kwicCsv(made, () => 'velden'));
    assert.deepEqual(parsed, [['document', 'case', 'line', 'start', 'end', 'left', 'keyword', 'right'], ['a.txt', 'velden', '2', '4', '10', 'the new', 'budget', ' of the city']]);
  });
});
