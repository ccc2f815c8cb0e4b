// The passages where two sides differ: one side coded, the other not; different codes; different
// boundaries. Worked cases by hand, then properties over random codings.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findDisagreements, type Disagreement, type DisagreementDocument } from '../../src/core/agreement/disagreements';
import { adoptCodings } from '../../src/core/agreement/adopt';
import type { Coding, Span } from '../../src/core/model';
import { sliceCodePoints } from '../../src/core/text/offsets';

interface TestCoding {
  readonly id: string;
  readonly code: string;
  readonly coder: string;
}

let next = 0;
const coding = (coder: string, code: string, start: number, end: number) => ({ coding: { id: `c${next++}`, code, coder }, span: { start, end } as Span | undefined });
const doc = (path: string, ...codings: ReturnType<typeof coding>[]): DisagreementDocument<TestCoding> => ({ path, codings });
const options = { a: 'Ana', b: 'Ben' };

/** A passage as plain data: kind, codes, spans. */
function brief(p: Disagreement<TestCoding>) {
  return {
    kind: p.kind,
    span: [p.span.start, p.span.end],
    a: p.a && { code: p.a.code, spans: p.a.spans.map((s) => [s.start, s.end]) },
    b: p.b && { code: p.b.code, spans: p.b.spans.map((s) => [s.start, s.end]) },
    difference: p.difference,
  };
}

describe('disagreements between two sides', () => {
  it('lists a passage only one side coded, with the side that coded it', () => {
    const report = findDisagreements([doc('t.txt', coding('Ana', 'X', 10, 20), coding('Ben', 'X', 40, 50))], options);
    assert.deepEqual(report.passages.map(brief), [
      { kind: 'oneSide', span: [10, 20], a: { code: 'X', spans: [[10, 20]] }, b: undefined, difference: 10 },
      { kind: 'oneSide', span: [40, 50], a: undefined, b: { code: 'X', spans: [[40, 50]] }, difference: 10 },
    ]);
  });

  it('gives both spans of different boundaries and the characters in difference', () => {
    const report = findDisagreements([doc('t.txt', coding('Ana', 'X', 10, 50), coding('Ben', 'X', 20, 60))], options);
    assert.deepEqual(report.passages.map(brief), [
      { kind: 'differentBoundaries', span: [10, 60], a: { code: 'X', spans: [[10, 50]] }, b: { code: 'X', spans: [[20, 60]] }, difference: 20 },
    ]);
  });

  it('pairs overlapping passages coded with different codes, and counts them once', () => {
    const report = findDisagreements([doc('t.txt', coding('Ana', 'X', 10, 30), coding('Ben', 'Y', 20, 40))], options);
    assert.deepEqual(report.passages.map(brief), [
      { kind: 'differentCodes', span: [10, 40], a: { code: 'X', spans: [[10, 30]] }, b: { code: 'Y', spans: [[20, 40]] }, difference: 30 },
    ]);
  });

  it('lists no different codes where both also used the same code', () => {
    // Ben used Y as well as X: for X the sides agree; Y is Ben's alone.
    const report = findDisagreements([doc('t.txt', coding('Ana', 'X', 10, 30), coding('Ben', 'X', 10, 30), coding('Ben', 'Y', 10, 30))], options);
    assert.deepEqual(report.passages.map((p) => [p.kind, p.a?.code, p.b?.code]), [['oneSide', undefined, 'Y']]);
  });

  it('counts touching codings of one side as one stretch, and codings that only touch across sides as two passages', () => {
    const same = findDisagreements([doc('t.txt', coding('Ana', 'X', 0, 10), coding('Ana', 'X', 10, 20), coding('Ben', 'X', 0, 20))], options);
    assert.deepEqual(same.passages, []);
    const touching = findDisagreements([doc('t.txt', coding('Ana', 'X', 0, 10), coding('Ben', 'X', 10, 20))], options);
    assert.deepEqual(touching.passages.map((p) => p.kind), ['oneSide', 'oneSide']);
  });

  it('resolves codes (aliases, roll-up) before comparing, and filters by code', () => {
    const documents = [doc('t.txt', coding('Ana', 'old-x', 0, 10), coding('Ben', 'X', 0, 10), coding('Ben', 'X.child', 20, 30))];
    const resolve = (code: string) => (code === 'old-x' ? 'X' : code);
    assert.deepEqual(findDisagreements(documents, { ...options, reportAs: resolve }).passages.map((p) => p.b?.code), ['X.child']);
    const rolledUp = findDisagreements(documents, { ...options, reportAs: (code) => resolve(code).split('.')[0] });
    assert.deepEqual(rolledUp.passages.map((p) => [p.kind, p.b?.code]), [['oneSide', 'X']]);
    assert.deepEqual(findDisagreements(documents, { ...options, reportAs: resolve, code: 'Y' }).passages, []);
  });

  it('reports orphans and documents a side has not coded apart, without comparing them', () => {
    const orphan = coding('Ben', 'X', 0, 0);
    const report = findDisagreements(
      [doc('a.txt', coding('Ana', 'X', 0, 10), { ...orphan, span: undefined }), doc('b.txt', coding('Ana', 'X', 0, 10))],
      { ...options, notCodedBy: new Map([['b.txt', ['Ben']]]) },
    );
    assert.deepEqual(report.passages.map((p) => [p.document, p.kind, p.a?.code]), [['a.txt', 'oneSide', 'X']]);
    assert.deepEqual(report.orphans.map((o) => [o.document, o.side, o.coding.id]), [['a.txt', 'b', orphan.coding.id]]);
    assert.deepEqual(report.notCompared, [{ document: 'b.txt', missing: ['b'] }]);
  });

  it('ignores codings of coders that are neither side', () => {
    assert.deepEqual(findDisagreements([doc('t.txt', coding('Cleo', 'X', 0, 10))], options).passages, []);
  });

  it('sorts by document, then position', () => {
    const report = findDisagreements([doc('b.txt', coding('Ana', 'X', 5, 9)), doc('a.txt', coding('Ben', 'Y', 30, 40), coding('Ana', 'Z', 1, 3))], options);
    assert.deepEqual(report.passages.map((p) => [p.document, p.span.start]), [['a.txt', 1], ['a.txt', 30], ['b.txt', 5]]);
  });
});

