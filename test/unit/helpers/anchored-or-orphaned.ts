// The promise every test of codings through edits and merges checks: each stored coding is either
// on text equal to its quote or an orphan, once.
import { strict as assert } from 'node:assert';
import { sameQuote } from '../../../src/core/anchoring/quote';
import type { PlacedDocument } from '../../../src/core/study/placement';
import { sliceCodePoints } from '../../../src/core/text/offsets';

/**
 * Every coding either sits on text equal to its quote (or, where the edit changed its own words,
 * on text the re-anchoring found at least `minimumScore` similar and says so), or is an orphan;
 * none lost, none duplicated.
 */
export function assertAnchoredOrOrphaned(placed: PlacedDocument[], stored: number, minimumScore = 0.5): { anchored: number; edited: number; orphans: PlacedDocument['codings'] } {
  let anchored = 0;
  let edited = 0;
  const orphans: PlacedDocument['codings'][number][] = [];
  const ids = new Set<string>();
  for (const document of placed) {
    for (const p of document.codings) {
      assert.ok(!ids.has(p.coding.id), `coding ${p.coding.id} placed twice`);
      ids.add(p.coding.id);
      if (p.span === undefined) {
        orphans.push(p);
        continue;
      }
      const text = sliceCodePoints(document.text, p.span.start, p.span.end);
      anchored++;
      if (sameQuote(text, p.coding.quote)) continue;
      edited++;
      assert.ok(p.reanchored && p.reanchored.score >= minimumScore && p.reanchored.score < 1, `${document.path}: "${p.coding.quote}" placed on "${text}" (score ${p.reanchored?.score})`);
    }
  }
  assert.equal(ids.size, stored, 'every stored coding is placed or an orphan');
  return { anchored, edited, orphans };
}
