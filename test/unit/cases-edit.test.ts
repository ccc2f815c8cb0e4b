// Editing cases.yaml from the sheet and the case commands: each edit changes only its own lines;
// comments, quoting and every other byte stay.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCases } from '../../src/core/cases/cases';
import { addAttributeDefinition, addCase, assignDocuments, CasesEditError, newCaseId, removeDocument, renameCase, setAttribute } from '../../src/core/cases/edit';
import { readAttributeInput } from '../../src/core/cases/values';

const EXAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'city-partnerships', 'cases.yaml'), 'utf8');

const CASES = `# Cases of the study
attributes:
  region: { type: choice, values: [North, South] }   # where
  population: { type: number }
  interviewed: { type: date }
  role: text
cases:
  # the first case
  - id: velden
    name: Velden
    attributes: { region: North, population: 210000 }
    documents:
      - path: transcripts/velden/official.txt   # the official
        attributes: { role: official, interviewed: 2007-05-14 }
      - transcripts/velden/mayor.txt  # no attributes yet
  - id: san-aurelio
    name: "San Aurelio"
    attributes:
      region: South   # block style
    documents: []
`;

/** The lines that differ, as [line number, before, after] (same line count assumed). */
function changedLines(before: string, after: string): Array<[number, string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'same number of lines');
  return a.flatMap((line, i): Array<[number, string, string]> => (line === b[i] ? [] : [[i + 1, line, b[i]]]));
}

