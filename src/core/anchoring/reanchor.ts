// Re-anchoring: placing codings made on one version of a document's text on another version
// (a colleague's typo fix, a merge, a checkout), or making them orphans that the user can see and
// re-attach. A coding is never dropped, and never placed on text that only resembles its own.
//
// With the old version of the text (the codings' `version`, from Git), a character diff maps each
// coding's offsets; where the text there still equals its quote, that is its place. Otherwise the
// quote is looked for near that place, and elsewhere only in text that is new in this version (a
// moved paragraph): text that was already in the old version at another place is another passage,
// so a repeated "Yeah." or speaker label can never attract a coding whose own text was deleted.
//
// Without the old version only the stored text is left: the quote, its prefix and suffix, and the
// old offsets. Codings whose quote appears at a place whose context fits are placed first; the
// shifts they show predict where the others should be, and a candidate must fit its quote, its
// context and that position, with a clear margin over any other candidate, or it stays an orphan.

import { CONTEXT_LENGTH, type Coding, type Orphan, type Span } from '../model';
import { snapToGraphemes } from '../text/boundaries';
import { textVersion } from '../text/normalise';
import { TextIndex } from '../text/offsets';
import { editDistance, findApproximateMatches, similarity } from './approximate-match';
import { bestAndRunnerUp, candidatesWithin, contextPointsElsewhere, contextVouches, evaluate, exactOccurrences, type Candidate, type QuoteTarget } from './candidates';
import { rebaseCoding, sameQuote } from './quote';
import { TextDiff, type RangeOrigin, type UnresolvedRegion } from './text-diff';

/**
 * How a coding was placed: 'exact' at its stored offsets with the same text; 'mapped' through the
 * diff, with the same text; 'fuzzy' by searching for its text, or with its text changed (see score).
 */
export type AnchorMethod = 'exact' | 'mapped' | 'fuzzy';

export const OrphanReason = {
  deleted: 'its text was deleted',
  changed: 'its text was changed beyond recognition',
  notFound: 'its text was not found',
  ambiguous: 'its text fits several places equally well',
  outsideText: 'its offsets are outside its text',
} as const;

export interface AnchoredCoding {
  readonly kind: 'anchored';
  /** Code points of the new text. */
  readonly span: Span;
  /** The coding moved onto the new text: offsets, quote, prefix, suffix and version. */
  readonly coding: Coding;
  readonly method: AnchorMethod;
  /** Similarity of the text found to the stored quote, compared after NFC: 1 is the same text. */
  readonly score: number;
  readonly reason?: undefined;
}

export interface OrphanedCoding {
  readonly kind: 'orphan';
  readonly span?: undefined;
  readonly reason: string;
  /** The coding unchanged, still referring to its old version. */
  readonly orphan: Orphan;
}

export type ReanchorResult = AnchoredCoding | OrphanedCoding;

export interface ReanchorOptions {
  /** The new text's version, when known (else computed). */
  readonly newVersion?: string;
  /**
   * Work units the diff may spend (TextDiffOptions.workBudget): codings in a region it gives up
   * on are placed by their quote and context, as without the old text, within that region.
   */
  readonly diffWorkBudget?: number;
}

export interface ReanchorStatistics {
  readonly exact: number;
  readonly mapped: number;
  readonly fuzzy: number;
  readonly orphaned: number;
}

// Thresholds. Similarities are 0..1; lengths are UTF-16 units.

/**
 * A changed quote stays at its place while this share of its characters is still there and the
 * text there is at least this similar to it.
 */
const MIN_SURVIVING_IN_PLACE = 0.5;
const MIN_SIMILARITY_IN_PLACE = 0.3;
/** A quote found elsewhere must be at least this similar to the stored one. */
const MIN_SIMILARITY_ELSEWHERE = 0.8;
/** Candidates may hold this share of characters that were at another place in the old text (edge effects). */
const FOREIGN_ALLOWANCE = 0.2;
/** Quotes shorter than this say little by themselves: their context must vouch for the place too. */
const SHORT_QUOTE = 24;
/**
 * Without the old text, quotes shorter than this need their context too: a sentence or a question
 * is often said twice in an interview, and a deleted one must not move to its twin.
 */
