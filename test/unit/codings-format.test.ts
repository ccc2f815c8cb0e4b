import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { codingLine, formatCodingLine, formatCodingsFile, parseCodingsFile, placementJson, stampModified } from '../../src/core/codings/format';
import { coderSlug, codingsFilePath, parseCodingsFilePath } from '../../src/core/codings/paths';
import type { Coding } from '../../src/core/model';

const base: Coding = {
  id: 'b',
  code: 'org-policy',
  start: 10,
  end: 20,
  quote: 'the policy',
  prefix: 'We wrote ',
  suffix: ' in 2005.',
  version: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad',
  coder: 'Marike',
  created: '2026-11-28T10:00:00.000Z',
};

describe('codings file format', () => {
  it('writes one line per coding, keys in a fixed order, sorted by position, LF and a final newline', () => {
    const text = formatCodingsFile([
      { ...base, id: 'z', start: 30, end: 40 },
      { ...base, memo: 'first "quote"\nsecond line', id: 'a' },
      { ...base, id: 'c', memo: '' },
    ]);
    const lines = text.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.deepEqual(lines.slice(0, 3).map((l) => JSON.parse(l).id), ['a', 'c', 'z']);
    assert.equal(
      lines[0],
      '{"id":"a","code":"org-policy","start":10,"end":20,"quote":"the policy","prefix":"We wrote ","suffix":" in 2005.",' +
        '"version":"3b18e512dba79e4c8300dd08aeb37f8e728b8dad","coder":"Marike","created":"2026-11-28T10:00:00.000Z",' +
        '"memo":"first \\"quote\\"\\nsecond line"}',
    );
    assert.ok(!lines[1].includes('memo'), 'an empty memo is not written');
  });

  it('writes nothing for no codings', () => {
    assert.equal(formatCodingsFile([]), '');
  });

  it('keeps the valid lines of a damaged file and reports the others with their line', () => {
    const good = formatCodingsFile([base]).trim();
    const parsed = parseCodingsFile(`${good}\n{"id": broken\n\n{"id":"x"}\n`, 'codings/marike/t.txt.jsonl');
    assert.deepEqual(parsed.codings, [base]);
    assert.deepEqual(
      parsed.problems.map((p) => [p.file, p.line, p.severity]),
      [
        ['codings/marike/t.txt.jsonl', 2, 'error'],
        ['codings/marike/t.txt.jsonl', 4, 'error'],
      ],
    );
    assert.match(parsed.problems[0].message, /JSON/);
    assert.match(parsed.problems[1].message, /code/);
    assert.deepEqual(parsed.invalidLines.map((l) => l.line), [2, 4]);
  });

  it('loads duplicate ids left by a union merge once, the later line winning', () => {
    const older = formatCodingsFile([base]).trim();
    const newer = formatCodingsFile([{ ...base, memo: 'edited' }]).trim();
    const parsed = parseCodingsFile(`${older}\n${newer}\n`, 'f');
    assert.equal(parsed.codings.length, 1);
    assert.equal(parsed.codings[0].memo, 'edited');
    assert.equal(parsed.problems[0].severity, 'warning');
  });

  it('keeps the newer of two lines with one id by `modified`, wherever it stands, and names both lines', () => {
    // The scenario of a union merge: the coder re-attached the coding (modified) on one branch,
    // the other branch still holds the stale line, which sorts after it.
    const reattached = { ...base, start: 50, end: 60, modified: '2026-12-01T09:00:00.000Z' };
    const stale = { ...base, start: 70, end: 80 };
    const text = `${formatCodingsFile([reattached]).trim()}\n${formatCodingsFile([stale]).trim()}\n`;
    const parsed = parseCodingsFile(text, 'codings/marike/a.txt.jsonl');
    assert.deepEqual(parsed.codings, [reattached]);
    assert.deepEqual(parsed.duplicateLines, [2]);
    assert.deepEqual(
      parsed.problems.map((p) => [p.file, p.line, p.severity]),
      [['codings/marike/a.txt.jsonl', 2, 'warning']],
    );
    assert.match(parsed.problems[0].message, /lines 1 and 2 .*line 1 is newer/);
  });

  it('writes `modified` after `created`, and reads files without it', () => {
    const line = formatCodingsFile([{ ...base, modified: '2026-12-01T09:00:00.000Z', memo: 'm' }]).trim();
    assert.deepEqual(Object.keys(JSON.parse(line)).slice(-3), ['created', 'modified', 'memo']);
    assert.deepEqual(parseCodingsFile(formatCodingsFile([base]), 'f').codings, [base]);
    assert.match(String(parseCodingsFile(line.replace('"modified":"2026-12-01T09:00:00.000Z"', '"modified":7'), 'f').problems[0]?.message), /modified/);
  });

  it('stamps `modified` on records that change when written, and on no other', () => {
    const now = '2026-12-02T12:00:00.000Z';
    const stored = [base, { ...base, id: 'c' }];
    const records = stampModified(stored, [base, { ...base, id: 'c', start: 11 }, { ...base, id: 'new' }], now);
    assert.deepEqual(records.map((r) => r.modified), [undefined, now, undefined]);
  });

  it('reads CRLF files written by another tool', () => {
    const parsed = parseCodingsFile(formatCodingsFile([base]).replace(/\n/g, '\r\n'), 'f');
    assert.deepEqual(parsed.codings, [base]);
    assert.equal(parsed.problems.length, 0);
  });

  it('round-trips any codings (property)', () => {
    const coding = fc.record({
      id: fc.uuid(),
      code: fc.string({ minLength: 1 }),
      start: fc.nat(1_000_000),
      length: fc.nat(10_000),
      quote: fc.string({ unit: 'grapheme' }),
      prefix: fc.string(),
      suffix: fc.string(),
      memo: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(coding, { selector: (c) => c.id, maxLength: 30 }), (generated) => {
        const codings: Coding[] = generated.map(({ length, memo, ...c }) => ({
          ...c,
          end: c.start + length,
          version: base.version,
          coder: 'Joaquín',
          created: base.created,
          ...(memo === undefined ? {} : { memo }),
        }));
        const text = formatCodingsFile(codings);
        const parsed = parseCodingsFile(text, 'f');
        assert.deepEqual(parsed.problems, []);
        assert.equal(formatCodingsFile(parsed.codings), text);
        assert.equal(text === '' ? 0 : text.split('\n').length - 1, codings.length);
      }),
    );
  });
});

