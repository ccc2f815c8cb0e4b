import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import { computeCodeMatrix, matrixDocument } from '../../src/core/matrix';
import type { Coding, Span } from '../../src/core/model';
import { planAutoCoding, speakersOf, turnsOf, withNewCodings } from '../../src/core/queries/auto-code';
import { QueryError, runQuery } from '../../src/core/queries/evaluate';
import { withQueryCodes } from '../../src/core/queries/matrix';
import { formatQuery, OPERATORS, parseQuery, queryFileName, type CodingQuery } from '../../src/core/queries/query';
import { coverage, difference, distance, intersection, overlaps, widen } from '../../src/core/queries/spans';
import type { PlacedDocument } from '../../src/core/study/placement';

// ---------------------------------------------------------------------------------------------
// A small hand-made study: two transcripts in two cases, four codes, two coders.

const codebook = new Codebook([
  { id: 'policy', name: 'Policy' },
  { id: 'money', name: 'Money', parentId: 'policy' },
  { id: 'conflict', name: 'Conflict' },
  { id: 'time', name: 'Time' },
]);

const { cases } = parseCases(`attributes:
  region: { type: choice, values: [North, South] }
cases:
  - id: velden
    name: Velden
    attributes: { region: North }
    documents:
      - path: a.txt
  - id: sa
    name: San Aurelio
    attributes: { region: South }
    documents:
      - path: b.txt
`);

// Turns: "I: Tell…" (1), "R: The council…" with the blank line (2), "R: Funding…" (3), "I: Why?" (4).
// Paragraphs: lines 1-2, lines 4-5.
const A = 'I: Tell me about the budget.\nR: The council set the budget. Then the NGO objected.\n\nR: Funding came late. We waited.\nI: Why?\n';
const B = 'R: The budget was late. The NGO objected.\n';

/** A coding of the first occurrence of `quote` (after `after`, when given). */
function coding(text: string, id: string, code: string, quote: string, coder: string, after = ''): { coding: Coding; span: Span } {
  const from = text.indexOf(after) + after.length;
  const start = text.indexOf(quote, from);
  assert.ok(start >= 0, `${quote} is in the text`);
  const span = { start, end: start + quote.length };
  return { coding: { id, code, ...span, quote, prefix: '', suffix: '', version: 'v', coder, created: '2026-01-01T00:00:00.000Z' }, span };
}

const documents: PlacedDocument[] = [
  {
    path: 'a.txt',
    text: A,
    version: 'v',
    codings: [
      coding(A, 'c1', 'policy', 'The council set the budget.', 'Ann'),
      coding(A, 'c2', 'money', 'budget. Then the NGO', 'Ann', 'council'),
      coding(A, 'c3', 'conflict', 'the NGO objected.', 'Bob'),
      coding(A, 'c4', 'money', 'Funding came late.', 'Bob'),
      coding(A, 'c5', 'time', 'We waited.', 'Ann'),
      coding(A, 'c6', 'conflict', 'Why?', 'Ann'),
    ],
  },
  {
    path: 'b.txt',
    text: B,
    version: 'v',
    codings: [coding(B, 'd1', 'money', 'The budget was late.', 'Ann'), coding(B, 'd2', 'conflict', 'The NGO objected.', 'Ann')],
  },
];

function query(operator: CodingQuery['operator'], code: string, other: string, more: Partial<CodingQuery> = {}): CodingQuery {
  return { code, operator, other, includeSubcodes: true, ...more };
}

