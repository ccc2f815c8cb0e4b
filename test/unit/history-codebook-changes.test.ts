// Codebook changes between two versions, by id: each edit the extension makes is named exactly,
// and nothing else is reported (a reorder, a comment, an untouched code).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addCode, describeCode, mergeCode, moveCode, parseCodebook, recolourCode, removeCode, renameCode } from '../../src/core/codebook';
import { codebookChanges, codebookChangesMarkdown, type CodebookChange } from '../../src/core/history/codebook-changes';

const EXAMPLE = readFileSync(path.join(__dirname, '..', '..', 'examples', 'city-partnerships', 'codebook.yaml'), 'utf8');

function changes(before: string, after: string): CodebookChange[] {
  const read = (text: string) => {
    const parsed = parseCodebook(text, 'codebook.yaml');
    assert.ok(parsed.ok);
    return parsed.codebook;
  };
  return codebookChanges(read(before), read(after));
}

describe('codebook changes between two versions', () => {
  it('names nothing for the same codebook, a comment added or siblings reordered', () => {
    assert.deepEqual(changes(EXAMPLE, EXAMPLE), []);
    assert.deepEqual(changes(EXAMPLE, `# A new comment\n${EXAMPLE}`), []);
    assert.deepEqual(changes(EXAMPLE, moveCode(EXAMPLE, 'org-policy', 'organisation', 'end')), []);
  });

  it('names a rename, a move, a merge, a delete to the parent, an addition, a removal, a recolour and a new description, each once', () => {
    let after = renameCode(EXAMPLE, 'org-policy', 'Policies and plans');
    after = moveCode(after, 'int-ownership', 'organisation');
    after = mergeCode(after, 'org-know-how', 'int-knowledge-sharing');
    after = removeCode(after, 'ctx-party-politics', { codingsToParent: true });
    after = addCode(after, { id: 'org-funding', name: 'Funding' }, 'organisation');
    after = removeCode(after, 'imp-civic-society');
    after = recolourCode(after, 'org-resources', '#112233');
    after = describeCode(after, 'interaction', 'How partners deal with each other.');
    assert.deepEqual(changes(EXAMPLE, after), [
      { kind: 'added', id: 'org-funding', path: 'Organisation › Funding' },
      { kind: 'removed', id: 'imp-civic-society', path: 'Impact › Civic society' },
      { kind: 'merged', id: 'org-know-how', path: 'Organisation › Know-how', intoId: 'int-knowledge-sharing', intoPath: 'Interaction › Knowledge sharing', intoParent: false },
      { kind: 'merged', id: 'ctx-party-politics', path: 'Context › Party politics', intoId: 'context', intoPath: 'Context', intoParent: true },
      { kind: 'renamed', id: 'org-policy', from: 'Policy', to: 'Policies and plans', path: 'Organisation › Policies and plans' },
      { kind: 'moved', id: 'int-ownership', path: 'Organisation › Ownership', from: 'Interaction', to: 'Organisation' },
      { kind: 'recoloured', id: 'org-resources', path: 'Organisation › Resources', from: '#1B3A66', to: '#112233' },
      {
        kind: 'redescribed',
        id: 'interaction',
        path: 'Interaction',
        from: "How the partners work together - capacity building, knowledge sharing, power relations, agenda, 'good partnering'.",
        to: 'How partners deal with each other.',
      },
    ]);
  });

  it('names a code moved to the top level and a merged code\'s children as moved under the survivor', () => {
    const withChild = addCode(EXAMPLE, { id: 'org-policy-local', name: 'Local policy' }, 'org-policy');
    const after = mergeCode(moveCode(withChild, 'ctx-decentralisation', undefined), 'org-policy', 'org-legislation');
    assert.deepEqual(
      changes(withChild, after).map((c) => [c.kind, c.id, 'from' in c ? c.from : undefined, 'to' in c ? c.to : undefined]),
      [
        ['merged', 'org-policy', undefined, undefined],
        ['moved', 'org-policy-local', 'Organisation › Policy', 'Organisation › Legislation'],
        ['moved', 'ctx-decentralisation', 'Context', undefined],
      ],
    );
  });

  it('names an alias that becomes a code again as added', () => {
    const merged = mergeCode(EXAMPLE, 'org-policy', 'org-legislation');
    assert.deepEqual(changes(merged, EXAMPLE).map((c) => [c.kind, c.id]), [
      ['added', 'org-policy'],
    ]);
  });

  it('lists the changes as Markdown with escaped names, and says when there are none', () => {
    const after = renameCode(addCode(EXAMPLE, { id: 'x', name: 'Funding *local*' }, undefined), 'org-policy', 'Policy_2');
    assert.equal(
      codebookChangesMarkdown(changes(EXAMPLE, after)),
      '- Added **Funding \\*local\\*** (`x`)\n- Renamed “Policy” to “Policy\\_2”: **Organisation › Policy\\_2** (`org-policy`)\n',
    );
    assert.match(codebookChangesMarkdown([]), /^No code was added, removed, merged, renamed, moved, recoloured or redescribed\.\n$/);
  });
});
