// Agreement over documents: the units each coefficient counts in, per code and over all codes,
// with and without the units no coder coded, missing coders and orphans.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { computeAgreement, computeAgreementInSteps, type AgreementDocument } from '../../src/core/agreement/agreement';
import { StepsCancelled } from '../../src/core/util/steps';
import { unitizingAlpha } from '../../src/core/agreement/coefficients/unitizing-alpha';
import { agreementCsv, agreementMarkdown } from '../../src/core/agreement/export';
import { parseReliabilityCsv } from '../../src/core/agreement/reliability-csv';
import { AGREEMENT_UNITS, textUnits } from '../../src/core/agreement/units';
import type { Span } from '../../src/core/model';

type Placed = [coder: string, code: string, start: number, end: number];

function document(path: string, text: string, codings: readonly Placed[], orphans: readonly [string, string][] = []): AgreementDocument {
  return {
    path,
    text,
    codings: [
      ...codings.map(([coder, code, start, end]) => ({ coding: { coder, code }, span: { start, end } })),
      ...orphans.map(([coder, code]) => ({ coding: { coder, code }, span: undefined })),
    ],
  };
}

function slices(text: string, units: readonly Span[]): string[] {
  const points = [...text];
  return units.map((unit) => points.slice(unit.start, unit.end).join(''));
}

describe('agreement units', () => {
  it('finds words in every script, in code points, without punctuation, spaces or emoji', () => {
    const text = '😀 Hello, world! 東京都に住んでいます。ภาษาไทยง่าย café';
    const words = slices(text, textUnits(text, 'word'));
    assert.deepEqual(words.slice(0, 2), ['Hello', 'world']);
    assert.ok(words.includes('café'));
    assert.ok(words.filter((w) => /\p{Script=Han}|\p{Script=Hiragana}/u.test(w)).length >= 3, `Japanese split into words: ${words.join('|')}`);
    assert.ok(words.filter((w) => /\p{Script=Thai}/u.test(w)).length >= 2, `Thai split into words: ${words.join('|')}`);
  });

  /** Word-like segments of the whole text by Intl.Segmenter, in code points. */
  function segmenterWords(text: string): Span[] {
    const codePoints = (units: number) => [...text.slice(0, units)].length;
    return [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)]
      .filter((segment) => segment.isWordLike)
      .map((segment) => ({ start: codePoints(segment.index), end: codePoints(segment.index + segment.segment.length) }));
  }

  it('finds the words Intl.Segmenter finds, on the fast path for Latin, Greek and Cyrillic lines and elsewhere (property)', () => {
    const simple = [...`aZéßΩЖж09 \t:.'‘’,;!?()"“”-–—/[]&%+=*#…\n`];
    const other = ['東', '京', 'ก', 'า', '\u0301', '😀', '_', 'א', '·', '\u00A0', 'カ', 'ー', '\u200D', '\u{1DF00}'];
    for (const alphabet of [simple, [...simple, ...other]]) {
      fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join('')), (text) => {
        assert.deepEqual(textUnits(text, 'word'), segmenterWords(text));
      }), { numRuns: 3000 });
    }
  });

  it('finds the sentences Intl.Segmenter finds, on the fast path for simple lines and elsewhere (property)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    const expected = (text: string): Span[] => {
      const codePoints = (units: number) => [...text.slice(0, units)].length;
      return [...segmenter.segment(text)].filter((s) => s.segment.trim() !== '').map((s) => ({ start: codePoints(s.index), end: codePoints(s.index + s.segment.length) }));
    };
    const simple = [...`aZbYéßΩЖжǅʰª09 \t:.'‘’,;!?()"“”-–—/[]&%+=*#…\n`];
    const other = ['東', '。', 'ก', '\u0301', '😀', '_', 'א', '\u00A0', '\u2029', '\u0085', '\u{1DF00}'];
    for (const alphabet of [simple, [...simple, ...other]]) {
      fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join('')), (text) => {
        assert.deepEqual(textUnits(text, 'sentence'), expected(text));
      }), { numRuns: 3000 });
    }
  });

  it('finds sentences, paragraphs, speaker turns and the document', () => {
    const text = '# Interview 3\n\nInterviewer: How did it start? Tell me.\nIn your words.\n\nRespondent: With a letter.\n';
    assert.deepEqual(slices(text, textUnits(text, 'sentence')).map((s) => s.trim()), ['# Interview 3', 'Interviewer: How did it start?', 'Tell me.', 'In your words.', 'Respondent: With a letter.']);
    assert.deepEqual(slices(text, textUnits(text, 'paragraph')).map((s) => s.trim()), ['# Interview 3', 'Interviewer: How did it start? Tell me.\nIn your words.', 'Respondent: With a letter.']);
    const turns = 'Notes\nA: one\nmore\nB: two';
    assert.deepEqual(slices(turns, textUnits(turns, 'turn')), ['Notes\n', 'A: one\nmore\n', 'B: two']);
    assert.deepEqual(textUnits(text, 'document'), [{ start: 0, end: [...text].length }]);
  });
});

