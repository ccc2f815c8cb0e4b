import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCases } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import type { Coding } from '../../src/core/model';
import type { PlacedDocument } from '../../src/core/study/placement';
import { segmentsToCsv } from '../../src/core/retrieval/csv';
import { BYTE_ORDER_MARK, csvField, parseCsv } from '../../src/core/util/csv';
import { escapeMarkdown, segmentsReport, segmentsReportParts, sourceReference } from '../../src/core/retrieval/markdown';
import { formatQuotation as quotation } from '../../src/core/retrieval/quotation';
import { filterChoices, isFiltered, queriedCodes, retrieveSegments, type Segment } from '../../src/core/retrieval/segments';
import { TextPositions } from '../../src/core/retrieval/text-positions';
import { countCodings, documentProgress } from '../../src/core/statistics/counts';

const codebook = new Codebook([
  { id: 'org', name: 'Organisation' },
  { id: 'policy', name: 'Policy', parentId: 'org' },
  { id: 'money', name: 'Money', parentId: 'policy' },
  { id: 'context', name: 'Context' },
]);

const { cases } = parseCases(`attributes:
  region: { type: choice, values: [North, South] }
  role: { type: text }
cases:
  - id: velden
    name: Velden
    attributes: { region: North }
    documents:
      - path: t/velden.txt
        attributes: { role: official }
  - id: san-aurelio
    name: San Aurelio
    attributes: { region: South }
    documents:
      - path: t/sa.txt
        attributes: { role: ngo }
`);

const VELDEN = '# header\n\n[00:00:48] I: Wat doet u?\n\n[00:00:58] R: Ik ben coördinator. De gemeente gaf een subsidie.\nNieuwe regel 😀 hier.\n';
const SA = '[00:01:00] R: El presupuesto participativo, "sí", fue clave.\n';

function placed(path: string, text: string, items: Array<[string, string, number, number, string?]>): PlacedDocument {
  return {
    path,
    text,
    version: 'v',
    codings: items.map(([id, code, start, end, coder]) => {
      const coding: Coding = {
        id,
        code,
        start,
        end,
        quote: [...text].slice(start, end).join(''),
        prefix: '',
        suffix: '',
        version: 'v',
        coder: coder ?? 'Marike',
        created: '2026-01-01T00:00:00.000Z',
      };
      return { coding, span: { start, end } };
    }),
  };
}

function withOrphan(document: PlacedDocument): PlacedDocument {
  const coding: Coding = { id: 'o1', code: 'policy', start: 5, end: 9, quote: 'lost', prefix: 'pre ', suffix: ' post', version: 'old', coder: 'Marike', created: '2026-01-01T00:00:00.000Z' };
  return { ...document, codings: [...document.codings, { coding, span: undefined, orphanReason: 'gone' }] };
}

const cp = (text: string, needle: string) => [...text.slice(0, text.indexOf(needle))].length;
const vStart = cp(VELDEN, 'De gemeente');
const vEmoji = cp(VELDEN, 'Nieuwe');
const saStart = cp(SA, 'El presupuesto');
const documents: PlacedDocument[] = [
  placed('t/velden.txt', VELDEN, [
    ['v1', 'policy', vStart, vStart + 'De gemeente gaf een subsidie.'.length],
    ['v2', 'money', vEmoji, vEmoji + 'Nieuwe regel 😀 hier.'.length - 1, 'Joaquín'],
    ['v3', 'context', 0, 8],
    ['v4', 'ghost', 0, 3],
  ]),
  withOrphan(placed('t/sa.txt', SA, [['s1', 'policy', saStart, saStart + 30]])),
];

