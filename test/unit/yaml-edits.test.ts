import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isMap, parseDocument, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { dashColumn, isEmptyValue, pairOf } from '../../src/core/yaml/nodes';
import { replaceValue } from '../../src/core/yaml/pair-edits';
import { flowList, formatScalar } from '../../src/core/yaml/scalar';
import { applySplices, SourceText } from '../../src/core/yaml/text';

function rootOf(text: string): YAMLMap.Parsed {
  const doc = parseDocument(text, { schema: 'failsafe', keepSourceTokens: true });
  assert.ok(isMap(doc.contents));
  return doc.contents as YAMLMap.Parsed;
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
});
