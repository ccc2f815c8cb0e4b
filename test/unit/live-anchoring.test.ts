import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LiveSpans, mapSpansThroughChanges, type EditorTextChange, type TrackedSpanState } from '../../src/core/anchoring/live';
import type { Span } from '../../src/core/model';
import { TextIndex } from '../../src/core/text/offsets';
import { toEditorText } from '../../src/core/text/normalise';

/** Applies changes to a text the way VS Code does: one after another, in array order. */
function applyToText(text: string, changes: readonly EditorTextChange[]): string {
  for (const { rangeOffset, rangeLength, text: inserted } of changes) {
    text = text.slice(0, rangeOffset) + inserted + text.slice(rangeOffset + rangeLength);
  }
  return text;
}

/** The change that undoes `change` on `textBefore`. */
function inverseOf(textBefore: string, change: EditorTextChange): EditorTextChange {
  return {
    rangeOffset: change.rangeOffset,
    rangeLength: change.text.length,
    text: textBefore.slice(change.rangeOffset, change.rangeOffset + change.rangeLength),
  };
}

function statesOf(live: LiveSpans): (TrackedSpanState | undefined)[] {
  return Array.from({ length: live.size }, (_, index) => live.state(index));
}


/**
 * Slow reference: the document as a list of cells with identities. A live span is the set of cells
 * it covers; text inserted between two of its cells joins it; a span losing all its cells becomes
 * a point kept after the cell before it. Positions are recomputed by searching the list.
 */
class ReferenceDocument {
  private cells: { id: number; unit: string }[];
  private nextId = 0;
  private readonly spans: { covered: Set<number>; pointAfter: number; quote: string }[] = [];

  constructor(text: string, spans: readonly Span[]) {
    this.cells = text.split('').map((unit) => ({ id: this.nextId++, unit }));
    for (const { start, end } of spans) {
      this.spans.push({ covered: new Set(this.cells.slice(start, end).map((cell) => cell.id)), pointAfter: -1, quote: text.slice(start, end) });
    }
  }

  apply(change: EditorTextChange): void {
    const { rangeOffset: at, rangeLength: removed, text } = change;
    const before = this.cells;
    const deleted = new Set(before.slice(at, at + removed).map((cell) => cell.id));
    const added = text.split('').map((unit) => ({ id: this.nextId++, unit }));
    const idBefore = at > 0 ? before[at - 1].id : -1;
    for (const span of this.spans) {
      if (span.covered.size > 0) {
        const inside = at > 0 && at + removed < before.length && span.covered.has(before[at - 1].id) && span.covered.has(before[at + removed].id);
        for (const id of deleted) span.covered.delete(id);
        if (inside) for (const cell of added) span.covered.add(cell.id);
        if (span.covered.size === 0) span.pointAfter = idBefore;
        else span.quote = this.quoteOf(span.covered, [...before.slice(0, at), ...added, ...before.slice(at + removed)]);
      } else if (deleted.has(span.pointAfter)) {
        span.pointAfter = idBefore;
      }
    }
    this.cells = [...before.slice(0, at), ...added, ...before.slice(at + removed)];
  }

  private quoteOf(covered: Set<number>, cells: readonly { id: number; unit: string }[]): string {
    return cells.filter((cell) => covered.has(cell.id)).map((cell) => cell.unit).join('');
  }

  states(): TrackedSpanState[] {
    const position = new Map(this.cells.map((cell, index) => [cell.id, index]));
    return this.spans.map((span) => {
      if (span.covered.size === 0) {
        const point = span.pointAfter === -1 ? 0 : position.get(span.pointAfter)! + 1;
        return { start: point, end: point, quote: span.quote, collapsed: true };
      }
      const indices = [...span.covered].map((id) => position.get(id)!);
      return { start: Math.min(...indices), end: Math.max(...indices) + 1, quote: span.quote, collapsed: false };
    });
  }

  text(): string {
    return this.cells.map((cell) => cell.unit).join('');
  }
}

interface Scenario {
  readonly text: string;
  readonly spans: Span[];
  /** Events, each a list of changes; the offsets of each change fit the text at its turn. */
  readonly events: EditorTextChange[][];
}

