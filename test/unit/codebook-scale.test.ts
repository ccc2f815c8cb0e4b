// Codebooks at the scale of large studies. Reading and editing must do work in proportion to the
// file: checked here by counting operations (names folded, YAML parses), never by timing; speed
// lives in the bench. Files over the size limit are refused before they are read.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Parser } from 'yaml';
import { addCode, CodebookEditError, describeCode, moveCode, parseCodebook, removeCode, renameCode } from '../../src/core/codebook/index';
import { CODEBOOK_SIZE_LIMIT } from '../../src/core/codebook/parse';
import type { Code } from '../../src/core/model';
import { Study } from '../../src/core/study/study';

/** `count` sibling codes, each with a comment line above it; code i's `-` is on line 5i + 4. */
function siblingsText(count: number): string {
  const lines = ['# A codebook of many sibling codes', 'codes:'];
  for (let i = 0; i < count; i++) lines.push(`  # code ${i}`, `  - id: c${i}`, `    name: Code ${i}`, `    colour: "#4E79A7"`, `    description: What code ${i} is about.`);
  return lines.join('\n') + '\n';
}

/** Themes of codes of sub-codes, with the codes and the 1-based line of each `-` as written. */
function treeText(themes: number, codesPerTheme: number, subCodesPerCode: number): { text: string; codes: Code[]; lines: Map<string, number> } {
  const text: string[] = ['codes:'];
  const codes: Code[] = [];
  const lines = new Map<string, number>();
  const write = (code: Code, dashColumn: number): void => {
    const pad = ' '.repeat(dashColumn);
    lines.set(code.id, text.length + 1);
    text.push(`${pad}- id: ${code.id}`, `${pad}  name: ${code.name}   # ${code.id}`);
    codes.push(code);
  };
  for (let t = 0; t < themes; t++) {
    write({ id: `t${t}`, name: `Theme ${t}` }, 2);
    text.push('    children:');
    for (let c = 0; c < codesPerTheme; c++) {
      write({ id: `t${t}-c${c}`, name: `Code ${c}`, parentId: `t${t}` }, 6);
      text.push('        children:');
      for (let s = 0; s < subCodesPerCode; s++) write({ id: `t${t}-c${c}-s${s}`, name: `Sub-code ${s}`, parentId: `t${t}-c${c}` }, 10);
    }
  }
  return { text: text.join('\n') + '\n', codes, lines };
}

/** Counts calls of `method` on `target` while `run` runs, for arguments `counted` accepts. */
async function countCalls<T extends object, K extends keyof T>(target: T, method: K, counted: (...args: unknown[]) => boolean, run: () => unknown): Promise<number> {
  const original = target[method] as (...args: unknown[]) => unknown;
  let calls = 0;
  target[method] = function (this: unknown, ...args: unknown[]) {
    if (counted(...args)) calls++;
    return original.apply(this, args);
  } as T[K];
  try {
    await run();
  } finally {
    target[method] = original as T[K];
  }
  return calls;
}