const SELF_EVIDENT_QUOTE = 64;
/** Without the old text, a long quote found out of order is taken as moved only with this much context. */
const MIN_CONTEXT_FOR_MOVED = 0.6;
/** Edits allowed when searching, as a share of the quote's length. */
const SEARCH_ERROR_RATIO = 0.2;
/** How far apart two places of one passage may start after its edges were edited. */
const CONTEXT_SLACK_UNITS = 8;
/** How far beyond a mapped place a changed quote is looked for. */
const NEAR_REACH = 64;
/** Without the old text: weights of quote, context and position in a candidate's score. */
const QUOTE_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.3;
const POSITION_WEIGHT = 0.2;
const MIN_SCORE = 0.65;
/** The best candidate must beat any other place by this much. */
const MIN_MARGIN = 0.08;
/** Without the old text, an exact copy becomes a landmark when its context fits this well, by this margin. */
const LANDMARK_CONTEXT = 0.75;
const LANDMARK_MARGIN = 0.15;
/** Quotes this short ("Yeah", "Okay.") must be near-exact, and landmarks only with a near-perfect context. */
const VERY_SHORT_QUOTE = 16;
const MIN_SIMILARITY_VERY_SHORT = 0.9;

/**
 * Places codings made on `oldText` (undefined when that version is not available) on `newText`.
 * Both texts are normalised; offsets are code points. Returns one result per coding, in order.
 */
export function reanchorCodings(
  oldText: string | undefined,
  newText: string,
  codings: readonly Coding[],
  options: ReanchorOptions = {},
): ReanchorResult[] {
  const target = new TargetText(newText, options.newVersion ?? textVersion(newText));
  const results: (ReanchorResult | undefined)[] = new Array(codings.length);
  let expectation: ExpectationSource;
  if (oldText !== undefined) {
    const oldIndex = TextIndex.forText(oldText);
    const diff = TextDiff.between(oldText, newText, { workBudget: options.diffWorkBudget });
    const unresolvedRegionOf = (coding: Coding): UnresolvedRegion | undefined => {
      if (!fitsText(coding, oldIndex)) return undefined;
      const old = oldIndex.toUnitSpan(coding);
      return diff.unresolvedAround(old.start, old.end);
    };
    codings.forEach((coding, i) => {
      // Where the diff gave up, the mapped place means nothing: such codings are searched for.
      results[i] = unresolvedRegionOf(coding) === undefined ? placeThroughDiff(coding, oldText, oldIndex, diff, target) : undefined;
    });
    expectation = (coding, landmarks) => {
      const region = unresolvedRegionOf(coding);
      if (region !== undefined) {
        const expected = expectationFromLandmarks(coding, landmarks, target);
        const isAnotherPassage = (candidate: Candidate): boolean =>
          coding.quote.length < SELF_EVIDENT_QUOTE && fitsAnotherOldPassage(candidate, target.text, oldText, oldIndex.toUnitSpan(coding), 3 * expected.tolerance);
        return { ...confinedTo(region, coding, expected), isAnotherPassage };
      }
      // The quote does not fit the old text at its offsets: search near the mapped place.
      const oldOffset = oldIndex.toUnitOffset(clampOffset(coding.start, oldIndex.codePointLength));
      const at = diff.mapStart(oldOffset);
      return { at, tolerance: NEAR_REACH * 4, low: 0, high: newText.length };
    };
  } else {
    expectation = (coding, landmarks) => expectationFromLandmarks(coding, landmarks, target);
  }
  searchByText(codings, results, target, expectation);
  return results.map((result) => result!);
}

/** Counts of the results by method. */
export function summariseReanchoring(results: readonly ReanchorResult[]): ReanchorStatistics {
  const counts = { exact: 0, mapped: 0, fuzzy: 0, orphaned: 0 };
  for (const result of results) {
    if (result.kind === 'orphan') counts.orphaned++;
    else counts[result.method]++;
  }
  return counts;
}

/**
 * Re-attaches an orphan (or moves any coding) to `span`, code points of `text`, the normalised
 * text of `version`: its quote, prefix and suffix are taken from there.
 */
export function reattachOrphan(coding: Coding, text: string, span: Span, version: string = textVersion(text)): Coding {
  const index = TextIndex.forText(text);
  if (!(span.start >= 0 && span.start <= span.end && span.end <= index.codePointLength)) {
    throw new RangeError(`span [${span.start}, ${span.end}) is outside a text of ${index.codePointLength} code points`);
  }
  return rebaseCoding(coding, text, span, version, index);
}

/** The new text, with what results need to be built on it. */
class TargetText {
  readonly index: TextIndex;

