// The keyword-in-context concordance: one row per hit, the keyword in a column between its left and
// right context, sortable by the first or second word to the left or right of it (as AntConc and
// WordSmith sort), with ties kept in document order. Exported as CSV.
import { csv } from '../util/csv';
import type { SearchHit } from './study-search';
import { wordsOf } from './words';

export interface KwicRow {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly left: string;
  readonly keyword: string;
  readonly right: string;
}

export type KwicSort = 'document' | 'left2' | 'left1' | 'keyword' | 'right1' | 'right2';

/** Context shown on each side, in characters. */
const SIDE = 60;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function kwicRows(hits: readonly SearchHit[]): KwicRow[] {
  return hits.map((hit) => {
    const left = oneLine(hit.before);
    const right = oneLine(hit.after);
    return {
      path: hit.path,
      start: hit.start,
      end: hit.end,
      line: hit.line,
      left: left.length > SIDE ? left.slice(left.length - SIDE) : left,
      keyword: oneLine(hit.text),
      right: right.length > SIDE ? right.slice(0, SIDE) : right,
    };
  });
}

/** The n-th word (1: nearest) to the left or right of the keyword; '' when there is none. */
export function contextWord(row: KwicRow, side: 'left' | 'right', n: 1 | 2): string {
  const words = [...wordsOf(side === 'left' ? row.left : row.right)].map((w) => w.word);
  const word = side === 'left' ? words[words.length - n] : words[n - 1];
  return word ?? '';
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function documentOrder(a: KwicRow, b: KwicRow): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.start - b.start;
}

/** The rows sorted by a key; rows without a word there come last; ties in document order. */
export function sortKwic(rows: readonly KwicRow[], sort: KwicSort, descending = false): KwicRow[] {
  if (sort === 'document') return rows.slice().sort((a, b) => (descending ? -1 : 1) * documentOrder(a, b));
  const key = (row: KwicRow): string => {
    switch (sort) {
      case 'left2': return contextWord(row, 'left', 2);
      case 'left1': return contextWord(row, 'left', 1);
      case 'right1': return contextWord(row, 'right', 1);
      case 'right2': return contextWord(row, 'right', 2);
      default: return row.keyword;
    }
  };
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => {
    if ((a.key === '') !== (b.key === '')) return a.key === '' ? 1 : -1;
    return (descending ? -1 : 1) * collator.compare(a.key, b.key) || documentOrder(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

/** The concordance as CSV (the project's one writer; a BOM for Excel unless turned off). */
export function kwicCsv(rows: readonly KwicRow[], caseOf: (path: string) => string = () => '', byteOrderMark = true): string {
  return csv(
    [
      ['document', 'case', 'line', 'start', 'end', 'left', 'keyword', 'right'],
      ...rows.map((r) => [r.path, caseOf(r.path), String(r.line), String(r.start), String(r.end), r.left, r.keyword, r.right]),
    ],
    { byteOrderMark },
  );
}
