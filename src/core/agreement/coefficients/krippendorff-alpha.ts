// Krippendorff's alpha by the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"): any number of coders, missing values allowed, units with fewer than two
// values unpairable and left out.
//   o_ck = Σ_u (pairs of values c, k from different coders in u) / (m_u − 1),  n_c = Σ_k o_ck,
//   alpha = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
// with the difference function δ² of the level of measurement.
import { categoryCounts, oneMinusRatio, sortedCategories, type Coefficient, type ReliabilityData, type ReliabilityValue } from '../reliability-data';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaResult extends Coefficient {
  /** n: the pairable values, those in units with at least two values. */
  readonly pairableValues: number;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
}

export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel): AlphaResult {
  const categories = sortedCategories(data);
  if (level !== 'nominal' && categories.some((c) => typeof c !== 'number')) throw new RangeError(`Values must be numbers at the ${level} level.`);
  if (level === 'ratio' && categories.some((c) => (c as number) < 0)) throw new RangeError('Values must not be negative at the ratio level.');
  const k = categories.length;
  const coincidences = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let units = 0;
  for (const unit of categoryCounts(data, categories)) {
    if (unit.values < 2) continue;
    units += unit.count;
    const share = unit.count / (unit.values - 1);
    for (let c = 0; c < k; c++) {
      if (unit.counts[c] === 0) continue;
      for (let d = 0; d < k; d++) coincidences[c][d] += share * unit.counts[c] * (unit.counts[d] - (c === d ? 1 : 0));
    }
  }
  const margins = coincidences.map((line) => line.reduce((a, b) => a + b, 0));
  const n = margins.reduce((a, b) => a + b, 0);
  const delta = differenceFunction(level, categories, margins);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const squared = delta(c, d);
      observed += coincidences[c][d] * squared;
      expected += margins[c] * margins[d] * squared;
    }
  }
  const observedDisagreement = n > 0 ? observed / n : 0;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
  return { value: oneMinusRatio(observedDisagreement, expectedDisagreement), units, pairableValues: n, observedDisagreement, expectedDisagreement };
}

/** δ²(c, d) for category indices into the ascending `categories`, whose coincidence margins are `margins`. */
function differenceFunction(level: MeasurementLevel, categories: readonly ReliabilityValue[], margins: readonly number[]): (c: number, d: number) => number {
  const value = (i: number) => categories[i] as number;
  switch (level) {
    case 'nominal':
      return () => 1;
    case 'interval':
      return (c, d) => (value(c) - value(d)) ** 2;
    case 'ratio':
      return (c, d) => ((value(c) - value(d)) / (value(c) + value(d))) ** 2;
    case 'ordinal': {
      // Σ_{g=c}^{d} n_g − (n_c + n_d) / 2, through cumulative margins.
      const below = [0];
      for (const m of margins) below.push(below[below.length - 1] + m);
      return (c, d) => {
        const [low, high] = c < d ? [c, d] : [d, c];
        return (below[high + 1] - below[low] - (margins[low] + margins[high]) / 2) ** 2;
      };
    }
  }
}
