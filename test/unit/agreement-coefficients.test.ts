// The agreement coefficients against published worked examples, to the digits each source prints.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cohenKappa } from '../../src/core/agreement/coefficients/cohen-kappa';
import { fleissKappa } from '../../src/core/agreement/coefficients/fleiss-kappa';
import { krippendorffAlpha, type MeasurementLevel } from '../../src/core/agreement/coefficients/krippendorff-alpha';
import { percentAgreement } from '../../src/core/agreement/coefficients/percent-agreement';
import { fromCoderRows, fromContingencyTable, type ReliabilityData } from '../../src/core/agreement/reliability-data';

/** Rounds as the sources print: `digits` after the point. */
function rounded(value: number | undefined, digits: number): number {
  assert.ok(value !== undefined, 'the coefficient is defined');
  return Number(value.toFixed(digits));
}

const _ = undefined;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, missing values; unit 12 has one value and is unpairable. Printed: n = 40 pairable
// values; alpha nominal .743, ordinal .815, interval .849, ratio .797.
const KRIPPENDORFF_2011_C = fromCoderRows(['A', 'B', 'C', 'D'], [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

// Krippendorff (2011), section A: two observers, binary data, 10 units. Printed: alpha = 0.095.
const KRIPPENDORFF_2011_A = fromCoderRows(['A', 'B'], [
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]);

// Hayes & Krippendorff (2007), "Answering the call for a standard reliability measure for coding
// data", Communication Methods and Measures 1:77-89, p. 84: 40 units rated 0-3 by 5 observers,
// each unit by 3 to 5 of them (as DKPro Statistics encodes it, HayesKrippendorff2007Test).
// Printed: ordinal alpha .7598.
const HAYES_KRIPPENDORFF_2007: ReliabilityData = {
  coders: ['1', '2', '3', '4', '5'],
  rows: [
    [1, 1, 2, _, 2], [1, 1, 0, 1, _], [2, 3, 3, 3, _], [_, 0, 0, _, 0], [0, 0, 0, _, 0], [0, 0, 0, _, 0], [1, 0, 2, _, 1], [1, _, 2, 0, _],
    [2, 2, 2, _, 2], [2, 1, 1, 1, _], [_, 1, 0, 0, _], [0, 0, 0, 0, _], [1, 2, 2, 2, _], [3, 3, 2, 2, 3], [1, 1, 1, _, 1], [1, 1, 1, _, 1],
    [2, 1, 2, _, 2], [1, 2, 3, 3, _], [1, 1, 0, 1, _], [0, 0, 0, _, 0], [0, 0, 1, 1, _], [0, 0, _, 0, 0], [2, 3, 3, 3, _], [0, 0, 0, 0, _],
    [1, 2, _, 2, 2], [0, 1, 1, 1, _], [0, 0, 0, 1, 0], [1, 2, 1, 2, _], [1, 1, 2, 2, _], [1, 1, 2, _, 2], [1, 1, 0, _, 0], [2, 1, 2, 1, _],
    [2, 2, _, 2, 2], [3, 2, 2, 2, _], [2, 2, 2, _, 2], [2, 2, 3, _, 2], [2, 2, 2, _, 2], [2, 2, _, 1, 2], [2, 2, 2, 2, _], [1, 1, 1, _, 1],
  ].map((values) => ({ values, count: 1 })),
};

describe('agreement coefficients', () => {
  describe("Krippendorff's alpha", () => {
    const printed: Record<MeasurementLevel, number> = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 };
    for (const level of Object.keys(printed) as MeasurementLevel[]) {
      it(`reproduces Krippendorff 2011's ${level} alpha ${printed[level]} (4 coders, missing values)`, () => {
        const result = krippendorffAlpha(KRIPPENDORFF_2011_C, level);
        assert.equal(rounded(result.value, 3), printed[level]);
        assert.equal(result.pairableValues, 40);
        assert.equal(result.units, 11, 'the unit with a single value is not pairable');
      });
    }

    it('reproduces Hayes & Krippendorff 2007: ordinal alpha .7598 (40 units, 5 observers, missing values)', () => {
      const result = krippendorffAlpha(HAYES_KRIPPENDORFF_2007, 'ordinal');
      assert.equal(rounded(result.value, 4), 0.7598);
      assert.equal(result.units, 40);
    });

    it("reproduces Krippendorff 2011's binary example: alpha 0.095 from 20 values", () => {
      const result = krippendorffAlpha(KRIPPENDORFF_2011_A, 'nominal');
      assert.equal(rounded(result.value, 3), 0.095);
      assert.equal(result.pairableValues, 20);
    });

    it('is undefined when every value is the same, and 1 when coders agree on varied values', () => {
      assert.equal(krippendorffAlpha(fromCoderRows(['A', 'B'], [[1, 1], [1, 1]]), 'nominal').value, undefined);
      assert.equal(krippendorffAlpha(fromCoderRows(['A', 'B'], [[1, 2, 3], [1, 2, 3]]), 'interval').value, 1);
    });

    it('refuses text values at the interval level and negative values at the ratio level', () => {
      assert.throws(() => krippendorffAlpha(fromCoderRows(['A', 'B'], [['x'], ['y']]), 'interval'), /numbers/);
      assert.throws(() => krippendorffAlpha(fromCoderRows(['A', 'B'], [[-1], [2]]), 'ratio'), /negative/);
    });

    it('does not depend on the order of coders or units, and counts a repeated unit as its count says', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), fc.integer({ min: 1, max: 4 })), { maxLength: 12 }), (units) => {
          const data: ReliabilityData = { coders: ['A', 'B'], rows: units.map(([a, b, count]) => ({ values: [a, b], count })) };
          const swapped: ReliabilityData = { coders: ['B', 'A'], rows: [...units].reverse().map(([a, b, count]) => ({ values: [b, a], count })) };
          const expanded: ReliabilityData = { coders: ['A', 'B'], rows: units.flatMap(([a, b, count]) => Array.from({ length: count }, () => ({ values: [a, b], count: 1 }))) };
          for (const level of ['nominal', 'ordinal', 'interval'] as const) {
            const value = krippendorffAlpha(data, level).value;
            for (const other of [swapped, expanded]) {
              const otherValue = krippendorffAlpha(other, level).value;
              assert.ok(value === undefined ? otherValue === undefined : Math.abs(value - otherValue!) < 1e-9);
            }
          }
        }),
      );
    });
  });

  describe("Cohen's kappa", () => {
    it("reproduces Wikipedia's 50 grant proposals: p_o 0.7, p_e 0.5, kappa 0.4", () => {
      // https://en.wikipedia.org/wiki/Cohen%27s_kappa, "Simple example": Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15.
      const data = fromContingencyTable(['Yes', 'No'], [[20, 5], [10, 15]]);
      assert.equal(rounded(cohenKappa(data).value, 3), 0.4);
      assert.equal(percentAgreement(data).value, 0.7);
      assert.equal(cohenKappa(data).units, 50);
    });

    it("reproduces Wikipedia's 'same percentages, different numbers': 0.1304 and 0.2593", () => {
      // Same page, "Same percentages but different numbers": both tables agree on 60 of 100.
      assert.equal(rounded(cohenKappa(fromContingencyTable(['Yes', 'No'], [[45, 15], [25, 15]])).value, 4), 0.1304);
      assert.equal(rounded(cohenKappa(fromContingencyTable(['Yes', 'No'], [[25, 35], [5, 35]])).value, 4), 0.2593);
    });

    it('weights disagreements linearly and quadratically (computed by hand below)', () => {
      // Three ordered categories, 15 units; rows: first coder, columns: second coder.
      //        1  2  3 | row
      //   1    4  2  0 |  6
      //   2    1  3  1 |  5
      //   3    0  1  3 |  4
      //   col  5  6  4 | 15
      // Unweighted: p_o = 10/15, p_e = (6·5 + 5·6 + 4·4)/225 = 76/225, kappa = (150 − 76)/(225 − 76) = 74/149 = 0.4966.
      // Linear weights 0, 1/2, 1: observed Σ w n = (2 + 1 + 1 + 1)·1/2 = 2.5;
      //   expected Σ w r c = 1/2·(6·6 + 5·5 + 5·4 + 4·6) + 1·(6·4 + 4·5) = 52.5 + 44 = 96.5;
      //   kappa_w = 1 − (2.5/15)/(96.5/225) = 1 − 37.5/96.5 = 0.6114.
      // Quadratic weights 0, 1/4, 1: observed = 5·1/4 = 1.25; expected = 1/4·105 + 44 = 70.25;
      //   kappa_w = 1 − 18.75/70.25 = 0.7331.
      const data = fromContingencyTable([1, 2, 3], [[4, 2, 0], [1, 3, 1], [0, 1, 3]]);
      assert.equal(rounded(cohenKappa(data, 'none').value, 4), 0.4966);
      assert.equal(rounded(cohenKappa(data, 'linear').value, 4), 0.6114);
      assert.equal(rounded(cohenKappa(data, 'quadratic').value, 4), 0.7331);
    });

    it('equals unweighted kappa with two categories, leaves out units missing a value, and needs two coders', () => {
      const data = fromCoderRows(['A', 'B'], [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0, _], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1]]);
      const unweighted = cohenKappa(data).value;
      assert.equal(cohenKappa(data, 'linear').value, unweighted);
      assert.equal(cohenKappa(data, 'quadratic').value, unweighted);
      assert.equal(cohenKappa(data).units, 10);
      assert.throws(() => cohenKappa(KRIPPENDORFF_2011_C), /two coders/);
    });
  });

  describe("Fleiss' kappa", () => {
    it("reproduces Fleiss' kappa 0.210 of Wikipedia's worked example (14 raters, 10 subjects, P̄ 0.378)", () => {
      // https://en.wikipedia.org/wiki/Fleiss%27_kappa, "Worked example": how many of 14 raters put each subject in categories 1..5.
      const table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
      ];
      const data: ReliabilityData = {
        coders: Array.from({ length: 14 }, (_, i) => `rater ${i + 1}`),
        rows: table.map((counts) => ({ values: counts.flatMap((n, category) => Array<number>(n).fill(category + 1)), count: 1 })),
      };
      const result = fleissKappa(data);
      assert.equal(rounded(result.value, 3), 0.21);
      assert.equal(result.units, 10);
      // Percent agreement over pairs of raters is Fleiss' P̄.
      assert.equal(rounded(percentAgreement(data).value, 3), 0.378);
    });

    it('is 1 for perfect agreement and undefined when only one category is used', () => {
      assert.equal(fleissKappa(fromCoderRows(['A', 'B'], [[1, 2, 3], [1, 2, 3]])).value, 1);
      assert.equal(fleissKappa(fromCoderRows(['A', 'B'], [[1, 1, 1], [1, 1, 1]])).value, undefined);
    });

    it('uses only the units every coder coded', () => {
      assert.equal(fleissKappa(KRIPPENDORFF_2011_C).units, 8, 'units 2 to 9');
    });
  });

  describe('percent agreement', () => {
    it("is 0.6 on Krippendorff 2011's binary example (6 of 10 units alike)", () => {
      assert.equal(percentAgreement(KRIPPENDORFF_2011_A).value, 0.6);
    });

    it('averages the agreeing pairs over units that two or more coders coded', () => {
      // Units: {1,1,1} all 3 pairs agree; {1,2,_} none; {3,_,_} unpairable.
      const data = fromCoderRows(['A', 'B', 'C'], [[1, 1, 3], [1, 2, _], [1, _, _]]);
      assert.deepEqual(percentAgreement(data), { value: 0.5, units: 2 });
    });
  });
});