  constructor(
    readonly text: string,
    readonly version: string,
  ) {
    this.index = TextIndex.forText(text);
  }

  anchored(coding: Coding, units: Span, method: AnchorMethod, score: number): AnchoredCoding {
    const span = this.index.toCodePointSpan(units);
    const unmoved = score === 1 && span.start === coding.start && span.end === coding.end;
    return {
      kind: 'anchored',
      span,
      coding: rebaseCoding(coding, this.text, span, this.version, this.index),
      method: unmoved ? 'exact' : method,
      score,
    };
  }
}

function orphaned(coding: Coding, reason: string): OrphanedCoding {
  return { kind: 'orphan', reason, orphan: { coding, reason } };
}

function targetOf(coding: Coding): QuoteTarget {
  return { quote: coding.quote, prefix: coding.prefix, suffix: coding.suffix };
}

interface DiffCandidate extends Candidate {
  readonly origin: RangeOrigin;
  /** Found through the diff, at or near the mapped place (not by a search of new text elsewhere). */
  readonly near: boolean;
}

/**
 * Places one coding through the diff, or returns undefined when its quote does not fit the old
 * text at its offsets (it is then searched for by its text).
 */
function placeThroughDiff(coding: Coding, oldText: string, oldIndex: TextIndex, diff: TextDiff, target: TargetText): ReanchorResult | undefined {
  if (!fitsText(coding, oldIndex)) return undefined;
  const old = oldIndex.toUnitSpan(coding);
  if (!sameQuote(oldText.slice(old.start, old.end), coding.quote)) return undefined;

  const text = target.text;
  const start = diff.mapStart(old.start);
  const end = diff.mapEnd(old.end);
  if (start < end && sameQuote(text.slice(start, end), coding.quote)) return target.anchored(coding, { start, end }, 'mapped', 1);
  if (coding.quote.length === 0) return target.anchored(coding, { start: end, end }, 'mapped', 1);

  const quoteTarget = targetOf(coding);
  const length = coding.quote.length;
  const candidates: DiffCandidate[] = [];
  const consider = (candidate: Candidate, near: boolean): void => {
    const origin = diff.origin(candidate.start, candidate.end, old.start, old.end);
    if (origin.foreign <= FOREIGN_ALLOWANCE * (candidate.end - candidate.start)) candidates.push({ ...candidate, origin, near });
  };

  // At or near the mapped place: the quote edited in place, or shifted by the diff's alignment.
  if (start < end) consider(evaluate(text, start, end, quoteTarget), true);
  const nearFrom = Math.max(0, Math.min(start, end) - length - NEAR_REACH);
  const nearTo = Math.min(text.length, Math.max(start, end) + length + NEAR_REACH);
  for (const candidate of candidatesWithin(text, quoteTarget, nearFrom, nearTo, { maxErrorRatio: SEARCH_ERROR_RATIO })) consider(candidate, true);

  // Elsewhere, only in text that is new in this version: the passage moved.
  const survived = start < end ? diff.origin(start, end, old.start, old.end).own / length : 0;
  if (survived < 0.5 && !candidates.some((candidate) => candidate.quoteSimilarity === 1)) {
    for (const at of exactOccurrences(text, coding.quote, 0, text.length)) {
      // Only text that is new here can be the passage moved: test that before weighing the context.
      if (diff.origin(at, at + length, old.start, old.end).foreign <= FOREIGN_ALLOWANCE * length) consider(evaluate(text, at, at + length, quoteTarget), false);
    }
    if (!candidates.some((candidate) => candidate.quoteSimilarity === 1)) {
      for (const range of diff.insertedRanges()) {
        if (range.end - range.start < length / 2) continue;
        const from = Math.max(0, range.start - length);
        const to = Math.min(text.length, range.end + length);
        for (const candidate of candidatesWithin(text, quoteTarget, from, to, { maxErrorRatio: SEARCH_ERROR_RATIO })) consider(candidate, false);
      }
    }
  }

  // The coding's own text, where the diff put it, is its place as long as at least half of its
  // characters are still there; only an exact copy nearby (the diff aligned repeated text the
  // other way) is better. Otherwise the best of the other candidates, if it fits clearly.
  const inPlace = start < end && survived >= MIN_SURVIVING_IN_PLACE
    ? candidates.find((candidate) => candidate.start === start && candidate.end === end && candidate.quoteSimilarity >= MIN_SIMILARITY_IN_PLACE)
    : undefined;
  const exact = candidates.filter((candidate) => candidate.quoteSimilarity === 1);
  if (inPlace !== undefined && exact.length === 0) return placeFound(coding, inPlace, true, target);
  const rank = (candidate: DiffCandidate): number =>
    candidate.quoteSimilarity + 0.01 * (candidate.origin.own / length) + 0.001 / (1 + Math.abs(candidate.start - start));
  const { best, runnerUp } = bestAndRunnerUp(exact.length > 0 ? exact : candidates, rank);
  if (best !== undefined) {
    const clear = runnerUp === undefined || rank(best) - rank(runnerUp) >= MIN_MARGIN;
    // The exact quote made of the coding's own surviving characters and new ones, or inside the
    // very text that replaced the coding's text: it was typed again in place.
    const retyped = best.quoteSimilarity === 1 && best.origin.foreign === 0 &&
      (best.origin.own > 0 || (best.start >= Math.min(start, end) && best.end <= Math.max(start, end)));
    const fits =
      best.quoteSimilarity >= MIN_SIMILARITY_ELSEWHERE && (length >= SHORT_QUOTE || retyped || contextVouches(best));
    // Text the diff calls new may be an old passage moved: a short quote's twin in it is not its place.
    const movedTwin = !best.near && length < SELF_EVIDENT_QUOTE && fitsAnotherOldPassage(best, text, oldText, old, oldText.length);
    if (fits && (clear || best.near) && !movedTwin) return placeFound(coding, best, best.near, target);
    if (fits && !clear) return orphaned(coding, OrphanReason.ambiguous);
  }
  if (inPlace !== undefined) return placeFound(coding, inPlace, true, target);
  return orphaned(coding, start < end && survived >= MIN_SURVIVING_IN_PLACE ? OrphanReason.changed : OrphanReason.deleted);
}

