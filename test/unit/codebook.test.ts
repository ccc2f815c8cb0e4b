// Reading codebook.yaml, the Codebook's lookups, ids, colours and writing a fresh codebook.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { isSafeFileName } from '../../src/core/codebook/parse';
import { Codebook, formatCodebook, isGuid, newCodeId, PALETTE, paletteColour, parseCodebook, toRefiGuid, CODE_ID_NAMESPACE } from '../../src/core/codebook/index';
import { colourDistance, DISTINCT_DISTANCE, hexToHsl, typedColour } from '../../src/core/codebook/colour';
import { uuidV5 } from '../../src/core/codebook/ids';
import type { Problem } from '../../src/core/model';

const FILE = 'codebook.yaml';

const STUDY = `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  # ── Theme 1: organisation ──
  - id: organisation        # the umbrella theme
    name: Organisation
    colour: "#4E79A7"
    description: How partnerships are organised and justified.
    children:
      # formal rules only, not practice
      - id: org-policy
        name: Policy
        colour: "#6B93BF"   # lighter shade of the theme
      - { id: org-funding, name: Funding, colour: "#A0CBE8" }

  # ── Theme 2: relations ──
  - id: relations
    name: Relations
    description: |
      Contacts between the partners,
      formal and informal.
    # TODO: split by partner type

  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'
`;
const TRUST = '3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47';

/** Problems without the file, as [line, severity, message] for compact comparisons. */
function brief(problems: readonly Problem[]): [number | undefined, string, string][] {
  for (const problem of problems) assert.equal(problem.file, FILE);
  return problems.map((problem) => [problem.line, problem.severity, problem.message]);
}

