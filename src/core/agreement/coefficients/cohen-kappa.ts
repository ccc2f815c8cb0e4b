// Cohen's kappa for two coders (Cohen 1960), and weighted kappa (Cohen 1968) with linear or
// quadratic disagreement weights over the categories in ascending order:
//   kappa_w = 1 − Σ w_ij p_ij / Σ w_ij p_i. p_.j,  w_ij = |i − j| / (k − 1)  or  ((i − j) / (k − 1))².
// Unweighted kappa is the case w_ij = 1 for i ≠ j. Units missing either coder's value are left out.
import { oneMinusRatio, sortedCategories, type Coefficient, type ReliabilityData, type ReliabilityValue } from '../reliability-data';

export type KappaWeighting = 'none' | 'linear' | 'quadratic';

export function cohenKappa(data: ReliabilityData, weighting: KappaWeighting = 'none', categories: readonly ReliabilityValue[] = sortedCategories(data)): Coefficient {
  if (data.coders.length !== 2) throw new RangeError(`Cohen's kappa compares two coders, not ${data.coders.length}.`);
  const k = categories.length;
  const index = new Map(categories.map((category, i) => [category, i]));
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let units = 0;
  for (const row of data.rows) {
    const [first, second] = row.values;
    if (first === undefined || second === undefined) continue;
    const i = index.get(first);
    const j = index.get(second);
    if (i === undefined || j === undefined) throw new RangeError(`Value ${String(i === undefined ? first : second)} is not among the categories.`);
    table[i][j] += row.count;
    units += row.count;
  }
  if (units === 0) return { value: undefined, units };
  const firstMargin = table.map((line) => line.reduce((a, b) => a + b, 0) / units);
  const secondMargin = categories.map((_, j) => table.reduce((sum, line) => sum + line[j], 0) / units);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = disagreementWeight(i, j, k, weighting);
      observed += (w * table[i][j]) / units;
      expected += w * firstMargin[i] * secondMargin[j];
    }
  }
  return { value: oneMinusRatio(observed, expected), units };
}

function disagreementWeight(i: number, j: number, k: number, weighting: KappaWeighting): number {
  if (i === j) return 0;
  if (weighting === 'none') return 1;
  const distance = Math.abs(i - j) / (k - 1);
  return weighting === 'linear' ? distance : distance * distance;
}
