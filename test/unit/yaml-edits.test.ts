import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isMap, parseDocument, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { dashColumn, isEmptyValue, pairOf } from '../../src/core/yaml/nodes';
import { removePairSplices, replaceValue, type PairRemovalOptions, type PairRemovalRefusal } from '../../src/core/yaml/pair-edits';
import { flowList, formatScalar } from '../../src/core/yaml/scalar';
import { applySplices, SourceText } from '../../src/core/yaml/text';

function rootOf(text: string): YAMLMap.Parsed {
  const doc = parseDocument(text, { schema: 'failsafe', keepSourceTokens: true });
  assert.ok(isMap(doc.contents));
  return doc.contents as YAMLMap.Parsed;
}

/** A map written with comments between and inside its pairs, and where each comment stands. */
interface GeneratedMap {
  readonly text: string;
  readonly flow: boolean;
  /** The first key shares its line with the list's `-`. */
  readonly onDash: boolean;
  readonly keys: readonly string[];
  readonly comments: readonly GeneratedComment[];
}

/** A comment's unique text, the pair it is inside (-1: none) and whether it is a whole line. */
interface GeneratedComment {
  readonly text: string;
  readonly owner: number;
  readonly line: boolean;
}

function commentWriter(): { comments: GeneratedComment[]; comment: (owner: number, line: boolean) => string } {
  const comments: GeneratedComment[] = [];
  const comment = (owner: number, line: boolean) => {
    const text = `# c${comments.length}x`;
    comments.push({ text, owner, line });
    return text;
  };
  return { comments, comment };
}

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

const PREFIX = '# head\nbefore: 1\n';
const SUFFIX = '# tail\nafter: 2\n';

const blockPairs = fc.array(
  fc.record({
    value: fc.constantFrom('scalar', 'list', 'block-scalar', 'kept-block-scalar', 'flow-list'),
    before: fc.constantFrom('none', 'blank', 'comment'),
    trailing: fc.boolean(),
    inner: fc.boolean(),
    deeperAfter: fc.boolean(),
  }),
  { minLength: 1, maxLength: 4 },
);

function blockMap(pairs: Generated<typeof blockPairs>, position: 'value' | 'dash' | 'dash-alone'): GeneratedMap {
  const column = position === 'value' ? 2 : 4;
  const pad = (n: number) => ' '.repeat(n);
  const { comments, comment } = commentWriter();
  const lines = [position === 'value' ? 'map:' : 'items:'];
  if (position === 'dash-alone') lines.push('  -');
  pairs.forEach((pair, i) => {
    const onDashLine = i === 0 && position === 'dash';
    if (!onDashLine && pair.before === 'comment') lines.push(pad(column) + comment(-1, true));
    if (!onDashLine && pair.before === 'blank') lines.push('');
    const head = { scalar: ` v${i}`, list: '', 'block-scalar': ' |', 'kept-block-scalar': ' |+', 'flow-list': ` [a${i}, b${i}]` }[pair.value];
    lines.push((onDashLine ? '  - ' : pad(column)) + `k${i}:${head}` + (pair.trailing ? '  ' + comment(i, false) : ''));
    if (pair.value === 'list') {
      lines.push(`${pad(column + 2)}- a${i}`);
      if (pair.inner) lines.push(pad(column + 2) + comment(i, true));
      lines.push(`${pad(column + 2)}- b${i}`);
    }
    if (pair.value.endsWith('block-scalar')) lines.push(`${pad(column + 2)}one ${i}`, `${pad(column + 2)}two ${i}`);
    // Indented deeper, but after the value's content: not inside the pair.
    if (pair.deeperAfter && !pair.value.endsWith('block-scalar')) lines.push(pad(column + 2) + comment(-1, true));
  });
  const text = PREFIX + lines.join('\n') + '\n' + SUFFIX;
  return { text, flow: false, onDash: position === 'dash', keys: pairs.map((_, i) => `k${i}`), comments };
}

