// Short names of documents (the comparison's document columns): the file name without folders
// and extension, and only where two names clash the extension, then the nearest folders.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { shortDocumentNames } from '../../src/core/documents/short-names';

describe('short document names', () => {
  it('names a document by its file name without folders and extension', () => {
    assert.deepEqual(shortDocumentNames(['transcripts/velden/velden-official-01.txt', 'transcripts/damankwa/damankwa-politician-01.txt', 'notes.md', 'README']), [
      'velden-official-01',
      'damankwa-politician-01',
      'notes',
      'README',
    ]);
    assert.deepEqual(shortDocumentNames([]), []);
  });

  it('adds the nearest folder only to names that clash, and more folders while they still clash', () => {
    assert.deepEqual(shortDocumentNames(['transcripts/velden/interview.txt', 'transcripts/macuvane/interview.txt', 'transcripts/macuvane/plan.txt']), [
      'velden/interview',
      'macuvane/interview',
      'plan',
    ]);
    assert.deepEqual(shortDocumentNames(['2024/north/interview.txt', '2025/north/interview.txt', 'south/interview.txt']), ['2024/north/interview', '2025/north/interview', 'south/interview']);
  });

  it('tells apart documents of one folder that differ only by extension by their extensions', () => {
    assert.deepEqual(shortDocumentNames(['transcripts/reports/kassoumbe-plan-2026.txt', 'transcripts/reports/kassoumbe-plan-2026.docx']), ['kassoumbe-plan-2026.txt', 'kassoumbe-plan-2026.docx']);
  });

  it('keeps names holding markup, dots and spaces as they are (escaping is the display\'s job)', () => {
    assert.deepEqual(shortDocumentNames(['t/<img src=x onerror=alert(1)> & "more".txt', 't/.hidden', 't/v1.2 draft.final.txt']), ['<img src=x onerror=alert(1)> & "more"', '.hidden', 'v1.2 draft.final']);
  });

  it('gives distinct paths distinct names, each the end of its path, and a name clashing with no other file\'s stem its stem alone', () => {
    const segment = fc.stringMatching(/^[a-c]{1,2}(\.[xy])?$/);
    const paths = fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), { maxLength: 12 });
    fc.assert(
      fc.property(paths, (list) => {
        const names = shortDocumentNames(list);
        assert.equal(names.length, list.length);
        assert.equal(new Set(names).size, list.length, `distinct: ${JSON.stringify(list)} → ${JSON.stringify(names)}`);
        const withoutExtension = (path: string) => path.replace(/(?<=[^/])\.[^./]*$/, '');
        const stem = (path: string) => withoutExtension(path).split('/').at(-1)!;
        const endOf = (full: string, name: string) => full === name || full.endsWith(`/${name}`);
        list.forEach((path, i) => {
          assert.ok(endOf(path, names[i]) || endOf(withoutExtension(path), names[i]), `${names[i]} ends ${path}`);
          if (list.filter((other) => stem(other) === stem(path)).length === 1) assert.equal(names[i], stem(path));
        });
      }),
      { numRuns: 500 },
    );
  });
});
