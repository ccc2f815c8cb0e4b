// Property-based tests of codebook editing: any name round-trips through a rename, any description
// through describeCode, and random sequences of add / move / rename / remove / merge keep the file
// equal to an in-memory model of the same operations while every researcher comment stays in place.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { addCode, CodebookEditError, describeCode, mergeCode, moveCode, parseCodebook, removeCode, renameCode } from '../../src/core/codebook/index';

const STUDY = `# Codebook: municipal partnerships
codes:
  # Theme 1
  - id: organisation        # the umbrella theme
    name: Organisation
    description: How partnerships are organised and justified.
    children:
      - id: org-policy
        name: Policy
        colour: "#6B93BF"   # lighter shade
      - { id: org-funding, name: Funding }

  # Theme 3
  - id: trust
    name: 'Trust: built or lost'
`;

/** Characters YAML treats specially, plus any Unicode: names must survive all of them. */
const nameCharacter = fc.oneof(
  fc.constantFrom(':', '#', '"', "'", ' ', '-', '?', '!', '&', '*', '|', '>', '%', '@', '`', ',', '[', ']', '{', '}', '\\', '\t', '~', '\u00a0', '\ufeff'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const tricky = fc.constantFrom('yes', 'No', 'null', '~', '007', '1:20', '0o17', '.inf', '- x', '? y', 'a: b', 'a #b', '#', "'", '"', ' lead', 'trail ');
const anyName = fc
  .oneof(tricky, fc.array(nameCharacter, { minLength: 1, maxLength: 16 }).map((chars) => chars.join('')))
  .filter((name) => name.trim() !== '' && !/[\n\r\u0085\u2028\u2029]/.test(name));

const fold = (name: string): string => name.normalize('NFC').trim().toLowerCase();

/** Line numbers (0-based) where two texts differ; both must have the same number of lines. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'line count changed');
  return a.flatMap((line, index) => (line === b[index] ? [] : [index]));
}

describe('codebook edits (properties)', function () {
  // Hundreds of edits, each read back: generous under a loaded test machine.
  this.timeout(120_000);

  it('renames to any name: it reads back exactly and only the name line changes', () => {
    const targets = [
      { id: 'org-policy', line: 8, siblings: ['Funding'] },
      { id: 'org-funding', line: 10, siblings: ['Policy'] },
      { id: 'trust', line: 14, siblings: ['Organisation'] },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...targets), anyName, (target, name) => {
        fc.pre(!target.siblings.some((sibling) => fold(sibling) === fold(name)));
        const renamed = renameCode(STUDY, target.id, name);
        const read = parseCodebook(renamed, 'codebook.yaml');
        assert.deepEqual(read.problems, []);
        assert.equal(read.codebook.get(target.id)?.name, name);
        const changed = changedLines(STUDY, renamed);
        assert.ok(changed.length <= 1 && changed.every((line) => line === target.line), `changed ${changed.join()}`);
      }),
      { numRuns: 300 },
    );
  });

  it('sets any description: it reads back exactly and the lines around it stay', () => {
    const descriptionCharacter = fc.oneof(fc.constantFrom('\n', '\n', ' ', '  ', '#', ': ', '"', "'", '|', '\t', '- '), nameCharacter);
    const description = fc.array(descriptionCharacter, { maxLength: 30 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(description, (value) => {
        const edited = describeCode(STUDY, 'organisation', value);
        const read = parseCodebook(edited, 'codebook.yaml');
        assert.deepEqual(read.problems, []);
        assert.equal(read.codebook.get('organisation')?.description, value === '' ? undefined : value);
        const before = STUDY.split('\n');
        const after = edited.split('\n');
        const descriptionLine = 5;
        assert.deepEqual(after.slice(0, descriptionLine), before.slice(0, descriptionLine));
        const rest = before.slice(descriptionLine + 1);
        assert.deepEqual(after.slice(after.length - rest.length), rest);
      }),
      { numRuns: 300 },
    );
  });

  describe('random add / move / rename / remove / merge sequences', () => {
    /** The tree an independent model keeps: children lists and names. */
    interface Model {
      names: Map<string, string>;
      parent: Map<string, string | undefined>;
      children: Map<string | undefined, string[]>;
    }

    const list = (model: Model, parentId: string | undefined): string[] => {
      let children = model.children.get(parentId);
      if (!children) model.children.set(parentId, (children = []));
      return children;
    };
    const preorder = (model: Model, parentId?: string): { id: string; name: string; parentId?: string }[] =>
      list(model, parentId).flatMap((id) => [
        { id, name: model.names.get(id) as string, ...(parentId === undefined ? {} : { parentId }) },
        ...preorder(model, id),
      ]);
    const isUnder = (model: Model, id: string, ancestor: string): boolean => {
      for (let current: string | undefined = id; current !== undefined; current = model.parent.get(current)) if (current === ancestor) return true;
      return false;
    };
    const clashes = (model: Model, parentId: string | undefined, name: string, except?: string): boolean =>
      list(model, parentId).some((id) => id !== except && fold(model.names.get(id) as string) === fold(name));

    interface Shape {
      /** For code i, the index of its parent among codes 0…i-1, or -1 for the top level. */
      parents: number[];
      flowLeaves: boolean[];
      sequenceIndent: number;
      mapIndent: number;
    }

    /** A codebook.yaml with a comment above every code and one on every id line. */
    function writeStudy(shape: Shape): { text: string; model: Model } {
      const model: Model = { names: new Map(), parent: new Map(), children: new Map() };
      shape.parents.forEach((parentIndex, i) => {
        const id = `c${i}`;
        const parentId = parentIndex < 0 ? undefined : `c${parentIndex}`;
        model.names.set(id, `Code ${i}`);
        model.parent.set(id, parentId);
        list(model, parentId).push(id);
      });
      const lines = ['# Header: the study codebook', '# (researcher notes)', 'codes:'];
      const write = (id: string, dashColumn: number): void => {
        const pad = ' '.repeat(dashColumn);
        const keyPad = ' '.repeat(dashColumn + shape.mapIndent);
        const children = list(model, id);
        lines.push(`${pad}# about ${id}`);
        if (children.length === 0 && shape.flowLeaves[Number(id.slice(1))]) {
          lines.push(`${pad}- { id: ${id}, name: ${model.names.get(id)} }   # ${id}`);
          return;
        }
        lines.push(`${pad}-${' '.repeat(shape.mapIndent - 1)}id: ${id}   # ${id}`, `${keyPad}name: ${model.names.get(id)}`);
        if (children.length > 0) {
          lines.push(`${keyPad}children:`);
          for (const child of children) write(child, dashColumn + shape.mapIndent + shape.sequenceIndent);
        }
      };
      list(model, undefined).forEach((id, index) => {
        if (index > 0) lines.push('');
        write(id, shape.sequenceIndent);
      });
      return { text: lines.join('\n') + '\n', model };
    }

    const shapeArbitrary: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 8 }).chain((count) =>
      fc.record({
        parents: fc.tuple(...Array.from({ length: count }, (_, i) => fc.integer({ min: -1, max: i - 1 }))),
        flowLeaves: fc.array(fc.boolean(), { minLength: count, maxLength: count }),
        sequenceIndent: fc.constantFrom(0, 2),
        mapIndent: fc.constantFrom(2, 4),
      }),
    );

    type Operation =
      | { kind: 'add'; parent: number; position: number; name: string }
      | { kind: 'move'; code: number; parent: number; position: number }
      | { kind: 'rename'; code: number; name: string }
      | { kind: 'remove'; code: number; children: 'reparent' | 'delete' | undefined }
      | { kind: 'merge'; code: number; target: number };
    const opName = fc.oneof(fc.constantFrom('Alpha', 'alpha', 'Beta: b', "Gamma's", '#Delta', 'Eps "e"', ' Zeta', 'Θήτα', '日本', 'yes'), anyName);
    const operation: fc.Arbitrary<Operation> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), parent: fc.nat(), position: fc.nat(), name: opName }),
      fc.record({ kind: fc.constant('move' as const), code: fc.nat(), parent: fc.nat(), position: fc.nat() }),
      fc.record({ kind: fc.constant('rename' as const), code: fc.nat(), name: opName }),
      fc.record({ kind: fc.constant('remove' as const), code: fc.nat(), children: fc.constantFrom('reparent' as const, 'delete' as const, undefined) }),
      fc.record({ kind: fc.constant('merge' as const), code: fc.nat(), target: fc.nat() }),
    );

    /** Removes a code from the model; its children go too or take its place. */
    const removeFromModel = (model: Model, id: string, children: 'reparent' | 'delete'): void => {
      const parentId = model.parent.get(id);
      const siblings = list(model, parentId);
      const kids = list(model, id);
      if (children === 'reparent') {
        siblings.splice(siblings.indexOf(id), 1, ...kids);
        for (const kid of kids) model.parent.set(kid, parentId);
      } else {
        siblings.splice(siblings.indexOf(id), 1);
        for (const kid of [...kids]) removeFromModel(model, kid, 'delete');
      }
      model.children.delete(id);
      model.names.delete(id);
      model.parent.delete(id);
    };

    it('keep the file equal to the model and every comment in place', () => {
      fc.assert(
        fc.property(shapeArbitrary, fc.array(operation, { minLength: 1, maxLength: 10 }), (shape, operations) => {
          const { text: original, model } = writeStudy(shape);
          let text = original;
          let added = 0;
          for (const op of operations) {
            const ids = [...model.names.keys()];
            const pickParent = (n: number): string | undefined => (n % (ids.length + 1) === 0 ? undefined : ids[(n % (ids.length + 1)) - 1]);
            if (op.kind === 'add') {
              const parentId = pickParent(op.parent);
              const siblings = list(model, parentId);
              const position = op.position % (siblings.length + 1);
              const id = `new${added++}`;
              if (clashes(model, parentId, op.name)) {
                assert.throws(() => addCode(text, { id, name: op.name }, parentId, position), CodebookEditError);
                continue;
              }
              text = addCode(text, { id, name: op.name }, parentId, position);
              model.names.set(id, op.name);
              model.parent.set(id, parentId);
              siblings.splice(position, 0, id);
            } else if (op.kind === 'move') {
              if (ids.length === 0) continue;
              const id = ids[op.code % ids.length];
              const parentId = pickParent(op.parent);
              const siblings = list(model, parentId).filter((sibling) => sibling !== id);
              const position = op.position % (siblings.length + 1);
              if ((parentId !== undefined && isUnder(model, parentId, id)) || clashes(model, parentId, model.names.get(id) as string, id)) {
                assert.throws(() => moveCode(text, id, parentId, position), CodebookEditError);
                continue;
              }
              text = moveCode(text, id, parentId, position);
              const oldSiblings = list(model, model.parent.get(id));
              oldSiblings.splice(oldSiblings.indexOf(id), 1);
              list(model, parentId).splice(position, 0, id);
              model.parent.set(id, parentId);
            } else if (op.kind === 'remove') {
              if (ids.length === 0) continue;
              const id = ids[op.code % ids.length];
              const kids = list(model, id);
              const parentId = model.parent.get(id);
              const refused =
                (kids.length > 0 && op.children === undefined) ||
                (op.children === 'reparent' && kids.some((kid) => clashes(model, parentId, model.names.get(kid) as string, id)));
              if (refused) {
                assert.throws(() => removeCode(text, id, { children: op.children }), CodebookEditError);
                continue;
              }
              text = removeCode(text, id, { children: op.children });
              removeFromModel(model, id, op.children ?? 'delete');
            } else if (op.kind === 'merge') {
              if (ids.length === 0) continue;
              const source = ids[op.code % ids.length];
              const target = ids[op.target % ids.length];
              const kids = list(model, source);
              const refused = isUnder(model, target, source) || kids.some((kid) => clashes(model, target, model.names.get(kid) as string, source));
              if (refused) {
                assert.throws(() => mergeCode(text, source, target), CodebookEditError);
                continue;
              }
              text = mergeCode(text, source, target);
              for (const kid of kids) {
                list(model, target).push(kid);
                model.parent.set(kid, target);
              }
              model.children.set(source, []);
              removeFromModel(model, source, 'delete');
            } else {
              if (ids.length === 0) continue;
              const id = ids[op.code % ids.length];
              if (clashes(model, model.parent.get(id), op.name, id)) {
                assert.throws(() => renameCode(text, id, op.name), CodebookEditError);
                continue;
              }
              text = renameCode(text, id, op.name);
              model.names.set(id, op.name);
            }

            const read = parseCodebook(text, 'codebook.yaml');
            assert.equal(read.ok, true);
            assert.deepEqual(read.problems, []);
            assert.deepEqual(
              read.codebook.codes.map(({ id, name, parentId }) => ({ id, name, ...(parentId === undefined ? {} : { parentId }) })),
              preorder(model),
            );
            const lines = text.split('\n');
            assert.equal(lines[0], '# Header: the study codebook');
            assert.equal(lines[1], '# (researcher notes)');
            for (const id of shape.parents.map((_, i) => `c${i}`).filter((id) => model.names.has(id))) {
              // The comment on the id line and the comment above the entry travel with the code.
              const idLines = lines.flatMap((line, index) => (line.endsWith(`   # ${id}`) ? [index] : []));
              assert.equal(idLines.length, 1, `id line of ${id}`);
              assert.equal(lines[idLines[0] - 1].trim(), `# about ${id}`);
              assert.equal(lines.filter((line) => line.trim() === `# about ${id}`).length, 1);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
