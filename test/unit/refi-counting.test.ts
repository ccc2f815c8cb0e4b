import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { detectCounting, SourceText, quoteMatch, type ToolSelection } from '../../src/core/refi/counting';
import { KNOWN_COUNTINGS, SourcePositions, type PositionCounting } from '../../src/core/refi/positions';

const SCIENTIST = '👩🏽‍🔬'; // 4 code points, 7 UTF-16 units
const KSHATRIYA = 'क्षत्रिय'; // Devanagari: 8 code points, 3 graphemes
const CAFE_DECOMPOSED = 'cafe\u0301'; // a combining mark

/** A transcript with every feature a tool may count differently: BOM, CRLF, emoji, marks, Devanagari. */
const RAW =
  '\uFEFFI: We met at the ' + CAFE_DECOMPOSED + ' on Monday ' + SCIENTIST + '.\r\n' +
  'R: The ' + KSHATRIYA + ' families 🎉 came later, after the harvest.\r\n' +
  'I: And the council? 𠀀 They said nothing at all.\r\n';

/** Code point spans of whole words of the normalised text. */
function wordSpans(text: SourceText, words: readonly string[]): { start: number; end: number }[] {
  const codePoints = [...text.normalised];
  return words.map((word) => {
    const unitIndex = text.normalised.indexOf(word);
    assert.notEqual(unitIndex, -1, word);
    const start = [...text.normalised.slice(0, unitIndex)].length;
    return { start, end: start + [...word].length };
  }).filter((span) => span.end <= codePoints.length);
}

/** What a tool counting as `counting` writes for these spans, with or without the quote as the selection's name. */
function toolSelections(text: SourceText, spans: readonly { start: number; end: number }[], counting: PositionCounting, storeQuotes: boolean): ToolSelection[] {
  const positions = SourcePositions.of(RAW, counting);
  return spans.map((span) => ({
    start: positions.toCounted(span.start),
    end: positions.toCounted(span.end),
    ...(storeQuotes ? { storedTexts: [text.slice(span.start, span.end)] } : {}),
  }));
}

const WORDS = ['Monday', CAFE_DECOMPOSED, KSHATRIYA + ' families', 'came later', 'harvest', 'council', 'They said nothing', 'at all'];