describe('retrieval of segments', () => {
  it('finds a code\'s segments, with sub-codes on request, in codebook then document order', () => {
    const own = retrieveSegments(codebook, cases, documents, { codeIds: ['policy'], includeSubcodes: false });
    assert.deepEqual(own.map((s) => s.codingId), ['s1', 'o1', 'v1']);
    const withSub = retrieveSegments(codebook, cases, documents, { codeIds: ['org'], includeSubcodes: true });
    assert.deepEqual(withSub.map((s) => s.codingId), ['s1', 'o1', 'v1', 'v2']);
    assert.deepEqual(queriedCodes(codebook, { codeIds: ['org'], includeSubcodes: true }), ['org', 'policy', 'money']);
  });

  it('gives text, line, timestamp, context, case and attributes of a segment', () => {
    const [v1] = retrieveSegments(codebook, cases, documents, { codeIds: ['policy'], includeSubcodes: false, documents: ['t/velden.txt'] });
    assert.equal(v1.text, 'De gemeente gaf een subsidie.');
    assert.equal(v1.line, 5);
    assert.equal(v1.endLine, 5);
    assert.equal(v1.timestamp, '00:00:58');
    assert.equal(v1.before, '[00:00:58] R: Ik ben coördinator. ');
    assert.equal(v1.after, '\nNieuwe regel 😀 hier.\n');
    assert.equal(v1.caseName, 'Velden');
    assert.equal(v1.codePath, 'Organisation › Policy');
    assert.deepEqual(v1.attributes, { region: 'North', role: 'official' });
  });

  it('counts code points past an astral character', () => {
    const [v2] = retrieveSegments(codebook, cases, documents, { codeIds: ['money'], includeSubcodes: false });
    assert.equal(v2.text, 'Nieuwe regel 😀 hier.');
    assert.equal(v2.line, 6);
  });

  it('keeps an orphan with its stored quote and no line', () => {
    const orphan = retrieveSegments(codebook, cases, documents, { codeIds: ['policy'], includeSubcodes: false }).find((s) => s.orphan);
    assert.equal(orphan?.text, 'lost');
    assert.equal(orphan?.line, undefined);
    assert.match(sourceReference(orphan!), /not found in the current text/);
  });

  it('filters by document, case, attribute and coder; across filters all must hold', () => {
    const q = { codeIds: ['org'], includeSubcodes: true };
    const ids = (extra: object) => retrieveSegments(codebook, cases, documents, { ...q, ...extra }).map((s) => s.codingId);
    assert.deepEqual(ids({ cases: ['san-aurelio'] }), ['s1', 'o1']);
    assert.deepEqual(ids({ attributes: { region: ['North'] } }), ['v1', 'v2']);
    assert.deepEqual(ids({ attributes: { region: ['North', 'South'], role: ['ngo'] } }), ['s1', 'o1']);
    assert.deepEqual(ids({ coders: ['Joaquín'] }), ['v2']);
    assert.deepEqual(ids({ documents: ['t/velden.txt'], coders: ['Marike'] }), ['v1']);
    assert.deepEqual(ids({ cases: [] }), ['s1', 'o1', 'v1', 'v2']);
    assert.equal(isFiltered({ ...q, cases: [] }), false);
    assert.equal(isFiltered({ ...q, attributes: { region: ['North'] } }), true);
  });

  it('offers the values in use as filter choices, defined choice order first', () => {
    const choices = filterChoices(cases, documents);
    assert.deepEqual(choices.coders, ['Joaquín', 'Marike']);
    assert.deepEqual(choices.cases.map((c) => c.id), ['velden', 'san-aurelio']);
    assert.deepEqual([...choices.attributes.entries()], [['region', ['North', 'South']], ['role', ['ngo', 'official']]]);
  });

  it('retrieves all codes of the codebook for an empty code list, not unknown codes', () => {
    const all = retrieveSegments(codebook, cases, documents, { codeIds: [], includeSubcodes: false });
    assert.ok(!all.some((s) => s.codeId === 'ghost'));
    assert.equal(all.length, 5);
    const ghost = retrieveSegments(codebook, cases, documents, { codeIds: ['ghost'], includeSubcodes: true });
    assert.deepEqual(ghost.map((s) => [s.codePath, s.codeName]), [['ghost', 'ghost']]);
  });
});

describe('text positions', () => {
  it('stops context at a blank line and at word boundaries', () => {
    const text = 'first para\n\nsome words before THE SEGMENT and words after it\n\nnext';
    const p = new TextPositions(text);
    const start = text.indexOf('THE');
    const end = start + 'THE SEGMENT'.length;
    assert.deepEqual(p.context(start, end, 100), { before: 'some words before ', after: ' and words after it' });
    assert.deepEqual(p.context(start, end, 8), { before: 'before ', after: ' and' });
  });

  it('finds lines for every offset, matching a naive count (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\n', '😀', 'é', ' '), { maxLength: 40 }), fc.nat(), (chars, k) => {
        const text = chars.join('');
        const offset = chars.length === 0 ? 0 : k % (chars.length + 1);
        const expected = chars.slice(0, offset).filter((c) => c === '\n').length + 1;
        assert.equal(new TextPositions(text).lineOf(offset), expected);
      }),
    );
  });
});

describe('CSV export', () => {
  const segments = retrieveSegments(codebook, cases, documents, { codeIds: ['org'], includeSubcodes: true });

  it('writes RFC 4180: header, CRLF records, quoted fields with doubled quotes, a BOM by default', () => {
    const csv = segmentsToCsv(segments, { attributes: cases.attributes });
    assert.ok(csv.startsWith(BYTE_ORDER_MARK));
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ['document', 'case', 'case_name', 'code_id', 'code', 'code_path', 'coder', 'start', 'end', 'line', 'end_line', 'timestamp', 'text', 'memo', 'orphan', 'coding_id', 'created', 'region', 'role']);
    assert.equal(rows.length, 1 + segments.length);
    const s1 = rows.find((r) => r[15] === 's1')!;
    assert.equal(s1[12], 'El presupuesto participativo, ');
    assert.equal(s1[0], 't/sa.txt');
    assert.equal(s1[17], 'South');
    const v2 = rows.find((r) => r[15] === 'v2')!;
    assert.equal(v2[5], 'Organisation › Policy › Money');
    assert.ok(csv.includes('"El presupuesto participativo, "'));
    assert.equal(segmentsToCsv([], { byteOrderMark: false }).startsWith('document,'), true);
  });

  it('round-trips any text through quoting (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') }), { minLength: 1, maxLength: 5 }), (fields) => {
        const line = fields.map(csvField).join(',') + '\r\n';
        assert.deepEqual(parseCsv(line), [fields]);
      }),
    );
  });

  it('prefixes an attribute column named like a fixed column', () => {
    const [first] = segments;
    const csv = segmentsToCsv([{ ...first, attributes: { case: 'x' } } as Segment], {});
    assert.deepEqual(parseCsv(csv)[0].slice(-1), ['attribute_case']);
  });
});

