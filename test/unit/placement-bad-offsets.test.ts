// One codings line with offsets outside its own text version (past the end, start after end,
// negative) must become an orphan with its quote and reason; every other coding still shows.
import { strict as assert } from 'node:assert';
import { TrackedDocument } from '../../src/core/study/tracked-document';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { parseCodingsFile, formatCodingLine } from '../../src/core/codings/format';
import type { Coding } from '../../src/core/model';
import { placeDocument } from '../../src/core/study/placement';
import type { TextVersions } from '../../src/core/study/versions';
import { textVersion } from '../../src/core/text/normalise';

const TEXT = 'I: How did it start?\nR: The council adopted a policy in 2014. Money followed later.\nI: And the schools?\n';
const LENGTH = [...TEXT].length;

const noVersions: TextVersions = { get: () => Promise.resolve(undefined), remember: () => Promise.resolve() };

function codingOf(quote: string, id: string): Coding {
  const start = TEXT.indexOf(quote);
  const span = { start, end: start + quote.length };
  return { id, code: 'c1', ...span, ...quoteSelectors(TEXT, span), version: textVersion(TEXT), coder: 'Ana', created: '2026-01-01T00:00:00.000Z' };
}

/** Good codings around three bad ones, as read from a codings file written by hand. */
function storedCodings(): Coding[] {
  const good = [codingOf('How did it start?', 'a'), codingOf('adopted a policy', 'b'), codingOf('Money followed', 'c'), codingOf('And the schools?', 'd')];
  const bad = [
    { ...codingOf('Money followed', 'past-end'), start: LENGTH + 5, end: LENGTH + 19 },
    { ...codingOf('Money followed', 'reversed'), start: 60, end: 50 },
    { ...codingOf('Money followed', 'negative'), start: -3, end: 4 },
  ];
  const lines = [good[0], bad[0], good[1], bad[1], bad[2], good[2], good[3]].map(formatCodingLine).join('\n');
  const parsed = parseCodingsFile(lines, 'codings/ana/t.txt.jsonl');
  assert.deepEqual(parsed.problems, []);
  return parsed.codings;
}

const BAD_IDS = ['negative', 'past-end', 'reversed'];
const GOOD_IDS = ['a', 'b', 'c', 'd'];

describe('codings with offsets outside their text', () => {
  it('placement: each becomes an orphan with its quote and a reason, the others are placed', async () => {
    const placed = await placeDocument('t.txt', TEXT, storedCodings(), noVersions);
    const orphans = placed.codings.filter((p) => p.span === undefined);
    assert.deepEqual(orphans.map((p) => p.coding.id).sort(), BAD_IDS);
    for (const orphan of orphans) {
      assert.equal(orphan.coding.quote, 'Money followed');
      assert.match(orphan.orphanReason ?? '', /offsets/);
    }
    const anchored = placed.codings.filter((p) => p.span !== undefined);
    assert.deepEqual(anchored.map((p) => p.coding.id), GOOD_IDS);
    for (const p of anchored) assert.equal(TEXT.slice(p.span!.start, p.span!.end), p.coding.quote);
  });

  it('the editor: the others are tracked and the bad ones listed as orphans', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, noVersions);
    doc.setStored(storedCodings());
    await doc.whenSettled();
    assert.deepEqual(doc.liveCodings().map((c) => c.coding.id), GOOD_IDS);
    assert.deepEqual(doc.orphanedCodings().map((o) => o.coding.id).sort(), BAD_IDS);
    for (const orphan of doc.orphanedCodings()) assert.equal(orphan.quote, 'Money followed');
    assert.equal(doc.codingCount, 7);
  });
});
