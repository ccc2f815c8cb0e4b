import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { diffSequences } from '../../src/core/anchoring/sequence-diff';

function longestCommonSubsequence(a: readonly number[], b: readonly number[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = [0];
    for (let j = 1; j <= b.length; j++) current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    previous = current;
  }
  return previous[b.length];
}

describe('sequence diff (Myers, with a work budget)', () => {
  const sequence = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 60 });

  it('matches a longest common subsequence when the budget suffices', () => {
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const pieces = diffSequences(a, b, { remaining: 1e9 });
        assert.ok(pieces.every((piece) => piece.kind === 'same'));
        assert.equal(pieces.reduce((sum, piece) => sum + piece.aEnd - piece.aStart, 0), longestCommonSubsequence(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('under any budget, gives ordered pieces: equal elements, or unresolved regions that are not empty', () => {
    fc.assert(
      fc.property(sequence, sequence, fc.nat(400), (a, b, budget) => {
        const pieces = diffSequences(a, b, { remaining: budget });
        let aAt = 0;
        let bAt = 0;
        for (const piece of pieces) {
          assert.ok(piece.aStart >= aAt && piece.bStart >= bAt, 'in order, without overlap');
          aAt = piece.aEnd;
          bAt = piece.bEnd;
        }
        for (const piece of pieces) {
          if (piece.kind === 'unresolved') assert.ok(piece.aEnd > piece.aStart && piece.bEnd > piece.bStart);
          else for (let i = 0; i < piece.aEnd - piece.aStart; i++) assert.equal(a[piece.aStart + i], b[piece.bStart + i]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