describe('agreement over documents', () => {
  // Four words; Ana codes X on "aaaa bbbb" [0, 9), Ben on "bbbb cccc" [5, 14).
  const text = 'aaaa bbbb cccc dddd';
  const both = document('t.txt', text, [['Ana', 'X', 0, 9], ['Ben', 'X', 5, 14]]);

  it('counts words by each coder\'s value, with and without the word neither coded (computed by hand)', () => {
    const report = computeAgreement([both], { coders: ['Ana', 'Ben'], unit: 'word' });
    const x = report.codes[0];
    assert.equal(x.code, 'X');
    // Words: aaaa (1,0), bbbb (1,1), cccc (0,1), dddd (0,0).
    assert.equal(x.allUnits.units, 4);
    assert.equal(x.allUnits.percentAgreement.value, 0.5);
    assert.equal(x.allUnits.cohenKappa!.value, 0, 'p_o = p_e = 1/2');
    // Coincidences o00 = o11 = o01 = o10 = 2, n = 8: alpha = 1 − 7 · 2 / (4 · 4) = 0.125.
    assert.equal(x.allUnits.krippendorffAlpha.value, 0.125);
    assert.equal(x.codedUnits.units, 3);
    assert.equal(x.codedUnits.percentAgreement.value, 1 / 3);
    // o11 = o01 = o10 = 2, n = 6, n0 = 2, n1 = 4: alpha = 1 − 5 · 2 / (2 · 4) = −0.25.
    assert.equal(x.codedUnits.krippendorffAlpha.value, -0.25);
    assert.deepEqual(x.codings, [1, 1]);
  });

  it('counts characters by stretches: 5 Ana only, 4 both, 5 Ben only, 5 neither', () => {
    const x = computeAgreement([both], { coders: ['Ana', 'Ben'], unit: 'character' }).codes[0];
    assert.equal(x.allUnits.units, 19);
    assert.equal(x.allUnits.percentAgreement.value, 9 / 19);
    assert.equal(x.codedUnits.units, 14);
    assert.equal(x.codedUnits.percentAgreement.value, 4 / 14);
    const expected = unitizingAlpha([{ length: 19, coders: [[{ start: 0, end: 9 }], [{ start: 5, end: 14 }]] }]);
    assert.deepEqual(x.unitizingAlpha, expected);
  });

  it('merges one coder\'s overlapping codings of a code, and pools codes for the overall figures', () => {
    const doc = document('t.txt', text, [['Ana', 'X', 0, 4], ['Ana', 'X', 2, 9], ['Ben', 'X', 0, 9], ['Ana', 'Y', 10, 14], ['Ben', 'Y', 15, 19]]);
    const report = computeAgreement([doc], { coders: ['Ana', 'Ben'], unit: 'word' });
    assert.deepEqual(report.codes.map((c) => c.code), ['X', 'Y']);
    assert.equal(report.codes[0].allUnits.percentAgreement.value, 1);
    assert.equal(report.codes[0].unitizingAlpha.value, 1);
    assert.equal(report.overall.allUnits.units, 8, 'four words for each of two codes');
    assert.equal(report.overall.allUnits.percentAgreement.value, 6 / 8);
    assert.deepEqual(report.overall.codings, [3, 2]);
  });

  it('treats a coder who has not coded a document as missing there, not as disagreeing', () => {
    const other = document('u.txt', 'eeee ffff', [['Ana', 'X', 0, 4]]);
    const report = computeAgreement([both, other], { coders: ['Ana', 'Ben'], unit: 'word', notCodedBy: new Map([['u.txt', ['Ben']]]) });
    const x = report.codes[0];
    assert.equal(x.allUnits.units, 6, 'the two words of u.txt have Ana\'s values');
    assert.equal(x.allUnits.percentAgreement.units, 4, 'only the words of t.txt are pairable');
    assert.equal(x.allUnits.krippendorffAlpha.value, 0.125, 'as without u.txt');
    assert.equal(report.documentsCodedByAll, 1);
  });

  it('reports orphans per document and coder and does not count them', () => {
    const doc = document('t.txt', text, [['Ana', 'X', 0, 9], ['Ben', 'X', 0, 9]], [['Ben', 'X'], ['Ben', 'Y']]);
    const report = computeAgreement([doc], { coders: ['Ana', 'Ben'], unit: 'document' });
    assert.deepEqual(report.orphans, [{ path: 't.txt', coder: 'Ben', count: 2 }]);
    assert.deepEqual(report.codes.map((c) => c.code), ['X']);
    assert.equal(report.codes[0].allUnits.percentAgreement.value, 1);
  });

  it('ignores coders not compared and refuses fewer than two coders', () => {
    const doc = document('t.txt', text, [['Ana', 'X', 0, 9], ['Ben', 'X', 0, 9], ['Cleo', 'Z', 0, 4]]);
    assert.deepEqual(computeAgreement([doc], { coders: ['Ana', 'Ben'], unit: 'word' }).codes.map((c) => c.code), ['X']);
    assert.throws(() => computeAgreement([doc], { coders: ['Ana'], unit: 'word' }), /2 to/);
    assert.throws(() => computeAgreement([doc], { coders: ['Ana', 'Ana'], unit: 'word' }), /once/);
  });

  it('gives alpha 1 on every unit when coders agree, and the same figures whatever their order (property)', () => {
    const words = 'one two three four five six seven eight nine ten. Eleven twelve!\n\nA: thirteen\nB: fourteen';
    const length = words.length;
    const span = fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(fc.property(fc.array(span, { minLength: 1, maxLength: 5 }), fc.array(span, { maxLength: 5 }), (shared, own) => {
      const agreeing = document('w.txt', words, shared.flatMap((s): Placed[] => [['Ana', 'X', s.start, s.end], ['Ben', 'X', s.start, s.end]]));
      const differing = document('w.txt', words, [...shared.map((s): Placed => ['Ana', 'X', s.start, s.end]), ...own.map((s): Placed => ['Ben', 'X', s.start, s.end])]);
      for (const unit of AGREEMENT_UNITS) {
        const agreement = computeAgreement([agreeing], { coders: ['Ana', 'Ben'], unit }).overall;
        for (const value of [agreement.allUnits.krippendorffAlpha.value, agreement.codedUnits.percentAgreement.value]) assert.ok(value === undefined || value === 1, `${unit}: ${value}`);
        const forward = computeAgreement([differing], { coders: ['Ana', 'Ben'], unit }).overall;
        const backward = computeAgreement([differing], { coders: ['Ben', 'Ana'], unit }).overall;
        assert.equal(forward.allUnits.krippendorffAlpha.value, backward.allUnits.krippendorffAlpha.value, unit);
        assert.equal(forward.codedUnits.percentAgreement.value, backward.codedUnits.percentAgreement.value, unit);
        assert.equal(forward.unitizingAlpha.value, backward.unitizingAlpha.value, unit);
      }
    }), { numRuns: 50 });
  });

  it('exports the report as CSV and as Markdown with the references, undefined figures left blank', () => {
    const report = computeAgreement([both], { coders: ['Ana', 'Ben'], unit: 'word' });
    const name = (code: string) => (code === 'X' ? 'Trust, | local' : code);
    const rows = parseReliabilityCsv(agreementCsv(report, name), 'nominal').rows.map((row) => row.values);
    const header = agreementCsv(report, name).split('\r\n')[0];
    assert.ok(header.startsWith("Code,Code id,\"Units, all units\",\"Percent agreement, all units\",\"Cohen's kappa, all units\""), header);
    // X: 4 words, 50 %, Cohen's and Fleiss' kappa 0 (each category half the values), alpha 0.125; coded: 3 words.
    assert.deepEqual(rows[0].slice(0, 8), ['Trust, | local', 'X', 4, 50, 0, 0, 0.125, 3]);
    assert.deepEqual(rows[1].slice(0, 2), ['All codes', undefined]);
    const markdown = agreementMarkdown(report, name);
    assert.match(markdown, /\| Trust, \\\| local \| X \| 4 \| 50\.0 \| 0\.000 \|/);
    assert.match(markdown, /Fleiss, J\. L\. \(1971\)/);
    assert.match(markdown, /Unit: word\./);
    const unanimous = computeAgreement([document('t.txt', text, [['Ana', 'X', 0, 4], ['Ben', 'X', 0, 4]])], { coders: ['Ana', 'Ben'], unit: 'document' });
    assert.match(agreementMarkdown(unanimous, name), /\| Trust, \\\| local \| X \| 1 \| 100\.0 \| — \| — \| — \|/);
  });

  it('computes the same report in steps, letting other work run between them', async () => {
    const documents = [both, ...['u', 'v', 'w'].map((name, i) => document(`${name}.txt`, text, [['Ana', 'X', i, i + 5], ['Ben', 'Y', 2 * i, 9]]))];
    const options = { coders: ['Ana', 'Ben'], unit: 'sentence' as const };
    const events: string[] = [];
    const stepped = computeAgreementInSteps(documents, options, 1).then((report) => {
      events.push('report');
      return report;
    });
    setImmediate(() => events.push('other work'));
    assert.deepEqual(await stepped, computeAgreement(documents, options));
    assert.deepEqual(events, ['other work', 'report']);
  });

  it('tells its progress between steps and stops when cancelled, so a newer request replaces it', async () => {
    const documents = ['t', 'u', 'v', 'w'].map((name, i) => document(`${name}.txt`, text, [['Ana', 'X', i, i + 5], ['Ben', 'X', i, 9]]));
    const options = { coders: ['Ana', 'Ben'], unit: 'word' as const };
    const progress: string[] = [];
    await computeAgreementInSteps(documents, options, 1, { onStep: (done, total) => progress.push(`${done}/${total}`) });
    assert.deepEqual(progress, ['1/4', '2/4', '3/4', '4/4']);
    let cancel = false;
    const stopped = computeAgreementInSteps(documents, options, 1, { onStep: (done) => (cancel = done === 2), cancelled: () => cancel });
    await assert.rejects(stopped, StepsCancelled);
  });

  it('keeps a span that reaches past its text inside its document', () => {
    const long = document('a.txt', 'abcd', [['Ana', 'X', 2, 40], ['Ben', 'X', 2, 4]]);
    const next = document('b.txt', 'efgh', [['Ana', 'X', 0, 4], ['Ben', 'X', 0, 4]]);
    const x = computeAgreement([long, next], { coders: ['Ana', 'Ben'], unit: 'character' }).codes[0];
    assert.equal(x.allUnits.units, 8);
    assert.equal(x.allUnits.percentAgreement.value, 1);
    assert.equal(x.unitizingAlpha.value, 1);
  });

  it('rolls sub-codes up into the code they are reported as, and leaves out codes reported as nothing', () => {
    // Ana codes "aaaa " with sub-code t.1 and "bbbb" with t.2; Ben codes "aaaa bbbb" with t; Z is left out.
    const doc = document('t.txt', text, [['Ana', 't.1', 0, 5], ['Ana', 't.2', 5, 9], ['Ben', 't', 0, 9], ['Ben', 'Z', 10, 14]]);
    const parent = (code: string) => (code === 'Z' ? undefined : code.split('.')[0]);
    const report = computeAgreement([doc], { coders: ['Ana', 'Ben'], unit: 'word', reportAs: parent });
    assert.deepEqual(report.codes.map((c) => c.code), ['t']);
    assert.equal(report.codes[0].allUnits.percentAgreement.value, 1);
    assert.equal(report.codes[0].unitizingAlpha.observedDisagreement, 0, 'touching sub-codes merge into one stretch');
    assert.deepEqual(report.codes[0].codings, [2, 1]);
  });
});