/**
 * Random text, spans on it and a sequence of events that fit the text as it changes. `fresh`
 * makes characters new, never seen before: of the text and the insertions ('all'), or of the
 * insertions only ('inserted', so that no edit re-inserts deleted text as an undo would).
 */
function scenarioArbitrary(
  alphabet: fc.Arbitrary<string>,
  options: { maxEvents: number; maxChangesPerEvent: number; fresh?: 'all' | 'inserted' },
): fc.Arbitrary<Scenario> {
  const pieces = fc.array(alphabet, { minLength: 1, maxLength: 40 });
  const spanSeeds = fc.array(fc.tuple(fc.nat(1_000_000), fc.integer({ min: 1, max: 12 })), { maxLength: 10 });
  const eventSeeds = fc.array(
    fc.array(fc.tuple(fc.nat(1_000_000), fc.nat(5), fc.array(alphabet, { maxLength: 6 })), { minLength: 1, maxLength: options.maxChangesPerEvent }),
    { maxLength: options.maxEvents },
  );
  return fc.tuple(pieces, spanSeeds, eventSeeds).map(([textPieces, spanPairs, seeds]) => {
    let nextFresh = 0x4e00;
    const freshen = (text: string): string => Array.from(text, () => String.fromCharCode(nextFresh++)).join('');
    const text = options.fresh === 'all' ? freshen(textPieces.join('')) : textPieces.join('');
    const spans = spanPairs.map(([seed, length]) => {
      const start = seed % text.length;
      return ({ start, end: Math.min(text.length, start + length) });
    });
    let current = text;
    const events = seeds.map((event) =>
      event.map(([seed, size, inserted]) => {
        const rangeOffset = seed % (current.length + 1);
        const kind = Math.floor(seed / 7) % 3; // 0 insert, 1 delete, 2 replace
        const rangeLength = kind === 0 ? 0 : Math.min(size, current.length - rangeOffset);
        const change = { rangeOffset, rangeLength, text: kind === 1 ? '' : options.fresh ? freshen(inserted.join('')) : inserted.join('') };
        current = applyToText(current, [change]);
        return change;
      }),
    );
    return { text, spans, events };
  });
}

