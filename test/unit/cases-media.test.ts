import { strict as assert } from 'node:assert';
import { parseCases } from '../../src/core/cases/cases';
import { addDocumentWithMedia, CasesEditError, mediaLinks, setDocumentMedia } from '../../src/core/cases/media';

const CASES = `# Cases of the study
attributes:
  role: text
cases:
  - id: velden
    name: Velden   # the city
    documents:
      - path: transcripts/velden/official.txt   # kept
        attributes: { role: official }
      - transcripts/velden/mayor.txt
  - id: san-aurelio
    name: San Aurelio
    documents: []
  - id: kassoumbe
    name: Kassoumbé
`;

/** The lines `after` holds in place of or besides `before`'s: what is left between their common first and last lines. */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const now = after.split('\n');
  let head = 0;
  while (head < old.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  return now.slice(head, now.length - tail);
}

describe('media links in cases.yaml', () => {
  it('adds media: below the path of a document entry and changes no other line', () => {
    const after = setDocumentMedia(CASES, 'transcripts/velden/official.txt', 'media/velden official.wav');
    assert.deepEqual(addedLines(CASES, after), ['        media: media/velden official.wav']);
    assert.equal(after.split('\n').length, CASES.split('\n').length + 1);
    assert.equal(mediaLinks(after).get('transcripts/velden/official.txt'), 'media/velden official.wav');
    assert.deepEqual(parseCases(after).problems, []);
  });

  it('replaces an existing link in place', () => {
    const once = setDocumentMedia(CASES, 'transcripts/velden/official.txt', 'a.wav');
    const twice = setDocumentMedia(once, 'transcripts/velden/official.txt', 'media/b: c.ogg');
    assert.deepEqual(addedLines(once, twice), ['        media: "media/b: c.ogg"']);
    assert.equal(mediaLinks(twice).get('transcripts/velden/official.txt'), 'media/b: c.ogg');
  });

  it('turns a document given as a bare path into path and media', () => {
    const after = setDocumentMedia(CASES, 'transcripts/velden/mayor.txt', 'media/mayor.ogg');
    assert.deepEqual(addedLines(CASES, after), ['      - path: transcripts/velden/mayor.txt', '        media: media/mayor.ogg']);
    const { cases } = parseCases(after);
    assert.deepEqual(cases.cases[0].documents.map((d) => d.path), ['transcripts/velden/official.txt', 'transcripts/velden/mayor.txt']);
  });

  it('keeps CRLF line ends', () => {
    const crlf = CASES.replace(/\n/g, '\r\n');
    const after = setDocumentMedia(crlf, 'transcripts/velden/official.txt', 'a.wav');
    assert.equal(after.replace(/\r\n/g, ''). includes('\n'), false);
    assert.equal(mediaLinks(after).get('transcripts/velden/official.txt'), 'a.wav');
  });

  it('refuses a document of no case, and a broken file, with a message', () => {
    assert.throws(() => setDocumentMedia(CASES, 'transcripts/other.txt', 'a.wav'), CasesEditError);
    assert.throws(() => setDocumentMedia('cases: [\n', 'transcripts/other.txt', 'a.wav'), /cannot be read/);
  });

  it('adds a document with its recording to a case with documents, an empty list, or none', () => {
    for (const [caseId, expected] of [
      ['velden', ['      - path: transcripts/new.txt', '        media: new.wav']],
      ['san-aurelio', ['    documents:', '      - path: transcripts/new.txt', '        media: new.wav']],
      ['kassoumbe', ['    documents:', '      - path: transcripts/new.txt', '        media: new.wav']],
    ] as const) {
      const after = addDocumentWithMedia(CASES, caseId, 'transcripts/new.txt', 'new.wav');
      assert.deepEqual(addedLines(CASES, after), expected, caseId);
      const { cases, problems } = parseCases(after);
      assert.deepEqual(problems, [], caseId);
      assert.ok(cases.cases.find((c) => c.id === caseId)?.documents.some((d) => d.path === 'transcripts/new.txt'), caseId);
      assert.equal(mediaLinks(after).get('transcripts/new.txt'), 'new.wav');
    }
  });

  it('leaves out links that would leave the study', () => {
    const after = CASES.replace('        attributes: { role: official }', '        media: ../outside.wav');
    assert.equal(mediaLinks(after).size, 0);
  });
});