/** The query's results as "document: text" (passages with their coding id). */
function results(q: CodingQuery, onlyA = true): string[] {
  return runQuery(codebook, cases, onlyA ? [documents[0]] : documents, q, 'q').map((s) => `${s.documentPath}${s.codingId.startsWith('query:') ? '' : `#${s.codingId}`}: ${s.text}`);
}

describe('Coding queries: every operator on a hand-made study', () => {
  it('AND returns the text both codes cover', () => {
    assert.deepEqual(results(query('and', 'policy', 'money', { includeSubcodes: false })), ['a.txt: budget.']);
    assert.deepEqual(results(query('and', 'money', 'conflict')), ['a.txt: the NGO']);
    assert.deepEqual(results(query('and', 'time', 'conflict')), []);
  });

  it('OR returns the text either code covers, overlapping or touching passages joined', () => {
    assert.deepEqual(results(query('or', 'policy', 'conflict', { includeSubcodes: false })), ['a.txt: The council set the budget.', 'a.txt: the NGO objected.', 'a.txt: Why?']);
    assert.deepEqual(results(query('or', 'money', 'conflict')), ['a.txt: budget. Then the NGO objected.', 'a.txt: Funding came late.', 'a.txt: Why?']);
  });

  it('NOT returns the text of A that B does not cover', () => {
    assert.deepEqual(results(query('not', 'policy', 'money', { includeSubcodes: false })), ['a.txt: The council set the ']);
    assert.deepEqual(results(query('not', 'policy', 'conflict')), ['a.txt: The council set the budget. Then ', 'a.txt: Funding came late.']);
  });

  it('OVERLAPPING returns the A passages that share text with a B passage', () => {
    assert.deepEqual(results(query('overlapping', 'money', 'policy', { includeSubcodes: false })), ['a.txt#c2: budget. Then the NGO']);
    assert.deepEqual(results(query('overlapping', 'money', 'conflict')), ['a.txt#c2: budget. Then the NGO']);
    // With its sub-codes, Policy overlaps Conflict through Money's passage c2; c1 stops before "the NGO".
    assert.deepEqual(results(query('overlapping', 'policy', 'conflict')), ['a.txt#c2: budget. Then the NGO']);
  });

  it('NOT OVERLAPPING returns the A passages that share no text with a B passage', () => {
    assert.deepEqual(results(query('not-overlapping', 'money', 'conflict')), ['a.txt#c4: Funding came late.']);
  });

  it('NEAR returns the A passages with a B passage at most N characters away', () => {
    assert.deepEqual(results(query('near', 'money', 'time', { within: 1 })), ['a.txt#c4: Funding came late.']);
    assert.deepEqual(results(query('near', 'money', 'time', { within: 0 })), []);
    // Overlapping passages are at distance 0.
    assert.deepEqual(results(query('near', 'conflict', 'money', { within: 0, includeSubcodes: false })), ['a.txt#c3: the NGO objected.']);
  });

  it('FOLLOWED BY returns the A passages after which a B passage starts, in the same turn or within N characters', () => {
    assert.deepEqual(results(query('followed-by', 'money', 'time')), ['a.txt#c4: Funding came late.']);
    // c3 ends turn 2; c5 is in turn 3, 24 characters further on ("\n\nR: Funding came late. ").
    assert.deepEqual(results(query('followed-by', 'conflict', 'time')), []);
    assert.deepEqual(results(query('followed-by', 'conflict', 'time', { within: 24 })), ['a.txt#c3: the NGO objected.']);
    assert.deepEqual(results(query('followed-by', 'conflict', 'time', { within: 23 })), []);
    // B must start after A ends: time is not followed by money.
    assert.deepEqual(results(query('followed-by', 'time', 'money', { within: 100 })), []);
  });

  it('SAME TURN returns the A passages in a speaker turn that also holds a B passage', () => {
    assert.deepEqual(results(query('same-turn', 'money', 'conflict')), ['a.txt#c2: budget. Then the NGO']);
    assert.deepEqual(results(query('same-turn', 'conflict', 'time')), []);
  });

  it('SAME PARAGRAPH returns the A passages in a paragraph that also holds a B passage', () => {
    assert.deepEqual(results(query('same-paragraph', 'money', 'time')), ['a.txt#c4: Funding came late.']);
    // "I: Why?" is another turn than "We waited." but the same paragraph.
    assert.deepEqual(results(query('same-paragraph', 'conflict', 'time')), ['a.txt#c6: Why?']);
  });

  it('narrows by coder, case and attribute', () => {
    assert.deepEqual(results(query('overlapping', 'policy', 'conflict', { coders: ['Ann'] })), []);
    assert.deepEqual(results(query('and', 'money', 'conflict'), false), ['a.txt: the NGO']);
    const within = 100;
    assert.deepEqual(results(query('followed-by', 'money', 'conflict', { within }), false), ['a.txt#c2: budget. Then the NGO', 'a.txt#c4: Funding came late.', 'b.txt#d1: The budget was late.']);
    assert.deepEqual(results(query('followed-by', 'money', 'conflict', { within, attributes: { region: ['South'] } }), false), ['b.txt#d1: The budget was late.']);
    assert.deepEqual(results(query('followed-by', 'money', 'conflict', { within, cases: ['velden'] }), false), ['a.txt#c2: budget. Then the NGO', 'a.txt#c4: Funding came late.']);
    assert.deepEqual(results(query('followed-by', 'money', 'conflict', { within, coders: ['Bob'] }), false), []);
  });

  it('region results name the coders whose passages make them up, under the query', () => {
    const [segment] = runQuery(codebook, cases, documents, query('and', 'money', 'conflict'), 'money-and-conflict');
    assert.equal(segment.coder, 'Ann, Bob');
    assert.equal(segment.codeId, 'query:money-and-conflict');
    assert.equal(segment.line, 2);
    assert.equal(segment.caseName, 'Velden');
  });

  it('names codes by id or by name; an unknown code is a clear error', () => {
    assert.deepEqual(results(query('and', 'Money', 'conflict')), ['a.txt: the NGO']);
    assert.throws(() => results(query('and', 'money', 'Budgets')), (error: unknown) => error instanceof QueryError && /"Budgets", which the codebook does not have/.test(error.message));
  });
});

describe('Saved query files', () => {
  it('reads a query written by hand', () => {
    const { query: q, problems } = parseQuery('# policy near money\ndescription: Talk of money near policy\ncode: policy\noperator: near\nother: Money\nwithin: 200\ncoders: [Ann]\nattributes:\n  region: [South]\n', 'queries/x.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(q, { code: 'policy', operator: 'near', other: 'Money', within: 200, includeSubcodes: true, description: 'Talk of money near policy', coders: ['Ann'], attributes: { region: ['South'] } });
  });

  it('reads every value as the text written: a coder 007 or a code yes stays itself', () => {
    const { query: q } = parseQuery('code: yes\noperator: followed-by\nother: "2025"\ncoders: [007]\ninclude-subcodes: false\n', 'queries/x.yaml');
    assert.deepEqual(q, { code: 'yes', operator: 'followed-by', other: '2025', includeSubcodes: false, coders: ['007'] });
  });

  it('reports each problem with its file and line, and reads nothing', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['code: a\noperator: nearby\nother: b\n', 2, /Unknown operator "nearby"/],
      ['code: a\noperator: near\nother: b\n', 1, /"near" needs "within"/],
      ['code: a\noperator: and\nother: b\nwithin: 3\n', 4, /"within" applies only to near and followed-by/],
      ['code: a\noperator: and\nother: [b\n', 4, /./],
      ['code: a\noperator: and\nwhere: b\n', 3, /Unknown key "where"/],
      ['code: a\noperator: and\n', 1, /"other" is missing/],
      ['code: a\noperator: near\nother: b\nwithin: -4\n', 4, /whole number/],
      ['- a\n- b\n', 1, /A query is a map/],
    ];
    for (const [text, line, message] of cases) {
      const { query: q, problems } = parseQuery(text, 'queries/bad.yaml');
      assert.equal(q, undefined, text);
      assert.equal(problems[0].file, 'queries/bad.yaml');
      assert.equal(problems[0].line, line, text);
      assert.match(problems[0].message, message);
    }
  });

  it('writes a query that reads back the same (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '');
    fc.assert(
      fc.property(
        fc.record({
          code: name,
          other: name,
          operator: fc.constantFrom(...OPERATORS),
          includeSubcodes: fc.boolean(),
          coders: fc.array(name, { maxLength: 3 }),
          region: fc.array(name, { maxLength: 2 }),
          within: fc.nat(500),
        }),
        (r) => {
          const q: CodingQuery = {
            code: r.code,
            operator: r.operator,
            other: r.other,
            includeSubcodes: r.includeSubcodes,
            ...(r.operator === 'near' || r.operator === 'followed-by' ? { within: r.within } : {}),
            ...(r.coders.length ? { coders: r.coders } : {}),
            ...(r.region.length ? { attributes: { region: r.region } } : {}),
          };
          const parsed = parseQuery(formatQuery(q), 'queries/q.yaml');
          assert.deepEqual(parsed.problems, []);
          assert.deepEqual(parsed.query, q);
        },
      ),
    );
  });

  it('names files from any name', () => {
    assert.equal(queryFileName('Policy NEAR money (South)'), 'policy-near-money-south');
    assert.equal(queryFileName('Conceição e São'), 'conceicao-e-sao');
    assert.equal(queryFileName('!!!'), 'query');
  });
});

