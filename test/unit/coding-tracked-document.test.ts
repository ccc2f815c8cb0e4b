import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { assignLanes, neighbourStart } from '../../src/coding/lanes';
import { inVivoName, passageOfSelection, resolveCodeReference } from '../../src/coding/selection';
import { currentText, DELETED_IN_EDITOR, TrackedDocument } from '../../src/core/study/tracked-document';
import { quoteSelectors } from '../../src/core/anchoring/quote';
import { Codebook } from '../../src/core/codebook/codebook';
import type { Coding, Span } from '../../src/core/model';
import type { TextVersions } from '../../src/core/study/versions';
import { normaliseText, textVersion } from '../../src/core/text/normalise';
import { TextIndex } from '../../src/core/text/offsets';

/** Versions held in memory; `delay` makes `get` slow, so edits can arrive while placing. */
class MemoryVersions implements TextVersions {
  readonly texts = new Map<string, string>();
  delay = 0;
  async get(version: string): Promise<string | undefined> {
    if (this.delay > 0) await new Promise((r) => setTimeout(r, this.delay));
    return this.texts.get(version);
  }
  async remember(text: string, version: string): Promise<void> {
    this.texts.set(version, text);
  }
}

/** A coding of `quote` (its n-th occurrence) in the normalised `text`. */
function codingOf(text: string, quote: string, id: string, code = 'c1', coder = 'Ana'): Coding {
  const unit = text.indexOf(quote);
  assert.ok(unit >= 0, `${quote} not in text`);
  const start = [...text.slice(0, unit)].length;
  const span = { start, end: start + [...quote].length };
  return { id, code, ...span, ...quoteSelectors(text, span), version: textVersion(text), coder, created: '2026-01-01T00:00:00.000Z' };
}

function liveQuotes(doc: TrackedDocument): string[] {
  const text = doc.editorText();
  return doc.liveCodings().map((c) => text.slice(c.start, c.end));
}

const TEXT = 'I: How did it start?\nR: The council adopted a policy in 2014. Money followed later.\nI: And the schools?\n';