describe('a coding line made of its parts', () => {
  /** What the line was before it was made of parts: JSON.stringify of the keys in their order, empty memo and undefined keys left out. */
  function orderedJson(coding: Coding): string {
    const ordered: Record<string, unknown> = {};
    for (const key of ['id', 'code', 'start', 'end', 'quote', 'prefix', 'suffix', 'version', 'coder', 'created', 'modified', 'memo'] as const) {
      const value = coding[key];
      if (value !== undefined && !(key === 'memo' && value === '')) ordered[key] = value;
    }
    return JSON.stringify(ordered);
  }

  it('is the same line as the keys in order written by JSON.stringify, whoever made the placement (property)', () => {
    const text = fc.string({ unit: 'binary' });
    const coding = fc.record({
      id: text,
      code: text,
      start: fc.nat(),
      end: fc.nat(),
      quote: text,
      prefix: text,
      suffix: text,
      version: text,
      coder: text,
      created: text,
      modified: fc.option(text, { nil: undefined }),
      memo: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(coding, (c: Coding) => {
        assert.equal(formatCodingLine(c), orderedJson(c));
        assert.equal(codingLine(c, placementJson(c)), orderedJson(c));
        assert.ok(!placementJson(c).includes('\n'), 'a placement is one line (the import joins them with line feeds)');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codings file paths', () => {
  it('gives each coder a folder named by a slug of their name', () => {
    assert.equal(coderSlug('Joaquín Pérez'), 'joaquin-perez');
    assert.equal(coderSlug('  M. de Vries '), 'm-de-vries');
    assert.equal(coderSlug('???'), 'coder');
    assert.equal(codingsFilePath('Marike', 'transcripts/velden/a b.txt'), 'codings/marike/transcripts/velden/a b.txt.jsonl');
  });

  it('reads the coder and document back from a codings path', () => {
    assert.deepEqual(parseCodingsFilePath('codings/marike/transcripts/a.txt.jsonl'), {
      coderSlug: 'marike',
      documentPath: 'transcripts/a.txt',
    });
    assert.equal(parseCodingsFilePath('codings/marike.jsonl'), undefined);
    assert.equal(parseCodingsFilePath('memos/project.md'), undefined);
  });
});