describe('REFI-QDA counting detection', () => {
  const text = new SourceText(RAW);
  const spans = wordSpans(text, WORDS);

  it('offers the eight readings for a text with a BOM, CRLF and characters outside the BMP, and one for plain LF text', () => {
    assert.equal(text.readings().length, 8);
    assert.deepEqual(new SourceText('plain text\nno surprises\n').readings(), [KNOWN_COUNTINGS[0]]);
  });

  for (const counting of KNOWN_COUNTINGS) {
    const name = `${counting.unit}, CRLF ${counting.crlf}, BOM ${counting.bom ? 'counted' : 'not counted'}`;

    it(`finds ${name} from word boundaries alone, and puts every selection back on its words`, () => {
      const selections = toolSelections(text, spans, counting, false);
      const choice = detectCounting(text, selections);
      assert.deepEqual(choice.counting, counting);
      assert.equal(choice.placed, spans.length);
      assert.equal(choice.onWordBoundaries, spans.length);
      // Tool positions → study offsets (the other direction of toolSelections).
      selections.forEach((selection, i) => {
        assert.equal(text.fromToolOffset(selection.start, choice.counting), spans[i].start);
        assert.equal(text.fromToolOffset(selection.end, choice.counting), spans[i].end);
        assert.equal(text.toToolOffset(spans[i].start, choice.counting), selection.start);
      });
    });

    it(`finds ${name} from the quotes a tool stores with its selections`, () => {
      const choice = detectCounting(text, toolSelections(text, spans, counting, true));
      assert.deepEqual(choice.counting, counting);
      assert.equal(choice.quotesMatched, spans.length);
      assert.equal(choice.ambiguous, false);
    });
  }

  it('keeps the standard reading, and says the choice was ambiguous, when two readings fit equally and differ', () => {
    // One selection after a CRLF, of a single word between spaces: shifting it by one lands inside a word either way.
    const raw = 'a\r\nb c d\r\n';
    const source = new SourceText(raw);
    const choice = detectCounting(source, [{ start: 0, end: 1 }]);
    assert.equal(choice.ambiguous, false, 'both readings place a selection before the first CRLF the same way');
    const after = detectCounting(source, [{ start: 5, end: 8 }]);
    assert.equal(after.placed, 1);
  });

  it('does not place selections that fall inside a character or outside the text', () => {
    const source = new SourceText(`x ${SCIENTIST} y`);
    const utf16 = KNOWN_COUNTINGS.find((c) => c.unit === 'utf16' && c.crlf === 2 && c.bom)!;
    assert.equal(source.fromToolOffset(3, utf16), undefined, 'between the halves of a surrogate pair');
    assert.equal(source.fromToolOffset(100, utf16), undefined);
    assert.equal(source.fromToolOffset(-1, utf16), undefined);
  });

  it('rates stored texts that are the quote, its beginning shortened with an ellipsis, or another Unicode form', () => {
    assert.equal(quoteMatch('the harvest', 'the harvest'), 3);
    assert.equal(quoteMatch('café', 'cafe\u0301'), 3);
    assert.equal(quoteMatch('  café  ', 'cafe\u0301'), 2);
    assert.equal(quoteMatch('They said nothing…', 'They said nothing at all.'), 1);
    assert.equal(quoteMatch('line:6', 'They said nothing at all.'), 0);
    assert.equal(quoteMatch('They', 'They said nothing at all.'), 0, 'too short to count as a shortened quote');
  });

  it('puts every selection of a random text back on its quote, whatever the counting (property)', () => {
    const pieces = fc.constantFrom('word', 'other', ' ', ', ', '\r\n', '\n', SCIENTIST, KSHATRIYA, CAFE_DECOMPOSED, '🎉', 'مرحبا', '漢字', '𠀀');
    fc.assert(
      fc.property(fc.boolean(), fc.array(pieces, { minLength: 1, maxLength: 40 }), fc.constantFrom(...KNOWN_COUNTINGS), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), (bom, parts, counting, picks) => {
        const raw = (bom ? '\uFEFF' : '') + parts.join('');
        const source = new SourceText(raw);
        const positions = SourcePositions.of(raw, counting);
        const length = source.length;
        const spans = picks.map(([a, b]) => ({ start: Math.min(a % (length + 1), b % (length + 1)), end: Math.max(a % (length + 1), b % (length + 1)) })).filter((s) => source.slice(s.start, s.end).trim().length >= 2);
        // Shorter quotes are no evidence (a tool's one-letter name is not a quote).
        fc.pre(spans.length > 0);
        const selections = spans.map((span) => ({ start: positions.toCounted(span.start), end: positions.toCounted(span.end), storedTexts: [source.slice(span.start, span.end)] }));
        const choice = detectCounting(source, selections);
        selections.forEach((selection, i) => {
          const start = source.fromToolOffset(selection.start, choice.counting);
          const end = source.fromToolOffset(selection.end, choice.counting);
          assert.ok(start !== undefined && end !== undefined);
          assert.equal(source.slice(start, end).normalize('NFC'), source.slice(spans[i].start, spans[i].end).normalize('NFC'));
        });
      }),
      { numRuns: 300 },
    );
  });
  it('finds word boundaries as the Unicode definition says, ASCII and other scripts alike', () => {
    const word = /^[\p{L}\p{N}\p{M}]/u;
    const alphabet = fc.constantFrom('a', 'Z', '7', ' ', '-', '_', '\n', '.', 'é', 'e\u0301', '٣', SCIENTIST, 'क्ष', '中');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (pieces) => {
        const raw = pieces.join('');
        const text = new SourceText(raw === '' ? 'x' : raw);
        const codePoints = [...text.normalised];
        for (let offset = 0; offset <= codePoints.length; offset++) {
          const expected = offset === 0 || offset === codePoints.length || !(word.test(codePoints[offset - 1]) && word.test(codePoints[offset]));
          assert.equal(text.atWordBoundary(offset), expected, `offset ${offset} of ${JSON.stringify(text.normalised)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
