import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { snapToGraphemes, snapToWords } from '../../src/core/text/boundaries';
import { ChunkedText } from '../../src/core/text/chunked-text';
import { detectLineEnding, normaliseText, textVersion, toEditorText } from '../../src/core/text/normalise';
import { TextIndex, sliceCodePoints } from '../../src/core/text/offsets';

const SCIENTIST = '👩🏽‍🔬'; // 7 code points, 11 UTF-16 units, 1 grapheme
const KSHATRIYA = 'क्षत्रिय'; // 8 code points, 3 graphemes
const E_ACUTE_DECOMPOSED = 'e\u0301';
const EXTENSION_B = '𠀀'; // U+20000, 2 units

/** Text with every kind of character the offsets must survive. */
const mixedCharacters = fc.constantFrom(
  'a', ' ', '\n', 'é', E_ACUTE_DECOMPOSED, '🎉', SCIENTIST, KSHATRIYA, 'مرحبا', '漢字', EXTENSION_B, '\u{1F1F3}\u{1F1F1}', 'Я',
);
const mixedText = fc.array(mixedCharacters, { maxLength: 60 }).map((parts) => parts.join(''));

describe('normalised text', () => {
  it('removes a leading BOM and turns CRLF and lone CR into LF', () => {
    assert.equal(normaliseText('\uFEFFR: one\r\nI: two\rthree\n'), 'R: one\nI: two\nthree\n');
    assert.equal(normaliseText('no change\n'), 'no change\n');
    assert.equal(normaliseText('a\uFEFFb'), 'a\uFEFFb', 'only a leading BOM is removed');
  });

  it('computes the version Git gives the same bytes', () => {
    for (const text of ['', 'R: Yeah.\n', `I: ${SCIENTIST} ${KSHATRIYA} ${EXTENSION_B} مرحبا\n`]) {
      const fromGit = execFileSync('git', ['hash-object', '--stdin'], { input: Buffer.from(text, 'utf8') }).toString().trim();
      assert.equal(textVersion(text), fromGit);
    }
  });

  it('gives the same version whatever the line endings and BOM of the file', () => {
    const lf = 'R: Yeah.\nI: And then?\n';
    assert.equal(textVersion(normaliseText(`\uFEFF${lf.replace(/\n/g, '\r\n')}`)), textVersion(lf));
  });

  it('detects the line ending VS Code gives a document (its majority rule)', () => {
    assert.equal(detectLineEnding('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectLineEnding('a\nb\nc\r\n'), '\n');
    assert.equal(detectLineEnding('a\r\nb\n'), '\n', 'a tie is not a majority');
    assert.equal(detectLineEnding('a\rb\rc\n'), '\r\n', 'a lone CR counts with CRLF');
    assert.equal(detectLineEnding('one line', '\r\n'), '\r\n', 'no line break: the default');
  });
});

describe('TextIndex', () => {
  it('converts code points to units and back around emoji and CJK Extension B', () => {
    const text = `R: ${SCIENTIST} and ${EXTENSION_B}!`;
    const index = TextIndex.forText(text);
    assert.equal(index.codePointLength, [...text].length);
    assert.equal(index.unitLength, text.length);
    const codePointsBeforeAnd = [...`R: ${SCIENTIST} `].length;
    const unitsBeforeAnd = `R: ${SCIENTIST} `.length;
    assert.equal(index.toUnitOffset(codePointsBeforeAnd), unitsBeforeAnd);
    assert.equal(index.toCodePointOffset(unitsBeforeAnd), codePointsBeforeAnd);
    assert.equal(sliceCodePoints(text, codePointsBeforeAnd, codePointsBeforeAnd + 3), 'and');
  });

  it('rounds a unit offset inside a surrogate pair down, or up when asked', () => {
    const index = TextIndex.forText(`a${EXTENSION_B}b`);
    assert.equal(index.toCodePointOffset(2), 1);
    assert.equal(index.toCodePointOffset(2, 'up'), 2);
    assert.deepEqual(index.toCodePointSpan({ start: 2, end: 2 }), { start: 1, end: 2 });
  });

  it('is the identity for text without wide characters, Arabic, Devanagari and common CJK included', () => {
    const index = TextIndex.forText(`مرحبا ${KSHATRIYA} 漢字 é`);
    assert.equal(index.isIdentity, true);
    assert.equal(index.toUnitOffset(5), 5);
  });

  it('counts a CRLF as one code point of the normalised text and two units of the editor text', () => {
    const normalised = `R: ${SCIENTIST}\nI: 🎉 yes\n`;
    const editorText = toEditorText(normalised, '\r\n');
    const index = TextIndex.forEditorText(editorText);
    assert.equal(index.codePointLength, [...normalised].length);
    const yes = [...normalised].indexOf('y');
    assert.equal(editorText.slice(index.toUnitOffset(yes), index.toUnitOffset(yes + 3)), 'yes');
    assert.equal(index.toCodePointOffset(editorText.indexOf('\n')), [...normalised].indexOf('\n'), 'between CR and LF rounds down');
  });

  it('refuses offsets outside the text', () => {
    const index = TextIndex.forText('abc');
    assert.throws(() => index.toUnitOffset(4), RangeError);
    assert.throws(() => index.toCodePointOffset(-1), RangeError);
    assert.throws(() => index.toUnitOffset(1.5), RangeError);
  });

  it('round-trips every code point offset (random Unicode text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const index = TextIndex.forText(text);
        const codePoints = [...text];
        assert.equal(index.codePointLength, codePoints.length);
        let units = 0;
        for (let codePoint = 0; codePoint <= codePoints.length; codePoint++) {
          assert.equal(index.toUnitOffset(codePoint), units);
          assert.equal(index.toCodePointOffset(units), codePoint);
          units += codePoint < codePoints.length ? codePoints[codePoint].length : 0;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('maps normalised code points to editor units for CRLF text with emoji (random text)', () => {
    fc.assert(
      fc.property(mixedText, fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), (normalised, lineEnding) => {
        const editorText = toEditorText(normalised, lineEnding);
        const index = TextIndex.forEditorText(editorText);
        const codePoints = [...normalised];
        assert.equal(index.codePointLength, codePoints.length);
        for (let start = 0; start <= codePoints.length; start += 3) {
          const end = Math.min(codePoints.length, start + 5);
          const units = index.toUnitSpan({ start, end });
          assert.equal(normaliseText(editorText.slice(units.start, units.end)), codePoints.slice(start, end).join(''));
          assert.deepEqual(index.toCodePointSpan(units), { start, end });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('converts offsets of a 1,000,000-character CRLF text with emoji, and needs no index for plain text', () => {
    const line = 'Yeah. I think so 🎉\r\n';
    const text = line.repeat(50_000);
    const index = TextIndex.forEditorText(text);
    // Each line is 19 code points of normalised text: 17 BMP characters, one emoji, one \n.
    assert.equal(index.codePointLength, 19 * 50_000);
    assert.equal(index.toUnitOffset(19 * 40_000), line.length * 40_000);
    // Unit 18 falls between the halves of the emoji: rounding down gives its start.
    assert.equal(index.toCodePointOffset(line.length * 40_000 + 18), 19 * 40_000 + 17);
    assert.equal(TextIndex.forText('x'.repeat(1_000_000)).isIdentity, true);
  });
});

describe('grapheme and word boundaries', () => {
  it('never splits an emoji with skin tone and ZWJ, a Devanagari cluster or a combining accent', () => {
    const text = `a${SCIENTIST}b ${KSHATRIYA} cafe\u0301`;
    assert.deepEqual(snapToGraphemes(text, { start: 3, end: 5 }), { start: 1, end: 1 + SCIENTIST.length });
    const devanagari = text.indexOf(KSHATRIYA);
    assert.deepEqual(snapToGraphemes(text, { start: devanagari + 1, end: devanagari + 2 }), { start: devanagari, end: devanagari + 3 });
    const accent = text.length - 1;
    assert.deepEqual(snapToGraphemes(text, { start: accent - 2, end: accent }), { start: accent - 2, end: accent + 1 });
  });

  it('leaves spans on grapheme boundaries alone and keeps empty spans empty', () => {
    const text = `R: ${SCIENTIST} ok`;
    assert.deepEqual(snapToGraphemes(text, { start: 0, end: 3 }), { start: 0, end: 3 });
    assert.deepEqual(snapToGraphemes(text, { start: 5, end: 5 }), { start: 3, end: 3 });
  });

  it('widens to whole graphemes for any span (random text)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(mixedText, fc.nat(), fc.nat(), (text, a, b) => {
        const boundaries = new Set([...segmenter.segment(text)].map((segment) => segment.index).concat(text.length));
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.max(start, Math.max(a, b) % (text.length + 1));
        const snapped = snapToGraphemes(text, { start, end });
        assert.ok(boundaries.has(snapped.start) && boundaries.has(snapped.end));
        assert.ok(snapped.start <= start && (start === end || snapped.end >= end));
      }),
      { numRuns: 2000 },
    );
  });

  it('widens to whole words and trims white space', () => {
    const text = 'R: the council decided';
    assert.deepEqual(snapToWords(text, { start: 6, end: 11 }), { start: 7, end: 14 }); // " coun" -> "council"
    assert.deepEqual(snapToWords(text, { start: 4, end: 9 }), { start: 3, end: 14 }); // "he co" -> "the council"
    assert.deepEqual(snapToWords(text, { start: 2, end: 7 }), { start: 3, end: 6 });
  });
});

describe('ChunkedText', () => {
  it('stays equal to the string it mirrors through random edits', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20_000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(9_000), fc.string({ maxLength: 5_000 })), { maxLength: 20 }),
        (initial, edits) => {
          const chunked = new ChunkedText(initial);
          let text = initial;
          for (const [seed, size, inserted] of edits) {
            const start = seed % (text.length + 1);
            const length = Math.min(size, text.length - start);
            assert.equal(chunked.replace(start, length, inserted), text.slice(start, start + length));
            text = text.slice(0, start) + inserted + text.slice(start + length);
            assert.equal(chunked.length, text.length);
          }
          assert.equal(chunked.toString(), text);
          assert.equal(chunked.slice(Math.floor(text.length / 3), Math.floor(text.length / 2)), text.slice(Math.floor(text.length / 3), Math.floor(text.length / 2)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
