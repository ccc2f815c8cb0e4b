import { strict as assert } from 'node:assert';
import { caseOfDocument, documentAttributes, parseCases } from '../../src/core/cases/cases';

const CASES = `# Cases of the study
attributes:
  region: { type: choice, values: [North, South] }
  population: { type: number }
  interviewed: { type: date }
  role: text
cases:
  - id: velden
    name: Velden
    attributes: { region: North, population: 210000 }
    documents:
      - path: transcripts/velden/official.txt
        attributes: { role: official, interviewed: 2007-05-14 }
      - transcripts/velden/mayor.txt
  - id: san-aurelio
    name: San Aurelio
    attributes: { region: South }
    documents: []
`;

describe('cases.yaml', () => {
  it('reads typed attributes, cases and their documents', () => {
    const { cases, problems } = parseCases(CASES);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      cases.attributes.map((a) => [a.name, a.type]),
      [
        ['region', 'choice'],
        ['population', 'number'],
        ['interviewed', 'date'],
        ['role', 'text'],
      ],
    );
    assert.deepEqual(cases.cases.map((c) => c.id), ['velden', 'san-aurelio']);
    assert.deepEqual(documentAttributes(cases, 'transcripts/velden/official.txt'), {
      region: 'North',
      population: 210000,
      role: 'official',
      interviewed: '2007-05-14',
    });
    assert.equal(caseOfDocument(cases, 'transcripts/velden/mayor.txt')?.name, 'Velden');
    assert.equal(caseOfDocument(cases, 'transcripts/elsewhere.txt'), undefined);
  });

  it('reports values that do not fit their type, with the line', () => {
    const { problems } = parseCases(CASES.replace('region: North, population: 210000', 'region: East, population: many'));
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity]),
      [
        [10, 'warning'],
        [10, 'warning'],
      ],
    );
    assert.match(problems[0].message, /one of North, South/);
    assert.match(problems[1].message, /number/);
  });

  it('reports a document claimed by two cases and duplicate case ids', () => {
    const text = `cases:
  - id: a
    documents: [t.txt]
  - id: b
    documents: [t.txt]
  - id: a
`;
    const { cases, problems } = parseCases(text);
    assert.deepEqual(cases.cases.map((c) => [c.id, c.documents.length]), [
      ['a', 1],
      ['b', 0],
    ]);
    assert.deepEqual(problems.map((p) => p.line), [5, 6]);
  });

  it('reports a file that is not YAML with its line, and loads nothing from it', () => {
    const { cases, problems } = parseCases('cases:\n  - id: a\n    name: [unclosed\n');
    assert.equal(cases.ok, false);
    assert.equal(problems[0].file, 'cases.yaml');
    assert.equal(typeof problems[0].line, 'number');
    assert.equal(problems[0].severity, 'error');
  });

  it('treats an empty file as a study without cases', () => {
    assert.deepEqual(parseCases('').cases.cases, []);
  });
});