/** Whether a coding's offsets lie within the text `index` counts. */
function fitsText(coding: Coding, index: TextIndex): boolean {
  return Number.isInteger(coding.start) && Number.isInteger(coding.end) && coding.start >= 0 && coding.start <= coding.end && coding.end <= index.codePointLength;
}

/** The result for a candidate: the same text is 'mapped' when found through the diff, else 'fuzzy'. */
function placeFound(coding: Coding, candidate: Candidate, throughDiff: boolean, target: TargetText): AnchoredCoding {
  if (candidate.quoteSimilarity === 1) return target.anchored(coding, candidate, throughDiff ? 'mapped' : 'fuzzy', 1);
  // Edited text: its edges come from the diff or the search. Widen them to whole graphemes unless
  // the quote itself cut one (then the cut edges fit it better).
  const snapped = snapToGraphemes(target.text, candidate);
  const found = target.text.slice(snapped.start, snapped.end);
  const snappedSimilarity = sameQuote(found, coding.quote) ? 1 : similarity(found.normalize('NFC'), coding.quote.normalize('NFC'));
  if (snappedSimilarity >= candidate.quoteSimilarity) return target.anchored(coding, snapped, 'fuzzy', snappedSimilarity);
  return target.anchored(coding, candidate, 'fuzzy', candidate.quoteSimilarity);
}

// ---- Without the diff: by text, context and expected position ----

/** Where a coding is expected in the new text (units) and how far off that may be. */
interface Expectation {
  readonly at: number;
  readonly tolerance: number;
  /**
   * Where its start must be if the text kept its order: between the new starts of the codings
   * placed before and after it (units).
   */
  readonly low: number;
  readonly high: number;
  /** Only within [low, high], even for a long quote that looks like a moved passage. */
  readonly confined?: boolean;
  /** True for a place that is another passage of the old text (when the old text is known). */
  readonly isAnotherPassage?: (candidate: Candidate) => boolean;
}

/** A placed coding: its old and new start, in code points. */
interface Landmark {
  readonly oldStart: number;
  readonly newStart: number;
}

type ExpectationSource = (coding: Coding, landmarks: readonly Landmark[]) => Expectation;

/**
 * Places the codings that have no result yet, by their text. First pass, in the order of their
 * old offsets: only exact copies whose context fits clearly, each becoming a landmark whose shift
 * predicts the next ones. Second pass: the others, scored against the landmarks on both sides.
 */