describe('disagreements: properties', () => {
  const CODES = ['X', 'Y', 'Z'];
  const arbitraryCodings = (coder: string) =>
    fc.array(
      fc.record({ code: fc.constantFrom(...CODES), start: fc.nat(60), length: fc.integer({ min: 1, max: 25 }), orphan: fc.boolean() }),
      { maxLength: 8 },
    ).map((list) => list.map((c, i) => ({ coding: { id: `${coder}-${i}`, code: c.code, coder }, span: c.orphan && i % 3 === 0 ? undefined : { start: c.start, end: c.start + c.length } })));
  const arbitraryDocument = fc.tuple(arbitraryCodings('Ana'), arbitraryCodings('Ben')).map(([a, b]) => doc('t.txt', ...a, ...b));

  /** Characters of `side` coded with `code` (orphans aside). */
  const covered = (document: DisagreementDocument<TestCoding>, coder: string, code: string): Set<number> => {
    const set = new Set<number>();
    for (const c of document.codings) if (c.coding.coder === coder && c.coding.code === code && c.span) for (let i = c.span.start; i < c.span.end; i++) set.add(i);
    return set;
  };
  const inSpans = (spans: readonly Span[], i: number) => spans.some((s) => s.start <= i && i < s.end);

  it('a side compared with itself has no disagreements', () => {
    fc.assert(
      fc.property(arbitraryCodings('Ana'), (codings) => {
        const mirrored = codings.map((c) => ({ coding: { ...c.coding, id: `b${c.coding.id}`, coder: 'Ben' }, span: c.span }));
        assert.deepEqual(findDisagreements([doc('t.txt', ...codings, ...mirrored)], options).passages, []);
      }),
    );
  });

  it('swapping A and B swaps the roles and nothing else', () => {
    fc.assert(
      fc.property(arbitraryDocument, (document) => {
        const forward = findDisagreements([document], options).passages.map(brief);
        const backward = findDisagreements([document], { a: 'Ben', b: 'Ana' }).passages.map(brief);
        const swap = (p: ReturnType<typeof brief>) => JSON.stringify({ ...p, a: p.b, b: p.a });
        assert.deepEqual(backward.map(swap).sort(), forward.map((p) => JSON.stringify(p)).sort());
      }),
    );
  });

  it("every character one side coded and the other did not (same code) is in a passage of that side's code", () => {
    fc.assert(
      fc.property(arbitraryDocument, (document) => {
        const passages = findDisagreements([document], options).passages;
        for (const [side, own, other] of [['a', 'Ana', 'Ben'], ['b', 'Ben', 'Ana']] as const) {
          for (const code of CODES) {
            const mine = covered(document, own, code);
            const theirs = covered(document, other, code);
            for (const i of mine) {
              if (theirs.has(i)) continue;
              const found = passages.some((p) => p[side]?.code === code && inSpans(p[side]!.spans, i));
              assert.ok(found, `${own}'s ${code} at ${i} is in no passage`);
            }
          }
        }
      }),
    );
  });

  it('passages are what their kind says: one side coded alone, different codes overlap, different boundaries overlap and differ', () => {
    fc.assert(
      fc.property(arbitraryDocument, (document) => {
        for (const p of findDisagreements([document], options).passages) {
          if (p.kind === 'oneSide') {
            const [side, other] = p.a ? (['a', 'Ben'] as const) : (['b', 'Ana'] as const);
            const theirs = covered(document, other, p[side]!.code);
            for (const s of p[side]!.spans) for (let i = s.start; i < s.end; i++) assert.ok(!theirs.has(i));
            assert.equal(p.a === undefined, p.b !== undefined);
          } else {
            assert.ok(p.a && p.b);
            assert.equal(p.kind === 'differentCodes', p.a.code !== p.b.code);
            const overlap = p.a.spans.some((x) => p.b!.spans.some((y) => Math.max(x.start, y.start) < Math.min(x.end, y.end)));
            assert.ok(overlap);
            if (p.kind === 'differentBoundaries') {
              const a = covered(document, 'Ana', p.a.code);
              const b = covered(document, 'Ben', p.b.code);
              let differing = 0;
              for (let i = p.span.start; i < p.span.end; i++) if (a.has(i) !== b.has(i)) differing++;
              assert.equal(p.difference, differing);
              assert.ok(p.difference > 0);
            }
          }
        }
      }),
    );
  });

  it('orphans never change the passages, and the input order never changes the result', () => {
    fc.assert(
      fc.property(arbitraryDocument, fc.integer(), (document, seed) => {
        const placedOnly = doc('t.txt', ...document.codings.filter((c) => c.span));
        const shuffled = doc('t.txt', ...[...document.codings].sort((x, y) => ((x.coding.id.length * seed) % 7) - ((y.coding.id.length * seed) % 7) || (x.coding.id < y.coding.id ? 1 : -1)));
        const result = findDisagreements([document], options);
        assert.deepEqual(findDisagreements([placedOnly], options).passages, result.passages);
        assert.deepEqual(findDisagreements([shuffled], options), result);
        assert.equal(result.orphans.length, document.codings.filter((c) => !c.span).length);
      }),
    );
  });
});

