// The speed of the study search (src/core/search): folded copies kept between searches (FoldCache)
// must never answer for a text that changed, and the shortcuts of FoldedText.of (ASCII, nothing
// changed in length, risky clusters found by a cheap scan) must give exactly the text and map of
// folding piece by piece.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { FoldedText, type FoldOptions } from '../../src/core/search/fold';
import { FoldCache } from '../../src/core/search/fold-cache';
import { compileSearch, DEFAULT_SEARCH, type SearchOptions } from '../../src/core/search/match';
import { searchStudy } from '../../src/core/search/study-search';
import { isWholeWord } from '../../src/core/search/words';
import { parseCases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';

const search = (query: string, options: Partial<SearchOptions> = {}) => compileSearch({ ...DEFAULT_SEARCH, query, ...options });
const FOLDINGS: FoldOptions[] = [
  { lowerCase: true, stripAccents: true },
  { lowerCase: true, stripAccents: false },
  { lowerCase: false, stripAccents: true },
  { lowerCase: false, stripAccents: false },
];
const NFD = 'Conceic\u0327a\u0303o';

/** Pieces that fold in every way that matters: length changes, contractions, scripts, astral characters. */
const piece = fc.constantFrom(
  'a', 'Z', ' ', '\n', '.', "'", 'cadastro', 'Conceição', NFD, 'ç', 'c\u0327', 'e\u0301', '\u0301', 'İ', 'I', 'ß', 'Σ', 'ς', 'ΐ', 'ﬁ',
  '한', '\u1112\u1161\u11ab', '\u1161', '😀', '\u0958', 'क\u093c', 'मदद', 'مَدِينَة', 'Å', 'A\u030a', '\u212b', 'x\u0301\u0323', 'ǅ',
);
const mixedText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 60 });

function assertSameFolding(fast: FoldedText, slow: FoldedText, context: string): void {
  assert.equal(fast.text, slow.text, context);
  for (let at = 0; at <= slow.text.length; at++) {
    for (const side of ['start', 'end'] as const) assert.equal(fast.toOriginal(at, side), slow.toOriginal(at, side), `${context}: ${side} ${at}`);
  }
}