const flowPairs = fc.record({
  values: fc.array(fc.constantFrom('scalar', 'flow-list'), { minLength: 1, maxLength: 4 }),
  separators: fc.array(fc.constantFrom('same line', 'new line', 'comment after', 'comment line'), { minLength: 3, maxLength: 3 }),
  openComment: fc.boolean(),
  closeComment: fc.boolean(),
});

function flowMap(spec: Generated<typeof flowPairs>, inList: boolean): GeneratedMap {
  const indent = ' '.repeat(inList ? 4 : 2);
  const { comments, comment } = commentWriter();
  let body = spec.openComment ? `{ ${comment(-1, false)}\n${indent}` : '{ ';
  spec.values.forEach((value, i) => {
    if (i > 0) {
      const separator = spec.separators[i - 1];
      if (separator === 'same line') body += ', ';
      if (separator === 'new line') body += `,\n${indent}`;
      if (separator === 'comment after') body += `, ${comment(-1, false)}\n${indent}`;
      if (separator === 'comment line') body += `,\n${indent}${comment(-1, true)}\n${indent}`;
    }
    body += value === 'scalar' ? `k${i}: v${i}` : `k${i}: [a${i}, b${i}]`;
  });
  body += spec.closeComment ? `  ${comment(-1, false)}\n${indent}}` : ' }';
  const text = PREFIX + (inList ? `items:\n  - ${body}` : `map: ${body}`) + '\n' + SUFFIX;
  return { text, flow: true, onDash: false, keys: spec.values.map((_, i) => `k${i}`), comments };
}

function targetMap(root: YAMLMap.Parsed): YAMLMap.Parsed {
  const map = pairOf(root, 'map')?.value ?? (pairOf(root, 'items')!.value as YAMLSeq.Parsed).items[0];
  assert.ok(isMap(map));
  return map as YAMLMap.Parsed;
}

class Refused extends Error {
  constructor(readonly reason: PairRemovalRefusal) {
    super(reason);
  }
}

function withValue(text: string, key: string, value: string): string {
  const pair = pairOf(rootOf(text), key)!;
  return applySplices(text, [replaceValue(new SourceText(text), pair, value, { inFlow: false })]);
}

