// Where two sides' codings of the same documents differ, per document and code: the working list of
// a consensus meeting. For each code, each side's codings are merged into stretches (overlapping or
// touching codings are one), and stretches of the two sides that share a character form a passage:
// - one side coded it and the other did not (no overlapping coding of that code by the other side);
// - both coded the code there, on stretches that differ: different boundaries;
// - A coded code X where B coded code Y but not X (and A not Y): the two one-sided passages that
//   overlap are one passage with different codes.
// Identical stretches are agreement and not listed. Orphans are listed apart and never compared.
import type { Coding, Span } from '../model';

export type DisagreementKind = 'oneSide' | 'differentCodes' | 'differentBoundaries';

/** A coding placed on the current text, as PlacedDocument (src/core/study/placement.ts) holds it. */
export interface SpannedCoding<C> {
  readonly coding: C;
  readonly span: Span | undefined;
}

export interface DisagreementDocument<C extends Pick<Coding, 'id' | 'code' | 'coder'>> {
  readonly path: string;
  /** Both sides' codings, each naming its side in `coder`; others are ignored. */
  readonly codings: readonly SpannedCoding<C>[];
}

/** One side's part of a passage. */
export interface PassagePart<C> {
  /** The code the side's codings count for (after `reportAs`). */
  readonly code: string;
  /** The side's stretches of the code in the passage, merged, in order. */
  readonly spans: readonly Span[];
  /** The codings that make the stretches, in order of position. */
  readonly codings: readonly (SpannedCoding<C> & { readonly span: Span })[];
}

export interface Disagreement<C> {
  readonly document: string;
  readonly kind: DisagreementKind;
  /** From the first start to the last end of both parts. */
  readonly span: Span;
  /** Side A's part; undefined when A did not code the passage (kind oneSide). */
  readonly a: PassagePart<C> | undefined;
  readonly b: PassagePart<C> | undefined;
  /**
   * Characters where the sides differ: for different boundaries those one side coded and the
   * other did not; otherwise every character of the passage's stretches.
   */
  readonly difference: number;
}

export interface DisagreementOptions {
  /** How sides A and B are named in `coding.coder`. */
  readonly a: string;
  readonly b: string;
  /** The code a coding counts for (its code through the aliases, or its top-level code); undefined leaves it out. Default: its own code. */
  readonly reportAs?: (code: string) => string | undefined;
  /** Only passages where either side's code is this one (after `reportAs`). */
  readonly code?: string;
  /** Per document path, the sides with no codings file for it: such a document is not compared. */
  readonly notCodedBy?: ReadonlyMap<string, readonly string[]>;
}

export interface DisagreementReport<C> {
  /** Sorted by document, then position, then kind and codes. */
  readonly passages: readonly Disagreement<C>[];
  /** Codings of either side that could not be placed on the current text: not compared. */
  readonly orphans: readonly { readonly document: string; readonly side: 'a' | 'b'; readonly coding: C }[];
  /** Documents one side has not coded at all (no codings file): not compared, so not listed as disagreement. */
  readonly notCompared: readonly { readonly document: string; readonly missing: readonly ('a' | 'b')[] }[];
}

type Placed<C> = SpannedCoding<C> & { readonly span: Span };
interface Stretch<C> {
  readonly side: 'a' | 'b';
  readonly span: Span;
  readonly codings: Placed<C>[];
}

const KIND_ORDER: Record<DisagreementKind, number> = { oneSide: 0, differentCodes: 1, differentBoundaries: 2 };

export function findDisagreements<C extends Pick<Coding, 'id' | 'code' | 'coder'>>(
  documents: readonly DisagreementDocument<C>[],
  options: DisagreementOptions,
): DisagreementReport<C> {
  const reportAs = options.reportAs ?? ((code: string) => code);
  const passages: Disagreement<C>[] = [];
  const orphans: { document: string; side: 'a' | 'b'; coding: C }[] = [];
  const notCompared: { document: string; missing: ('a' | 'b')[] }[] = [];
  for (const document of [...documents].sort((x, y) => compareText(x.path, y.path))) {
    const absent = options.notCodedBy?.get(document.path) ?? [];
    const missing = (['a', 'b'] as const).filter((side) => absent.includes(options[side]));
    if (missing.length > 0) {
      notCompared.push({ document: document.path, missing });
      continue;
    }
    const byCode = new Map<string, { a: Placed<C>[]; b: Placed<C>[] }>();
    for (const placed of document.codings) {
      const side = placed.coding.coder === options.a ? 'a' : placed.coding.coder === options.b ? 'b' : undefined;
      if (side === undefined) continue;
      if (placed.span === undefined) {
        orphans.push({ document: document.path, side, coding: placed.coding });
        continue;
      }
      const code = reportAs(placed.coding.code);
      if (code === undefined || placed.span.end <= placed.span.start) continue;
      const group = byCode.get(code) ?? { a: [], b: [] };
      group[side].push(placed as Placed<C>);
      byCode.set(code, group);
    }
    const found = disagreementsOfDocument(document.path, byCode);
    passages.push(...(options.code === undefined ? found : found.filter((p) => p.a?.code === options.code || p.b?.code === options.code)));
  }
  orphans.sort((x, y) => compareText(x.document, y.document) || compareText(x.side, y.side) || compareText(x.coding.id, y.coding.id));
  return { passages, orphans, notCompared };
}