describe('parseCodebook', () => {
  it('reads codes in file order with their hierarchy, colours and descriptions', () => {
    const result = parseCodebook(STUDY, FILE);
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.codebook.codes, [
      { id: 'organisation', name: 'Organisation', colour: '#4E79A7', description: 'How partnerships are organised and justified.' },
      { id: 'org-policy', name: 'Policy', colour: '#6B93BF', parentId: 'organisation' },
      { id: 'org-funding', name: 'Funding', colour: '#A0CBE8', parentId: 'organisation' },
      { id: 'relations', name: 'Relations', description: 'Contacts between the partners,\nformal and informal.\n' },
      { id: TRUST, name: 'Trust: built or lost' },
    ]);
    assert.deepEqual([...result.lines], [
      ['organisation', 6],
      ['org-policy', 12],
      ['org-funding', 15],
      ['relations', 18],
      [TRUST, 26],
    ]);
  });

  it('offers lookups: by id, children, path, descendants', () => {
    const { codebook } = parseCodebook(STUDY, FILE);
    assert.equal(codebook.size, 5);
    assert.deepEqual(codebook.roots.map((code) => code.id), ['organisation', 'relations', TRUST]);
    assert.deepEqual(codebook.children('organisation').map((code) => code.id), ['org-policy', 'org-funding']);
    assert.deepEqual(codebook.children('org-policy'), []);
    assert.equal(codebook.get('org-funding')?.name, 'Funding');
    assert.equal(codebook.get('nope'), undefined);
    assert.equal(codebook.has('relations'), true);
    assert.equal(codebook.pathLabel('org-policy'), 'Organisation › Policy');
    assert.deepEqual(codebook.path('org-policy').map((code) => code.id), ['organisation', 'org-policy']);
    assert.deepEqual(codebook.path('nope'), []);
    assert.deepEqual(codebook.descendants('organisation').map((code) => code.id), ['org-policy', 'org-funding']);
    assert.equal(codebook.isDescendant('org-policy', 'organisation'), true);
    assert.equal(codebook.isDescendant('organisation', 'organisation'), false);
    assert.equal(codebook.isDescendant('relations', 'organisation'), false);
  });

  it('reads every scalar as the text written: ids like 007 and names like yes stay strings', () => {
    const { codebook, problems } = parseCodebook('codes:\n  - id: 007\n    name: yes\n  - id: 1.50\n    name: null!\n', FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(codebook.codes, [
      { id: '007', name: 'yes' },
      { id: '1.50', name: 'null!' },
    ]);
  });

  it('keeps a REFI-QDA guid (lower case, no braces) and reports one that is not a GUID', () => {
    const text = 'codes:\n  - id: a\n    name: A\n    guid: "{0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9}"\n  - id: b\n    name: B\n    guid: nope\n';
    const { codebook, problems } = parseCodebook(text, FILE);
    assert.equal(codebook.get('a')?.guid, '0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9');
    assert.equal(codebook.get('b')?.guid, undefined);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[7, 'warning']]);
  });

  it('treats an empty file, `codes:` and `codes: []` as an empty codebook', () => {
    for (const text of ['', '# only a comment\n', 'codes:\n', 'codes: []\n']) {
      const result = parseCodebook(text, FILE);
      assert.equal(result.ok, true, text);
      assert.equal(result.codebook.size, 0);
      assert.deepEqual(result.problems, [], text);
    }
  });

  describe('YAML syntax errors', () => {
    it('reports file, 1-based line and reason, and yields ok: false with no codes', () => {
      const text = 'codes:\n  - id: a\n    name: A\n  - id: b\n    name: [B\n  - id: c\n';
      const result = parseCodebook(text, FILE);
      assert.equal(result.ok, false);
      assert.equal(result.codebook.size, 0);
      assert.ok(result.problems.length > 0);
      const [first] = result.problems;
      assert.equal(first.file, FILE);
      assert.equal(first.severity, 'error');
      assert.equal(first.line, 6);
      assert.match(first.message, /^Not valid YAML: .*(flow sequence|\])/i);
      assert.doesNotMatch(first.message, /at line/);
    });

    it('reports a tab used as indentation on its line', () => {
      const result = parseCodebook('codes:\n  - id: a\n\tname: A\n', FILE);
      assert.equal(result.ok, false);
      assert.ok(result.problems.some((problem) => problem.line === 3 && /tab/i.test(problem.message)));
    });

    it('reports a key written twice in one code', () => {
      const result = parseCodebook('codes:\n  - id: a\n    name: A\n    name: B\n', FILE);
      assert.equal(result.ok, false);
      assert.deepEqual(brief(result.problems), [[4, 'error', 'Not valid YAML: Map keys must be unique']]);
    });

    it('refuses a document that is not a map', () => {
      const result = parseCodebook('- id: a\n  name: A\n', FILE);
      assert.equal(result.ok, false);
      assert.deepEqual(brief(result.problems), [[1, 'error', 'The codebook must be a map with a `codes:` list.']]);
    });
  });

  describe('structural problems', () => {
    it('reports a duplicate id on both lines as errors and loads the first code only', () => {
      const text = [
        'codes:',
        '  - id: trust',
        '    name: Trust',
        '  - id: other',
        '    name: Other',
        '    children:',
        '      - id: trust',
        '        name: Trust again',
        '        children:',
        '          - id: deep',
        '            name: Deep',
        '',
      ].join('\n');
      const result = parseCodebook(text, FILE);
      assert.equal(result.ok, true);
      assert.deepEqual(brief(result.problems), [
        [2, 'error', 'The id "trust" is used again on line 7; ids must be unique.'],
        [7, 'error', 'The id "trust" is already used on line 2; this code is not loaded nor its 1 sub-code.'],
      ]);
      assert.deepEqual(result.codebook.codes, [
        { id: 'trust', name: 'Trust' },
        { id: 'other', name: 'Other' },
      ]);
    });

    it('reports a code without id (not loaded) and a code without name (shown by its id)', () => {
      const text = 'codes:\n  - name: Orphan\n  - id: nameless\n  - id: ""\n    name: Empty id\n';
      const result = parseCodebook(text, FILE);
      assert.deepEqual(brief(result.problems), [
        [2, 'error', 'Code on line 2 has no id; it is not loaded.'],
        [3, 'error', 'Code "nameless" has no name; its id is shown instead.'],
        [4, 'error', 'Code on line 4 has no id; it is not loaded.'],
      ]);
      assert.deepEqual(result.codebook.codes, [{ id: 'nameless', name: 'nameless' }]);
    });

    it('warns about sibling names that differ only in case, invalid colours and unknown keys', () => {
      const text = [
        'codes:',
        '  - id: a',
        '    name: Policy',
        '    colour: blue',
        '    weight: 3',
        '  - id: b',
        '    name: policy',
        '    colour: "#12345"',
        '    children:',
        '      - id: c',
        '        name: Policy', // a child may share its uncle's name
        '',
      ].join('\n');
      const result = parseCodebook(text, FILE);
      assert.deepEqual(brief(result.problems), [
        [4, 'warning', 'Code "a" has a colour that is not #RRGGBB; it is ignored.'],
        [5, 'warning', 'Code "a" has an unknown key "weight" (kept, not used).'],
        [7, 'warning', 'Code "policy" has the same name as its sibling on line 3; sibling names should differ.'],
        [8, 'warning', 'Code "b" has a colour that is not #RRGGBB; it is ignored.'],
      ]);
      assert.deepEqual(result.codebook.codes, [
        { id: 'a', name: 'Policy' },
        { id: 'b', name: 'policy' },
        { id: 'c', name: 'Policy', parentId: 'b' },
      ]);
    });

    it('reports children that are not a list, items that are not codes and unknown top-level keys', () => {
      const text = 'version: 2\ncodes:\n  - id: a\n    name: A\n    children: none\n  - just text\n  - id: b\n    name: B\n    children: { id: c }\n';
      const result = parseCodebook(text, FILE);
      assert.deepEqual(brief(result.problems), [
        [1, 'warning', 'Unknown key "version" at the top of the codebook (kept, not used).'],
        [5, 'error', '`children:` must be a list of codes; its value is ignored.'],
        [6, 'error', 'This list item is not a code (a map with `id` and `name`); it is ignored.'],
        [9, 'error', '`children:` must be a list of codes; its value is ignored.'],
      ]);
      assert.deepEqual(result.codebook.codes.map((code) => code.id), ['a', 'b']);
    });

    it('treats an empty or null description as none', () => {
      const { codebook, problems } = parseCodebook('codes:\n  - id: a\n    name: A\n    description:\n  - id: b\n    name: B\n    description: ~\n', FILE);
      assert.deepEqual(problems, []);
      assert.deepEqual(codebook.codes, [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ]);
    });

    it('warns about ids that cannot name a memo file', () => {
      const { codebook, problems } = parseCodebook('codes:\n  - id: ../escape\n    name: A\n  - id: a:b\n    name: B\n', FILE);
      assert.equal(codebook.size, 2);
      assert.deepEqual(
        brief(problems).map(([line, severity]) => [line, severity]),
        [
          [2, 'warning'],
          [4, 'warning'],
        ],
      );
    });

    it('warns when there is no codes list', () => {
      assert.deepEqual(brief(parseCodebook('title: My study\n', FILE).problems), [
        [1, 'warning', 'Unknown key "title" at the top of the codebook (kept, not used).'],
        [1, 'warning', 'The codebook has no `codes:` list.'],
      ]);
    });
  });
});