describe('Span arithmetic of queries (properties against a code point model)', () => {
  const span = fc.tuple(fc.nat(40), fc.nat(12)).map(([start, length]) => ({ start, end: start + length }));
  const spans = fc.array(span, { maxLength: 8 });
  const covered = (list: readonly Span[]) => {
    const set = new Set<number>();
    for (const s of list) for (let i = s.start; i < s.end; i++) set.add(i);
    return set;
  };
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const wellFormed = (runs: readonly Span[]) => runs.every((r, i) => r.end > r.start && (i === 0 || runs[i - 1].end < r.start));

  it('coverage, intersection and difference cover exactly the code points the set operations say', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const ca = covered(a);
        const cb = covered(b);
        assert.deepEqual(sorted(covered(coverage(a))), sorted(ca));
        assert.deepEqual(sorted(covered(intersection(a, b))), sorted(new Set([...ca].filter((x) => cb.has(x)))));
        assert.deepEqual(sorted(covered(difference(a, b))), sorted(new Set([...ca].filter((x) => !cb.has(x)))));
        assert.ok(wellFormed(coverage(a)));
        assert.ok(wellFormed(difference(a, b)) || difference(a, b).every((r, i, all) => r.end > r.start && (i === 0 || all[i - 1].end <= r.start)));
      }),
    );
  });

  it('overlaps and distance agree with the code points between two spans', () => {
    fc.assert(
      fc.property(span, span, (a, b) => {
        const shared = [...covered([a])].some((x) => covered([b]).has(x));
        assert.equal(overlaps(a, b), shared);
        assert.equal(distance(a, b), distance(b, a));
        if (shared) assert.equal(distance(a, b), 0);
        else if (a.end <= b.start) assert.equal(distance(a, b), b.start - a.end);
      }),
    );
  });

  it('widening covers the span and exactly the units it touches', () => {
    // Units: sorted, non-overlapping spans built from gaps and lengths.
    const units = fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 8 })), { maxLength: 8 }).map((pairs) => {
      let at = 0;
      return pairs.map(([gap, length]) => {
        const unit = { start: at + gap, end: at + gap + length };
        at = unit.end;
        return unit;
      });
    });
    fc.assert(
      fc.property(units, span, (list, s) => {
        const wide = widen(s, list);
        assert.ok(wide.start <= s.start && wide.end >= s.end);
        const probe = s.end > s.start ? s : { start: s.start, end: s.start + 1 };
        const touched = list.filter((u) => overlaps(u, probe));
        if (touched.length === 0) assert.deepEqual(wide, s);
        else assert.deepEqual(wide, { start: Math.min(s.start, touched[0].start), end: Math.max(s.end, touched[touched.length - 1].end) });
      }),
    );
  });
});

