import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { NO_CASES } from '../../src/core/cases/cases';
import { Codebook } from '../../src/core/codebook/codebook';
import { computeCooccurrence, cooccurringPairs, cooccurrenceCsv, type CoderPairs, cooccurrenceMarkdown, isSpeakerLine, orderRows, unitAt, unitStarts, type MatrixInput, type Proximity } from '../../src/core/matrix';
import type { MatrixDocument } from '../../src/core/matrix/input';
import { normaliseText } from '../../src/core/text/normalise';

const root = path.resolve(__dirname, '../..');

const codebook = new Codebook([
  { id: 'p', name: 'Parent' },
  { id: 'a', name: 'Alpha', parentId: 'p' },
  { id: 'b', name: 'Beta', parentId: 'p' },
  { id: 'c', name: 'Gamma' },
]);

function doc(text: string, segments: Array<[id: string, code: string, start: number, end: number, coder?: string]>): MatrixDocument {
  return {
    path: 'd.txt',
    text,
    length: [...text].length,
    segments: segments.map(([id, code, start, end, coder]) => ({ id, code, start, end, coder: coder ?? 'Ann' })),
    orphans: [],
  };
}

const TEXT = [
  '# header line',
  '',
  'Interviewer: first question?',
  '',
  'Maria: an answer that goes on',
  'over two lines.',
  '',
  'And a second paragraph of the same turn.',
  'Interviewer: next.',
].join('\n');

const at = (needle: string, length = needle.length): [number, number] => {
  const start = TEXT.indexOf(needle);
  assert.ok(start >= 0, needle);
  return [start, start + length];
};

function counts(input: MatrixInput, proximity: Proximity, rollUp = false, pairs?: CoderPairs): Record<string, number> {
  const m = computeCooccurrence(input, { proximity, rollUp, ...(pairs ? { pairs } : {}) });
  const result: Record<string, number> = {};
  m.codes.forEach((x, i) => m.codes.forEach((y, j) => { if (i < j && m.counts[i][j] > 0) result[`${x.code}-${y.code}`] = m.counts[i][j]; }));
  return result;
}

describe('matrix: speaker turns and paragraphs', () => {
  it('recognises speaker labels as the transcript grammar does', () => {
    for (const line of ['Interviewer: hello', 'MCE Ofori: You are welcome', '[00:00:20] I: Merci', 'D. Amélia: De nada', 'Speaker 1 (00:03): yes', '[Interviewer] and then', '  R: indented', 'Jan van der Berg: ja']) {
      assert.ok(isSpeakerLine(line), line);
    }
    for (const line of ['# Interviewer: Marike', 'not a speaker: lower case', 'He said: something', '[Laughs] and then', '[risos] Aqui', 'http://example.org', 'Interviewer:no space', '']) {
      assert.ok(!isSpeakerLine(line), line);
    }
  });

  it('starts a turn at each speaker line and a paragraph after each blank line', () => {
    const turns = unitStarts(TEXT, 'turn');
    assert.deepEqual(turns, [0, TEXT.indexOf('Interviewer: first'), TEXT.indexOf('Maria:'), TEXT.indexOf('Interviewer: next')]);
    const paragraphs = unitStarts(TEXT, 'paragraph');
    assert.deepEqual(paragraphs, [0, TEXT.indexOf('Interviewer: first'), TEXT.indexOf('Maria:'), TEXT.indexOf('And a second')]);
    assert.equal(unitAt(turns, TEXT.indexOf('second paragraph')), 2);
    assert.equal(unitAt(turns, 0), 0);
  });

  it('counts unit starts in code points', () => {
    const text = 'A: 😀😀\nB: x\n\nC: y';
    // "A: 😀😀\n" is 6 code points (8 UTF-16 units), "B: x\n" 5, the blank line 1.
    assert.deepEqual(unitStarts(text, 'turn'), [0, 6, 12]);
    assert.deepEqual(unitStarts(text, 'paragraph'), [0, 12]);
  });

  describe('agrees with the transcript grammar on the example transcripts', () => {
    let grammar: vsctm.IGrammar;
    before(async () => {
      const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
      await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined);
      const grammarPath = path.join(root, 'syntaxes/transcript.tmLanguage.json');
      const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
          createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
          createOnigString: (text: string) => new oniguruma.OnigString(text),
        }),
        loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
      });
      grammar = (await registry.loadGrammar('text.transcript'))!;
    });

    it('marks a line as a speaker turn exactly when the grammar tokenises a speaker at its start', () => {
      const folders = [path.join(root, 'examples/city-partnerships/transcripts'), path.join(root, 'test/unit/fixtures/grammar')];
      let lines = 0;
      let speakers = 0;
      for (const folder of folders) {
        for (const file of fs.readdirSync(folder, { recursive: true }) as string[]) {
          if (!file.endsWith('.txt')) continue;
          let state = vsctm.INITIAL;
          for (const line of normaliseText(fs.readFileSync(path.join(folder, file), 'utf8')).split('\n')) {
            const result = grammar.tokenizeLine(line, state);
            state = result.ruleStack;
            const grammarSays = result.tokens.some((t) => t.scopes.includes('entity.name.tag.speaker.transcript'));
            assert.equal(isSpeakerLine(line), grammarSays, `${file}: ${line}`);
            lines++;
            if (grammarSays) speakers++;
          }
        }
      }
      assert.ok(lines > 300 && speakers > 100, `${speakers} speaker lines of ${lines}`);
    });
  });
});