describe('coding: TrackedDocument', () => {
  it('places stored codings of the current version at their offsets, all coders', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    doc.setStored([codingOf(TEXT, 'adopted a policy', 'a'), codingOf(TEXT, 'Money followed', 'b', 'c2', 'Ben')]);
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['adopted a policy', 'Money followed']);
    assert.equal(doc.codingCount, 2);
  });

  it('follows typing: growing inside, text at the edges staying outside', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    doc.setStored([codingOf(TEXT, 'adopted a policy', 'a')]);
    await doc.whenSettled();
    const at = TEXT.indexOf('a policy');
    doc.applyChanges([{ rangeOffset: at + 2, rangeLength: 0, text: 'new ' }], false);
    doc.applyChanges([{ rangeOffset: TEXT.indexOf('adopted'), rangeLength: 0, text: 'finally ' }], false);
    assert.deepEqual(liveQuotes(doc), ['adopted a new policy']);
  });

  it('a deleted passage becomes an orphan in waiting that undo restores', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    doc.setStored([codingOf(TEXT, 'Money followed', 'b')]);
    await doc.whenSettled();
    const at = TEXT.indexOf('Money followed later.');
    const removed = 'Money followed later.';
    doc.applyChanges([{ rangeOffset: at, rangeLength: removed.length, text: '' }], false);
    assert.deepEqual(liveQuotes(doc), []);
    const [orphan] = doc.orphanedCodings();
    assert.equal(orphan.reason, DELETED_IN_EDITOR);
    assert.equal(orphan.quote, 'Money followed');
    assert.equal(orphan.place, at);
    doc.applyChanges([{ rangeOffset: at, rangeLength: 0, text: removed }], false);
    assert.deepEqual(liveQuotes(doc), ['Money followed']);
    assert.equal(doc.orphanedCodings().length, 0);
  });

  it('re-anchors through the old text on a reload-like change instead of collapsing', async () => {
    const versions = new MemoryVersions();
    const doc = new TrackedDocument('t.txt', TEXT, versions);
    doc.setStored([codingOf(TEXT, 'adopted a policy', 'a'), codingOf(TEXT, 'the schools', 'b')]);
    await doc.whenSettled();
    const reloaded = TEXT.replace('R: The council', 'R: Well. (...) The city council').replace('And the schools?', 'And what about the schools?');
    // What VS Code sends for a reload: the differing lines replaced in one change.
    const first = TEXT.indexOf('R:');
    const change = { rangeOffset: first, rangeLength: TEXT.length - first, text: reloaded.slice(first) };
    assert.equal(TrackedDocument.isReloadLike([change], TEXT.length, false, false, () => true), true);
    assert.equal(doc.applyChanges([change], true), 'reload');
    await doc.whenSettled();
    assert.equal(doc.editorText(), reloaded);
    assert.deepEqual(liveQuotes(doc), ['adopted a policy', 'the schools']);
  });

  it('does not count typing or undo in a saved document as a reload', () => {
    const typed = [{ rangeOffset: 3, rangeLength: 0, text: 'x' }];
    const disk = { asked: 0 };
    const differs = () => (disk.asked++, false);
    assert.equal(TrackedDocument.isReloadLike(typed, 1000, false, false, differs), false, 'first keystroke after a save');
    assert.equal(TrackedDocument.isReloadLike(typed, 1000, true, false, differs), false);
    assert.equal(TrackedDocument.isReloadLike(typed, 1000, false, true, () => true), false, 'undo back to the saved text');
    assert.equal(disk.asked, 1, 'the disk is read only for the first change of a clean document');
    assert.equal(TrackedDocument.isReloadLike([{ rangeOffset: 0, rangeLength: 900, text: 'new' }], 1000, true, false, differs), true);
  });

  it('finds a passage deleted in the editor again when a reload brings its text back', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    doc.setStored([codingOf(TEXT, 'Money followed', 'b')]);
    await doc.whenSettled();
    const at = TEXT.indexOf('Money followed later.');
    doc.applyChanges([{ rangeOffset: at, rangeLength: 'Money followed later.'.length, text: '' }], false);
    assert.equal(doc.orphanedCodings().length, 1);
    const withoutIt = doc.editorText();
    const reloaded = `PREFACE\n${TEXT}`;
    assert.equal(doc.applyChanges([{ rangeOffset: 0, rangeLength: withoutIt.length, text: reloaded }], true), 'reload');
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['Money followed']);
  });

  it('maps codings placed asynchronously through the edits typed meanwhile', async () => {
    const versions = new MemoryVersions();
    const old = TEXT.replace('in 2014', 'in the year 2014');
    await versions.remember(old, textVersion(old));
    versions.delay = 30;
    const doc = new TrackedDocument('t.txt', TEXT, versions);
    doc.setStored([codingOf(old, 'policy in the year 2014', 'a')]);
    assert.equal(doc.placing, true);
    doc.applyChanges([{ rangeOffset: 0, rangeLength: 0, text: 'INTRO\n' }], false);
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['policy in 2014']);
  });

  it('keeps a coding added in the editor while the study reloads without it, and drops removed ones', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    const stored = codingOf(TEXT, 'Money followed', 'b');
    doc.setStored([stored]);
    await doc.whenSettled();
    const added = codingOf(TEXT, 'the schools', 'new');
    const unit = TEXT.indexOf('the schools');
    doc.addUnsaved(added, { start: unit, end: unit + 'the schools'.length });
    doc.setStored([stored]);
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['Money followed', 'the schools']);
    doc.setStored([]);
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['the schools']);
    doc.forgetUnsaved('new');
    assert.deepEqual(liveQuotes(doc), []);
  });

  it('rebases records onto the current text with code point offsets (CRLF and emoji)', async () => {
    const editorText = 'Line one 👩🏽‍🔬 here\r\nThe council decided.\r\n';
    const doc = new TrackedDocument('t.txt', editorText, new MemoryVersions());
    const normal = normaliseText(editorText);
    const stored = codingOf(normal, 'council decided', 'a');
    doc.setStored([stored]);
    await doc.whenSettled();
    assert.deepEqual(liveQuotes(doc), ['council decided']);
    doc.applyChanges([{ rangeOffset: 0, rangeLength: 0, text: '🎙 ' }], false);
    const current = currentText(doc.editorText());
    const rebased = doc.rebased(stored, current);
    assert.equal(rebased.quote, 'council decided');
    assert.equal(rebased.version, current.version);
    assert.equal([...current.text].slice(rebased.start, rebased.end).join(''), 'council decided');
    assert.equal(rebased.start, stored.start + 2);
  });

  it('re-attaches an orphan to a new passage, and undoes that when the write fails', async () => {
    const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
    const gone = { ...codingOf(TEXT, 'the schools', 'o'), quote: 'the hospitals', start: 0, end: 5, version: 'f'.repeat(40) };
    doc.setStored([gone]);
    await doc.whenSettled();
    assert.equal(doc.orphanedCodings().length, 1);
    const unit = TEXT.indexOf('the schools');
    const undo = doc.attach('o', { start: unit, end: unit + 11 });
    assert.deepEqual(liveQuotes(doc), ['the schools']);
    undo();
    assert.deepEqual(liveQuotes(doc), []);
    assert.equal(doc.orphanedCodings()[0].coding.id, 'o');
  });

  it('edits outside a passage move it by their net length before it and leave its text whole (property)', async () => {
    const quote = 'adopted a policy';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), text: fc.string({ maxLength: 8 }), before: fc.boolean() }), { maxLength: 15 }),
        async (edits) => {
          const doc = new TrackedDocument('t.txt', TEXT, new MemoryVersions());
          doc.setStored([codingOf(TEXT, quote, 'a')]);
          await doc.whenSettled();
          let start = TEXT.indexOf(quote);
          for (const edit of edits) {
            const text = doc.editorText();
            const end = start + quote.length;
            // A change wholly before the passage (ending a character short of it) or wholly after it.
            const [from, to] = edit.before ? [0, Math.max(0, start - 1)] : [end + 1, text.length];
            if (from > to) continue;
            const rangeOffset = from + (edit.at % (to - from + 1));
            const rangeLength = Math.min(edit.length, to - rangeOffset);
            assert.equal(doc.applyChanges([{ rangeOffset, rangeLength, text: edit.text }], false), 'shifted');
            if (edit.before) start += edit.text.length - rangeLength;
          }
          const [live] = doc.liveCodings();
          assert.deepEqual({ start: live.start, end: live.end }, { start, end: start + quote.length });
          assert.equal(doc.editorText().slice(live.start, live.end), quote);
          assert.equal(doc.orphanedCodings().length, 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('coding: lanes and navigation', () => {
  it('gives nested and overlapping passages increasing lanes, reusing freed ones', () => {
    const spans: Span[] = [{ start: 0, end: 100 }, { start: 10, end: 20 }, { start: 15, end: 18 }, { start: 30, end: 40 }, { start: 150, end: 160 }];
    assert.deepEqual([...assignLanes(spans)], [0, 1, 2, 1, 0]);
  });

  it('never gives two overlapping passages the same lane', () => {
    const spans: Span[] = Array.from({ length: 300 }, (_, i) => ({ start: (i * 37) % 500, end: ((i * 37) % 500) + 1 + ((i * 13) % 60) }));
    const lanes = assignLanes(spans);
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const overlap = spans[i].start < spans[j].end && spans[j].start < spans[i].end;
        if (overlap) assert.notEqual(lanes[i], lanes[j], `${i} and ${j}`);
      }
    }
  });

  it('finds the next and previous passage start, wrapping around', () => {
    assert.equal(neighbourStart([5, 10, 20], 10, 'next'), 20);
    assert.equal(neighbourStart([5, 10, 20], 25, 'next'), 5);
    assert.equal(neighbourStart([5, 10, 20], 10, 'previous'), 5);
    assert.equal(neighbourStart([5, 10, 20], 5, 'previous'), 20);
    assert.equal(neighbourStart([], 5, 'previous'), undefined);
  });
});