function searchByText(codings: readonly Coding[], results: (ReanchorResult | undefined)[], target: TargetText, expectation: ExpectationSource): void {
  const pending = codings.map((_, i) => i).filter((i) => results[i] === undefined);
  if (pending.length === 0) return;
  pending.sort((a, b) => codings[a].start - codings[b].start);
  const landmarks: Landmark[] = results
    .flatMap((result, i) => (result?.kind === 'anchored' ? [{ oldStart: codings[i].start, newStart: result.span.start }] : []));
  landmarks.sort((a, b) => a.oldStart - b.oldStart);

  for (const i of pending) {
    const coding = codings[i];
    const found = confidentPlace(coding, expectation(coding, landmarks), target);
    if (found === undefined) continue;
    results[i] = found;
    insertSorted(landmarks, { oldStart: coding.start, newStart: found.span.start });
  }
  for (const i of pending) {
    if (results[i] === undefined) results[i] = scoredPlace(codings[i], expectation(codings[i], landmarks), target);
  }
}

/** Exact copies near the expected place whose context clearly fits one of them best. */
function confidentPlace(coding: Coding, expected: Expectation, target: TargetText): AnchoredCoding | undefined {
  const quoteTarget = targetOf(coding);
  const reach = 4 * expected.tolerance + coding.quote.length;
  const from = Math.max(0, expected.at - reach);
  const to = Math.min(target.text.length, expected.at + reach + coding.quote.length);
  const candidates = candidatesWithin(target.text, quoteTarget, from, to, { maxErrorRatio: 0, exactOnly: true });
  const { best, runnerUp } = bestAndRunnerUp(candidates, (candidate) => candidate.contextSimilarity);
  if (best === undefined || !inOrder(best, expected) || best.contextSimilarity < LANDMARK_CONTEXT) return undefined;
  if (runnerUp !== undefined && best.contextSimilarity - runnerUp.contextSimilarity < LANDMARK_MARGIN) return undefined;
  if (coding.quote.length < VERY_SHORT_QUOTE && best.contextSimilarity < MIN_SIMILARITY_VERY_SHORT) return undefined;
  if (coding.quote.length < SELF_EVIDENT_QUOTE && contextPointsElsewhere(target.text, best, quoteTarget)) return undefined;
  if (expected.isAnotherPassage?.(best) === true) return undefined;
  return target.anchored(coding, best, 'fuzzy', 1);
}

/** The best-scoring candidate near the expected place, when it fits well enough and clearly. */
function scoredPlace(coding: Coding, expected: Expectation, target: TargetText): ReanchorResult {
  const quoteTarget = targetOf(coding);
  const length = coding.quote.length;
  const reach = 3 * expected.tolerance + length;
  let candidates = candidatesWithin(target.text, quoteTarget, Math.max(0, expected.at - reach), Math.min(target.text.length, expected.at + reach + length), {
    maxErrorRatio: SEARCH_ERROR_RATIO,
  });
  if (!candidates.some((candidate) => candidate.quoteSimilarity === 1) && length >= SELF_EVIDENT_QUOTE) {
    // A long quote is worth an exact search of the whole text (a moved paragraph).
    candidates = candidates.concat(candidatesWithin(target.text, quoteTarget, 0, target.text.length, { maxErrorRatio: 0, exactOnly: true }));
  }
  const score = (candidate: Candidate): number =>
    QUOTE_WEIGHT * candidate.quoteSimilarity +
    CONTEXT_WEIGHT * candidate.contextSimilarity +
    POSITION_WEIGHT / (1 + Math.abs(candidate.start - expected.at) / expected.tolerance);
  // Out of order, only a long quote with its context can be taken for a moved passage.
  const movedPassage = (candidate: Candidate): boolean =>
    length >= SHORT_QUOTE && candidate.quoteSimilarity >= 0.9 && candidate.contextSimilarity >= MIN_CONTEXT_FOR_MOVED && contextVouches(candidate);
  candidates = candidates.filter((candidate) => inOrder(candidate, expected) || (expected.confined !== true && movedPassage(candidate)));
  const { best, runnerUp } = bestAndRunnerUp(candidates, score);
  if (best === undefined) return orphaned(coding, OrphanReason.notFound);
  const fits =
    best.quoteSimilarity >= (length < VERY_SHORT_QUOTE ? MIN_SIMILARITY_VERY_SHORT : MIN_SIMILARITY_ELSEWHERE) &&
    score(best) >= MIN_SCORE &&
    (length >= SELF_EVIDENT_QUOTE || (contextVouches(best) && !contextPointsElsewhere(target.text, best, quoteTarget)));
  if (!fits) return orphaned(coding, OrphanReason.notFound);
  if (runnerUp !== undefined && score(best) - score(runnerUp) < MIN_MARGIN) return orphaned(coding, OrphanReason.ambiguous);
  if (expected.isAnotherPassage?.(best) === true) return orphaned(coding, OrphanReason.notFound);
  return placeFound(coding, best, false, target);
}