describe('matrix: co-occurrence', () => {
  const [q0, q1] = at('first question');
  const [m0] = at('an answer');
  const [, m1] = at('two lines');
  const [s0, s1] = at('second paragraph');
  const [n0, n1] = at('next');
  const input: MatrixInput = {
    codebook,
    cases: NO_CASES,
    documents: [
      doc(TEXT, [
        ['1', 'a', q0, q1],
        ['2', 'b', q0 + 6, q1 + 3],
        ['3', 'c', m0, m1],
        ['4', 'a', s0, s1],
        ['5', 'c', n0, n1],
        ['6', 'b', q1, q1 + 2],
      ]),
    ],
  };

  it('counts overlapping segments (touching is not overlapping)', () => {
    assert.deepEqual(counts(input, { kind: 'overlap' }), { 'a-b': 1 });
  });

  it('counts segments in one speaker turn or one paragraph', () => {
    const pairs = (proximity: Proximity) => cooccurringPairs(input, { proximity, rollUp: false }, 'a', 'c').map((p) => [p.first.id, p.second.id]);
    // Turns: [1, 2, 6] in the first question's turn, [3, 4] in Maria's, [5] alone.
    assert.deepEqual(counts(input, { kind: 'turn' }), { 'a-b': 2, 'a-c': 1 });
    assert.deepEqual(pairs({ kind: 'turn' }), [['4', '3']]);
    // Paragraphs: Maria's answer is apart from "And a second paragraph", which runs on into "Interviewer: next."
    assert.deepEqual(counts(input, { kind: 'paragraph' }), { 'a-b': 2, 'a-c': 1 });
    assert.deepEqual(pairs({ kind: 'paragraph' }), [['4', '5']]);
  });

  it('counts segments within N code points of each other', () => {
    assert.deepEqual(counts(input, { kind: 'distance', distance: 0 }), { 'a-b': 2 });
    // 9 code points from Maria's answer (c) to the second paragraph (a); 7 and 8 from the b segments before it.
    assert.equal(s0 - m1, 9);
    assert.deepEqual(counts(input, { kind: 'distance', distance: 6 }), { 'a-b': 2 });
    assert.deepEqual(counts(input, { kind: 'distance', distance: 9 }), { 'a-b': 2, 'a-c': 1, 'b-c': 2 });
    assert.deepEqual(counts(input, { kind: 'distance', distance: 10_000 }), { 'a-b': 4, 'a-c': 4, 'b-c': 4 });
  });

  it('rolls sub-codes up, counting a pair of segments once per pair of codes', () => {
    const rolled = counts(input, { kind: 'overlap' }, true);
    // 1 (a) and 2 (b) overlap: a-b, a-p (2 rolls up into p), p-b; p-p is not counted.
    // 2 and 6 (both b) overlap too: b-p once, however many ways the pair connects them.
    assert.deepEqual(rolled, { 'p-a': 1, 'p-b': 2, 'a-b': 1 });
    assert.equal(computeCooccurrence(input, { proximity: { kind: 'overlap' }, rollUp: true }).segments[0], 4);
  });

  it('lists the pairs behind a cell, each with the segment of the first code first', () => {
    const pairs = cooccurringPairs(input, { proximity: { kind: 'turn' }, rollUp: false }, 'b', 'a');
    assert.deepEqual(pairs.map((p) => [p.first.id, p.second.id]).sort(), [['2', '1'], ['6', '1']]);
    assert.deepEqual(cooccurringPairs(input, { proximity: { kind: 'turn' }, rollUp: false }, 'a', 'a'), []);
  });

  describe('pairs within one coder or across coders', () => {
    // Ann codes the passage a, Bob codes it b; Ann also codes its first word c.
    const mixed: MatrixInput = { ...input, documents: [doc(TEXT, [['1', 'a', q0, q1, 'Ann'], ['2', 'b', q0, q1, 'Bob'], ['3', 'c', q0, q0 + 5, 'Ann']])] };

    it('pairs segments of one coder only, unless asked otherwise', () => {
      assert.deepEqual(counts(mixed, { kind: 'overlap' }), { 'a-c': 1 });
      assert.deepEqual(cooccurringPairs(mixed, { proximity: { kind: 'overlap' }, rollUp: false }, 'a', 'b'), []);
      assert.equal(computeCooccurrence(mixed, { proximity: { kind: 'overlap' }, rollUp: false }).pairs, 'within-coder');
      // Roll-up does not bring Bob's b into a pair with Ann's codes through their parent either.
      assert.deepEqual(counts(mixed, { kind: 'overlap' }, true), { 'p-c': 1, 'a-c': 1 });
    });

    it('counts one coder\'s segment with another coder\'s when pairs across coders are chosen', () => {
      assert.deepEqual(counts(mixed, { kind: 'overlap' }, false, 'across-coders'), { 'a-b': 1, 'a-c': 1, 'b-c': 1 });
      const pairs = cooccurringPairs(mixed, { proximity: { kind: 'overlap' }, rollUp: false, pairs: 'across-coders' }, 'b', 'a');
      assert.deepEqual(pairs.map((p) => [p.first.coder, p.second.coder]), [['Bob', 'Ann']]);
    });

    it('filters by coder before pairing', () => {
      const annOnly = computeCooccurrence(mixed, { proximity: { kind: 'overlap' }, rollUp: false, coders: new Set(['Ann']), pairs: 'across-coders' });
      assert.equal(annOnly.counts[1][2], 0);
      assert.equal(annOnly.counts[1][3], 1);
    });
  });

  it('is symmetric, zero on the diagonal, as many as the pairs listed, and within coders the sum of each coder alone (random segments)', () => {
    const segment = fc.record({ code: fc.constantFrom('p', 'a', 'b', 'c'), start: fc.nat(TEXT.length - 1), length: fc.nat(40), coder: fc.constantFrom('Ann', 'Bob') });
    const proximity = fc.oneof(
      fc.constant<Proximity>({ kind: 'overlap' }),
      fc.constant<Proximity>({ kind: 'turn' }),
      fc.constant<Proximity>({ kind: 'paragraph' }),
      fc.nat(60).map((distance): Proximity => ({ kind: 'distance', distance })),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 14 }), proximity, fc.boolean(), fc.constantFrom<CoderPairs>('within-coder', 'across-coders'), (list, p, rollUp, pairs) => {
        const random: MatrixInput = {
          codebook,
          cases: NO_CASES,
          documents: [doc(TEXT, list.map((s, i) => [String(i), s.code, s.start, Math.min(TEXT.length, s.start + s.length), s.coder]))],
        };
        const options = { proximity: p, rollUp, pairs };
        const m = computeCooccurrence(random, options);
        const alone = (coder: string) => computeCooccurrence(random, { ...options, coders: new Set([coder]) });
        const [ann, bob] = [alone('Ann'), alone('Bob')];
        m.codes.forEach((x, i) => {
          assert.equal(m.counts[i][i], 0);
          m.codes.forEach((y, j) => {
            assert.equal(m.counts[i][j], m.counts[j][i]);
            if (i !== j) assert.equal(cooccurringPairs(random, options, x.code, y.code).length, m.counts[i][j], `${x.code}-${y.code}`);
            const eachAlone = ann.counts[i][j] + bob.counts[i][j];
            if (pairs === 'within-coder') assert.equal(m.counts[i][j], eachAlone);
            else assert.ok(m.counts[i][j] >= eachAlone);
          });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('exports as CSV and Markdown under a line that says what is counted', () => {
    const m = computeCooccurrence(input, { proximity: { kind: 'turn' }, rollUp: false });
    const order = orderRows(m.codes, undefined, false);
    const caption = 'Pairs of segments in one speaker turn, both by the same coder';
    assert.equal(
      cooccurrenceCsv(m, order, (code) => codebook.pathLabel(code), caption),
      [`"${caption}",,,,,`, 'Code id,Code,Parent,Parent › Alpha,Parent › Beta,Gamma', 'p,Parent,0,0,0,0', 'a,Parent › Alpha,0,0,2,1', 'b,Parent › Beta,0,2,0,0', 'c,Gamma,0,1,0,0', ''].join('\r\n'),
    );
    const markdown = cooccurrenceMarkdown(m, order, caption);
    assert.ok(markdown.startsWith(`${caption}\n\n| Code |`));
    assert.match(markdown, /\| \u00a0\u00a0Alpha \| 0 \|  \| 2 \| 1 \|/);
  });
});