function disagreementsOfDocument<C extends Pick<Coding, 'id'>>(document: string, byCode: ReadonlyMap<string, { a: Placed<C>[]; b: Placed<C>[] }>): Disagreement<C>[] {
  const oneSided: Disagreement<C>[] = [];
  const passages: Disagreement<C>[] = [];
  for (const [code, sides] of byCode) {
    for (const component of overlapping([...stretches('a', sides.a), ...stretches('b', sides.b)])) {
      const a = part(code, component.filter((s) => s.side === 'a'));
      const b = part(code, component.filter((s) => s.side === 'b'));
      if (a === undefined || b === undefined) {
        oneSided.push({ document, kind: 'oneSide', span: extent(component.map((s) => s.span)), a, b, difference: length((a ?? b)!.spans) });
        continue;
      }
      const shared = intersectionLength(a.spans, b.spans);
      const difference = length(a.spans) + length(b.spans) - 2 * shared;
      if (difference > 0) passages.push({ document, kind: 'differentBoundaries', span: extent([...a.spans, ...b.spans]), a, b, difference });
    }
  }
  // A's one-sided passage of X overlapping B's one-sided passage of Y: one passage, different codes.
  const paired = new Set<Disagreement<C>>();
  const onlyB = oneSided.filter((p) => p.a === undefined);
  for (const p of oneSided) {
    if (p.a === undefined) continue;
    for (const q of onlyB) {
      if (!q.b || intersectionLength(p.a.spans, q.b.spans) === 0) continue;
      paired.add(p).add(q);
      const spans = [...p.a.spans, ...q.b.spans];
      passages.push({ document, kind: 'differentCodes', span: extent(spans), a: p.a, b: q.b, difference: length(union(spans)) });
    }
  }
  passages.push(...oneSided.filter((p) => !paired.has(p)));
  return passages.sort(comparePassages);
}

/** The side's codings merged into stretches: overlapping or touching codings are one. */
function stretches<C extends Pick<Coding, 'id'>>(side: 'a' | 'b', codings: readonly Placed<C>[]): Stretch<C>[] {
  const sorted = [...codings].sort(comparePlaced);
  const result: { side: 'a' | 'b'; span: { start: number; end: number }; codings: Placed<C>[] }[] = [];
  for (const placed of sorted) {
    const last = result.at(-1);
    if (last && placed.span.start <= last.span.end) {
      last.span.end = Math.max(last.span.end, placed.span.end);
      last.codings.push(placed);
    } else result.push({ side, span: { ...placed.span }, codings: [placed] });
  }
  return result;
}

/**
 * Groups stretches of both sides that share a character. A side's own stretches neither overlap
 * nor touch, so a stretch starting before a group's end overlaps the other side's stretch there.
 */
function overlapping<C>(all: readonly Stretch<C>[]): Stretch<C>[][] {
  const sorted = [...all].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end || compareText(x.side, y.side));
  const groups: { end: number; members: Stretch<C>[] }[] = [];
  for (const stretch of sorted) {
    const last = groups.at(-1);
    if (last && stretch.span.start < last.end) {
      last.members.push(stretch);
      last.end = Math.max(last.end, stretch.span.end);
    } else groups.push({ end: stretch.span.end, members: [stretch] });
  }
  return groups.map((g) => g.members);
}

function part<C extends Pick<Coding, 'id'>>(code: string, members: readonly Stretch<C>[]): PassagePart<C> | undefined {
  if (members.length === 0) return undefined;
  const codings = members.flatMap((s) => s.codings).sort(comparePlaced);
  return { code, spans: members.map((s) => s.span), codings };
}

function extent(spans: readonly Span[]): Span {
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

function length(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + s.end - s.start, 0);
}

/** Sorted, disjoint spans that cover exactly the characters of `spans`. */
function union(spans: readonly Span[]): Span[] {
  const result: { start: number; end: number }[] = [];
  for (const span of [...spans].sort((x, y) => x.start - y.start)) {
    const last = result.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else result.push({ ...span });
  }
  return result;
}

/** Characters in both lists of sorted, disjoint spans. */
function intersectionLength(x: readonly Span[], y: readonly Span[]): number {
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    shared += Math.max(0, Math.min(x[i].end, y[j].end) - Math.max(x[i].start, y[j].start));
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return shared;
}

function comparePlaced<C extends Pick<Coding, 'id'>>(x: Placed<C>, y: Placed<C>): number {
  return x.span.start - y.span.start || x.span.end - y.span.end || compareText(x.coding.id, y.coding.id);
}

function comparePassages<C>(x: Disagreement<C>, y: Disagreement<C>): number {
  return (
    x.span.start - y.span.start ||
    x.span.end - y.span.end ||
    KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
    compareText(x.a?.code ?? '', y.a?.code ?? '') ||
    compareText(x.b?.code ?? '', y.b?.code ?? '') ||
    (x.a?.spans[0]?.start ?? -1) - (y.a?.spans[0]?.start ?? -1) ||
    (x.b?.spans[0]?.start ?? -1) - (y.b?.spans[0]?.start ?? -1)
  );
}

/** Code unit order, the same on every machine (localeCompare is not). */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