describe('coding: selections and code names', () => {
  it('never cuts a grapheme and drops white space at the edges', () => {
    const text = 'a 👩🏽‍🔬 b क्षत्रिय c';
    const emoji = text.indexOf('👩');
    assert.deepEqual(passageOfSelection(text, { start: emoji + 2, end: emoji + 4 }, false), { start: emoji, end: emoji + '👩🏽‍🔬'.length });
    const word = text.indexOf('क्ष');
    const span = passageOfSelection(text, { start: word + 1, end: word + 2 }, false)!;
    assert.equal(TextIndex.forText(text).toCodePointOffset(span.start), [...text.slice(0, word)].length);
    assert.equal(passageOfSelection(text, { start: 1, end: 2 }, false), undefined);
    assert.deepEqual(passageOfSelection('  hello  ', { start: 0, end: 9 }, false), { start: 2, end: 7 });
  });

  it('snaps to whole words when asked', () => {
    const text = 'The council adopted it.';
    assert.deepEqual(passageOfSelection(text, { start: 6, end: 14 }, true), { start: 4, end: 19 });
  });

  it('names in-vivo codes after the words, on one line, shortened', () => {
    assert.equal(inVivoName('“wide but not deep”,'), 'wide but not deep');
    assert.equal(inVivoName('  a\nline  '), 'a line');
    const long = inVivoName('we are all partners here but some partners are more equal than others and they know it');
    assert.equal(long, 'we are all partners here but some partners are more equal');
    assert.equal(inVivoName(' … '), undefined);
  });

  it('leaves transcription marks, time stamps and speaker labels out of in-vivo names', () => {
    assert.equal(inVivoName('[00:01:42] R: Dat is veranderd, ja.'), 'Dat is veranderd, ja');
    assert.equal(inVivoName('a gente aprendeu muito [risos] com eles'), 'a gente aprendeu muito com eles');
    assert.equal(inVivoName('P2: (pause) we never asked them…'), 'we never asked them');
    assert.equal(inVivoName('[risos]'), undefined);
  });

  it('resolves codes by id, path and unique name', () => {
    const codebook = new Codebook([
      { id: 'org', name: 'Organisation' },
      { id: 'org-policy', name: 'Policy', parentId: 'org' },
      { id: 'int', name: 'Interaction' },
      { id: 'int-policy', name: 'Policy', parentId: 'int' },
      { id: 'int-agenda', name: 'Agenda setting', parentId: 'int' },
    ]);
    assert.equal(resolveCodeReference(codebook, 'org-policy')?.id, 'org-policy');
    assert.equal(resolveCodeReference(codebook, 'Interaction › Policy')?.id, 'int-policy');
    assert.equal(resolveCodeReference(codebook, 'organisation > policy')?.id, 'org-policy');
    assert.equal(resolveCodeReference(codebook, 'agenda setting')?.id, 'int-agenda');
    assert.equal(resolveCodeReference(codebook, 'Policy'), undefined);
    assert.equal(resolveCodeReference(codebook, 'Nothing'), undefined);
  });
});
