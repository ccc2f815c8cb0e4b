// Reliability data as Krippendorff arranges it: units (rows) by coders (columns), a value or
// nothing in each cell. Rows carry a count so that many identical units (the uncoded characters
// of a long transcript) are one row, which keeps every coefficient linear in distinct patterns.

export type ReliabilityValue = number | string;

export interface ReliabilityRow {
  /** One cell per coder, in the order of `ReliabilityData.coders`; undefined: missing. */
  readonly values: readonly (ReliabilityValue | undefined)[];
  /** How many units have exactly these values. */
  readonly count: number;
}

export interface ReliabilityData {
  readonly coders: readonly string[];
  readonly rows: readonly ReliabilityRow[];
}

/** A coefficient's value (undefined when the data leave it undefined, e.g. a single category) and the units it used. */
export interface Coefficient {
  readonly value: number | undefined;
  /** Units that entered the computation. */
  readonly units: number;
}

/** From the layout of the published examples: one array per coder, one cell per unit. */
export function fromCoderRows(coders: readonly string[], byCoder: readonly (readonly (ReliabilityValue | undefined)[])[]): ReliabilityData {
  const unitCount = Math.max(0, ...byCoder.map((row) => row.length));
  const rows: ReliabilityRow[] = [];
  for (let unit = 0; unit < unitCount; unit++) rows.push({ values: byCoder.map((row) => row[unit]), count: 1 });
  return { coders, rows };
}

/** From a two-coder contingency table: `table[i][j]` units got category i from the first coder and j from the second. */
export function fromContingencyTable(categories: readonly ReliabilityValue[], table: readonly (readonly number[])[]): ReliabilityData {
  const rows: ReliabilityRow[] = [];
  table.forEach((line, i) => line.forEach((count, j) => {
    if (count > 0) rows.push({ values: [categories[i], categories[j]], count });
  }));
  return { coders: ['first', 'second'], rows };
}

/** Distinct values in ascending order: numbers numerically, then strings. */
export function sortedCategories(data: ReliabilityData): ReliabilityValue[] {
  const seen = new Set<ReliabilityValue>();
  for (const row of data.rows) for (const value of row.values) if (value !== undefined) seen.add(value);
  return [...seen].sort(compareValues);
}

function compareValues(a: ReliabilityValue, b: ReliabilityValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per unit, how many coders gave each category (indices into `categories`), with the unit's count. */
export function categoryCounts(data: ReliabilityData, categories: readonly ReliabilityValue[]): { readonly counts: number[]; readonly values: number; readonly count: number }[] {
  const index = new Map(categories.map((category, i) => [category, i]));
  return data.rows.map((row) => {
    const counts = new Array<number>(categories.length).fill(0);
    let values = 0;
    for (const value of row.values) {
      if (value === undefined) continue;
      counts[index.get(value)!]++;
      values++;
    }
    return { counts, values, count: row.count };
  });
}

/** 1 − observed / expected, undefined when nothing is expected to disagree. */
export function oneMinusRatio(observed: number, expected: number): number | undefined {
  return expected > 0 ? 1 - observed / expected : undefined;
}
