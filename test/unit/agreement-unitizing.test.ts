// Krippendorff's unitizing alpha against the worked examples of Krippendorff 1995 and 2004, a
// small example computed by hand, and the properties any agreement on spans must have.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { unitizingAlpha, type UnitizedCategory } from '../../src/core/agreement/coefficients/unitizing-alpha';
import type { Span } from '../../src/core/model';

/** Stretches given as [begin, length], as the sources write them, moved by `origin`. */
function stretches(pairs: readonly (readonly [number, number])[], origin = 0): Span[] {
  return pairs.map(([begin, length]) => ({ start: begin - origin, end: begin - origin + length }));
}

function rounded(value: number | undefined, digits: number): number {
  assert.ok(value !== undefined, 'the coefficient is defined');
  return Number(value.toFixed(digits));
}

describe('unitizing alpha', () => {
  // Krippendorff (2004), Content Analysis, 2nd ed., p. 254: two coders, a continuum from 150 to
  // 450, categories c and k, as DKPro Statistics encodes it (Krippendorff2004Test). Values as
  // printed there: c: uDo .0144, uDe .0532, uα .7286; k: uDo 0, uDe .0490, uα 1; both: .8591,
  // which is 1 − .0144 / (.0532 + .0490) from the rounded figures; unrounded it is .8587, .859 to
  // three digits.
  const c: UnitizedCategory = { length: 300, coders: [stretches([[225, 70], [370, 30]], 150), stretches([[220, 80], [355, 20], [400, 20]], 150)] };
  const k: UnitizedCategory = { length: 300, coders: [stretches([[180, 60], [300, 50]], 150), stretches([[180, 60], [300, 50]], 150)] };

  it('reproduces Krippendorff 2004 (p. 254): category c uα .7286 from uDo .0144 and uDe .0532', () => {
    const result = unitizingAlpha([c]);
    assert.equal(rounded(result.observedDisagreement, 4), 0.0144);
    assert.equal(rounded(result.expectedDisagreement, 4), 0.0532);
    assert.equal(rounded(result.value, 4), 0.7286);
    assert.equal(result.units, 5);
  });

  it('reproduces Krippendorff 2004: category k uα 1 (uDe .0490), both categories .859', () => {
    const result = unitizingAlpha([k]);
    assert.equal(result.observedDisagreement, 0);
    assert.equal(rounded(result.expectedDisagreement, 4), 0.049);
    assert.equal(result.value, 1);
    assert.equal(rounded(unitizingAlpha([c, k]).value, 3), 0.859);
  });

  it("reproduces the observed disagreements of Krippendorff 1995's four pairs of coders (p. 57)", () => {
    // As DKPro Statistics encodes the example (Krippendorff1995Test): a continuum of 24, [begin, length].
    const pairs: Array<[string, [number, number][], [number, number][], number]> = [
      ['A (Bertha, Bill)', [[2, 8], [14, 6]], [[4, 4], [15, 2]], 0.03125],
      ['B (John, Jill)', [[0, 18]], [[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]], 2.26736],
      ['C (Gerret, Gill)', [[2, 6], [10, 2], [14, 4], [20, 2]], [[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]], 0.02778],
      ['D (Heather, Hill)', [[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]], [[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]], 0.38715],
    ];
    for (const [name, first, second, observed] of pairs) {
      assert.equal(rounded(unitizingAlpha([{ length: 24, coders: [stretches(first), stretches(second)] }]).observedDisagreement, 5), observed, name);
    }
  });

  it('gives the value computed by hand for one stretch each, [2, 6) and [3, 7) of 10', () => {
    // Coder 1: gap [0,2), unit [2,6), gap [6,10); coder 2: gap [0,3), unit [3,7), gap [7,10).
    // Intersecting pairs: only the two units differ, (2 − 3)² + (6 − 7)² = 2; both orders: 4.
    //   uDo = 4 / (m (m − 1) L²) = 4 / (2 · 1 · 100) = 0.02
    // Units l = 4, 4 (N = 2); gaps 2, 4, 3, 3. For each unit:
    //   (N − 1)(2·4³ − 3·4² + 4)/3 = 84/3 = 28, and 4² · Σ_{gaps ≥ 4} (l_h − 4 + 1) = 16 · 1 = 16: 44.
    //   uDe = (2/10) · 88 / (20 · 19 − (4·3 + 4·3)) = 17.6 / 356 = 0.049438
    //   uα = 1 − 0.02 / 0.049438 = 0.5955
    const result = unitizingAlpha([{ length: 10, coders: [[{ start: 2, end: 6 }], [{ start: 3, end: 7 }]] }]);
    assert.equal(result.observedDisagreement, 0.02);
    assert.equal(rounded(result.expectedDisagreement, 6), 0.049438);
    assert.equal(rounded(result.value, 4), 0.5955);
  });

  /** Sorted, disjoint, non-empty stretches inside [0, length). */
  const continuum = fc.integer({ min: 2, max: 200 }).chain((length) =>
    fc.tuple(fc.constant(length), fc.uniqueArray(fc.integer({ min: 0, max: length }), { minLength: 2, maxLength: 12 }).map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const spans: Span[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) spans.push({ start: sorted[i], end: sorted[i + 1] });
      return spans;
    })),
  );

  it('is 1 when every coder marks the same stretches (property)', () => {
    fc.assert(fc.property(continuum, fc.integer({ min: 2, max: 4 }), ([length, spans], coders) => {
      const value = unitizingAlpha([{ length, coders: Array.from({ length: coders }, () => spans) }]).value;
      assert.ok(value === undefined || value === 1, `value ${value}`);
    }));
  });

  it('does not depend on the order of the coders (property)', () => {
    fc.assert(fc.property(continuum, continuum, ([length, first], [, second]) => {
      const inside = second.filter((span) => span.end <= length);
      const forward = unitizingAlpha([{ length, coders: [first, inside] }]);
      const backward = unitizingAlpha([{ length, coders: [inside, first] }]);
      assert.equal(forward.observedDisagreement, backward.observedDisagreement);
      assert.equal(forward.expectedDisagreement, backward.expectedDisagreement);
    }));
  });

  it('decreases steadily as one coder shifts the same stretches further', () => {
    const first = stretches([[100, 40], [300, 60], [500, 30]]);
    let previous = Infinity;
    for (let shift = 0; shift <= 50; shift += 5) {
      const value = unitizingAlpha([{ length: 1000, coders: [first, first.map((s) => ({ start: s.start + shift, end: s.end + shift }))] }]).value!;
      assert.ok(value < previous, `shift ${shift}: ${value} after ${previous}`);
      previous = value;
    }
    assert.ok(previous < 0.5);
  });

  it('refuses overlapping stretches and a single coder', () => {
    assert.throws(() => unitizingAlpha([{ length: 10, coders: [[{ start: 0, end: 5 }, { start: 4, end: 6 }], []] }]), /overlaps/);
    assert.throws(() => unitizingAlpha([{ length: 10, coders: [[]] }]), /two coders/);
  });
});
