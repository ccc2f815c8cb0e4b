// Attributes from CSV: the parser (RFC 4180 quoting, BOM, separators) and the import plan (matching
// by path, file name, case id or name; what did not match; one write that changes only value lines).
import { strict as assert } from 'node:assert';
import { parseCases } from '../../src/core/cases/cases';
import { CsvError, parseCsv } from '../../src/core/cases/csv';
import { applyAttributeImport, describeChange, planAttributeImport } from '../../src/core/cases/import';

const CASES = `attributes:
  region: { type: choice, values: [North, South] }
  population: { type: number }
  role: { type: text }
cases:
  # first
  - id: velden
    name: Velden
    attributes: { region: North }
    documents:
      - path: transcripts/velden/official.txt
        attributes: { role: official }
  - id: san-aurelio
    name: San Aurelio
    documents:
      - transcripts/san-aurelio/ngo.txt
`;
const DOCUMENTS = ['transcripts/velden/official.txt', 'transcripts/san-aurelio/ngo.txt', 'transcripts/loose/x.txt', 'a/same.txt', 'b/same.txt'];

describe('CSV', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, a BOM and CRLF', () => {
    const table = parseCsv('\ufeffdocument,note\r\n"a,b","say ""hi""\r\nagain"\r\nc,\r\n');
    assert.equal(table.separator, ',');
    assert.deepEqual(table.rows, [
      ['document', 'note'],
      ['a,b', 'say "hi"\r\nagain'],
      ['c', ''],
    ]);
    assert.deepEqual(table.lines, [1, 2, 4]);
  });

  it('detects ; and tab separators, and skips empty rows', () => {
    assert.deepEqual(parseCsv('path;population\nx;"1,5"\n\n').rows, [
      ['path', 'population'],
      ['x', '1,5'],
    ]);
    assert.equal(parseCsv('a\tb\n1\t2').separator, '\t');
  });

  it('reports an unclosed quote and text after a closing quote with their line', () => {
    assert.throws(() => parseCsv('a,b\n"open,1\n'), (e: unknown) => e instanceof CsvError && e.line === 2);
    assert.throws(() => parseCsv('a,b\n"x"y,1\n'), /Line 2: text follows the closing quote/);
  });
});

describe('attribute import', () => {
  const cases = parseCases(CASES).cases;

  it('matches documents by path and by file name, cases by id or name, and reports the rest', () => {
    const table = parseCsv(
      [
        'document,region,population,role,funding',
        'transcripts/velden/official.txt,,,politician,',
        'ngo.txt,,,ngo,12000',
        'San Aurelio,South,182000,,',
        'velden,North,abc,,',
        'same.txt,,,x,',
        'transcripts/loose/x.txt,,,x,',
        'nothing.txt,,,x,',
        'velden,East,,,',
      ].join('\n'),
    );
    const plan = planAttributeImport(cases, DOCUMENTS, table);
    assert.deepEqual(plan.changes.map(describeChange), [
      'transcripts/velden/official.txt · role: official → politician',
      'transcripts/san-aurelio/ngo.txt · role: ∅ → ngo',
      'San Aurelio · region: ∅ → South',
      'San Aurelio · population: ∅ → 182000',
    ]);
    assert.deepEqual(plan.newAttributes, [{ name: 'funding', type: 'number' }]);
    assert.deepEqual(plan.changesOfNewAttributes.map(describeChange), ['transcripts/san-aurelio/ngo.txt · funding: ∅ → 12000']);
    assert.deepEqual(
      plan.unmatched.map((u) => [u.line, u.key]),
      [
        [6, 'same.txt'],
        [7, 'transcripts/loose/x.txt'],
        [8, 'nothing.txt'],
      ],
    );
    assert.match(plan.unmatched[0].reason, /2 documents are named same\.txt/);
    assert.match(plan.unmatched[1].reason, /in no case/);
    assert.deepEqual(
      plan.refused.map((r) => [r.line, r.attribute]),
      [
        [5, 'population'],
        [9, 'region'],
      ],
    );
    assert.equal(plan.unchanged, 1, 'velden is North already');

    const written = applyAttributeImport(CASES, plan, false);
    const after = parseCases(written).cases;
    assert.equal(after.cases[0].documents[0].attributes.role, 'politician');
    assert.deepEqual(after.cases[1].attributes, { region: 'South', population: 182000 });
    assert.ok(written.startsWith(CASES.slice(0, CASES.indexOf('  # first'))), 'the definitions are untouched without new attributes');
    assert.ok(written.includes('  # first\n'), 'comments kept');

    const withNew = parseCases(applyAttributeImport(CASES, plan, true)).cases;
    assert.deepEqual(withNew.attributes.at(-1), { name: 'funding', type: 'number' });
    assert.equal(withNew.cases[1].documents[0].attributes.funding, 12000);
  });
});
