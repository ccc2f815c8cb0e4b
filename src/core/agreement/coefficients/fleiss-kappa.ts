// Fleiss' kappa (Fleiss 1971) for any fixed number of coders: only units that every coder coded.
//   P_i = (Σ_j n_ij² − n) / (n (n − 1)),  p_j = Σ_i n_ij / (N n),  kappa = (P̄ − P̄e) / (1 − P̄e), P̄e = Σ_j p_j².
import { categoryCounts, sortedCategories, type Coefficient, type ReliabilityData } from '../reliability-data';

export function fleissKappa(data: ReliabilityData): Coefficient {
  const n = data.coders.length;
  if (n < 2) throw new RangeError(`Fleiss' kappa needs at least two coders, not ${n}.`);
  const categories = sortedCategories(data);
  const totals = new Array<number>(categories.length).fill(0);
  let agreement = 0;
  let units = 0;
  for (const unit of categoryCounts(data, categories)) {
    if (unit.values !== n) continue;
    const squares = unit.counts.reduce((sum, c) => sum + c * c, 0);
    agreement += (unit.count * (squares - n)) / (n * (n - 1));
    unit.counts.forEach((c, j) => (totals[j] += unit.count * c));
    units += unit.count;
  }
  if (units === 0) return { value: undefined, units };
  const meanAgreement = agreement / units;
  const chance = totals.reduce((sum, t) => sum + (t / (units * n)) ** 2, 0);
  return { value: chance < 1 ? (meanAgreement - chance) / (1 - chance) : undefined, units };
}
