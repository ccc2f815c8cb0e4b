// Per unit, each coder's value for one code: 1 coded, 0 not coded, undefined when the coder has
// not coded the document at all. Identical units are counted, not listed: a document of 20,000
// characters with three codings of a code gives a handful of rows whatever its length.
import type { Span } from '../model';
import type { ReliabilityData, ReliabilityRow } from './reliability-data';
import { firstUnitEndingAfter } from './units';

export type Presence = 0 | 1 | undefined;

/** Counts of units by their coders' values, for one code (or all codes pooled). */
export class UnitValueCounts {
  /** By a key made of two bit sets, the coders with a value and the coders who coded: exact up to 26 coders. */
  private readonly rows = new Map<number, { values: Presence[]; count: number }>();

  add(values: readonly Presence[], count: number): void {
    if (count <= 0) return;
    let present = 0;
    let coded = 0;
    for (let k = 0; k < values.length; k++) {
      if (values[k] !== undefined) present |= 1 << k;
      if (values[k] === 1) coded |= 1 << k;
    }
    const key = present * 2 ** 26 + coded;
    const row = this.rows.get(key);
    if (row) row.count += count;
    else this.rows.set(key, { values: [...values], count });
  }

  addAll(other: UnitValueCounts): void {
    for (const row of other.rows.values()) this.add(row.values, row.count);
  }

  /** All units, or only those at least one coder coded (`codedOnly`). */
  data(coders: readonly string[], codedOnly: boolean): ReliabilityData {
    const rows: ReliabilityRow[] = [];
    for (const row of this.rows.values()) if (!codedOnly || row.values.includes(1)) rows.push(row);
    return { coders, rows };
  }
}

/**
 * Adds one document's units for one code. `spansByCoder[k]` are coder k's codings of the code,
 * merged (sorted, disjoint); `present[k]` is false for a coder who has not coded the document.
 * `units` undefined means characters.
 */
export function addDocumentUnits(counts: UnitValueCounts, spansByCoder: readonly (readonly Span[])[], present: readonly boolean[], length: number, units: readonly Span[] | undefined): void {
  const coded = units === undefined ? addCharacters(counts, spansByCoder, present) : addListedUnits(counts, spansByCoder, present, units);
  counts.add(notCodedValues(present), (units === undefined ? length : units.length) - coded);
}

/** 0 for the coders present, undefined for the others. */
export function notCodedValues(present: readonly boolean[]): Presence[] {
  return present.map((p): Presence => (p ? 0 : undefined));
}

/** Adds the characters some coder coded, by stretches of equal values; returns how many. */
function addCharacters(counts: UnitValueCounts, spansByCoder: readonly (readonly Span[])[], present: readonly boolean[]): number {
  const boundaries = new Set<number>();
  spansByCoder.forEach((spans, k) => {
    if (present[k]) for (const span of spans) boundaries.add(span.start).add(span.end);
  });
  const sorted = [...boundaries].sort((a, b) => a - b);
  const next = spansByCoder.map(() => 0);
  let coded = 0;
  for (let b = 0; b + 1 < sorted.length; b++) {
    const start = sorted[b];
    let any = false;
    const values = spansByCoder.map((spans, k): Presence => {
      if (!present[k]) return undefined;
      while (next[k] < spans.length && spans[next[k]].end <= start) next[k]++;
      const inside = next[k] < spans.length && spans[next[k]].start <= start;
      any ||= inside;
      return inside ? 1 : 0;
    });
    if (!any) continue;
    counts.add(values, sorted[b + 1] - start);
    coded += sorted[b + 1] - start;
  }
  return coded;
}

/** Adds the listed units some coder's codings touch; returns how many. */
function addListedUnits(counts: UnitValueCounts, spansByCoder: readonly (readonly Span[])[], present: readonly boolean[], units: readonly Span[]): number {
  const codedBy = new Map<number, number>();
  spansByCoder.forEach((spans, k) => {
    if (!present[k]) return;
    for (const span of spans) {
      for (let u = firstUnitEndingAfter(units, span.start); u < units.length && units[u].start < span.end; u++) codedBy.set(u, (codedBy.get(u) ?? 0) | (1 << k));
    }
  });
  for (const mask of codedBy.values()) counts.add(present.map((p, k): Presence => (p ? ((mask >> k) & 1 ? 1 : 0) : undefined)), 1);
  return codedBy.size;
}

/** Sorted, disjoint spans covering what `spans` cover (touching spans join); empty spans dropped. Sorts `spans`. */
export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}