describe('Markdown quotations', () => {
  const [v1] = retrieveSegments(codebook, cases, documents, { codeIds: ['policy'], includeSubcodes: false, documents: ['t/velden.txt'] });

  it('quotes a segment with case, file, line and timestamp', () => {
    assert.equal(quotation(v1), '> De gemeente gaf een subsidie.\n>\n> — Velden, velden.txt, line 5, 00:00:58');
  });

  it('escapes markup so transcript text shows as written', () => {
    assert.equal(escapeMarkdown('a *b* _c_ <script> [x](y) `z`'), 'a \\*b\\* \\_c\\_ \\<script> [x\\](y) \\`z\\`');
    assert.equal(escapeMarkdown('# not a heading\n- not a list\n12. no'), '\\# not a heading\n\\- not a list\n12\\. no');
  });

  it('reports segments grouped by code with context and links', () => {
    const segments = retrieveSegments(codebook, cases, documents, { codeIds: ['org'], includeSubcodes: true });
    const report = segmentsReport(segments, { title: 'Segments', criteria: ['Codes: Organisation'], link: (s) => `file:///${s.documentPath}` });
    assert.match(report, /^# Segments\n\n- Codes: Organisation\n\n4 segments in 2 documents\./);
    assert.match(report, /## Organisation › Policy \(3\)/);
    assert.match(report, /### \[Velden, velden.txt, line 5, 00:00:58\]\(file:\/\/\/t\/velden.txt\)/);
    assert.match(report, /> \*…\[00:00:58\] R: Ik ben coördinator\.\* \*\*De gemeente gaf een subsidie\.\*\* \*Nieuwe/);
    assert.match(report, /\*\*orphan\*\*/);
  });

  it('gives the report in parts, to show as it is written: the heading, then one part per segment', () => {
    const segments = retrieveSegments(codebook, cases, documents, { codeIds: ['org'], includeSubcodes: true });
    const heading = { title: 'Segments', criteria: ['Codes: Organisation'] };
    const parts = [...segmentsReportParts(segments, heading)];
    assert.equal(parts.length, segments.length + 1);
    assert.match(parts[0], /^# Segments\n\n- Codes: Organisation\n\n4 segments in 2 documents\.\n$/);
    assert.ok(parts.slice(1).every((p) => /^(## [^\n]+\n\n)?### /.test(p)));
    assert.equal(parts.join('\n'), segmentsReport(segments, heading));
  });
});

describe('statistics', () => {
  it('counts codings and documents per code, own and with sub-codes, and unknown codes', () => {
    const files = [
      { documentPath: 'a', codings: [{ code: 'policy' }, { code: 'money' }, { code: 'money' }, { code: 'ghost' }] },
      { documentPath: 'b', codings: [{ code: 'money' }, { code: 'context' }] },
      { documentPath: 'a', codings: [{ code: 'policy' }] },
    ];
    const counts = countCodings(codebook, files);
    assert.deepEqual(counts.own.get('money'), { codings: 3, documents: 2 });
    assert.deepEqual(counts.own.get('policy'), { codings: 2, documents: 1 });
    assert.equal(counts.own.get('org'), undefined);
    assert.deepEqual(counts.total.get('org'), { codings: 5, documents: 2 });
    assert.deepEqual(counts.total.get('policy'), { codings: 5, documents: 2 });
    assert.deepEqual(counts.total.get('context'), { codings: 1, documents: 1 });
    assert.deepEqual(counts.unknown.get('ghost'), { codings: 1, documents: 1 });
    // The own document sets are not changed by the totals.
    assert.deepEqual(countCodings(codebook, files).own.get('policy'), { codings: 2, documents: 1 });
  });

  it('measures coverage as the union of placed spans, in code points', () => {
    const doc = placed('d', 'abcdefghij😀', [['1', 'policy', 0, 4], ['2', 'money', 2, 6], ['3', 'ghost', 8, 11]]);
    const progress = documentProgress(codebook, doc);
    assert.equal(progress.length, 11);
    assert.equal(progress.codedLength, 9);
    assert.deepEqual(progress.unknownCodes, ['ghost']);
    assert.equal(progress.codings, 3);
    assert.equal(progress.orphans, 0);
  });
});
