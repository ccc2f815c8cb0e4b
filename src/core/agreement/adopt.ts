// Adopting another side's codings in a consensus meeting: each becomes a new coding of the current
// coder, made as any new coding is (a new id, the coder's name, the span on the current text with
// its quote, context and text version, the time now). The source coding is never changed, and a
// passage the coder already coded with the same code is not coded twice.
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

/** The coder's codings on disk with the adopted copies added; `added` lists the copies. */
export function adoptCodings(onDisk: readonly Coding[], sources: readonly { readonly coding: Coding; readonly span: Span }[], target: AdoptTarget): { codings: Coding[]; added: Coding[] } {
  const index = TextIndex.forText(target.text);
  const added: Coding[] = [];
  const has = (code: string, span: Span) =>
    [...onDisk, ...added].some((c) => c.version === target.version && target.codeOf(c.code) === code && c.start === span.start && c.end === span.end);
  for (const { coding, span } of sources) {
    const code = target.codeOf(coding.code);
    if (has(code, span)) continue;
    added.push({
      id: target.newId(),
      code,
      start: span.start,
      end: span.end,
      ...quoteSelectors(target.text, span, index),
      version: target.version,
      coder: target.coder,
      created: target.created,
    });
  }
  return { codings: [...onDisk, ...added], added };
}
