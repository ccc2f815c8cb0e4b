// Places in a text where a coding's quote may be now, and how well each fits: the quote itself,
// its stored context, and its distance from where the coding is expected. Offsets are UTF-16 units.

import { distanceEndingAt, distanceStartingAt, findApproximateMatches, similarity } from './approximate-match';
import { sameQuote } from './quote';

export interface QuoteTarget {
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Similarity of the text here to the quote (NFC), 0..1. */
  readonly quoteSimilarity: number;
  /** Similarity of the text before it to the stored prefix, and of the text after it to the suffix, 0..1. */
  readonly prefixSimilarity: number;
  readonly suffixSimilarity: number;
  /** Both, weighted by the lengths of the stored prefix and suffix. */
  readonly contextSimilarity: number;
}

/** Extra units of text looked at around a stored context, for insertions within it. */
const CONTEXT_SLACK = 8;

/** How many exact copies of a quote are looked at in one window. */
const OCCURRENCE_LIMIT = 200;

export function evaluate(text: string, start: number, end: number, target: QuoteTarget): Candidate {
  const found = text.slice(start, end);
  const quoteSimilarity = sameQuote(found, target.quote) ? 1 : similarity(found.normalize('NFC'), target.quote.normalize('NFC'));
  return { start, end, quoteSimilarity, ...contextFit(text, start, end, target) };
}

/**
 * How well the text before and after a place fits the stored prefix and suffix. A stored context
 * that is empty (the coding was at an end of the document) fits only at that end of the text.
 */
function contextFit(text: string, start: number, end: number, target: QuoteTarget): Pick<Candidate, 'prefixSimilarity' | 'suffixSimilarity' | 'contextSimilarity'> {
  const { prefix, suffix } = target;
  const prefixSimilarity = prefix.length === 0
    ? (start === 0 ? 1 : 0.5)
    : 1 - distanceEndingAt(text, prefix, start, prefix.length + CONTEXT_SLACK) / prefix.length;
  const suffixSimilarity = suffix.length === 0
    ? (end === text.length ? 1 : 0.5)
    : 1 - distanceStartingAt(text, suffix, end, suffix.length + CONTEXT_SLACK) / suffix.length;
  const prefixWeight = Math.max(prefix.length, 4);
  const suffixWeight = Math.max(suffix.length, 4);
  const contextSimilarity = (prefixSimilarity * prefixWeight + suffixSimilarity * suffixWeight) / (prefixWeight + suffixWeight);
  return { prefixSimilarity, suffixSimilarity, contextSimilarity };
}

/**
 * True when the context vouches for a place: one side fits closely (an edit may have replaced the
 * other), or both fit fairly. Around a repeated phrase elsewhere ("Yeah.", a question asked
 * twice) the speaker labels and time stamps fit a little on both sides, which is not enough.
 */
export function contextVouches(candidate: Candidate): boolean {
  return Math.max(candidate.prefixSimilarity, candidate.suffixSimilarity) >= 0.8 || candidate.contextSimilarity >= 0.65;
}

/**
 * True when the stored context fits clearly better somewhere else close by than around the
 * candidate: the suffix right before it, or the prefix right after it. That is what a deleted
 * phrase leaves: its prefix and suffix now side by side, and a twin of it just after ("R: Yeah."
 * deleted before "I: Yeah.") or just before.
 */
export function contextPointsElsewhere(text: string, candidate: Candidate, target: QuoteTarget): boolean {
  const { prefix, quote, suffix } = target;
  // A deleted turn may be followed by a long one before its twin: look a few lengths around.
  const reach = 4 * (prefix.length + quote.length + suffix.length + CONTEXT_SLACK);
  const clearlyBetter = 3;
  if (suffix.length > 0) {
    const here = Math.round((1 - candidate.suffixSimilarity) * suffix.length);
    const from = Math.max(0, candidate.start - reach);
    const to = Math.min(text.length, candidate.end + suffix.length + CONTEXT_SLACK);
    if (here >= clearlyBetter) {
      const elsewhere = findApproximateMatches(text, suffix, here - clearlyBetter, from, to);
      if (elsewhere.some((match) => Math.abs(match.start - candidate.end) > CONTEXT_SLACK)) return true;
    }
  }
  if (prefix.length > 0) {
    const here = Math.round((1 - candidate.prefixSimilarity) * prefix.length);
    const from = Math.max(0, candidate.start - prefix.length - CONTEXT_SLACK);
    const to = Math.min(text.length, candidate.end + reach);
    if (here >= clearlyBetter) {
      const elsewhere = findApproximateMatches(text, prefix, here - clearlyBetter, from, to);
      if (elsewhere.some((match) => Math.abs(match.end - candidate.start) > CONTEXT_SLACK)) return true;
    }
  }
  return false;
}

/** Start offsets of exact copies of `quote` within text[from, to). */
export function exactOccurrences(text: string, quote: string, from: number, to: number, limit = OCCURRENCE_LIMIT): number[] {
  const starts: number[] = [];
  if (quote.length === 0) return starts;
  for (let at = text.indexOf(quote, from); at !== -1 && at + quote.length <= to && starts.length < limit; at = text.indexOf(quote, at + 1)) {
    starts.push(at);
  }
  return starts;
}

/**
 * Candidates within text[from, to): the exact copies of the quote and, unless `exactOnly`, the
 * places within `maxErrorRatio` of its length in edits.
 */
export function candidatesWithin(
  text: string,
  target: QuoteTarget,
  from: number,
  to: number,
  options: { readonly maxErrorRatio: number; readonly exactOnly?: boolean },
): Candidate[] {
  const length = target.quote.length;
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const add = (start: number, end: number): void => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push(evaluate(text, start, end, target));
  };
  // The text may spell accents in another normalisation form than the quote.
  for (const spelling of new Set([target.quote, target.quote.normalize('NFC'), target.quote.normalize('NFD')])) {
    for (const start of exactOccurrences(text, spelling, from, to)) add(start, start + spelling.length);
  }
  if (options.exactOnly === true) return candidates;
  const maxErrors = Math.floor(length * options.maxErrorRatio);
  if (maxErrors > 0) {
    for (const match of findApproximateMatches(text, target.quote, maxErrors, from, to)) add(match.start, match.end);
  }
  return candidates;
}

/** The best candidate by `score` and the best one that does not overlap it. */
export function bestAndRunnerUp<T extends Candidate>(candidates: readonly T[], score: (candidate: T) => number): { best?: T; runnerUp?: T } {
  let best: T | undefined;
  for (const candidate of candidates) if (best === undefined || score(candidate) > score(best)) best = candidate;
  if (best === undefined) return {};
  let runnerUp: T | undefined;
  for (const candidate of candidates) {
    const overlaps = candidate.start < best.end && best.start < candidate.end;
    if (!overlaps && (runnerUp === undefined || score(candidate) > score(runnerUp))) runnerUp = candidate;
  }
  return { best, runnerUp };
}
