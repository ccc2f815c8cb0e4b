import { strict as assert } from 'node:assert';
import { Codebook } from '../../src/core/codebook/codebook';
import { NO_CASES } from '../../src/core/cases/cases';
import { countCodings } from '../../src/core/statistics/counts';
import { CodebookTreeModel, foldForSearch, SegmentIndex } from '../../src/codebook-view/model';
import { firstWords } from '../../src/core/retrieval/segment-row';

const codebook = new Codebook([
  { id: 'org', name: 'Organisation', description: 'How partnerships are organised.' },
  { id: 'policy', name: 'Policy', parentId: 'org' },
  { id: 'money', name: 'Resources', parentId: 'org', description: 'Money, staff time and équipement.' },
  { id: 'ctx', name: 'Context' },
  { id: 'volatility', name: 'Political volatility', parentId: 'ctx' },
]);
const files = [
  { documentPath: 'a.txt', codings: [{ code: 'policy' }, { code: 'policy' }, { code: 'money' }] },
  { documentPath: 'b.txt', codings: [{ code: 'policy' }, { code: 'org' }] },
];

describe('codebook tree model', () => {
  const counts = countCodings(codebook, files);

  it('shows own counts, the total with sub-codes for a theme, and tooltips with the path', () => {
    const model = new CodebookTreeModel(codebook, counts, undefined);
    assert.deepEqual(model.roots().map((r) => [r.label, r.description, r.hasChildren, r.hasSegments]), [
      ['Organisation', '1 · 1 doc (Σ 5)', true, true],
      ['Context', '', true, false],
    ]);
    assert.deepEqual(model.children('org').map((r) => r.description), ['3 · 2 docs', '1 · 1 doc']);
    assert.match(model.row('money')!.tooltip, /^\*\*Organisation › Resources\*\*\n\nMoney, staff time and équipement\.\n\n1 coding in 1 document$/);
  });

  it('filters by name, description or id, ignoring case and accents, keeping ancestors', () => {
    const byName = new CodebookTreeModel(codebook, counts, 'VOLAT');
    assert.deepEqual(byName.roots().map((r) => r.code.id), ['ctx']);
    assert.deepEqual(byName.children('ctx').map((r) => [r.code.id, r.matched]), [['volatility', true]]);
    assert.equal(byName.row('ctx')!.matched, false);
    const byDescription = new CodebookTreeModel(codebook, counts, 'equipement');
    assert.deepEqual(byDescription.roots().map((r) => r.code.id), ['org']);
    assert.deepEqual(byDescription.children('org').map((r) => r.code.id), ['money']);
    assert.equal(byDescription.row('org')!.hasChildren, true);
    assert.equal(new CodebookTreeModel(codebook, counts, 'nothing like this').roots().length, 0);
    assert.equal(new CodebookTreeModel(codebook, counts, '  ').filtered, false);
    assert.equal(foldForSearch('Équipement'), 'equipement');
  });

  it('lists a code\'s segments in document order with file, line and coder', () => {
    const text = 'line one\nthe policy passage here\n';
    const coding = (id: string, code: string, start: number, end: number) => ({
      coding: { id, code, start, end, quote: text.slice(start, end), prefix: '', suffix: '', version: 'v', coder: 'Marike', created: 'x' },
      span: { start, end },
    });
    const documents = [
      { path: 'transcripts/b.txt', text, version: 'v', codings: [coding('2', 'policy', 9, 19)] },
      { path: 'transcripts/a.txt', text, version: 'v', codings: [coding('1', 'policy', 9, 32)] },
    ];
    const index = new SegmentIndex(codebook, NO_CASES, documents);
    assert.equal(index.count('policy'), 2);
    assert.deepEqual(index.rows('policy').map((r) => [r.label, r.description]), [
      ['the policy passage here', 'a.txt:2 · Marike'],
      ['the policy', 'b.txt:2 · Marike'],
    ]);
    assert.equal(index.rows('policy', 1).length, 1);
  });

  it('shortens a segment to its first words', () => {
    assert.equal(firstWords('  a\n short\ttext '), 'a short text');
    assert.equal(firstWords('word '.repeat(30), 20), 'word word word word…');
  });
});
