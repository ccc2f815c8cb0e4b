import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { KNOWN_COUNTINGS, SourcePositions, STANDARD_COUNTING, type PositionCounting } from '../../src/core/refi/positions';
import { normaliseText } from '../../src/core/text/normalise';
import { TextIndex } from '../../src/core/text/offsets';

const SCIENTIST = '👩🏽‍🔬'; // 4 code points, 7 UTF-16 units
const KSHATRIYA = 'क्षत्रिय'; // Devanagari: 8 code points, 8 units
const E_ACUTE_DECOMPOSED = 'e\u0301'; // a combining mark: 2 code points

const pieces = fc.constantFrom('a', ' ', '\n', '\r\n', '\r', 'é', E_ACUTE_DECOMPOSED, '🎉', SCIENTIST, KSHATRIYA, 'مرحبا', '漢字', '𠀀');
const rawText = fc
  .tuple(fc.boolean(), fc.array(pieces, { maxLength: 50 }))
  .map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.join(''));
const counting = fc.constantFrom(...KNOWN_COUNTINGS);

/** Counts positions the slow, obvious way: what the tool would count in front of each normalised code point. */
function countedLengthOf(raw: string, c: PositionCounting): number {
  let text = raw;
  let counted = 0;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    if (c.bom) counted++;
  }
  if (c.crlf === 1) text = text.replace(/\r\n/g, '\n');
  return counted + (c.unit === 'utf16' ? text.length : [...text].length);
}

describe('REFI-QDA positions', () => {
  it('counts code points of the normalised text the way the study offsets do', () => {
    const text = `I: ${SCIENTIST} ${KSHATRIYA} ${E_ACUTE_DECOMPOSED}!\n`;
    const positions = SourcePositions.of(text, STANDARD_COUNTING);
    assert.equal(positions.codePointLength, [...text].length);
    assert.equal(positions.countedLength, [...text].length);
    const start = [...`I: ${SCIENTIST} `].length;
    assert.equal(positions.toCounted(start), start, 'the standard counts code points: no conversion on LF text');
    assert.equal([...text].slice(start, start + 8).join(''), KSHATRIYA);
  });

  it('reads UTF-16 positions of emoji, combining marks and Devanagari', () => {
    const text = `${SCIENTIST}${E_ACUTE_DECOMPOSED}${KSHATRIYA}`;
    const positions = SourcePositions.of(text, { unit: 'utf16', crlf: 2, bom: false });
    assert.equal(positions.toCounted(4), 7, 'the scientist is 4 code points and 7 units');
    assert.equal(positions.toCounted(6), 9, 'the combining mark counts as its own code point and unit');
    assert.equal(positions.toCodePoint(9 + 8), 14, 'Devanagari is in the BMP: one unit per code point');
    assert.equal(positions.toCodePoint(1, 'down'), 0, 'inside a surrogate pair rounds down');
    assert.equal(positions.toCodePoint(1, 'up'), 1, 'or up');
    assert.equal(positions.isBoundary(1), false);
  });

  it('reads CRLF counted as two positions and a BOM counted as one', () => {
    const raw = '\uFEFFR: ja\r\nI: nee\r\n';
    const twoAndBom = SourcePositions.of(raw, { unit: 'codePoint', crlf: 2, bom: true });
    const normalised = normaliseText(raw);
    const iAt = normalised.indexOf('I');
    assert.equal(twoAndBom.toCounted(iAt), raw.indexOf('I'), 'a tool counting the file as it is');
    assert.equal(twoAndBom.toCodePoint(raw.indexOf('\n')), normalised.indexOf('\n'), 'between CR and LF rounds down to the line break');
    const oneNoBom = SourcePositions.of(raw, { unit: 'codePoint', crlf: 1, bom: false });
    assert.equal(oneNoBom.toCounted(iAt), iAt, 'a tool counting the normalised text');
  });

  it('is outside the text past either end', () => {
    const positions = SourcePositions.of('abc', STANDARD_COUNTING);
    assert.equal(positions.toCodePoint(-1), undefined);
    assert.equal(positions.toCodePoint(4), undefined);
    assert.equal(positions.toCodePoint(1.5), undefined);
    assert.throws(() => positions.toCounted(4), RangeError);
  });

  it('round-trips every code point offset through every counting', () => {
    fc.assert(
      fc.property(rawText, counting, (raw, c) => {
        const positions = SourcePositions.of(raw, c);
        assert.equal(positions.codePointLength, [...normaliseText(raw)].length);
        assert.equal(positions.countedLength, countedLengthOf(raw, c));
        for (let offset = 0; offset <= positions.codePointLength; offset++) {
          const counted = positions.toCounted(offset);
          assert.equal(positions.toCodePoint(counted, 'down'), offset);
          assert.equal(positions.toCodePoint(counted, 'up'), offset);
          assert.ok(positions.isBoundary(counted));
        }
      }),
    );
  });

  it('counts as the slow, obvious way does in front of every piece of the text (CRLF, surrogate pairs, BOM)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(pieces, { maxLength: 50 }), counting, (bom, parts, c) => {
        const head = bom ? '\uFEFF' : '';
        const positions = SourcePositions.of(head + parts.join(''), c);
        for (let i = 0; i <= parts.length; i++) {
          // A prefix that ends between the CR and the LF of a CRLF is not in front of a character.
          if (parts[i - 1]?.endsWith('\r') && parts[i]?.startsWith('\n')) continue;
          const prefix = head + parts.slice(0, i).join('');
          assert.equal(positions.toCounted([...normaliseText(prefix)].length), countedLengthOf(prefix, c));
        }
      }),
    );
  });

  it('rounds a position inside a character to that character, never past the text', () => {
    fc.assert(
      fc.property(rawText, counting, (raw, c) => {
        const positions = SourcePositions.of(raw, c);
        for (let counted = 0; counted <= positions.countedLength; counted++) {
          const down = positions.toCodePoint(counted, 'down') as number;
          const up = positions.toCodePoint(counted, 'up') as number;
          // A counted BOM is before the first code point: both roundings give offset 0.
          const onBom = counted < positions.toCounted(0);
          assert.ok(onBom ? down === 0 && up === 0 : positions.toCounted(down) <= counted && counted <= positions.toCounted(up));
          assert.ok(up - down <= 1);
          assert.equal(positions.isBoundary(counted), down === up && positions.toCounted(down) === counted);
        }
      }),
    );
  });

  it('agrees with the editor offsets (TextIndex) on UTF-16 units of LF text', () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const text = normaliseText(raw);
        const positions = SourcePositions.of(text, { unit: 'utf16', crlf: 2, bom: false });
        const index = TextIndex.forText(text);
        for (let offset = 0; offset <= index.codePointLength; offset++) assert.equal(positions.toCounted(offset), index.toUnitOffset(offset));
      }),
    );
  });
});