describe('Auto-coding', () => {
  const texts = new Map([
    ['a.txt', A],
    ['b.txt', B],
  ]);
  const at = (path: string, word: string, after = '') => {
    const text = texts.get(path)!;
    const start = text.indexOf(word, text.indexOf(after) + after.length);
    return { path, start, end: start + word.length };
  };

  it('widens hits to sentences, turns or paragraphs, merging those that overlap', () => {
    const hits = [at('a.txt', 'council'), at('a.txt', 'set'), at('a.txt', 'NGO'), at('b.txt', 'late')];
    const show = (widening: Parameters<typeof planAutoCoding>[2]) => planAutoCoding(texts, hits, widening).passages.map((p) => `${p.path}:${p.line}: ${p.text}`);
    assert.deepEqual(show('none'), ['a.txt:2: council', 'a.txt:2: set', 'a.txt:2: NGO', 'b.txt:1: late']);
    assert.deepEqual(show('sentence'), ['a.txt:2: R: The council set the budget.', 'a.txt:2: Then the NGO objected.', 'b.txt:1: R: The budget was late.']);
    assert.deepEqual(show('turn'), ['a.txt:2: R: The council set the budget. Then the NGO objected.', 'b.txt:1: R: The budget was late. The NGO objected.']);
    assert.deepEqual(show('paragraph'), ['a.txt:1: I: Tell me about the budget.\nR: The council set the budget. Then the NGO objected.', 'b.txt:1: R: The budget was late. The NGO objected.']);
  });

  it('leaves out hits outside their document', () => {
    const plan = planAutoCoding(texts, [{ path: 'a.txt', start: 0, end: 1000 }, { path: 'c.txt', start: 0, end: 1 }, { path: 'a.txt', start: 5, end: 2 }, at('a.txt', 'Why')], 'none');
    assert.equal(plan.skipped.length, 3);
    assert.deepEqual(plan.passages.map((p) => p.text), ['Why']);
  });

  it('finds every turn of a speaker, without its label', () => {
    assert.deepEqual(speakersOf(A), ['I', 'R']);
    assert.deepEqual(turnsOf('a.txt', A, 'R').map((h) => A.slice(h.start, h.end)), ['The council set the budget. Then the NGO objected.', 'Funding came late. We waited.']);
    assert.deepEqual(turnsOf('a.txt', A, 'I').map((h) => A.slice(h.start, h.end)), ['Tell me about the budget.', 'Why?']);
    assert.deepEqual(turnsOf('a.txt', A, 'X'), []);
  });

  it('adds a coding per passage to what is on disk, never one the coder already has there', () => {
    let n = 0;
    const options = { code: 'time', coder: 'Ann', text: A, version: 'v', created: '2026-02-02T00:00:00.000Z', newId: () => `new${++n}` };
    const onDisk = [documents[0].codings[4].coding];
    const { codings, added } = withNewCodings(onDisk, [documents[0].codings[4].span!, { start: 3, end: 7 }], options);
    assert.deepEqual(added.map((c) => [c.id, c.quote, c.prefix, c.suffix.slice(0, 10)]), [['new1', 'Tell', 'I: ', ' me about ']]);
    assert.equal(codings.length, 2);
    assert.equal(codings[0], onDisk[0]);
  });
});

describe('Saved queries in the comparison matrix', () => {
  it('adds each query as a code whose passages are its results', () => {
    const input = { codebook, cases, documents: documents.map(matrixDocument) };
    const { input: extended, failed } = withQueryCodes(input, documents, [
      { name: 'money-then-conflict', query: query('followed-by', 'money', 'conflict', { within: 100 }) },
      { name: 'broken', query: query('and', 'money', 'nothing') },
    ]);
    assert.deepEqual(failed.map((f) => f.name), ['broken']);
    const matrix = computeCodeMatrix(extended, { columns: { kind: 'case' }, rollUp: false });
    const row = matrix.rows.find((r) => r.code === 'query:money-then-conflict')!;
    assert.equal(row.name, 'Query: money-then-conflict');
    assert.deepEqual(row.cells.segments, [2, 1]);
    // The codebook's own rows, and the row of all codes, are unchanged.
    assert.deepEqual(matrix.all, computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false }).all);
    assert.deepEqual(matrix.rows.find((r) => r.code === 'money')!.cells.segments, computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false }).rows.find((r) => r.code === 'money')!.cells.segments);
  });
});
