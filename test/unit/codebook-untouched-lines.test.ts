// Property tests: one edit on a random codebook (any nesting, quoting, block-scalar descriptions,
// blank lines between siblings, comments above, beside and below codes, LF or CRLF) keeps every
// comment, and every line outside what the edit is about stays exactly as it was.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addCode, describeCode, moveCode, parseCodebook, recolourCode, removeCode, renameCode, sameName } from '../../src/core/codebook/index';

interface Shape {
  /** For code i, the index of its parent among codes 0…i-1, or -1 for the top level. */
  readonly parents: readonly number[];
  /** Per code: how its name is quoted, its colour and description, its comments. */
  readonly looks: readonly Look[];
  readonly sequenceIndent: 0 | 2;
  readonly mapIndent: 2 | 4;
  readonly eol: '\n' | '\r\n';
}

interface Look {
  readonly name: 'plain' | 'single' | 'double';
  readonly colour: 'none' | 'single' | 'double';
  readonly description: 'none' | 'plain' | 'double' | 'literal';
  readonly commentAbove: boolean;
  readonly commentBeside: boolean;
  readonly commentBelow: boolean;
  readonly blankBefore: boolean;
}

const look: fc.Arbitrary<Look> = fc.record({
  name: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
  colour: fc.constantFrom('none' as const, 'single' as const, 'double' as const),
  description: fc.constantFrom('none' as const, 'plain' as const, 'double' as const, 'literal' as const),
  commentAbove: fc.boolean(),
  commentBeside: fc.boolean(),
  commentBelow: fc.boolean(),
  blankBefore: fc.boolean(),
});

const shape: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 14 }).chain((count) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: count }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
    looks: fc.array(look, { minLength: count, maxLength: count }),
    sequenceIndent: fc.constantFrom(0 as const, 2 as const),
    mapIndent: fc.constantFrom(2 as const, 4 as const),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
  }),
);