describe('live anchoring', () => {
  describe('edge behaviour', () => {
    const text = 'The interview began late.';
    const coded = { start: 4, end: 13 }; // "interview"

    it('puts text typed at the start of a passage before it', () => {
      const [span] = mapSpansThroughChanges(text, [coded], [{ rangeOffset: 4, rangeLength: 0, text: 'long ' }]);
      assert.deepEqual(span, { start: 9, end: 18, collapsed: false, quote: 'interview' });
    });

    it('puts text typed at the end of a passage after it', () => {
      const [span] = mapSpansThroughChanges(text, [coded], [{ rangeOffset: 13, rangeLength: 0, text: 's' }]);
      assert.deepEqual(span, { start: 4, end: 13, collapsed: false, quote: 'interview' });
    });

    it('grows a passage when text is typed strictly inside it', () => {
      const [span] = mapSpansThroughChanges(text, [coded], [{ rangeOffset: 9, rangeLength: 0, text: '-' }]);
      assert.deepEqual(span, { start: 4, end: 14, collapsed: false, quote: 'inter-view' });
    });

    it('shifts a passage after the change and leaves one before it alone', () => {
      const mapped = mapSpansThroughChanges(text, [{ start: 0, end: 3 }, { start: 20, end: 24 }], [{ rangeOffset: 14, rangeLength: 5, text: 'started' }]);
      assert.deepEqual(mapped.map(({ start, end }) => [start, end]), [[0, 3], [22, 26]]);
    });

    it('trims a passage when a replacement overlaps its start or its end', () => {
      const [head] = mapSpansThroughChanges(text, [coded], [{ rangeOffset: 0, rangeLength: 9, text: 'An ' }]);
      assert.deepEqual(head, { start: 3, end: 7, collapsed: false, quote: 'view' });
      const [tail] = mapSpansThroughChanges(text, [coded], [{ rangeOffset: 9, rangeLength: 10, text: 'X' }]);
      assert.deepEqual(tail, { start: 4, end: 9, collapsed: false, quote: 'inter' });
    });

    it('collapses a passage whose text is deleted, keeping its quote, before text typed there', () => {
      const [span] = mapSpansThroughChanges(text, [coded], [
        { rangeOffset: 2, rangeLength: 13, text: '' },
        { rangeOffset: 2, rangeLength: 0, text: 'new' },
      ]);
      assert.deepEqual(span, { start: 2, end: 2, collapsed: true, quote: 'interview' });
    });

    it('applies the changes of one event one after another', () => {
      // VS Code reports a multi-cursor edit with the later place first.
      const changes = [
        { rangeOffset: 13, rangeLength: 0, text: 'X' },
        { rangeOffset: 4, rangeLength: 0, text: 'Y' },
      ];
      const [span] = mapSpansThroughChanges(text, [coded], changes);
      assert.equal(applyToText(text, changes).slice(span.start, span.end), 'interview');
    });

    it('counts UTF-16 units as VS Code does, in CRLF documents too', () => {
      const normalised = 'R: 👩🏽‍🔬 findings\nI: 🎉 क्षत्रिय 𠀀 done';
      const editorText = toEditorText(normalised, '\r\n');
      const index = TextIndex.forEditorText(editorText);
      const codePoints = { start: [...'R: 👩🏽‍🔬 findings\nI: 🎉 '].length, end: [...'R: 👩🏽‍🔬 findings\nI: 🎉 क्षत्रिय'].length };
      const units = index.toUnitSpan(codePoints);
      assert.equal(editorText.slice(units.start, units.end), 'क्षत्रिय');
      const change = { rangeOffset: 0, rangeLength: 0, text: '🎉\r\n' };
      const [span] = mapSpansThroughChanges(editorText, [units], [change]);
      const after = applyToText(editorText, [change]);
      assert.equal(span.quote, 'क्षत्रिय');
      assert.deepEqual(TextIndex.forEditorText(after).toCodePointSpan(span), { start: codePoints.start + 2, end: codePoints.end + 2 });
    });
  });

  describe('undo', () => {
    const text = 'Yeah. I think the council decided it. Yeah.';
    const council = { start: 18, end: 36 }; // "council decided it"

    it('restores a passage deleted with the rest of a sentence', () => {
      const live = new LiveSpans(text, [council]);
      const deletion = { rangeOffset: 6, rangeLength: 31, text: '' };
      live.applyChanges([deletion]);
      assert.deepEqual(live.state(0), { start: 6, end: 6, collapsed: true, quote: 'council decided it' });
      live.applyChanges([inverseOf(text, deletion)]);
      assert.deepEqual(live.state(0), { start: 18, end: 36, collapsed: false, quote: 'council decided it' });
    });

    it('restores a passage trimmed by a replacement', () => {
      const live = new LiveSpans(text, [council]);
      const replacement = { rangeOffset: 26, rangeLength: 12, text: 'voted' };
      live.applyChanges([replacement]);
      assert.equal(live.state(0)!.quote, 'council ');
      live.applyChanges([inverseOf(text, replacement)]);
      assert.deepEqual(live.state(0), { start: 18, end: 36, collapsed: false, quote: 'council decided it' });
    });

    it('does not restore when different text is typed where the passage was', () => {
      const live = new LiveSpans(text, [council]);
      live.applyChanges([{ rangeOffset: 18, rangeLength: 18, text: '' }]);
      live.applyChanges([{ rangeOffset: 18, rangeLength: 0, text: 'mayor decided it!!' }]);
      assert.deepEqual(live.state(0), { start: 18, end: 18, collapsed: true, quote: 'council decided it' });
    });

    it('restores after a run of backspaces undone in one step', () => {
      // VS Code merges consecutive backspaces into one undo step: one insertion of all the text.
      const live = new LiveSpans(text, [council, { start: 38, end: 43 }]);
      let current = text;
      for (let offset = 37; offset > 14; offset--) {
        const backspace = { rangeOffset: offset - 1, rangeLength: 1, text: '' };
        current = applyToText(current, [backspace]);
        live.applyChanges([backspace]);
      }
      assert.equal(live.state(0)!.collapsed, true);
      const undo = { rangeOffset: 14, rangeLength: 0, text: text.slice(14, 37) };
      live.applyChanges([undo]);
      assert.equal(live.documentText(), text);
      assert.deepEqual(statesOf(live), [
        { start: 18, end: 36, collapsed: false, quote: 'council decided it' },
        { start: 38, end: 43, collapsed: false, quote: 'Yeah.' },
      ]);
    });

    it('restores after a run of forward deletes undone in one step', () => {
      const live = new LiveSpans(text, [council]);
      for (let step = 0; step < 25; step++) live.applyChanges([{ rangeOffset: 14, rangeLength: 1, text: '' }]);
      live.applyChanges([{ rangeOffset: 14, rangeLength: 0, text: text.slice(14, 39) }]);
      assert.deepEqual(live.state(0), { start: 18, end: 36, collapsed: false, quote: 'council decided it' });
    });

    it('restores after typing over a selection, undone in one step', () => {
      // Typing over a selection, then on: VS Code undoes it all with one replacement.
      const live = new LiveSpans(text, [council]);
      const typed = 'mayor said so';
      live.applyChanges([{ rangeOffset: 18, rangeLength: 18, text: typed[0] }]);
      for (let i = 1; i < typed.length; i++) live.applyChanges([{ rangeOffset: 18 + i, rangeLength: 0, text: typed[i] }]);
      assert.equal(live.state(0)!.collapsed, true);
      live.applyChanges([{ rangeOffset: 18, rangeLength: typed.length, text: 'council decided it' }]);
      assert.deepEqual(live.state(0), { start: 18, end: 36, collapsed: false, quote: 'council decided it' });
    });

    it('restores a multi-cursor deletion undone in the order VS Code reports it', () => {
      const live = new LiveSpans(text, [{ start: 0, end: 5 }, { start: 38, end: 43 }]);
      // Both "Yeah." deleted at once, the later place first; the undo comes in the same order.
      live.applyChanges([{ rangeOffset: 38, rangeLength: 5, text: '' }, { rangeOffset: 0, rangeLength: 5, text: '' }]);
      assert.deepEqual(statesOf(live).map((state) => state!.collapsed), [true, true]);
      live.applyChanges([{ rangeOffset: 33, rangeLength: 0, text: 'Yeah.' }, { rangeOffset: 0, rangeLength: 0, text: 'Yeah.' }]);
      assert.deepEqual(statesOf(live), [
        { start: 0, end: 5, collapsed: false, quote: 'Yeah.' },
        { start: 38, end: 43, collapsed: false, quote: 'Yeah.' },
      ]);
    });
  });

  describe('properties', () => {
    const repetitive = fc.constantFrom('a', 'b', ' ');
    const varied = fc.constantFrom('Yeah', '.', ' ', '\r\n', '🎉', 'é', 'क्ष');

    it('matches the slow reference model (no deleted text is ever re-inserted)', () => {
      fc.assert(
        fc.property(scenarioArbitrary(fc.constant('x'), { maxEvents: 8, maxChangesPerEvent: 3, fresh: 'all' }), ({ text, spans, events }) => {
          const live = new LiveSpans(text, spans);
          const reference = new ReferenceDocument(text, spans);
          for (const event of events) {
            live.applyChanges(event);
            for (const change of event) reference.apply(change);
          }
          assert.equal(live.documentText(), reference.text());
          assert.deepEqual(statesOf(live), reference.states());
        }),
        { numRuns: 3000 },
      );
    });

    it('keeps every span, each on text equal to its quote or collapsed (repetitive text)', () => {
      fc.assert(
        fc.property(scenarioArbitrary(fc.constantFrom('a', 'b', ' ', '.', '\n'), { maxEvents: 12, maxChangesPerEvent: 3 }), ({ text, spans, events }) => {
          const live = new LiveSpans(text, spans);
          let current = text;
          for (const event of events) {
            live.applyChanges(event);
            current = applyToText(current, event);
          }
          assert.equal(live.documentText(), current);
          assert.equal(live.size, spans.length);
          for (const state of statesOf(live)) {
            assert.ok(state);
            assert.ok(state.start >= 0 && state.start <= state.end && state.end <= current.length);
            if (state.collapsed) assert.equal(state.start, state.end);
            else assert.equal(current.slice(state.start, state.end), state.quote);
          }
        }),
        { numRuns: 3000 },
      );
    });

    /** Applies the events, then their inverses in reverse order, each undo event reversed too. */
    function editThenUndoAll({ text, spans, events }: Scenario): { live: LiveSpans; states: unknown[][]; undoStates: unknown[][] } {
      const live = new LiveSpans(text, spans);
      let current = text;
      const undoEvents: EditorTextChange[][] = [];
      const states: unknown[][] = [statesOf(live)];
      for (const event of events) {
        const undo: EditorTextChange[] = [];
        for (const change of event) {
          undo.unshift(inverseOf(current, change));
          current = applyToText(current, [change]);
        }
        live.applyChanges(event);
        states.push(statesOf(live));
        undoEvents.unshift(undo);
      }
      const undoStates: unknown[][] = [];
      for (const undo of undoEvents) {
        live.applyChanges(undo);
        undoStates.unshift(statesOf(live));
      }
      return { live, states, undoStates };
    }

    it('restores every span exactly when the changes are undone in reverse order', () => {
      for (const alphabet of [repetitive, varied]) {
        fc.assert(
          fc.property(scenarioArbitrary(alphabet, { maxEvents: 10, maxChangesPerEvent: 3 }), (scenario) => {
            const { live, states, undoStates } = editThenUndoAll(scenario);
            assert.equal(live.documentText(), scenario.text);
            // Each undo lands on the state before the event it undoes.
            assert.deepEqual(undoStates, states.slice(0, -1));
          }),
          { numRuns: 3000 },
        );
      }
    });

    /** Undoes every event in reverse order, redoes them all, undoes them again: each step lands on its earlier state. */
    function assertUndoRedoUndoLandsOnSameStates({ text, spans, events }: Scenario): void {
      const live = new LiveSpans(text, spans);
      let current = text;
      const undoEvents: EditorTextChange[][] = [];
      const states: unknown[][] = [statesOf(live)];
      for (const event of events) {
        const undo: EditorTextChange[] = [];
        for (const change of event) {
          undo.unshift(inverseOf(current, change));
          current = applyToText(current, [change]);
        }
        undoEvents.unshift(undo);
        live.applyChanges(event);
        states.unshift(statesOf(live));
      }
      for (const [position, undo] of undoEvents.entries()) {
        live.applyChanges(undo);
        assert.deepEqual(statesOf(live), states[position + 1]);
      }
      for (const [position, redo] of events.entries()) {
        live.applyChanges(redo);
        assert.deepEqual(statesOf(live), states[states.length - 2 - position]);
      }
      for (const [position, undo] of undoEvents.entries()) {
        live.applyChanges(undo);
        assert.deepEqual(statesOf(live), states[position + 1]);
      }
    }

    it('lands on the same states through undo, redo and undo again', () => {
      fc.assert(fc.property(scenarioArbitrary(repetitive, { maxEvents: 6, maxChangesPerEvent: 2 }), assertUndoRedoUndoLandsOnSameStates), { numRuns: 2000 });
    });

    it('restores a trimmed passage after later edits were reverted in another order than they were made', () => {
      // Found by the property above (seed 956347535). The last event reverts the two before it,
      // the older one first: taking that as an out-of-order undo put back a stale journal region.
      assertUndoRedoUndoLandsOnSameStates({
        text: 'aaa',
        spans: [{ start: 0, end: 3 }],
        events: [
          [{ rangeOffset: 2, rangeLength: 1, text: 'aa ' }, { rangeOffset: 0, rangeLength: 2, text: '' }],
          [{ rangeOffset: 0, rangeLength: 1, text: '' }],
          [{ rangeOffset: 1, rangeLength: 1, text: 'a' }],
          [{ rangeOffset: 0, rangeLength: 0, text: 'a' }, { rangeOffset: 2, rangeLength: 1, text: ' ' }],
        ],
      });
    });
  });
});
