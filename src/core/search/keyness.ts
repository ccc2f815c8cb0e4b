// Keyness of words between two groups of texts: log-likelihood G2 as Rayson and Garside (2000) use
// it and Paul Rayson's online calculator computes it (https://ucrel.lancs.ac.uk/llwizard.html):
// E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G2 = 2 Σ O ln(O/E) over the word's two cells (a cell with
// O = 0 adds nothing). Effect sizes beside it, as the calculator gives them: %DIFF (Gabrielatos and
// Marchi 2012) and Hardie's log ratio (log2 of the ratio of relative frequencies, a zero count
// taken as 0.5).
import type { WordCounts } from './frequencies';

export interface Keyness {
  /** G2; always >= 0. */
  readonly logLikelihood: number;
  /** 1: relatively more frequent in the first group, -1: in the second, 0: equal. */
  readonly direction: 1 | -1 | 0;
  /** (relative frequency in A - in B) / in B x 100; Infinity when the word is absent from B. */
  readonly percentDiff: number;
  readonly logRatio: number;
}

/** a, b: the word's counts in groups A and B; c, d: the groups' sizes in words. */
export function keyness(a: number, b: number, c: number, d: number): Keyness {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const term = (o: number, e: number) => (o > 0 && e > 0 ? o * Math.log(o / e) : 0);
  const logLikelihood = Math.max(0, 2 * (term(a, e1) + term(b, e2)));
  const relA = c > 0 ? a / c : 0;
  const relB = d > 0 ? b / d : 0;
  const direction = relA > relB ? 1 : relA < relB ? -1 : 0;
  const percentDiff = relB === 0 ? (relA === 0 ? 0 : Infinity) : ((relA - relB) / relB) * 100;
  const logRatio = c > 0 && d > 0 ? Math.log2(((a === 0 ? 0.5 : a) / c) / ((b === 0 ? 0.5 : b) / d)) : 0;
  return { logLikelihood, direction, percentDiff, logRatio };
}

/** G2 above which a difference is significant at p < 0.05 (one degree of freedom). */
export const CRITICAL_LL_05 = 3.84;

export interface ComparisonRow extends Keyness {
  readonly word: string;
  readonly countA: number;
  readonly countB: number;
  /** Per `per` words of each group. */
  readonly relativeA: number;
  readonly relativeB: number;
}

/** Every word of either group with its keyness, the most key first (ties alphabetical). */
export function compareCounts(groupA: WordCounts, groupB: WordCounts, per = 1000): ComparisonRow[] {
  const words = new Set([...groupA.counts.keys(), ...groupB.counts.keys()]);
  const rows: ComparisonRow[] = [];
  for (const word of words) {
    const a = groupA.counts.get(word) ?? 0;
    const b = groupB.counts.get(word) ?? 0;
    rows.push({
      word,
      countA: a,
      countB: b,
      relativeA: groupA.tokens === 0 ? 0 : (a * per) / groupA.tokens,
      relativeB: groupB.tokens === 0 ? 0 : (b * per) / groupB.tokens,
      ...keyness(a, b, groupA.tokens, groupB.tokens),
    });
  }
  return rows.sort((x, y) => y.logLikelihood - x.logLikelihood || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
}
