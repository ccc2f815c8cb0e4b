import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCases, type Cases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import { csv, csvField } from '../../src/core/util/csv';
import {
  cellSegments,
  codeMatrixCsv,
  codeMatrixMarkdown,
  computeCodeMatrix,
  formatMetric,
  markdownCell,
  matrixColumns,
  metricValue,
  NO_VALUE,
  orderRows,
  unionLength,
  type MatrixDocument,
  type MatrixInput,
} from '../../src/core/matrix';
import { matrixDocument } from '../../src/core/matrix/input';
import type { Code } from '../../src/core/model';

// A small study: codes P (with children A and B) and C; three documents in two cases.
const CODES: Code[] = [
  { id: 'p', name: 'Parent' },
  { id: 'a', name: 'Alpha', parentId: 'p' },
  { id: 'b', name: 'Beta', parentId: 'p' },
  { id: 'c', name: 'Gamma' },
];
const codebook = new Codebook(CODES);
const cases: Cases = parseCases(
  `attributes:
  region: { type: choice, values: [North, South] }
  role: { type: choice, values: [politician, official, ngo] }
cases:
  - id: north
    name: Northtown
    attributes: { region: North }
    documents:
      - path: d1.txt
        attributes: { role: official }
  - id: south
    name: Southville
    attributes: { region: South }
    documents:
      - path: d2.txt
        attributes: { role: ngo }
      - path: d3.txt
  - id: empty
    name: Nobody
`,
).cases;

function doc(path: string, length: number, segments: Array<[id: string, code: string, start: number, end: number, coder?: string]>, orphans: Array<[string, string, string?]> = []): MatrixDocument {
  return {
    path,
    text: 'x'.repeat(length),
    length,
    segments: segments.map(([id, code, start, end, coder]) => ({ id, code, start, end, coder: coder ?? 'Ann' })).sort((x, y) => x.start - y.start),
    orphans: orphans.map(([id, code, coder]) => ({ id, code, coder: coder ?? 'Ann' })),
  };
}

const input: MatrixInput = {
  codebook,
  cases,
  documents: [
    doc('d1.txt', 100, [
      ['1', 'a', 0, 10],
      ['2', 'a', 5, 15],
      ['3', 'b', 12, 20, 'Bob'],
      ['4', 'c', 50, 60],
    ]),
    doc('d2.txt', 200, [
      ['5', 'a', 0, 50],
      ['6', 'c', 10, 20, 'Bob'],
      ['7', 'x', 0, 5],
    ], [['8', 'a']]),
    doc('d3.txt', 50, []),
    doc('loose.txt', 10, [['9', 'b', 0, 10]]),
  ],
};

describe('matrix: span arithmetic', () => {
  it('counts overlapping spans once', () => {
    assert.equal(unionLength([]), 0);
    assert.equal(unionLength([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 21 }]), 16);
    assert.equal(unionLength([{ start: 3, end: 3 }]), 0);
    assert.equal(unionLength([{ start: 0, end: 5 }, { start: 5, end: 10 }]), 10);
  });

  it('equals the number of distinct code points covered (random spans)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(60), fc.nat(20)), { maxLength: 30 }), (pairs) => {
        const spans = pairs.map(([start, length]) => ({ start, end: start + length }));
        const covered = new Set<number>();
        for (const s of spans) for (let i = s.start; i < s.end; i++) covered.add(i);
        assert.equal(unionLength(spans), covered.size);
      }),
    );
  });
});

describe('matrix: columns', () => {
  it('has a column per document, per case (documents without one last), or per attribute value in the declared order', () => {
    assert.deepEqual(
      matrixColumns(input.documents, cases, { kind: 'document' }).map((c) => [c.key, c.length]),
      [['d1.txt', 100], ['d2.txt', 200], ['d3.txt', 50], ['loose.txt', 10]],
    );
    assert.deepEqual(
      matrixColumns(input.documents, cases, { kind: 'case' }).map((c) => [c.key, c.label, c.documents, c.length]),
      [['north', 'Northtown', [0], 100], ['south', 'Southville', [1, 2], 250], ['empty', 'Nobody', [], 0], [NO_VALUE, '(no case)', [3], 10]],
    );
    assert.deepEqual(
      matrixColumns(input.documents, cases, { kind: 'attribute', attribute: 'region' }).map((c) => [c.label, c.documents]),
      [['North', [0]], ['South', [1, 2]], ['(none)', [3]]],
    );
    // Document attributes override the case's; values that occur only; in the declared order.
    assert.deepEqual(
      matrixColumns(input.documents, cases, { kind: 'attribute', attribute: 'role' }, { noCase: '-', noValue: 'nothing' }).map((c) => [c.label, c.documents]),
      [['official', [0]], ['ngo', [1]], ['nothing', [2, 3]]],
    );
  });
});