describe('codebooks at scale', function () {
  // Files of thousands of codes on a loaded machine; the timeout is no speed check.
  this.timeout(120_000);

  it('folds each name a bounded number of times when reading 4,000 sibling codes (the sibling-name check is linear)', async () => {
    const count = 4_000;
    const text = siblingsText(count);
    let read: ReturnType<typeof parseCodebook> | undefined;
    const folds = await countCalls(String.prototype, 'normalize', () => true, () => (read = parseCodebook(text, 'codebook.yaml')));
    assert.equal(read?.codebook.size, count);
    assert.ok(folds <= 2 * count, `${folds} names folded for ${count} codes`);
  });

  it('reads 5,000 sibling codes and a 5,000-code tree exactly as written: codes, parents, lines, no problems', () => {
    const flat = parseCodebook(siblingsText(5_000), 'codebook.yaml');
    assert.deepEqual(flat.problems, []);
    assert.equal(flat.codebook.size, 5_000);
    assert.deepEqual(flat.codebook.codes[4_321], { id: 'c4321', name: 'Code 4321', colour: '#4E79A7', description: 'What code 4321 is about.' });
    assert.deepEqual([...flat.lines.values()], Array.from({ length: 5_000 }, (_, i) => 5 * i + 4));

    const tree = treeText(50, 9, 10);
    const read = parseCodebook(tree.text, 'codebook.yaml');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.codebook.codes, tree.codes);
    assert.deepEqual(read.lines, tree.lines);
  });

  it('still reports sibling names that differ only in case, each against the first of them, among 5,000 siblings', () => {
    const text = siblingsText(5_000).replace('name: Code 4000\n', 'name: code 17\n').replace('name: Code 4500\n', 'name: CODE 17\n');
    const read = parseCodebook(text, 'codebook.yaml');
    assert.deepEqual(
      read.problems.map((problem) => [problem.line, problem.message]),
      [
        [5 * 4000 + 5, 'Code "code 17" has the same name as its sibling on line 90; sibling names should differ.'],
        [5 * 4500 + 5, 'Code "CODE 17" has the same name as its sibling on line 90; sibling names should differ.'],
      ],
    );
  });

  it('adds, renames, describes, moves and removes codes among 5,000 siblings, changing only the lines of the edit', () => {
    const text = siblingsText(5_000);
    const lines = text.split('\n');
    const block = (i: number): string[] => lines.slice(5 * i + 2, 5 * i + 7);
    const join = (parts: string[]): string => parts.join('\n');

    assert.equal(addCode(text, { id: 'new', name: 'New code' }, undefined), text + '  - id: new\n    name: New code\n');
    assert.equal(addCode(text, { id: 'new', name: 'New code' }, undefined, 0), join([...lines.slice(0, 2), '  - id: new', '    name: New code', ...lines.slice(2)]));
    assert.equal(renameCode(text, 'c2500', 'Renamed'), text.replace('name: Code 2500\n', 'name: Renamed\n'));
    assert.equal(describeCode(text, 'c4999', undefined), text.replace('    description: What code 4999 is about.\n', ''));
    assert.equal(moveCode(text, 'c10', undefined), join([...lines.slice(0, 52), ...lines.slice(57, -1), ...block(10), '']));
    assert.equal(removeCode(text, 'c3'), join([...lines.slice(0, 17), ...lines.slice(22)]));
  });

  it('moves a sub-code to another theme of a 5,000-code tree, re-indented with its comment', () => {
    const { text } = treeText(50, 9, 10);
    const moved = moveCode(text, 't3-c4-s5', 't40', 0);
    const read = parseCodebook(moved, 'codebook.yaml');
    assert.deepEqual(read.problems, []);
    assert.equal(read.codebook.get('t3-c4-s5')?.parentId, 't40');
    assert.deepEqual(read.codebook.children('t40')[0].id, 't3-c4-s5');
    const at = moved.indexOf('- id: t3-c4-s5');
    assert.equal(moved.slice(at - 6, moved.indexOf('\n', moved.indexOf('\n', at) + 1)), '      - id: t3-c4-s5\n        name: Sub-code 5   # t3-c4-s5');
    // Without the moved lines, the old text and the new are the same.
    assert.equal(moved.replace('      - id: t3-c4-s5\n        name: Sub-code 5   # t3-c4-s5\n', ''), text.replace('          - id: t3-c4-s5\n            name: Sub-code 5   # t3-c4-s5\n', ''));
  });

  describe('through a study folder', () => {
    let root: string;
    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-codebook-scale-'));
    });
    afterEach(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it('parses the codebook once when adding a code to 1,000 codes: the edit starts from the reading the study has, and the study loads the reading of the result', async () => {
      const text = siblingsText(1_000);
      await fs.writeFile(path.join(root, 'codebook.yaml'), text);
      const study = await Study.load(root);
      const codebookSized = (source: unknown): boolean => typeof source === 'string' && source.length >= text.length;
      const parses = await countCalls(Parser.prototype, 'parse', codebookSized, () => study.editCodebook((current) => addCode(current, { id: 'new', name: 'New code' }, undefined)));
      assert.equal(study.codebook.size, 1_001);
      assert.equal(await fs.readFile(path.join(root, 'codebook.yaml'), 'utf8'), text + '  - id: new\n    name: New code\n');
      // Only the result is parsed: the text before is the one the study read on loading, and the
      // study's check and reload reuse the result's reading.
      assert.equal(parses, 1);
    });

    it('refuses a codebook holding a 50 MB description: a problem names the file and the limit, and nothing is edited', async () => {
      const text = `codes:\n  - id: a\n    name: A\n    description: ${'x'.repeat(50 * 1024 * 1024)}\n`;
      await fs.writeFile(path.join(root, 'codebook.yaml'), text);
      const study = await Study.load(root);
      assert.equal(study.codebookWritable, false);
      assert.equal(study.codebook.size, 0);
      assert.deepEqual(study.problems, [
        { file: 'codebook.yaml', message: 'The codebook is 50.0 MB, over the 10 MB Gloss reads; it is not loaded and cannot be edited until it is smaller.', severity: 'error' },
      ]);
      await assert.rejects(study.editCodebook((current) => addCode(current, { id: 'b', name: 'B' }, undefined)));
      assert.equal((await fs.stat(path.join(root, 'codebook.yaml'))).size, Buffer.byteLength(text));
    });
  });

  it('refuses a codebook one byte over the size limit, counting UTF-8 bytes, and reads one at the limit', () => {
    const header = 'codes:\n  - id: a\n    name: Ä\n# ';
    const padding = (bytes: number): string => 'x'.repeat(bytes - Buffer.byteLength(header));
    const atLimit = header + padding(CODEBOOK_SIZE_LIMIT);
    assert.equal(parseCodebook(atLimit, 'codebook.yaml').ok, true);
    const over = header + padding(CODEBOOK_SIZE_LIMIT + 1);
    const read = parseCodebook(over, 'codebook.yaml');
    assert.equal(read.ok, false);
    assert.equal(read.codebook.size, 0);
    assert.match(read.problems[0].message, /^The codebook is 10\.0 MB, over the 10 MB Gloss reads/);
    assert.throws(() => renameCode(over, 'a', 'B'), (error: unknown) => error instanceof CodebookEditError && /over the 10 MB Gloss reads/.test(error.message));
  });

  it('refuses an edit whose result would pass the size limit, and says why', () => {
    const text = 'codes:\n  - id: a\n    name: A\n';
    assert.throws(
      () => describeCode(text, 'a', 'y'.repeat(CODEBOOK_SIZE_LIMIT)),
      (error: unknown) => error instanceof CodebookEditError && /would make the codebook larger than 10 MB/.test(error.message),
    );
  });
});