/** The lines added and removed, in order (a plain line diff for inserts and deletes). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

describe('cases.yaml edits', () => {
  it('sets a case attribute in a flow map: only that line changes, its comment-free rest kept', () => {
    const after = setAttribute(CASES, { kind: 'case', caseId: 'velden' }, 'population', 215000);
    assert.deepEqual(changedLines(CASES, after), [[11, '    attributes: { region: North, population: 210000 }', '    attributes: { region: North, population: 215000 }']]);
  });

  it('sets a value in a block map keeping its comment, and adds a new key on its own line', () => {
    const changed = setAttribute(CASES, { kind: 'case', caseId: 'san-aurelio' }, 'region', 'North');
    assert.deepEqual(changedLines(CASES, changed), [[19, '      region: South   # block style', '      region: North   # block style']]);
    const added = setAttribute(CASES, { kind: 'case', caseId: 'san-aurelio' }, 'population', 182000);
    assert.deepEqual(lineDiff(CASES, added), { removed: [], added: ['      population: 182000'] });
  });

  it('sets a document attribute, and gives a bare document entry its first attribute', () => {
    const after = setAttribute(CASES, { kind: 'document', path: 'transcripts/velden/official.txt' }, 'interviewed', '2007-06-01');
    assert.deepEqual(changedLines(CASES, after), [
      [14, '        attributes: { role: official, interviewed: 2007-05-14 }', '        attributes: { role: official, interviewed: 2007-06-01 }'],
    ]);
    const bare = setAttribute(CASES, { kind: 'document', path: 'transcripts/velden/mayor.txt' }, 'role', 'mayor');
    assert.deepEqual(lineDiff(CASES, bare), {
      removed: ['      - transcripts/velden/mayor.txt  # no attributes yet'],
      added: ['      - path: transcripts/velden/mayor.txt  # no attributes yet', '        attributes: { role: mayor }'],
    });
    assert.equal(parseCases(bare).cases.cases[0].documents[1].attributes.role, 'mayor');
  });

  it('removes a value when the cell is emptied', () => {
    const after = setAttribute(CASES, { kind: 'case', caseId: 'velden' }, 'region', undefined);
    assert.deepEqual(changedLines(CASES, after), [[11, '    attributes: { region: North, population: 210000 }', '    attributes: { population: 210000 }']]);
  });

  it('removes a value from a map in braces written over lines, keeping the comment between its values', () => {
    const text = CASES.replace('    attributes: { region: North, population: 210000 }', '    attributes: { region: North,  # since 2001\n      population: 210000 }');
    const after = setAttribute(text, { kind: 'case', caseId: 'velden' }, 'population', undefined);
    assert.equal(after, CASES.replace('    attributes: { region: North, population: 210000 }', '    attributes: { region: North  # since 2001\n      }'));
  });

  it('quotes text that would read back as another type, and writes dates plain', () => {
    const after = setAttribute(CASES, { kind: 'document', path: 'transcripts/velden/official.txt' }, 'role', '1989');
    assert.match(after, /role: "1989"/);
    assert.equal(parseCases(after).cases.cases[0].documents[0].attributes.role, '1989');
  });

  it('edits the example study in one line each, every other byte kept', () => {
    const after = setAttribute(EXAMPLE, { kind: 'case', caseId: 'damankwa' }, 'population', 152000);
    const changed = changedLines(EXAMPLE, after);
    assert.equal(changed.length, 1);
    assert.match(changed[0][2], /population: 152000, since: 1997/);
    const crlf = EXAMPLE.replaceAll('\n', '\r\n');
    const afterCrlf = setAttribute(crlf, { kind: 'case', caseId: 'damankwa' }, 'population', 152000);
    assert.equal(afterCrlf, after.replaceAll('\n', '\r\n'), 'CRLF files stay CRLF');
  });

  it('declares a new attribute after the last one', () => {
    const after = addAttributeDefinition(CASES, { name: 'type', type: 'choice', values: ['interview', 'report'] });
    assert.deepEqual(lineDiff(CASES, after), { removed: [], added: ['  type: { type: choice, values: [interview, report] }'] });
    assert.deepEqual(parseCases(after).cases.attributes.at(-1), { name: 'type', type: 'choice', values: ['interview', 'report'] });
    assert.throws(() => addAttributeDefinition(CASES, { name: 'region', type: 'text' }), CasesEditError);
    assert.throws(() => addAttributeDefinition(CASES, { name: 'has space', type: 'text' }), CasesEditError);
    const fresh = addAttributeDefinition('cases:\n  - id: a\n', { name: 'city', type: 'text' });
    assert.equal(fresh, 'attributes:\n  city: { type: text }\ncases:\n  - id: a\n');
  });

  it('adds and renames cases; the id stays', () => {
    const cases = parseCases(CASES).cases;
    assert.equal(newCaseId(cases, 'Velden'), 'velden-2');
    assert.equal(newCaseId(cases, 'São Tomé'), 'sao-tome');
    const added = addCase(CASES, 'kassoumbe', 'Kassoumbé');
    assert.equal(added, CASES.replace('    documents: []\n', '    documents: []\n  - id: kassoumbe\n    name: Kassoumbé\n'));
    const renamed = renameCase(CASES, 'san-aurelio', 'San Aurelio de Lima');
    assert.deepEqual(changedLines(CASES, renamed), [[17, '    name: "San Aurelio"', '    name: "San Aurelio de Lima"']]);
    assert.equal(addCase('', 'a', 'A'), 'cases:\n  - id: a\n    name: A\n');
    assert.equal(addCase('cases: []\n', 'a', 'A'), 'cases:\n  - id: a\n    name: A\n');
  });

  it('moves a document with its attributes and comment to another case, only those lines changing', () => {
    const after = assignDocuments(CASES, ['transcripts/velden/official.txt'], 'san-aurelio');
    const velden = parseCases(after).cases.cases;
    assert.deepEqual(velden[0].documents.map((d) => d.path), ['transcripts/velden/mayor.txt']);
    assert.deepEqual(velden[1].documents, [{ path: 'transcripts/velden/official.txt', attributes: { role: 'official', interviewed: '2007-05-14' } }]);
    assert.equal(
      after,
      CASES.replace('      - path: transcripts/velden/official.txt   # the official\n        attributes: { role: official, interviewed: 2007-05-14 }\n', '').replace(
        '    documents: []\n',
        '    documents:\n      - path: transcripts/velden/official.txt   # the official\n        attributes: { role: official, interviewed: 2007-05-14 }\n',
      ),
    );
  });

  it('assigns new documents, keeps those already there, and empties a case to documents: []', () => {
    const after = assignDocuments(CASES, ['transcripts/new/a.txt', 'transcripts/velden/mayor.txt'], 'velden');
    assert.deepEqual(lineDiff(CASES, after), { removed: [], added: ['      - path: transcripts/new/a.txt'] });
    const moved = assignDocuments(CASES, ['transcripts/velden/official.txt', 'transcripts/velden/mayor.txt'], 'san-aurelio');
    assert.match(moved, /name: Velden\n {4}attributes: \{ region: North, population: 210000 \}\n {4}documents: \[\]\n/);
    assert.deepEqual(parseCases(moved).cases.cases[1].documents.map((d) => d.path), ['transcripts/velden/official.txt', 'transcripts/velden/mayor.txt']);
    assert.throws(() => assignDocuments(CASES, ['../outside.txt'], 'velden'), CasesEditError);
    assert.throws(() => assignDocuments(CASES, ['a.txt'], 'nowhere'), /no case "nowhere"/);
  });

  it('adds the documents key to a case that has none', () => {
    const text = 'cases:\n  - id: a\n    name: A\n  - id: b\n    name: B\n';
    assert.equal(assignDocuments(text, ['t/x.txt'], 'a'), 'cases:\n  - id: a\n    name: A\n    documents:\n      - path: t/x.txt\n  - id: b\n    name: B\n');
  });

  it('takes a document out of its case', () => {
    const after = removeDocument(CASES, 'transcripts/velden/mayor.txt');
    assert.deepEqual(lineDiff(CASES, after), { removed: ['      - transcripts/velden/mayor.txt  # no attributes yet'], added: [] });
  });

  it('leaves a file that does not parse untouched, saying where it fails', () => {
    const broken = CASES.replace('name: Velden', 'name: [Velden');
    assert.throws(() => setAttribute(broken, { kind: 'case', caseId: 'velden' }, 'region', 'South'), /cases\.yaml has errors \(line \d+/);
  });

  it('checks typed values', () => {
    const region = { name: 'region', type: 'choice' as const, values: ['North', 'South'] };
    assert.deepEqual(readAttributeInput(region, 'South'), { value: 'South' });
    assert.ok('error' in readAttributeInput(region, 'East'));
    assert.deepEqual(readAttributeInput({ name: 'n', type: 'number' }, ' 12.5 '), { value: 12.5 });
    assert.ok('error' in readAttributeInput({ name: 'n', type: 'number' }, '12,5'));
    assert.ok('error' in readAttributeInput({ name: 'd', type: 'date' }, '2025-02-30'));
    assert.deepEqual(readAttributeInput({ name: 'd', type: 'date' }, '2024-02-29'), { value: '2024-02-29' });
    assert.deepEqual(readAttributeInput({ name: 'b', type: 'boolean' }, 'Yes'), { value: true });
    assert.ok('error' in readAttributeInput({ name: 'b', type: 'boolean' }, 'maybe'));
    assert.deepEqual(readAttributeInput(undefined, '  '), { value: undefined });
  });
});