describe('matrix: code x column', () => {
  it('counts segments, documents and covered code points per code and case', () => {
    const m = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false });
    const row = (code: string) => m.rows.find((r) => r.code === code)!;
    assert.deepEqual(m.rows.map((r) => [r.code, r.depth, r.hasChildren]), [['p', 0, true], ['a', 1, false], ['b', 1, false], ['c', 0, false]]);
    assert.deepEqual(row('a').cells, { segments: [2, 1, 0, 0], documents: [1, 1, 0, 0], covered: [15, 50, 0, 0] });
    assert.deepEqual(row('p').cells, { segments: [0, 0, 0, 0], documents: [0, 0, 0, 0], covered: [0, 0, 0, 0] });
    assert.deepEqual(row('b').cells.segments, [1, 0, 0, 1]);
    assert.deepEqual(row('a').total, { segments: 3, documents: 2, covered: 65 });
    // All codes: union per document; d1: [0,20) + [50,60) = 30; d2: [0,50) = 50 (x is unknown).
    assert.deepEqual(m.all.cells, { segments: [4, 2, 0, 1], documents: [1, 1, 0, 1], covered: [30, 50, 0, 10] });
    assert.deepEqual(m.excluded, { orphans: 1, unknownCodes: 1 });
    assert.deepEqual(m.coders, ['Ann', 'Bob']);
    assert.equal(m.length, 360);
  });

  it('rolls sub-codes up into their parents, overlaps counted once', () => {
    const m = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: true });
    const p = m.rows.find((r) => r.code === 'p')!;
    // d1: a [0,10) [5,15) and b [12,20): 3 segments covering [0,20).
    assert.deepEqual(p.cells, { segments: [3, 1, 0, 1], documents: [1, 1, 0, 1], covered: [20, 50, 0, 10] });
    assert.deepEqual(m.rows.find((r) => r.code === 'a')!.cells.segments, [2, 1, 0, 0]);
  });

  it('filters by coder, orphans included', () => {
    const m = computeCodeMatrix(input, { columns: { kind: 'document' }, rollUp: false, coders: new Set(['Bob']) });
    assert.deepEqual(m.rows.find((r) => r.code === 'b')!.cells.segments, [1, 0, 0, 0]);
    assert.deepEqual(m.rows.find((r) => r.code === 'c')!.cells.segments, [0, 1, 0, 0]);
    assert.deepEqual(m.excluded, { orphans: 0, unknownCodes: 0 });
  });

  it('agrees with a naive computation on random studies', () => {
    const segment = fc.record({ code: fc.constantFrom('p', 'a', 'b', 'c', 'zz'), start: fc.nat(80), length: fc.nat(30), coder: fc.constantFrom('Ann', 'Bob') });
    fc.assert(
      fc.property(fc.array(fc.array(segment, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('document', 'case'), fc.boolean(), (docs, rollUp, kind, onlyAnn) => {
        const documents = docs.map((list, d) =>
          doc(
            ['d1.txt', 'd2.txt', 'd3.txt', 'loose.txt'][d],
            120,
            list.map((s, i) => [`${d}-${i}`, s.code, s.start, s.start + s.length, s.coder]),
          ),
        );
        const random: MatrixInput = { codebook, cases, documents };
        const coders = onlyAnn ? new Set(['Ann']) : undefined;
        const columns = kind === 'document' ? ({ kind: 'document' } as const) : ({ kind: 'case' } as const);
        const m = computeCodeMatrix(random, { columns, rollUp, coders });
        m.columns.forEach((column, c) => {
          for (const row of m.rows) {
            const codes = new Set([row.code, ...(rollUp ? codebook.descendants(row.code).map((x) => x.id) : [])]);
            let segments = 0;
            let documentsWith = 0;
            let covered = 0;
            for (const index of column.documents) {
              const found = documents[index].segments.filter((s) => codes.has(s.code) && (!coders || coders.has(s.coder)));
              segments += found.length;
              if (found.length > 0) documentsWith++;
              const points = new Set<number>();
              for (const s of found) for (let i = s.start; i < s.end; i++) points.add(i);
              covered += points.size;
            }
            assert.deepEqual([row.cells.segments[c], row.cells.documents[c], row.cells.covered[c]], [segments, documentsWith, covered], `${row.code} in ${column.key}`);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('lists the segments behind a cell, with sub-codes when rolled up, and behind the totals', () => {
    const ids = (selection: { code: string | undefined; column: string | undefined }, rollUp = false) =>
      cellSegments(input, { columns: { kind: 'case' }, rollUp }, selection).map((s) => s.segment.id);
    assert.deepEqual(ids({ code: 'a', column: 'north' }), ['1', '2']);
    assert.deepEqual(ids({ code: 'p', column: 'north' }), []);
    assert.deepEqual(ids({ code: 'p', column: 'north' }, true), ['1', '2', '3']);
    assert.deepEqual(ids({ code: 'a', column: undefined }), ['1', '2', '5']);
    assert.deepEqual(ids({ code: undefined, column: 'south' }), ['5', '6']);
    assert.deepEqual(ids({ code: 'b', column: NO_VALUE }), ['9']);
  });

  it('builds its input from placed documents, orphans apart and code points counted', () => {
    const placed = matrixDocument({
      path: 't.txt',
      text: 'a😀b\nc',
      version: 'v',
      codings: [
        { coding: { id: 'o', code: 'a', start: 0, end: 1, quote: 'a', prefix: '', suffix: '', version: 'old', coder: 'Ann', created: '' }, span: undefined, orphanReason: 'gone' },
        { coding: { id: 'k', code: 'b', start: 1, end: 3, quote: '😀b', prefix: '', suffix: '', version: 'v', coder: 'Bob', created: '' }, span: { start: 1, end: 3 } },
      ],
    });
    assert.equal(placed.length, 5);
    assert.deepEqual(placed.segments, [{ id: 'k', code: 'b', coder: 'Bob', start: 1, end: 3 }]);
    assert.deepEqual(placed.orphans, [{ id: 'o', code: 'a', coder: 'Ann' }]);
  });
});

describe('matrix: metrics and order', () => {
  it('turns measures into the metric shown', () => {
    const cell = { segments: 3, documents: 2, covered: 25, length: 1000 };
    assert.equal(metricValue('segments', cell), 3);
    assert.equal(metricValue('documents', cell), 2);
    assert.equal(metricValue('coverage', cell), 0.025);
    assert.equal(metricValue('presence', cell), 1);
    assert.equal(metricValue('coverage', { ...cell, length: 0 }), 0);
    assert.equal(formatMetric('coverage', 0.025), '2.5%');
    assert.equal(formatMetric('coverage', 0.0004), '<0.1%');
    assert.equal(formatMetric('coverage', 0), '0%');
    assert.equal(formatMetric('presence', 1), '●');
    assert.equal(formatMetric('presence', 0), '');
    assert.equal(formatMetric('segments', 12), '12');
  });

  it('sorts siblings by a key, keeps children under their parent, and hides what is collapsed', () => {
    const rows = [{ code: 'p' }, { code: 'a', parent: 'p' }, { code: 'b', parent: 'p' }, { code: 'c' }, { code: 'd', parent: 'c' }];
    const value = [5, 1, 9, 7, 0];
    assert.deepEqual(orderRows(rows, undefined, true), [0, 1, 2, 3, 4]);
    assert.deepEqual(orderRows(rows, (i) => value[i], true), [3, 4, 0, 2, 1]);
    assert.deepEqual(orderRows(rows, (i) => value[i], false), [0, 1, 2, 3, 4]);
    assert.deepEqual(orderRows(rows, undefined, true, new Set(['p'])), [0, 3, 4]);
    // Ties keep codebook order.
    assert.deepEqual(orderRows(rows, () => 1, true), [0, 1, 2, 3, 4]);
  });
});

describe('matrix: export', () => {
  it('quotes CSV fields that need it and ends lines with CRLF', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(' padded'), '" padded"');
    assert.equal(csv([['a', 'b'], ['1', '2']]), 'a,b\r\n1,2\r\n');
  });

  it('escapes Markdown table cells', () => {
    assert.equal(markdownCell('a | b'), 'a \\| b');
    assert.equal(markdownCell('one\ntwo'), 'one<br>two');
    assert.equal(markdownCell('back\\slash'), 'back\\\\slash');
  });

  it('writes the code matrix with a path per code, the total column and the all-codes row', () => {
    const m = computeCodeMatrix(input, { columns: { kind: 'case' }, rollUp: false });
    const order = orderRows(m.rows, undefined, true);
    const text = codeMatrixCsv(m, 'segments', order, (code) => codebook.pathLabel(code));
    assert.equal(
      text,
      [
        'Code id,Code,Northtown,Southville,Nobody,(no case),Total',
        'p,Parent,0,0,0,0,0',
        'a,Parent › Alpha,2,1,0,0,3',
        'b,Parent › Beta,1,0,0,1,2',
        'c,Gamma,1,1,0,0,2',
        ',All codes,4,2,0,1,7',
        '',
      ].join('\r\n'),
    );
    assert.match(codeMatrixCsv(m, 'coverage', order, (code) => code), /^a,a,0\.15,0\.2,0,0,0\.180556\r$/m);
    assert.match(codeMatrixCsv(m, 'presence', order, (code) => code), /^a,a,1,1,0,0,2\r$/m);
    const markdown = codeMatrixMarkdown(m, 'coverage', order);
    assert.match(markdown, /^\| Code \| Northtown \| Southville \| Nobody \| \(no case\) \| Total \|\n\| --- \| ---: \| ---: \| ---: \| ---: \| ---: \|\n/);
    assert.match(markdown, /\| \u00a0\u00a0Alpha \| 15\.0% \| 20\.0% \| 0% \| 0% \| 18\.1% \|/);
    assert.match(markdown, /\| \*\*All codes\*\* \|/);
  });
});
