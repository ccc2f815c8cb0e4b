// Editing codebook.yaml as text: each edit must change only the lines it is about. Expected files
// are written out in full, so that any stray change to a comment, a blank line or quoting fails.

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  addCode,
  CodebookEditError,
  describeCode,
  mergeCode,
  moveCode,
  parseCodebook,
  recolourCode,
  removeCode,
  renameCode,
} from '../../src/core/codebook/index';

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

/** Asserts the whole new text, and that it reads back without any problem. */
function assertEdit(actual: string, expected: string): void {
  assert.equal(actual, expected);
  const read = parseCodebook(actual, 'codebook.yaml');
  assert.equal(read.ok, true);
  assert.deepEqual(read.problems, []);
}

function assertRefused(edit: () => string, message: RegExp): void {
  assert.throws(edit, (error: unknown) => error instanceof CodebookEditError && message.test(error.message));
}

function codesOf(text: string): { id: string; name: string; parentId?: string }[] {
  return parseCodebook(text, 'codebook.yaml').codebook.codes.map(({ id, name, parentId }) => (parentId ? { id, name, parentId } : { id, name }));
}

describe('renameCode', () => {
  it('changes only the name line, quoting a name with ": " and " #"', () => {
    assertEdit(
      renameCode(STUDY, 'org-policy', 'Policy: local #1'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
        name: "Policy: local #1"
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
`,
    );
  });

  it("keeps the researcher's single quotes", () => {
    assertEdit(
      renameCode(STUDY, TRUST, "It's complicated"),
      STUDY.replace("    name: 'Trust: built or lost'\n", "    name: 'It''s complicated'\n"),
    );
    assert.equal(parseCodebook(renameCode(STUDY, TRUST, "It's complicated"), 'c').codebook.get(TRUST)?.name, "It's complicated");
  });

  it('renames inside a flow map, quoting what a flow map cannot hold plainly', () => {
    assertEdit(
      renameCode(STUDY, 'org-funding', 'Funding, "public"'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
      - { id: org-funding, name: 'Funding, "public"', colour: "#A0CBE8" }

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
`,
    );
  });

  it('returns the same text for the same name and refuses clashes, blanks and unknown codes', () => {
    assert.equal(renameCode(STUDY, 'org-policy', 'Policy'), STUDY);
    assertRefused(() => renameCode(STUDY, 'org-funding', 'policy'), /sibling is already named "Policy"/);
    assertRefused(() => renameCode(STUDY, 'org-funding', '  '), /needs a name/);
    assertRefused(() => renameCode(STUDY, 'org-funding', 'two\nlines'), /one line/);
    assertRefused(() => renameCode(STUDY, 'nope', 'X'), /no code "nope"/);
  });

  it('gives a value to a name written empty, keeping its comment', () => {
    const text = 'codes:\n  - id: a\n    name:   # to do\n';
    assert.equal(renameCode(text, 'a', 'A'), 'codes:\n  - id: a\n    name: A   # to do\n');
  });
});

describe('recolourCode', () => {
  it('replaces a colour and keeps the comment after it', () => {
    assertEdit(recolourCode(STUDY, 'org-policy', '#E15759'), STUDY.replace('colour: "#6B93BF"   # lighter', 'colour: "#E15759"   # lighter'));
  });

  it('adds a missing colour after the name, before the description', () => {
    assertEdit(
      recolourCode(STUDY, 'relations', '#F28E2B'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
    colour: "#F28E2B"
    description: |
      Contacts between the partners,
      formal and informal.
    # TODO: split by partner type

  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'
`,
    );
  });

  it('removes a colour from a flow map', () => {
    assertEdit(recolourCode(STUDY, 'org-funding', undefined), STUDY.replace('{ id: org-funding, name: Funding, colour: "#A0CBE8" }', '{ id: org-funding, name: Funding }'));
  });

  it('removes a colour from a flow map written over lines, keeping the comments between its keys', () => {
    const text = 'codes:\n  - { id: a, name: A,  # the first theme\n      colour: "#112233" }\n';
    assert.equal(recolourCode(text, 'a', undefined), 'codes:\n  - { id: a, name: A  # the first theme\n      }\n');
    const first = 'codes:\n  - { colour: "#112233",  # chosen by Marike\n      id: a, name: A }\n';
    assert.equal(recolourCode(first, 'a', undefined), 'codes:\n  - { # chosen by Marike\n      id: a, name: A }\n');
  });

  it("writes new colours in the file's quoting", () => {
    const text = "codes:\n  - id: a\n    name: A\n    colour: '#112233'\n  - id: b\n    name: B\n";
    assert.equal(recolourCode(text, 'b', '#445566'), "codes:\n  - id: a\n    name: A\n    colour: '#112233'\n  - id: b\n    name: B\n    colour: '#445566'\n");
  });

  it('refuses what is not #RRGGBB', () => {
    assertRefused(() => recolourCode(STUDY, 'relations', 'orange'), /#RRGGBB/);
    assertRefused(() => recolourCode(STUDY, 'relations', '#FFF'), /#RRGGBB/);
  });
});

describe('describeCode', () => {
  it('writes a multi-line description as a literal block scalar in place of a plain one', () => {
    assertEdit(
      describeCode(STUDY, 'organisation', 'How partnerships are organised.\nAnd who justifies them.\n'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  # ── Theme 1: organisation ──
  - id: organisation        # the umbrella theme
    name: Organisation
    colour: "#4E79A7"
    description: |
      How partnerships are organised.
      And who justifies them.
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
`,
    );
  });

  it('replaces a block scalar by one line, keeping the comment below it', () => {
    assertEdit(
      describeCode(STUDY, 'relations', 'Contacts.'),
      STUDY.replace('    description: |\n      Contacts between the partners,\n      formal and informal.\n', '    description: Contacts.\n'),
    );
  });

  it('removes a description with its lines only', () => {
    assertEdit(
      describeCode(STUDY, 'relations', undefined),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
    # TODO: split by partner type

  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'
`,
    );
    assert.equal(describeCode(STUDY, 'relations', ''), describeCode(STUDY, 'relations', undefined));
    assert.equal(describeCode(STUDY, 'org-policy', undefined), STUDY);
  });

  it('adds a description at the end of a code', () => {
    assertEdit(describeCode(STUDY, TRUST, 'A: b'), STUDY + '    description: "A: b"\n');
  });

  it('moves a comment after an empty value to the block scalar header', () => {
    const text = 'codes:\n  - id: a\n    name: A\n    description:  # later\n';
    assert.equal(describeCode(text, 'a', 'multi\nline'), 'codes:\n  - id: a\n    name: A\n    description: |-  # later\n      multi\n      line\n');
  });
});

describe('addCode', () => {
  it('appends a top-level code after a blank line, as the themes are separated', () => {
    assertEdit(
      addCode(STUDY, { id: 'power', name: 'Power', colour: '#E15759', description: 'Who decides.' }, undefined),
      STUDY +
        `
  - id: power
    name: Power
    colour: "#E15759"
    description: Who decides.
`,
    );
  });

  it('inserts a child between siblings, with a multi-line description', () => {
    assertEdit(
      addCode(STUDY, { id: 'org-staff', name: 'Staff', colour: '#76B7B2', description: 'Who does the work.\nAnd who pays.' }, 'organisation', 1),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
      - id: org-staff
        name: Staff
        colour: "#76B7B2"
        description: |-
          Who does the work.
          And who pays.
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
`,
    );
  });

  it('adds `children:` to a code that has none', () => {
    assertEdit(
      addCode(STUDY, { id: 'rel-trust', name: 'Trust' }, 'relations', 0),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
    children:
      - id: rel-trust
        name: Trust
    # TODO: split by partner type

  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'
`,
    );
  });

  it('rewrites a flow-map code in block style to give it children', () => {
    assertEdit(
      addCode(STUDY, { id: 'fund-eu', name: 'EU funds' }, 'org-funding'),
      STUDY.replace(
        '      - { id: org-funding, name: Funding, colour: "#A0CBE8" }\n',
        `      - id: org-funding
        name: Funding
        colour: "#A0CBE8"
        children:
          - id: fund-eu
            name: EU funds
`,
      ),
    );
  });

  it('follows an indentless, four-column style', () => {
    const text = `codes:
-   id: theme
    name: Theme
    children:
    -   id: sub
        name: Sub
-   id: other
    name: Other
`;
    assertEdit(
      addCode(text, { id: 'new', name: 'New' }, 'other'),
      `codes:
-   id: theme
    name: Theme
    children:
    -   id: sub
        name: Sub
-   id: other
    name: Other
    children:
    -   id: new
        name: New
`,
    );
  });

  it('starts the codes list in an empty file, after a header, and in `codes: []`', () => {
    assertEdit(addCode('', { id: 'a', name: 'A' }, undefined), 'codes:\n  - id: a\n    name: A\n');
    assertEdit(addCode('# header\n', { id: 'a', name: 'A' }, undefined), '# header\ncodes:\n  - id: a\n    name: A\n');
    assertEdit(addCode('codes: []  # none yet\n', { id: 'a', name: 'A' }, undefined), 'codes:  # none yet\n  - id: a\n    name: A\n');
  });

  it('keeps CRLF line endings and a missing final line break', () => {
    const crlf = 'codes:\r\n  - id: a # note\r\n    name: A\r\n';
    assert.equal(
      addCode(crlf, { id: 'b', name: 'B', description: 'x\ny' }, 'a'),
      'codes:\r\n  - id: a # note\r\n    name: A\r\n    children:\r\n      - id: b\r\n        name: B\r\n        description: |-\r\n          x\r\n          y\r\n',
    );
    assert.equal(renameCode(crlf, 'a', 'B'), 'codes:\r\n  - id: a # note\r\n    name: B\r\n');
    const unterminated = 'codes:\n  - id: a\n    name: A';
    assert.equal(addCode(unterminated, { id: 'b', name: 'B' }, undefined), 'codes:\n  - id: a\n    name: A\n  - id: b\n    name: B');
    assert.equal(describeCode(unterminated, 'a', 'x\ny'), 'codes:\n  - id: a\n    name: A\n    description: |-\n      x\n      y');
  });

  it('refuses a used id, an unknown parent, a bad position, a sibling name, a bad colour', () => {
    assertRefused(() => addCode(STUDY, { id: 'relations', name: 'X' }, undefined), /already used/);
    assertRefused(() => addCode(STUDY, { id: 'x', name: 'X' }, 'nope'), /no code "nope"/);
    assertRefused(() => addCode(STUDY, { id: 'x', name: 'X' }, 'organisation', 3), /outside 0…2/);
    assertRefused(() => addCode(STUDY, { id: 'x', name: 'FUNDING' }, 'organisation'), /already named "Funding"/);
    assertRefused(() => addCode(STUDY, { id: 'x', name: 'X', colour: 'red' }, undefined), /#RRGGBB/);
    assertRefused(() => addCode(STUDY, { id: '../x', name: 'X' }, undefined), /memo file/);
  });
});

describe('moveCode', () => {
  it('moves a code with its comments under another code, re-indented', () => {
    assertEdit(
      moveCode(STUDY, 'relations', 'organisation'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
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
`,
    );
  });

  it('moves the last child out, adding `children:` to the new parent and removing it from the old', () => {
    const once = moveCode(STUDY, 'org-funding', TRUST);
    assertEdit(
      moveCode(once, 'org-policy', TRUST, 0),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  # ── Theme 1: organisation ──
  - id: organisation        # the umbrella theme
    name: Organisation
    colour: "#4E79A7"
    description: How partnerships are organised and justified.

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
    children:
      # formal rules only, not practice
      - id: org-policy
        name: Policy
        colour: "#6B93BF"   # lighter shade of the theme
      - { id: org-funding, name: Funding, colour: "#A0CBE8" }
`,
    );
  });

  it('moves a flow-map code to the top level, keeping the blank line between themes', () => {
    assertEdit(
      moveCode(STUDY, 'org-funding', undefined, 0),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  - { id: org-funding, name: Funding, colour: "#A0CBE8" }

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
`,
    );
  });

  it('reorders siblings', () => {
    assertEdit(
      moveCode(STUDY, TRUST, undefined, 0),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'

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
`,
    );
  });

  it('returns the same text when the code stays where it is', () => {
    assert.equal(moveCode(STUDY, 'org-policy', 'organisation', 0), STUDY);
    assert.equal(moveCode(STUDY, TRUST, undefined), STUDY);
  });

  it('refuses a move under the code itself or its descendants, or next to a same-named code', () => {
    assertRefused(() => moveCode(STUDY, 'organisation', 'organisation'), /under itself/);
    assertRefused(() => moveCode(STUDY, 'organisation', 'org-policy'), /under itself or one of its sub-codes/);
    const withPolicy = addCode(STUDY, { id: 'rel-policy', name: 'Policy' }, 'relations');
    assertRefused(() => moveCode(withPolicy, 'rel-policy', 'organisation'), /already named "Policy"/);
  });
});

describe('removeCode', () => {
  it('removes a code with its own comment lines', () => {
    assertEdit(removeCode(STUDY, 'org-policy'), STUDY.replace('      # formal rules only, not practice\n      - id: org-policy\n        name: Policy\n        colour: "#6B93BF"   # lighter shade of the theme\n', ''));
  });

  it('removes the `children:` key with the last child', () => {
    assertEdit(
      removeCode(removeCode(STUDY, 'org-funding'), 'org-policy'),
      STUDY.replace(/ {4}children:\n[\s\S]*?\n\n/, '\n'),
    );
    // A key with a comment on its line stays, as an empty list.
    const text = 'codes:\n  - id: a\n    name: A\n    children:  # later\n      - id: b\n        name: B\n';
    assertEdit(removeCode(text, 'b'), 'codes:\n  - id: a\n    name: A\n    children: []  # later\n');
    assertEdit(removeCode('codes:  # list\n  - id: a\n    name: A\n', 'a'), 'codes: []  # list\n');
  });

  it('refuses a code with children unless told what to do with them', () => {
    assertRefused(() => removeCode(STUDY, 'organisation'), /has 2 sub-codes; say whether to delete them or move them up/);
  });

  it('deletes a code with its children', () => {
    assertEdit(
      removeCode(STUDY, 'organisation', { children: 'delete' }),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
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
`,
    );
  });

  it('moves the children up to where the code was', () => {
    assertEdit(
      removeCode(STUDY, 'organisation', { children: 'reparent' }),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
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
`,
    );
  });
});

describe('mergeCode', () => {
  it("removes the source and moves its children after the target's", () => {
    assertEdit(
      mergeCode(STUDY, 'organisation', 'relations'),
      `# Codebook: municipal partnerships (Velden–San Aurelio)
# Themes follow the 2024 framework. Ask Marike before renaming a theme.

codes:
  # ── Theme 2: relations ──
  - id: relations
    name: Relations
    description: |
      Contacts between the partners,
      formal and informal.
    aliases: [organisation]
    children:
      # formal rules only, not practice
      - id: org-policy
        name: Policy
        colour: "#6B93BF"   # lighter shade of the theme
      - { id: org-funding, name: Funding, colour: "#A0CBE8" }
    # TODO: split by partner type

  # ── Theme 3 ──
  - id: 3F2B9C1E-8D4A-4C6E-9A0D-2F3B6C1E8D47
    name: 'Trust: built or lost'
`,
    );
  });

  it('refuses merging into itself or a descendant', () => {
    assertRefused(() => mergeCode(STUDY, 'organisation', 'org-policy'), /itself or into one of its sub-codes/);
    assertRefused(() => mergeCode(STUDY, 'relations', 'relations'), /itself/);
  });
});

describe('flow style', () => {
  const FLOW = `codes:
  - id: a
    name: A
    children: [{ id: b, name: B }, { id: c, name: C, children: [{id: d, name: D}] }]   # inline
  - id: e
    name: E
`;

  it('edits values inside nested flow collections in place', () => {
    assertEdit(renameCode(FLOW, 'd', 'D: new'), FLOW.replace('{id: d, name: D}', '{id: d, name: "D: new"}'));
  });

  it('rewrites a flow list in block style, keeping each item and the comment, to insert into it', () => {
    assertEdit(
      addCode(FLOW, { id: 'n', name: 'N' }, 'a', 1),
      `codes:
  - id: a
    name: A
    children:   # inline
      - { id: b, name: B }
      - id: "n"
        name: "N"
      - { id: c, name: C, children: [{id: d, name: D}] }
  - id: e
    name: E
`,
    );
  });

  it('rewrites the flow collections on the way to a moved code only', () => {
    assertEdit(
      moveCode(FLOW, 'd', 'e'),
      `codes:
  - id: a
    name: A
    children:   # inline
      - { id: b, name: B }
      - id: c
        name: C
  - id: e
    name: E
    children:
      - {id: d, name: D}
`,
    );
  });

  it('refuses to rewrite flow collections holding comments, or a codebook that is one flow map', () => {
    assertRefused(() => addCode('codes: [ {id: a, name: A}, # c\n  {id: b, name: B} ]\n', { id: 'n', name: 'N' }, undefined), /contains comments/);
    assertRefused(() => addCode('{codes: [{id: a, name: A}]}\n', { id: 'n', name: 'N' }, undefined), /one flow map/);
  });
});

describe('merging and reparenting in nested lists', () => {
  const NESTED = `codes:
  - id: a
    name: A
    children:
      - id: b       # b
        name: B
        children:
          # about c
          - id: c
            name: C
          - id: d
            name: D
      - id: x
        name: X
`;

  it('reparents children one level up, in place of their parent', () => {
    assertEdit(
      removeCode(NESTED, 'b', { children: 'reparent' }),
      `codes:
  - id: a
    name: A
    children:
      # about c
      - id: c
        name: C
      - id: d
        name: D
      - id: x
        name: X
`,
    );
  });

  it('merges a code into its own parent', () => {
    assertEdit(
      mergeCode(NESTED, 'b', 'a'),
      `codes:
  - id: a
    name: A
    aliases: [b]
    children:
      - id: x
        name: X
      # about c
      - id: c
        name: C
      - id: d
        name: D
`,
    );
  });

  it('merges a code into a sibling without children', () => {
    assertEdit(
      mergeCode(NESTED, 'b', 'x'),
      `codes:
  - id: a
    name: A
    children:
      - id: x
        name: X
        aliases: [b]
        children:
          # about c
          - id: c
            name: C
          - id: d
            name: D
`,
    );
  });

  it('refuses a merge or reparent that would give siblings the same name', () => {
    const clash = addCode(NESTED, { id: 'y', name: 'c' }, 'x');
    assertRefused(() => mergeCode(clash, 'b', 'x'), /already named "c"/);
    const upperClash = addCode(NESTED, { id: 'z', name: 'D' }, 'a');
    assertRefused(() => removeCode(upperClash, 'b', { children: 'reparent' }), /already named "D"/);
  });

  it('moves an entry whose keys start on the line after its dash', () => {
    assertEdit(
      moveCode('codes:\n  -\n    id: a\n    name: A\n  - id: b\n    name: B\n', 'a', 'b'),
      'codes:\n  - id: b\n    name: B\n    children:\n      -\n        id: a\n        name: A\n',
    );
  });
});

describe('edits of a file with problems', () => {
  it('refuse to touch a file that is not valid YAML', () => {
    const broken = 'codes:\n  - id: a\n    name: [A\n';
    assertRefused(() => renameCode(broken, 'a', 'B'), /cannot be read.*line/);
    assertRefused(() => addCode(broken, { id: 'b', name: 'B' }, undefined), /cannot be read/);
  });

  it('refuse to edit a duplicated id but edit other codes', () => {
    const text = 'codes:\n  - id: a\n    name: A\n  - id: a\n    name: A2\n  - id: b\n    name: B\n';
    assertRefused(() => renameCode(text, 'a', 'X'), /written more than once/);
    assertRefused(() => moveCode(text, 'b', 'a'), /written more than once/);
    assert.equal(renameCode(text, 'b', 'C'), text.replace('name: B', 'name: C'));
  });

  it('count siblings among loaded codes, inserting around unreadable items', () => {
    const text = 'codes:\n  - id: a\n    name: A\n  - just text\n  - id: b\n    name: B\n';
    assert.equal(addCode(text, { id: 'c', name: 'C' }, undefined, 1), 'codes:\n  - id: a\n    name: A\n  - just text\n  - id: c\n    name: C\n  - id: b\n    name: B\n');
    assert.deepEqual(codesOf(moveCode(text, 'a', undefined, 1)), [
      { id: 'b', name: 'B' },
      { id: 'a', name: 'A' },
    ]);
  });
});