describe('Codebook', () => {
  it('refuses duplicate ids, unknown parents and parent cycles', () => {
    assert.throws(() => new Codebook([{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }]), /Duplicate/);
    assert.throws(() => new Codebook([{ id: 'a', name: 'A', parentId: 'x' }]), /unknown parent/);
    assert.throws(() => new Codebook([{ id: 'a', name: 'A', parentId: 'b' }, { id: 'b', name: 'B', parentId: 'a' }]), /cycle/);
  });

  it('orders codes depth first whatever order they are given in', () => {
    const codebook = new Codebook([
      { id: 'c', name: 'C', parentId: 'a' },
      { id: 'b', name: 'B' },
      { id: 'a', name: 'A' },
      { id: 'd', name: 'D', parentId: 'c' },
    ]);
    assert.deepEqual(codebook.codes.map((code) => code.id), ['b', 'a', 'c', 'd']);
  });
});

describe('code ids', () => {
  it('makes readable ids from the name: lower case words joined by "-", Latin accents dropped, other scripts kept', () => {
    const free = () => false;
    assert.equal(newCodeId('Local government effectiveness', free), 'local-government-effectiveness');
    assert.equal(newCodeId('  Participação cidadã / orçamento ', free), 'participacao-cidada-orcamento');
    assert.equal(newCodeId('Ça m’énerve: “l’État”!', free), 'ca-m-enerve-l-etat');
    assert.equal(newCodeId('स्थानीय सरकार', free), 'स्थानीय-सरकार');
    assert.equal(newCodeId('…', free), 'code');
    const long = newCodeId('we are all partners here but some partners are more equal than others', free);
    assert.equal(long, 'we-are-all-partners-here-but-some');
    assert.ok(isSafeFileName(long));
  });

  it('numbers a readable id that is taken by a code, an alias or a coding: -2, -3…', () => {
    const taken = new Set(['policy', 'policy-2']);
    assert.equal(newCodeId('Policy', (id) => taken.has(id)), 'policy-3');
  });

  it('keeps a GUID id as the REFI-QDA GUID, in lower case and without braces', () => {
    assert.equal(toRefiGuid(TRUST), TRUST.toLowerCase());
    assert.equal(toRefiGuid('{' + TRUST + '}'), TRUST.toLowerCase());
    assert.equal(isGuid('{' + TRUST), false);
    assert.equal(isGuid('organisation'), false);
  });

  it('reads a GUID as the one regular expression of 8-4-4-4-12 hex digits does, whatever the characters (fast path for lower case included)', () => {
    const reference = (id: string) => /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(id)?.[1].toLowerCase();
    const character = fc.constantFrom(...'0123456789abcdefABCDEFgG-{} \n'.split(''), '\u0660', 'é');
    const nearGuid = fc.tuple(fc.uuid(), fc.nat(40), character, fc.boolean(), fc.boolean()).map(([guid, at, c, upper, braces]) => {
      const changed = guid.slice(0, at) + c + guid.slice(at + 1);
      const cased = upper ? changed.toUpperCase() : changed;
      return braces ? `{${cased}}` : cased;
    });
    fc.assert(
      fc.property(fc.oneof(nearGuid, fc.uuid(), fc.string({ maxLength: 40 })), (id) => {
        const expected = reference(id);
        assert.equal(isGuid(id), expected !== undefined && id.startsWith('{') === id.endsWith('}'));
        if (isGuid(id)) assert.equal(toRefiGuid(id), expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('maps any other id to a deterministic UUID v5 in the fixed namespace', () => {
    // The RFC 9562 example: the DNS namespace and "www.example.com".
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    // Computed independently with Python: uuid.uuid5(uuid.UUID(CODE_ID_NAMESPACE), 'organisation').
    assert.equal(CODE_ID_NAMESPACE, '7d8a4a3e-5b1f-4c6e-9a0d-2f3b6c1e8d47');
    assert.equal(toRefiGuid('organisation'), 'cd2bafc5-9a83-5f96-8618-9c0a5751b93b');
    assert.equal(toRefiGuid('organisation'), toRefiGuid('organisation'));
    assert.notEqual(toRefiGuid('org-policy'), toRefiGuid('organisation'));
    assert.match(toRefiGuid('Größe – 大小'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('paletteColour', () => {
  it('has 20 valid colours, any two clearly apart', () => {
    assert.equal(PALETTE.length, 20);
    assert.equal(new Set(PALETTE).size, 20);
    for (const [i, a] of PALETTE.entries()) {
      assert.match(a, /^#[0-9A-F]{6}$/);
      for (const b of PALETTE.slice(i + 1)) assert.ok(colourDistance(a, b) >= DISTINCT_DISTANCE, `${a} ${b}`);
    }
  });

  it('picks the first palette colour not close to an existing one', () => {
    assert.equal(paletteColour([]), '#4E79A7');
    assert.equal(paletteColour(['#4E79A7']), '#F28E2B');
    // A near-identical colour, in lower case, counts as taken; invalid colours are ignored.
    assert.equal(paletteColour(['#4e79a8', 'blue', '#F28E2B']), '#E15759');
  });

  it('cycles through the palette once every colour is taken', () => {
    const taken: string[] = [];
    for (let i = 0; i < 45; i++) taken.push(paletteColour(taken));
    assert.deepEqual(taken.slice(0, 20), PALETTE);
    assert.deepEqual(taken.slice(20, 40), PALETTE);
  });

  it('gives sub-codes distinct shades of their parent’s hue', () => {
    const parent = '#4E79A7';
    const family: string[] = [parent];
    for (let i = 0; i < 6; i++) family.push(paletteColour(family, parent));
    const children = family.slice(1);
    assert.equal(new Set(children).size, 6);
    for (const [i, a] of family.entries()) {
      for (const b of family.slice(i + 1)) assert.ok(colourDistance(a, b) >= DISTINCT_DISTANCE, `${a} ${b}`);
    }
    // The first shades keep the parent's hue; later ones turn it by at most 30°.
    assert.ok(Math.abs(hexToHsl(children[0]).hue - hexToHsl(parent).hue) < 3);
    for (const child of children) assert.ok(Math.abs(hexToHsl(child).hue - hexToHsl(parent).hue) < 33, child);
    assert.equal(paletteColour([parent], parent), children[0]);
  });
});

describe('formatCodebook', () => {
  it('writes a fresh codebook in the documented layout that reads back as the same codes', () => {
    const codes = [
      { id: 'organisation', name: 'Organisation', colour: '#4E79A7', description: 'How partnerships are organised.' },
      { id: 'relations', name: 'Relations: "formal" & informal', description: 'Contacts.\nBoth kinds.' },
      { id: 'org-policy', name: 'Policy', colour: '#6B93BF', parentId: 'organisation' },
      { id: 'org-funding', name: '#1 Funding', parentId: 'organisation' },
    ];
    const text = formatCodebook(codes, ['Codebook of the partnership study.']);
    assert.equal(
      text,
      `# Codebook of the partnership study.

codes:
  - id: organisation
    name: Organisation
    colour: "#4E79A7"
    description: How partnerships are organised.
    children:
      - id: org-policy
        name: Policy
        colour: "#6B93BF"
      - id: org-funding
        name: "#1 Funding"

  - id: relations
    name: 'Relations: "formal" & informal'
    description: |-
      Contacts.
      Both kinds.
`,
    );
    const read = parseCodebook(text, FILE);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.codebook.codes, new Codebook(codes).codes);
  });

  it('writes an empty codebook with the default header', () => {
    const text = formatCodebook([]);
    assert.match(text, /^# The study's codes\./);
    assert.ok(text.endsWith('\ncodes: []\n'));
    assert.equal(parseCodebook(text, FILE).codebook.size, 0);
  });

  it('refuses codes the format does not allow', () => {
    assert.throws(() => formatCodebook([{ id: 'a', name: ' ' }]), /name/);
    assert.throws(() => formatCodebook([{ id: 'a', name: 'A', colour: 'red' }]), /colour/);
    assert.throws(() => formatCodebook([{ id: 'a', name: 'A' }, { id: 'b', name: 'a' }]), /same name/);
    assert.throws(() => formatCodebook([{ id: 'a/b', name: 'A' }]), /id/);
  });
});

describe('typedColour (the recolour picker accepts a typed colour)', () => {
  it('takes #RRGGBB, #RGB, with or without # and in any case, as the codebook writes them', () => {
    assert.equal(typedColour('#4e79a7'), '#4E79A7');
    assert.equal(typedColour(' 4E79A7 '), '#4E79A7');
    assert.equal(typedColour('#abc'), '#AABBCC');
    assert.equal(typedColour('f0a'), '#FF00AA');
  });

  it('refuses what is not a colour', () => {
    for (const value of ['', '#', '#12', '#12345', '#1234567', '#GGGGGG', 'red', '##123456']) assert.equal(typedColour(value), undefined, value);
  });
});
