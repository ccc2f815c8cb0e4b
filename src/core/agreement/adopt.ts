// Adopting another side's codings in a consensus meeting. Where the coder did not code the passage
// (or used another code), each of the other side's codings becomes a new coding of the coder, made
// as any new coding is: a new id, the coder's name, the span on the current text with its quote,
// context and text version, the time now. Where both coded the code with different boundaries,
// the coder's own codings of the passage take the other side's spans instead (same id, memo and
// creation time), so that the passage then agrees; nothing of the coder's is ever removed. The
// source codings are never changed, and a passage is not coded twice with one code.
import { quoteSelectors } from '../anchoring/quote';
import type { Coding, Span } from '../model';
import { TextIndex } from '../text/offsets';

export interface AdoptTarget {
  /** The current normalised text and its version. */
  readonly text: string;
  readonly version: string;
  readonly coder: string;
  /** ISO 8601, UTC. */
  readonly created: string;
  /** The code a copy gets (the source's code through the codebook's aliases). */
  readonly codeOf: (code: string) => string;
  readonly newId: () => string;
}

export interface Adoption {
  /** The coder's codings with the adoption applied. */
  readonly codings: Coding[];
  /** New codings. */
  readonly added: Coding[];
  /** The coder's codings that took the other side's boundaries, as they are now. */
  readonly reshaped: Coding[];
}

/**
 * Applies the adoption of `theirs` (the other side's codings of a passage, placed on the current
 * text) to the coder's codings on disk. `own` lists the ids of the coder's codings of the passage
 * to reshape (different boundaries), in order of position; a missing id falls back to a copy.
 */
export function adoptCodings(
  onDisk: readonly Coding[],
  theirs: readonly { readonly coding: Coding; readonly span: Span }[],
  target: AdoptTarget,
  own: readonly string[] = [],
): Adoption {
  const index = TextIndex.forText(target.text);
  const codings = [...onDisk];
  const added: Coding[] = [];
  const reshaped: Coding[] = [];
  const has = (code: string, span: Span) =>
    codings.some((c) => c.version === target.version && target.codeOf(c.code) === code && c.start === span.start && c.end === span.end);
  const placed = (span: Span) => ({ start: span.start, end: span.end, ...quoteSelectors(target.text, span, index), version: target.version });
  theirs.forEach(({ coding, span }, i) => {
    const code = target.codeOf(coding.code);
    if (has(code, span)) return;
    const mine = i < own.length ? codings.findIndex((c) => c.id === own[i]) : -1;
    if (mine !== -1) {
      codings[mine] = { ...codings[mine], ...placed(span) };
      reshaped.push(codings[mine]);
      return;
    }
    const record: Coding = { id: target.newId(), code, ...placed(span), coder: target.coder, created: target.created };
    codings.push(record);
    added.push(record);
  });
  return { codings, added, reshaped };
}