describe('search: folded copies kept between searches', () => {
  it('a document changed under the same path (same length) is searched in its new text, never the old', () => {
    const cache = new FoldCache();
    const find = (text: string, query: string) => search(query).find(text, { cache, key: 't/a.txt' }).map((h) => text.slice(h.start, h.end));
    assert.deepEqual(find('o cadastro da cidade', 'cadastro'), ['cadastro']);
    assert.deepEqual(find('o orçamento cidade.', 'cadastro'), []);
    assert.deepEqual(find('o orçamento cidade.', 'orcamento'), ['orçamento']);
    // Same length again, the decomposed letters moved: offsets come from the new text's map.
    const before = `${NFD} e a cidade`;
    const after = `a cidade e ${NFD}`;
    assert.equal(before.length, after.length);
    assert.deepEqual(find(before, 'cidade'), ['cidade']);
    assert.deepEqual(find(after, 'cidade'), ['cidade']);
    assert.deepEqual(find(after, 'conceicao'), [NFD]);
  });

  it('keeps one copy per way of folding: a case-sensitive search after an insensitive one folds apart', () => {
    const cache = new FoldCache();
    const text = 'Budget and budget';
    assert.equal(search('budget').find(text, { cache, key: 'a' }).length, 2);
    assert.equal(search('budget', { matchCase: true }).find(text, { cache, key: 'a' }).length, 1);
    assert.equal(search('Budget', { matchCase: true, matchAccents: true }).find(text, { cache, key: 'a' }).length, 1);
  });

  it('the very same text is folded once; another document with the same path elsewhere is not mixed in', () => {
    const cache = new FoldCache();
    const options = { lowerCase: true, stripAccents: true };
    const text = `${NFD} cadastro`;
    const first = cache.fold('a', text, options);
    assert.equal(cache.fold('a', `${NFD} cadastro`, options), first, 'an equal text (another string) is found kept');
    assert.notEqual(cache.fold('b', text, options), first, 'another document has its own copy');
    assert.notEqual(cache.fold('a', `${NFD} cadastre`, options), first);
  });

  it('beyond its budget it drops the least recently used; a text larger than the budget is folded but not kept', () => {
    const options = { lowerCase: true, stripAccents: true };
    const text = (n: number) => `Documento ${n} ${NFD}`;
    const bytes = (n: number) => 2 * FoldedText.of(text(n), options).text.length + FoldedText.of(text(n), options).mapBytes;
    const cache = new FoldCache(bytes(1) + bytes(2));
    const one = cache.fold('1', text(1), options);
    const two = cache.fold('2', text(2), options);
    assert.equal(cache.fold('1', text(1), options), one);
    cache.fold('3', text(3), options);
    assert.equal(cache.fold('1', text(1), options), one, 'used last, kept');
    assert.notEqual(cache.fold('2', text(2), options), two, 'least recently used, dropped');
    const large = 'x\u0301'.repeat(1000);
    assert.notEqual(cache.fold('big', large, options), cache.fold('big', large, options));
    assert.equal(cache.fold('big', large, options).text, 'x'.repeat(1000));
  });

  it('property: searching through the cache while one document changes finds what a fresh search finds', () => {
    const cache = new FoldCache();
    const queries = ['cadastro', 'conceicao', 'Conceição', 'a', 'ss', 'σ', '\\p{L}+'];
    fc.assert(
      fc.property(fc.array(fc.tuple(mixedText, fc.constantFrom(...queries), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
        for (const [text, query, matchCase, matchAccents] of steps) {
          const compiled = search(query, { matchCase, matchAccents, regex: query.startsWith('\\'), wholeWord: false });
          assert.deepEqual(compiled.find(text, { cache, key: 'doc' }), compiled.find(text));
        }
      }),
    );
  });

  it('the study search with a cache gives the same hits as without, and again after a document changes', async () => {
    const { cases } = parseCases('cases: []\n');
    const codebook = new Codebook([]);
    const documents = (second: string) => [
      { path: 'a.txt', text: `O ${NFD} e o cadastro.`, version: 'v1', codings: [] },
      { path: 'b.txt', text: second, version: 'v2', codings: [] },
    ];
    const cache = new FoldCache();
    for (const second of ['cadastro; Cadastro', 'nada aqui', 'CADASTRO 😀 cadastro']) {
      const study = { codebook, cases, documents: documents(second) };
      const cached = await searchStudy(search('cadastro'), study, {}, cache);
      assert.ok(cached.length > 0 || second === 'nada aqui');
      assert.deepEqual(cached, await searchStudy(search('cadastro'), study, {}));
    }
  });
});

describe('search: shortcuts of folding give the same text and map as folding piece by piece', () => {
  it('property: mixed scripts, NFC and NFD, İ, sigma, Hangul, emoji, U+0958, in every way of folding', () => {
    fc.assert(
      fc.property(mixedText, fc.constantFrom(...FOLDINGS), (text, options) => {
        assertSameFolding(FoldedText.of(text, options), FoldedText.pieceByPiece(text, options), JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });

  it('property: ASCII text (the fastest way) in every way of folding', () => {
    fc.assert(
      fc.property(asciiText, fc.constantFrom(...FOLDINGS), (text, options) => {
        const fast = FoldedText.of(text, options);
        assertSameFolding(fast, FoldedText.pieceByPiece(text, options), JSON.stringify(text));
        assert.equal(fast.mapBytes, 0, 'ASCII maps unit for unit');
      }),
    );
  });

  it('text that folding leaves alone keeps no map and no copy', () => {
    const text = 'São Paulo, Conceição, 한국, 😀';
    const kept = FoldedText.of(text, { lowerCase: false, stripAccents: false });
    assert.equal(kept.text, text);
    assert.equal(kept.mapBytes, 0);
    assert.ok(FoldedText.of(`${NFD} x`, { lowerCase: true, stripAccents: true }).mapBytes > 0);
  });
});

describe('search: whole words decided without the segmenter agree with it', () => {
  it('property: short texts of letters, digits, punctuation, marks (after a space too), format characters and unspaced scripts', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    const wordPiece = fc.constantFrom('a', 'Z', '9', ' ', '\n', "'", '’', '.', ',', ':', ';', '_', '-', '"', '(', 'é', 'e\u0301', '\u0301', 'ß', '城市', '市', 'ไทย', '😀', 'ا', 'भारत', '·', '\t', '\u00ad', '\u200d', 'a\u0301');
    fc.assert(
      fc.property(fc.array(wordPiece, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (parts, i, j) => {
        const text = parts.join('');
        const boundaries = new Set([text.length, ...[...segmenter.segment(text)].map((s) => s.index)]);
        const start = i % (text.length + 1);
        const end = start + (j % (text.length + 1 - start));
        if (end <= start) return;
        assert.equal(isWholeWord(text, start, end), boundaries.has(start) && boundaries.has(end), `${JSON.stringify(text)} [${start}, ${end})`);
      }),
      { numRuns: 5000 },
    );
  });
});