/**
 * Expected place from the landmarks around the coding's old offset: their shifts, interpolated;
 * the tolerance grows with how much the shifts on either side disagree and with the distance
 * from the nearest landmark.
 */
function expectationFromLandmarks(coding: Coding, landmarks: readonly Landmark[], target: TargetText): Expectation {
  const length = target.index.codePointLength;
  const after = firstAtOrAfter(landmarks, coding.start);
  const next = landmarks[after];
  const previous = after > 0 ? landmarks[after - 1] : undefined;
  let shift = 0;
  let tolerance = Math.max(1000, 0.05 * length);
  if (previous !== undefined && next !== undefined) {
    const previousShift = previous.newStart - previous.oldStart;
    const nextShift = next.newStart - next.oldStart;
    const span = next.oldStart - previous.oldStart;
    const share = span === 0 ? 0 : (coding.start - previous.oldStart) / span;
    shift = previousShift + share * (nextShift - previousShift);
    tolerance = 32 + Math.abs(nextShift - previousShift);
  } else if (previous !== undefined || next !== undefined) {
    const nearest = (previous ?? next)!;
    shift = nearest.newStart - nearest.oldStart;
    tolerance = 64 + 0.05 * Math.abs(coding.start - nearest.oldStart);
  }
  const expected = clampOffset(coding.start + shift, length);
  return {
    at: target.index.toUnitOffset(expected),
    tolerance: Math.ceil(tolerance),
    low: previous === undefined ? 0 : target.index.toUnitOffset(previous.newStart),
    high: next === undefined ? target.text.length : target.index.toUnitOffset(next.newStart),
  };
}

/**
 * An expectation kept within the new side of a region the diff gave up on: text outside it is
 * accounted for by the diff as other passages.
 */
function confinedTo(region: UnresolvedRegion, coding: Coding, expected: Expectation): Expectation {
  const low = Math.max(expected.low, region.newStart - coding.quote.length);
  const high = Math.min(expected.high, region.newEnd);
  return { at: Math.min(high, Math.max(low, expected.at)), tolerance: expected.tolerance, low, high, confined: true };
}

/**
 * True when the text around a candidate (quote and context, units of `newText`) fits some other
 * place of the old text near the coding's own (`own`, units of `oldText`) better than the coding's
 * own place: it is that other passage ("R: Yeah, yeah." said twice, a minute apart).
 */
function fitsAnotherOldPassage(candidate: Candidate, newText: string, oldText: string, own: Span, reach: number): boolean {
  const before = Math.min(CONTEXT_LENGTH, candidate.start);
  const around = newText.slice(candidate.start - before, Math.min(newText.length, candidate.end + CONTEXT_LENGTH));
  const ownAround = oldText.slice(Math.max(0, own.start - CONTEXT_LENGTH), Math.min(oldText.length, own.end + CONTEXT_LENGTH));
  const ownErrors = editDistance(around, ownAround);
  if (ownErrors === 0) return false;
  const from = Math.max(0, own.start - reach - around.length);
  const to = Math.min(oldText.length, own.end + reach + around.length);
  const slack = (own.end - own.start) / 2 + CONTEXT_SLACK_UNITS;
  return findApproximateMatches(oldText, around, ownErrors - 1, from, to).some((match) => Math.abs(match.start + before - own.start) > slack);
}

/** An offset from a file, made an integer within [0, length]. */
function clampOffset(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.min(length, Math.max(0, Math.round(offset))) : 0;
}

function inOrder(candidate: Candidate, expected: Expectation): boolean {
  return candidate.start >= expected.low && candidate.start <= expected.high;
}

/** Index of the first landmark whose old start is at or after `oldStart` (landmarks.length if none). */
function firstAtOrAfter(landmarks: readonly Landmark[], oldStart: number): number {
  let low = 0;
  let high = landmarks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (landmarks[middle].oldStart < oldStart) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(landmarks: Landmark[], landmark: Landmark): void {
  landmarks.splice(firstAtOrAfter(landmarks, landmark.oldStart + 1), 0, landmark);
}