describe('adopting the other side’s coding', () => {
  const text = 'Interviewer: Why?\nR: Because the law says so, and the mayor agreed.';
  const version = 'v'.repeat(40);
  const source: Coding = { id: 'ben-1', code: 'old-law', start: 21, end: 46, quote: 'the law says so', prefix: '', suffix: '', version: 'old', coder: 'Ben', created: '2026-01-01T00:00:00Z', memo: 'his note' };
  let ids = 0;
  const target = { text, version, coder: 'Ana', created: '2026-12-02T10:00:00.000Z', codeOf: (code: string) => (code === 'old-law' ? 'law' : code), newId: () => `new-${ids++}` };

  it('makes a new coding of the current coder, as any new coding, from the span on the current text', () => {
    const mine: Coding = { ...source, id: 'ana-1', code: 'mayor', coder: 'Ana', memo: undefined };
    const result = adoptCodings([mine], [{ coding: source, span: { start: 21, end: 46 } }], target);
    assert.equal(result.added.length, 1);
    const [added] = result.added;
    assert.deepEqual(added, {
      id: added.id,
      code: 'law',
      start: 21,
      end: 46,
      quote: sliceCodePoints(text, 21, 46),
      prefix: sliceCodePoints(text, 0, 21),
      suffix: sliceCodePoints(text, 46, text.length),
      version,
      coder: 'Ana',
      created: '2026-12-02T10:00:00.000Z',
    });
    assert.notEqual(added.id, source.id);
    assert.deepEqual(result.codings, [mine, added]);
  });

  it('gives the coder’s own codings the other side’s boundaries, keeping id, memo and creation time', () => {
    const mine: Coding = { ...source, id: 'ana-1', code: 'law', start: 30, end: 46, coder: 'Ana', memo: 'my note', created: '2026-02-02T00:00:00Z' };
    const other: Coding = { ...mine, id: 'ana-2', start: 0, end: 5 };
    const result = adoptCodings([other, mine], [{ coding: source, span: { start: 21, end: 46 } }], target, ['ana-1']);
    assert.deepEqual(result.added, []);
    assert.deepEqual(result.reshaped, [{ ...mine, start: 21, end: 46, quote: sliceCodePoints(text, 21, 46), prefix: sliceCodePoints(text, 0, 21), suffix: sliceCodePoints(text, 46, text.length), version }]);
    assert.deepEqual(result.codings, [other, result.reshaped[0]]);
    // Their second coding of the passage, with none of the coder's left to reshape: a copy.
    const two = adoptCodings([mine], [{ coding: source, span: { start: 21, end: 46 } }, { coding: source, span: { start: 50, end: 60 } }], target, ['ana-1']);
    assert.deepEqual([two.reshaped.map((c) => c.id), two.added.map((c) => [c.start, c.end])], [['ana-1'], [[50, 60]]]);
  });

  it('adds nothing where the coder already has that code on that span', () => {
    const first = adoptCodings([], [{ coding: source, span: { start: 21, end: 46 } }], target);
    const again = adoptCodings(first.codings, [{ coding: source, span: { start: 21, end: 46 } }], target);
    assert.deepEqual(again.added, []);
    assert.deepEqual(again.codings, first.codings);
  });
});