/** A written codebook: its lines, and for each code the lines (0-based) of its own keys and of its whole block. */
interface Written {
  readonly text: string;
  readonly lines: readonly string[];
  readonly children: ReadonlyMap<string | undefined, readonly string[]>;
  readonly parent: ReadonlyMap<string, string | undefined>;
  readonly names: ReadonlyMap<string, string>;
  /** From the `-` line to the last line of the code's own keys (before `children:`). */
  readonly own: ReadonlyMap<string, { readonly first: number; readonly last: number }>;
  /** Every comment of a code and its sub-codes. */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

function write(shape: Shape): Written {
  const children = new Map<string | undefined, string[]>();
  const parent = new Map<string, string | undefined>();
  const names = new Map<string, string>();
  shape.parents.forEach((parentIndex, i) => {
    const id = `c${i}`;
    const parentId = parentIndex < 0 ? undefined : `c${parentIndex}`;
    parent.set(id, parentId);
    names.set(id, shape.looks[i].name === 'plain' ? `Code ${i}` : shape.looks[i].name === 'single' ? `Code: ${i}` : `Code "${i}"`);
    children.set(parentId, [...(children.get(parentId) ?? []), id]);
  });
  const lines = ['# The study codebook', 'codes:'];
  const own = new Map<string, { first: number; last: number }>();
  const comments = new Map<string, string[]>();
  const entry = (id: string, dashColumn: number, first: boolean): string[] => {
    const i = Number(id.slice(1));
    const { looks, mapIndent, sequenceIndent } = shape;
    const style = looks[i];
    const pad = ' '.repeat(dashColumn);
    const keyPad = ' '.repeat(dashColumn + mapIndent);
    const mine: string[] = [];
    if (style.blankBefore && !first) lines.push('');
    if (style.commentAbove) {
      lines.push(`${pad}# above ${id}`);
      mine.push(`# above ${id}`);
    }
    const dashLine = lines.length;
    lines.push(`${pad}-${' '.repeat(mapIndent - 1)}id: ${id}${style.commentBeside ? `   # beside ${id}` : ''}`);
    if (style.commentBeside) mine.push(`# beside ${id}`);
    const name = names.get(id) as string;
    lines.push(`${keyPad}name: ${style.name === 'plain' ? name : style.name === 'single' ? `'${name}'` : `"${name.replaceAll('"', '\\"')}"`}`);
    if (style.colour !== 'none') lines.push(`${keyPad}colour: ${style.colour === 'single' ? "'#4E79A7'" : '"#F28E2B"'}`);
    if (style.description === 'plain') lines.push(`${keyPad}description: What ${id} is about.`);
    if (style.description === 'double') lines.push(`${keyPad}description: "First line\\nsecond line of ${id}"`);
    if (style.description === 'literal') lines.push(`${keyPad}description: |`, `${keyPad}  What ${id} is about.`, `${keyPad}  # not a comment: text of the description`);
    own.set(id, { first: dashLine, last: lines.length - 1 });
    const kids = children.get(id) ?? [];
    if (kids.length > 0) {
      lines.push(`${keyPad}children:`);
      kids.forEach((kid, k) => mine.push(...entry(kid, dashColumn + mapIndent + sequenceIndent, k === 0)));
    }
    if (style.commentBelow) {
      lines.push(`${keyPad}# below ${id}`);
      mine.push(`# below ${id}`);
    }
    comments.set(id, mine);
    return mine;
  };
  (children.get(undefined) ?? []).forEach((id, k) => entry(id, shape.sequenceIndent, k === 0));
  return { text: lines.join(shape.eol) + shape.eol, lines, children, parent, names, own, comments };
}

/** Lines of a text, without their line breaks. */
function linesOf(text: string): string[] {
  return text.split(/\r?\n/).slice(0, -1);
}

/** Lines equal at the start, and at the end (not counting lines already matched at the start). */
function commonEnds(a: readonly string[], b: readonly string[]): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/** Every comment written appears exactly once in the result, except those of removed codes. */
function assertComments(written: Written, after: string, removed: ReadonlySet<string> = new Set()): void {
  const gone = new Set([...removed].flatMap((id) => written.comments.get(id) ?? []));
  for (const comment of new Set([...written.comments.values()].flat())) {
    // Whole comments only: "# above c1" is also the start of "# above c10".
    const count = after.match(new RegExp(`${comment}(?!\\d)`, 'g'))?.length ?? 0;
    assert.equal(count, gone.has(comment) ? 0 : 1, `comment "${comment}"`);
  }
  assert.ok(after.startsWith('# The study codebook'));
  assert.ok(!after.includes('\r\n') || !after.replaceAll('\r\n', '').includes('\n'), 'one kind of line break');
}

function assertReadable(text: string): void {
  const read = parseCodebook(text, 'codebook.yaml');
  assert.equal(read.ok, true);
  assert.deepEqual(read.problems, []);
}

const ids = (written: Written): string[] => [...written.names.keys()];
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];
const isUnder = (written: Written, id: string | undefined, ancestor: string): boolean => {
  for (let current = id; current !== undefined; current = written.parent.get(current)) if (current === ancestor) return true;
  return false;
};
const clashes = (written: Written, parentId: string | undefined, name: string, except?: string): boolean =>
  (written.children.get(parentId) ?? []).some((id) => id !== except && sameName(written.names.get(id) as string, name));

const newName = fc.constantFrom('Renamed', 'code 1', 'Trust: built', "It's", '#hash', 'yes', '  padded', 'Ünïcode', 'a "quote"');
const newDescription = fc.option(fc.constantFrom('One line.', 'Two\nlines', 'Ends with a break\n', '# looks like a comment', ' leading space', 'key: value', ''), { nil: undefined });

describe('codebook edits keep untouched lines (properties)', function () {
  // Hundreds of edits, each read back: generous under a loaded test machine.
  this.timeout(120_000);

  it('renaming, recolouring or describing a code changes only the lines of that code’s own keys', () => {
    type KeyEdit = { kind: 'rename'; name: string } | { kind: 'recolour'; colour: string | undefined } | { kind: 'describe'; description: string | undefined };
    const keyEdit: fc.Arbitrary<KeyEdit> = fc.oneof(
      fc.record({ kind: fc.constant('rename' as const), name: newName }),
      fc.record({ kind: fc.constant('recolour' as const), colour: fc.option(fc.constantFrom('#E15759', '#4E79A7'), { nil: undefined }) }),
      fc.record({ kind: fc.constant('describe' as const), description: newDescription }),
    );
    fc.assert(
      fc.property(shape, fc.nat(), keyEdit, (codebook, n, edit) => {
        const written = write(codebook);
        const id = pick(ids(written), n);
        if (edit.kind === 'rename') fc.pre(!clashes(written, written.parent.get(id), edit.name, id));
        const after =
          edit.kind === 'rename'
            ? renameCode(written.text, id, edit.name)
            : edit.kind === 'recolour'
              ? recolourCode(written.text, id, edit.colour)
              : describeCode(written.text, id, edit.description);
        assertReadable(after);
        assertComments(written, after);
        if (after === written.text) return;
        const { first, last } = written.own.get(id) as { first: number; last: number };
        const { prefix, suffix } = commonEnds(written.lines, linesOf(after));
        assert.ok(prefix >= first, `a line above ${id} changed (line ${prefix + 1})`);
        assert.ok(suffix >= written.lines.length - 1 - last, `a line below ${id}'s own keys changed`);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a code only inserts lines, in one place', () => {
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat(), newName, (codebook, parentPick, position, name) => {
        const written = write(codebook);
        const parents = [undefined, ...ids(written)];
        const parentId = pick(parents, parentPick);
        fc.pre(!clashes(written, parentId, name));
        const siblings = written.children.get(parentId) ?? [];
        const after = addCode(written.text, { id: 'new', name, colour: '#59A14F', description: 'Two\nlines' }, parentId, position % (siblings.length + 1));
        assertReadable(after);
        assertComments(written, after);
        const { prefix, suffix } = commonEnds(written.lines, linesOf(after));
        assert.equal(prefix + suffix, written.lines.length, 'every line before the edit is kept, in order');
      }),
      { numRuns: 300 },
    );
  });

  it('removing a code with its sub-codes only deletes lines, in one place, with that code’s comments', () => {
    fc.assert(
      fc.property(shape, fc.nat(), (codebook, n) => {
        const written = write(codebook);
        const id = pick(ids(written), n);
        // Emptying the top-level list writes `codes: []` instead: not a deletion only.
        fc.pre(written.parent.get(id) !== undefined || (written.children.get(undefined) ?? []).length > 1);
        const after = removeCode(written.text, id, { children: 'delete' });
        assertReadable(after);
        const removed = new Set(ids(written).filter((other) => isUnder(written, other, id)));
        assertComments(written, after, removed);
        const { prefix, suffix } = commonEnds(written.lines, linesOf(after));
        assert.equal(prefix + suffix, linesOf(after).length, 'every line left was there before, in order');
      }),
      { numRuns: 300 },
    );
  });

  it('moving a code keeps every line of the file, re-indented, and the moved lines together in order', () => {
    fc.assert(
      fc.property(shape, fc.nat(), fc.nat(), fc.nat(), (codebook, n, parentPick, position) => {
        const written = write(codebook);
        const id = pick(ids(written), n);
        const parentId = pick([undefined, ...ids(written)], parentPick);
        fc.pre(!isUnder(written, parentId, id) && !clashes(written, parentId, written.names.get(id) as string, id));
        const siblings = (written.children.get(parentId) ?? []).filter((sibling) => sibling !== id);
        const after = moveCode(written.text, id, parentId, position % (siblings.length + 1));
        assertReadable(after);
        assertComments(written, after);
        // `children:` keys come and go with a list's first and last entries; blank lines follow the list.
        const content = (lines: readonly string[]): string[] =>
          lines
            .map((line) => line.trim())
            .filter((line) => line !== '' && line !== 'children:')
            .sort();
        assert.deepEqual(content(linesOf(after)), content(written.lines));
        const dash = (written.own.get(id) as { first: number }).first;
        const moved = written.lines.slice(dash, dash + 2).map((line) => line.trim());
        const at = linesOf(after).findIndex((line) => line.trim() === moved[0]);
        assert.deepEqual(linesOf(after).slice(at, at + 2).map((line) => line.trim()), moved);
      }),
      { numRuns: 300 },
    );
  });
});
