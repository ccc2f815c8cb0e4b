// Percent agreement: the share of pairs of coders who gave a unit the same value, averaged over
// the units that at least two coders coded. With two coders, the share of units both coded alike.
import { categoryCounts, sortedCategories, type Coefficient, type ReliabilityData } from '../reliability-data';

/** A proportion in [0, 1]. */
export function percentAgreement(data: ReliabilityData): Coefficient {
  let agreeing = 0;
  let units = 0;
  for (const unit of categoryCounts(data, sortedCategories(data))) {
    if (unit.values < 2) continue;
    const pairs = unit.values * (unit.values - 1);
    const samePairs = unit.counts.reduce((sum, n) => sum + n * (n - 1), 0);
    agreeing += (unit.count * samePairs) / pairs;
    units += unit.count;
  }
  return { value: units > 0 ? agreeing / units : undefined, units };
}