describe('yaml: shared editing helpers', () => {
  it('replaces a value in place: the quoting kept, comments and other keys untouched', () => {
    const text = "# top\nname: 'Old name'  # why\nother: x\n";
    assert.equal(withValue(text, 'name', 'New name'), "# top\nname: 'New name'  # why\nother: x\n");
  });

  it('writes a value after `key:` with nothing, and a multi-line value as a block scalar keeping the comment on its header', () => {
    assert.equal(withValue('summary:\nother: x\n', 'summary', 'one'), 'summary: one\nother: x\n');
    assert.equal(withValue('summary: old # note\nother: x\n', 'summary', 'two\nlines'), 'summary: |- # note\n  two\n  lines\nother: x\n');
  });

  it('any value reads back as written and nothing else changes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('plain', "'single'", '"double"', '|\n    block\n'), (value, old) => {
        const text = `# head\nkey: ${old}\nother: x # kept\n`;
        const after = withValue(text, 'key', value);
        const read = parseDocument(after, { schema: 'failsafe' }).toJS() as Record<string, string>;
        assert.equal(read.key, value);
        assert.equal(read.other, 'x');
        assert.ok(after.startsWith('# head\nkey:'));
        assert.ok(after.endsWith('\nother: x # kept\n'));
      }),
    );
  });

  it('a name written plain reads back as the same string in YAML 1.2 and 1.1, in a block or a flow map (property)', () => {
    const letters = fc.constantFrom(...'aAzZéßøŁжΩ中ñ'.split(''), 'e\u0301');
    const rest = fc.constantFrom(...'aZé0 9_.()/-'.split(''), 'n', 'o', 'y', 'e', 's', 'u', 'l', 'f', 't', 'r');
    const names = fc.tuple(letters, fc.array(rest, { maxLength: 12 })).map(([first, more]) => (first + more.join('')).trim());
    const keywords = fc.constantFrom('y', 'Yes', 'NO', 'on', 'Off', 'true', 'False', 'NULL', 'null', 'n', 'tRuE');
    fc.assert(
      fc.property(fc.oneof(names, keywords), fc.boolean(), (value, inFlow) => {
        const { head } = formatScalar(value, { inFlow, blockIndent: 2 });
        const source = inFlow ? `{k: ${head}}` : `k: ${head}`;
        for (const version of ['1.1', '1.2'] as const) {
          const doc = parseDocument(source, { version });
          assert.deepEqual([doc.errors, doc.warnings], [[], []], source);
          assert.equal((doc.toJS() as Record<string, unknown>).k, value, `${source} in YAML ${version}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds list dashes, empty values and writes flow lists that read back', () => {
    const text = 'items:\n  - a\n  -   b\nempty:\n';
    const root = rootOf(text);
    const items = (pairOf(root, 'items')!.value as YAMLSeq.Parsed).items as ParsedNode[];
    const source = new SourceText(text);
    assert.deepEqual(items.map((item) => dashColumn(source, item)), [2, 2]);
    assert.equal(isEmptyValue(pairOf(root, 'empty')!.value), true);
    assert.equal(isEmptyValue(pairOf(root, 'items')!.value), false);
    const list = flowList(['a, b', 'yes', '[x]', 'plain']);
    assert.deepEqual(parseDocument(`k: ${list}`).toJS(), { k: ['a, b', 'yes', '[x]', 'plain'] });
  });

  it('removing any key of a block or flow map keeps every other value and every comment outside the pair, or refuses as documented (property)', () => {
    const maps = fc.oneof(
      fc.tuple(blockPairs, fc.constantFrom('value' as const, 'dash' as const, 'dash-alone' as const)).map(([pairs, position]) => blockMap(pairs, position)),
      fc.tuple(flowPairs, fc.boolean()).map(([spec, inList]) => flowMap(spec, inList)),
    );
    const choices = fc.record({ onlyKey: fc.constantFrom('refuse' as const, 'leave-empty' as const), keepInnerCommentLines: fc.boolean() });
    fc.assert(
      fc.property(maps, fc.nat(), choices, (generated, pick, choice) => {
        const { text, keys } = generated;
        const doc = parseDocument(text, { schema: 'failsafe' });
        assert.deepEqual(doc.errors, [], text);
        const map = targetMap(doc.contents as YAMLMap.Parsed);
        const index = pick % keys.length;
        const removed = keys[index];
        const options: PairRemovalOptions = { ...choice, refusal: (reason) => new Refused(reason) };
        const keyAt = (i: number) => text.indexOf(`k${i}:`);
        let expectedRefusal: PairRemovalRefusal | undefined;
        if (keys.length === 1 && choice.onlyKey === 'refuse') expectedRefusal = 'only-key';
        else if (keys.length > 1 && !generated.flow && generated.onDash && index === 0 && text.slice(keyAt(0), keyAt(1)).includes('#')) expectedRefusal = 'comments-after-first-key';
        let after: string;
        try {
          after = applySplices(text, removePairSplices(new SourceText(text), map, pairOf(map, removed)!, options));
        } catch (error) {
          if (!(error instanceof Refused)) throw error;
          assert.equal(error.reason, expectedRefusal, text);
          return;
        }
        assert.equal(expectedRefusal, undefined, `not refused:\n${text}`);
        const message = `removing ${removed} from\n${text}\ngave\n${after}`;
        const read = parseDocument(after, { schema: 'failsafe' });
        assert.deepEqual(read.errors, [], message);
        const expected = map.toJSON() as Record<string, unknown>;
        delete expected[removed];
        assert.deepEqual(targetMap(read.contents as YAMLMap.Parsed).toJSON(), expected, message);
        assert.ok(after.startsWith(PREFIX) && after.endsWith(SUFFIX), message);
        const lines = new Set(after.split('\n').map((line) => line.trim()));
        for (const comment of generated.comments) {
          const inside = comment.owner === index;
          const kept = !inside || (comment.line && choice.keepInnerCommentLines && keys.length > 1);
          if (kept) assert.ok(comment.line ? lines.has(comment.text) : after.includes(comment.text), `${comment.text} lost: ${message}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
