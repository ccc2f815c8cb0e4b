// Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) in
// linear space: the middle snake splits each problem in two, as diff-match-patch's diff_bisect
// does. Its cost is counted in work units (diagonals extended and characters compared), never in
// time: a problem the budget cannot pay for stays one unresolved replacement, on every machine.

/**
 * Part of two sequences: a[aStart, aEnd) equal to b[bStart, bEnd) ('same'), or a region where a
 * became b but the budget ran out before saying how ('unresolved'). Pieces come in order; what
 * lies between two of them was removed, inserted or replaced.
 */
export interface DiffPiece {
  readonly kind: 'same' | 'unresolved';
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** Work units left to spend; several diffs may share one budget. */
export interface WorkBudget {
  remaining: number;
}

/** Diffs two sequences of numbers (line ids, UTF-16 units), spending work units from `budget`. */
export function diffSequences(a: ArrayLike<number>, b: ArrayLike<number>, budget: WorkBudget): DiffPiece[] {
  const differ = new BudgetedDiff(a, b, budget);
  differ.solve(0, a.length, 0, b.length);
  return differ.pieces;
}

class BudgetedDiff {
  readonly pieces: DiffPiece[] = [];

  constructor(
    private readonly a: ArrayLike<number>,
    private readonly b: ArrayLike<number>,
    private readonly budget: WorkBudget,
  ) {}

  solve(aStart: number, aEnd: number, bStart: number, bEnd: number): void {
    const { a, b } = this;
    // Common ends cost no search: they are matched whatever the budget.
    let prefix = 0;
    while (aStart + prefix < aEnd && bStart + prefix < bEnd && a[aStart + prefix] === b[bStart + prefix]) prefix++;
    this.match(aStart, bStart, prefix);
    aStart += prefix;
    bStart += prefix;
    let suffix = 0;
    while (aEnd - suffix > aStart && bEnd - suffix > bStart && a[aEnd - suffix - 1] === b[bEnd - suffix - 1]) suffix++;
    aEnd -= suffix;
    bEnd -= suffix;
    if (aStart < aEnd && bStart < bEnd) {
      const split = this.middle(aStart, aEnd, bStart, bEnd);
      if (split === undefined) {
        this.pieces.push({ kind: 'unresolved', aStart, aEnd, bStart, bEnd });
      } else if (split !== 'replaced') {
        this.solve(aStart, split.a, bStart, split.b);
        this.solve(split.a, aEnd, split.b, bEnd);
      }
    }
    this.match(aEnd, bEnd, suffix);
  }

  private match(aStart: number, bStart: number, length: number): void {
    if (length === 0) return;
    const last = this.pieces.at(-1);
    if (last?.kind === 'same' && last.aEnd === aStart && last.bEnd === bStart) {
      this.pieces[this.pieces.length - 1] = { ...last, aEnd: aStart + length, bEnd: bStart + length };
    } else {
      this.pieces.push({ kind: 'same', aStart, aEnd: aStart + length, bStart, bEnd: bStart + length });
    }
  }

  /**
   * Where a shortest edit script of a[aStart, aEnd) into b[bStart, bEnd) crosses its middle:
   * forward and reverse paths advance one edit at a time until they overlap. 'replaced' when the
   * two have no element in common; undefined when the budget runs out first.
   */
  private middle(aStart: number, aEnd: number, bStart: number, bEnd: number): { a: number; b: number } | 'replaced' | undefined {
    const { a, b } = this;
    const n = aEnd - aStart;
    const m = bEnd - bStart;
    const maxD = Math.ceil((n + m) / 2);
    const offset = maxD;
    const size = 2 * maxD + 2;
    // Before allocating: a problem whose first steps the budget cannot pay for is not started.
    if (2 * Math.min(n, m) > this.budget.remaining) return undefined;
    const forward = new Int32Array(size).fill(-1);
    const reverse = new Int32Array(size).fill(-1);
    forward[offset + 1] = 0;
    reverse[offset + 1] = 0;
    const delta = n - m;
    const frontOverlaps = delta % 2 !== 0;
    let forwardStart = 0;
    let forwardEnd = 0;
    let reverseStart = 0;
    let reverseEnd = 0;
    for (let d = 0; d < maxD; d++) {
      if (this.budget.remaining < 0) return undefined;
      for (let k = -d + forwardStart; k <= d - forwardEnd; k += 2) {
        const at = offset + k;
        let x = k === -d || (k !== d && forward[at - 1] < forward[at + 1]) ? forward[at + 1] : forward[at - 1] + 1;
        let y = x - k;
        const from = x;
        while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
          x++;
          y++;
        }
        this.budget.remaining -= 1 + x - from;
        forward[at] = x;
        if (x > n) forwardEnd += 2;
        else if (y > m) forwardStart += 2;
        else if (frontOverlaps) {
          const other = offset + delta - k;
          if (other >= 0 && other < size && reverse[other] !== -1 && x >= n - reverse[other]) return { a: aStart + x, b: bStart + y };
        }
      }
      for (let k = -d + reverseStart; k <= d - reverseEnd; k += 2) {
        const at = offset + k;
        let x = k === -d || (k !== d && reverse[at - 1] < reverse[at + 1]) ? reverse[at + 1] : reverse[at - 1] + 1;
        let y = x - k;
        const from = x;
        while (x < n && y < m && a[aEnd - x - 1] === b[bEnd - y - 1]) {
          x++;
          y++;
        }
        this.budget.remaining -= 1 + x - from;
        reverse[at] = x;
        if (x > n) reverseEnd += 2;
        else if (y > m) reverseStart += 2;
        else if (!frontOverlaps) {
          const other = offset + delta - k;
          if (other >= 0 && other < size && forward[other] !== -1) {
            const forwardX = forward[other];
            const forwardY = forwardX - (other - offset);
            if (forwardX >= n - x) return { a: aStart + forwardX, b: bStart + forwardY };
          }
        }
      }
    }
    return 'replaced';
  }
}
