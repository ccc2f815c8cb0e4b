// Krippendorff's unitizing alpha, uα (Krippendorff 1995, "On the reliability of unitizing
// continuous data"; 2004, Content Analysis 2nd ed., its worked example on p. 254): agreement on where the stretches
// of one category lie on a continuum, without any choice of unit. Each coder cuts the continuum
// [0, L) into units of the category and gaps; for the pairs of segments of two coders that
// intersect, the squared difference is
//   both units, overlapping:            (b_g − b_h)² + (e_g − e_h)²
//   a unit inside the other's gap:      l_unit²
//   otherwise:                          0
//   uDo = Σ_{i≠j} Σ_g Σ_h δ² / (m (m − 1) L²)
//   uDe = (2 / L) Σ_units [ (N − 1)(2l³ − 3l² + l) / 3 + l² Σ_{gaps h, l_h ≥ l} (l_h − l + 1) ]
//         / ( mL (mL − 1) − Σ_units l (l − 1) )
// with N the units of the category over all m coders. Over several categories,
// uα = 1 − Σ uDo / Σ uDe.
import type { Span } from '../../model';
import { oneMinusRatio } from '../reliability-data';

export interface UnitizedCategory {
  /** L: the length of the continuum, [0, L). */
  readonly length: number;
  /** Per coder, the stretches this coder gave the category: sorted, not overlapping, inside [0, L). */
  readonly coders: readonly (readonly Span[])[];
}

export interface UnitizingResult {
  readonly value: number | undefined;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
  /** N: the stretches of the category over all coders. */
  readonly units: number;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly isUnit: boolean;
}

export function unitizingAlpha(categories: readonly UnitizedCategory[]): UnitizingResult {
  return poolUnitizing(categories.map(unitizingCategory));
}

/** uα over several categories from each one's result: 1 − Σ uDo / Σ uDe. */
export function poolUnitizing(results: readonly UnitizingResult[]): UnitizingResult {
  let observed = 0;
  let expected = 0;
  let units = 0;
  for (const result of results) {
    observed += result.observedDisagreement;
    expected += result.expectedDisagreement;
    units += result.units;
  }
  return { value: oneMinusRatio(observed, expected), observedDisagreement: observed, expectedDisagreement: expected, units };
}

function unitizingCategory(category: UnitizedCategory): UnitizingResult {
  const L = category.length;
  const m = category.coders.length;
  if (m < 2) throw new RangeError(`Unitizing alpha needs at least two coders, not ${m}.`);
  const segmentations = category.coders.map((spans) => segments(spans, L));
  let sum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sum += 2 * pairDisagreement(segmentations[i], segmentations[j]);
  const observedDisagreement = L > 0 ? sum / (m * (m - 1) * L * L) : 0;
  const expectedDisagreement = expectedCategoryDisagreement(segmentations, L);
  const units = segmentations.reduce((n, s) => n + s.filter((segment) => segment.isUnit).length, 0);
  return { value: oneMinusRatio(observedDisagreement, expectedDisagreement), observedDisagreement, expectedDisagreement, units };
}

/** The units and the gaps between them, covering [0, L). */
function segments(spans: readonly Span[], L: number): Segment[] {
  const result: Segment[] = [];
  let position = 0;
  for (const span of spans) {
    if (span.start < position || span.end > L) throw new RangeError(`Stretch ${span.start}-${span.end} overlaps another or leaves 0..${L}.`);
    if (span.end === span.start) continue;
    if (span.start > position) result.push({ start: position, end: span.start, isUnit: false });
    result.push({ start: span.start, end: span.end, isUnit: true });
    position = span.end;
  }
  if (position < L) result.push({ start: position, end: L, isUnit: false });
  return result;
}

/** Σ δ² over the intersecting pairs of two coders' segments, found by one sweep. */
function pairDisagreement(first: readonly Segment[], second: readonly Segment[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    sum += difference(first[i], second[j]);
    // Both move on when they end together: the next pair must intersect too.
    const firstEnd = first[i].end;
    const secondEnd = second[j].end;
    if (firstEnd <= secondEnd) i++;
    if (secondEnd <= firstEnd) j++;
  }
  return sum;
}

function difference(g: Segment, h: Segment): number {
  if (g.isUnit && h.isUnit) return (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.isUnit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (h.isUnit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

function expectedCategoryDisagreement(segmentations: readonly Segment[][], L: number): number {
  const m = segmentations.length;
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const segmentation of segmentations) {
    for (const segment of segmentation) (segment.isUnit ? unitLengths : gapLengths).push(segment.end - segment.start);
  }
  const N = unitLengths.length;
  if (N === 0) return 0;
  // For Σ_{l_h ≥ l} (l_h − l + 1): gaps in ascending order with the sums of their lengths from each one on.
  gapLengths.sort((a, b) => a - b);
  const lengthFrom = new Float64Array(gapLengths.length + 1);
  for (let k = gapLengths.length - 1; k >= 0; k--) lengthFrom[k] = lengthFrom[k + 1] + gapLengths[k];
  let numerator = 0;
  let withinUnits = 0;
  for (const l of unitLengths) {
    const first = firstAtLeast(gapLengths, l);
    const fittingGaps = gapLengths.length - first;
    numerator += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l ** 2 * (lengthFrom[first] - fittingGaps * (l - 1));
    withinUnits += l * (l - 1);
  }
  return ((2 / L) * numerator) / (m * L * (m * L - 1) - withinUnits);
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
