// Aliases: a merged (or deleted-into-its-parent) code lives on as an id of its target, so that
// codings that name it count there and nobody's codings file has to change.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { mergeCode, parseCodebook, removeCode } from '../../src/core/codebook/index';
import { countCodings } from '../../src/core/statistics/counts';
import { retrieveSegments } from '../../src/core/retrieval/segments';
import { SegmentIndex } from '../../src/codebook-view/model';
import { NO_CASES } from '../../src/core/cases/cases';
import type { Coding } from '../../src/core/model';
import type { PlacedDocument } from '../../src/core/study/placement';

const FILE = 'codebook.yaml';

const BOOK = `codes:
  - id: org
    name: Organisation
    children:
      - id: policy   # formal rules
        name: Policy
      - id: funding
        name: Funding
  - id: trust
    name: Trust
`;

function coding(id: string, code: string, coder = 'Marike'): Coding {
  return { id, code, start: 0, end: 4, quote: 'Text', prefix: '', suffix: '', version: 'v', coder, created: '2026-01-01T00:00:00.000Z' };
}

describe('code aliases', () => {
  it('reads `aliases:` in flow and block style; an alias names its code everywhere', () => {
    const text = `codes:
  - id: org
    name: Organisation
    aliases: [old-org, "older org"]
    children:
      - id: policy
        name: Policy
        aliases:
          - rules   # merged 2026-11
`;
    const { codebook, problems } = parseCodebook(text, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook.get('org')?.aliases, ['old-org', 'older org']);
    assert.equal(codebook.get('rules')?.id, 'policy');
    assert.ok(codebook.has('old-org'));
    assert.equal(codebook.resolve('rules'), 'policy');
    assert.equal(codebook.resolve('policy'), 'policy');
    assert.equal(codebook.resolve('nowhere'), 'nowhere');
    assert.equal(codebook.pathLabel('rules'), 'Organisation › Policy');
    assert.ok(codebook.isAlias('rules') && !codebook.isAlias('policy'));
    assert.equal(codebook.size, 2, 'aliases are not codes');
  });

  it('ignores, with a warning, an alias that is a code id or listed twice', () => {
    const text = `codes:
  - id: a
    name: A
    aliases: [b, x]
  - id: b
    name: B
    aliases: [x]
`;
    const { codebook, problems } = parseCodebook(text, FILE);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.message]),
      [
        [4, 'warning', 'The alias "b" of code "a" is also the id of a code; it is ignored.'],
        [7, 'warning', 'The alias "x" of code "b" is already an alias of "a"; it is ignored.'],
      ],
    );
    assert.equal(codebook.resolve('x'), 'a');
    assert.equal(codebook.resolve('b'), 'b');
  });

  it('merging records the source (and its aliases) as aliases of the target, keeping comments', () => {
    const once = mergeCode(BOOK, 'funding', 'policy');
    assert.equal(once, BOOK.replace('      - id: funding\n        name: Funding\n', '').replace('        name: Policy\n', '        name: Policy\n        aliases: [funding]\n'));
    const twice = mergeCode(once, 'policy', 'trust');
    const { codebook } = parseCodebook(twice, FILE);
    assert.deepEqual(codebook.get('trust')?.aliases, ['policy', 'funding']);
    assert.equal(codebook.resolve('funding'), 'trust');
    // A block list grows by lines, its comments stay.
    const block = BOOK.replace('    name: Trust\n', '    name: Trust\n    aliases:\n      - earlier   # from the pilot\n');
    assert.equal(mergeCode(block, 'funding', 'trust'), block.replace('      - id: funding\n        name: Funding\n', '').replace('# from the pilot\n', '# from the pilot\n      - funding\n'));
  });

  it('deleting a code with its codings moved to the parent makes it an alias of the parent', () => {
    const text = removeCode(BOOK, 'policy', { codingsToParent: true });
    const { codebook } = parseCodebook(text, FILE);
    assert.equal(codebook.has('policy'), true);
    assert.equal(codebook.resolve('policy'), 'org');
    assert.deepEqual(codebook.children('org').map((c) => c.id), ['funding']);
    assert.throws(() => removeCode(BOOK, 'trust', { codingsToParent: true }), /no parent/);
  });

  it("counts, lists and retrieves an alias's codings under its code", () => {
    const { codebook } = parseCodebook(mergeCode(BOOK, 'funding', 'policy'), FILE);
    const codings = [coding('1', 'funding'), coding('2', 'policy', 'Jan'), coding('3', 'trust')];
    const counts = countCodings(codebook, [{ documentPath: 'd.txt', codings }]);
    assert.deepEqual(counts.own.get('policy'), { codings: 2, documents: 1 });
    assert.deepEqual(counts.total.get('org'), { codings: 2, documents: 1 });
    assert.equal(counts.unknown.size, 0);
    const document: PlacedDocument = { path: 'd.txt', text: 'Text and more', codings: codings.map((c) => ({ coding: c, span: { start: 0, end: 4 } })) } as unknown as PlacedDocument;
    assert.equal(new SegmentIndex(codebook, NO_CASES, [document]).count('policy'), 2);
    const segments = retrieveSegments(codebook, NO_CASES, [document], { codeIds: ['policy'], includeSubcodes: false });
    assert.deepEqual(segments.map((s) => [s.codingId, s.codeId]), [
      ['1', 'policy'],
      ['2', 'policy'],
    ]);
  });
});
