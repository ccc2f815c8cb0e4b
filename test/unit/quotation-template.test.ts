// Quotations laid out by the template setting (gloss.quotation.template): the default gives the
// block quotation Gloss always copied, placeholders give the segment's code, case, attributes,
// lines and page, escaped for Markdown; an unknown placeholder stays as written.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { pageAt } from '../../src/core/documents/document-text';
import { escapeMarkdown, sourceReference } from '../../src/core/retrieval/markdown';
import { DEFAULT_QUOTATION_TEMPLATE, formatQuotation, formatQuotations } from '../../src/core/retrieval/quotation';
import type { Segment } from '../../src/core/retrieval/segments';
import { TextPositions } from '../../src/core/retrieval/text-positions';

const segment: Segment = {
  codingId: 'c1',
  codeId: 'policy',
  codeName: 'Policy',
  codePath: 'Organisation › Policy',
  coder: 'Marike',
  documentPath: 't/velden.txt',
  caseId: 'velden',
  caseName: 'Velden',
  attributes: { role: 'official', region: 'North', year: 2025 },
  start: 40,
  end: 70,
  line: 5,
  endLine: 6,
  timestamp: '00:00:58',
  text: 'De gemeente gaf *een* subsidie.\n\nNieuwe regel.',
  before: '',
  after: '',
  created: '2026-01-01T00:00:00.000Z',
  orphan: false,
};

/** The quotation as Gloss copied it before the template (kept here as the reference). */
function previousQuotation(s: Segment): string {
  const lines = escapeMarkdown(s.text.trim()).split('\n');
  const quoted = lines.map((line) => (line === '' ? '>' : `> ${line}`));
  return `${quoted.join('\n')}\n>\n> — ${escapeMarkdown(sourceReference(s))}`;
}

describe('quotation template', () => {
  it('gives by default the block quotation with its source, as before (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '*', '#', '>', '-', '1', '.', '_', 'é', '😀'), maxLength: 40 });
    fc.assert(
      fc.property(text, fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), fc.boolean(), (t, caseName, orphan) => {
        const s: Segment = { ...segment, text: t, caseName, ...(orphan ? { line: undefined, endLine: undefined, orphan: true } : {}) };
        assert.equal(formatQuotation(s), previousQuotation(s));
        assert.equal(formatQuotation(s, DEFAULT_QUOTATION_TEMPLATE), previousQuotation(s));
      }),
    );
    assert.equal(formatQuotation(segment), '> De gemeente gaf \\*een\\* subsidie.\n>\n> Nieuwe regel.\n>\n> — Velden, velden.txt, lines 5–6, 00:00:58');
  });

  it('fills the code, case, coder, document, lines, timestamp and attributes, escaped for Markdown', () => {
    const template = '"{text}" ({code}; {codePath}; {case}, {attribute:role}, {attribute:year}; {document} {path}, l. {lines}, {timestamp}; {coder})';
    assert.equal(
      formatQuotation({ ...segment, text: 'Half *a* post.' }, template),
      '"Half \\*a\\* post." (Policy; Organisation › Policy; Velden, official, 2025; velden.txt t/velden.txt, l. 5–6, 00:00:58; Marike)',
    );
  });

  it('gives empty text for a value the segment lacks, and leaves an unknown placeholder as written', () => {
    const bare: Segment = { ...segment, caseName: undefined, caseId: undefined, attributes: {}, timestamp: undefined, text: 'x' };
    assert.equal(formatQuotation(bare, '{text}|{case}|{attribute:role}|{page}|{timestamp}|{memo}|{speeker}|{attribute:}'), 'x||||||{speeker}|{attribute:}');
  });

  it('continues a value of several lines as its line starts: quoted under `> `, plain otherwise', () => {
    assert.equal(formatQuotation(segment, '> {text} ({case})'), '> De gemeente gaf \\*een\\* subsidie.\n>\n> Nieuwe regel. (Velden)');
    assert.equal(formatQuotation(segment, '- {text}'), '- De gemeente gaf \\*een\\* subsidie.\n\nNieuwe regel.');
    assert.equal(formatQuotation(segment, '{text}\r\n\r\n{memo}'), 'De gemeente gaf \\*een\\* subsidie.\n\nNieuwe regel.\n\n');
  });

  it('separates several quotations by a blank line and ends with a line feed', () => {
    assert.equal(formatQuotations([segment, { ...segment, text: 'Tweede.' }], '{text}'), 'De gemeente gaf \\*een\\* subsidie.\n\nNieuwe regel.\n\nTweede.\n');
    assert.equal(formatQuotations([], '{text}'), '');
  });

  it('names the page of an imported PDF in the source and in {page}, and no page for a text without pages', () => {
    const paged = { ...segment, page: 3, text: 'Budget.' };
    assert.equal(formatQuotation(paged), '> Budget.\n>\n> — Velden, velden.txt, page 3, lines 5–6, 00:00:58');
    assert.equal(formatQuotation(paged, '{text} (p. {page})'), 'Budget. (p. 3)');
    assert.doesNotMatch(formatQuotation(segment), /page/);
  });
});

describe('pages of an imported text', () => {
  it('gives each position the page pageAt gives it (property)', () => {
    const block = fc.constantFrom('[page 1]', '[page 2]', '[page 17]', 'Tekst 😀 hier.', 'x [page 4]', '');
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (blocks) => {
        const text = `# source: a.pdf\n\n${blocks.join('\n\n')}\n`;
        const positions = new TextPositions(text);
        for (let offset = 0; offset <= positions.codePointLength; offset++) assert.equal(positions.pageAt(offset), pageAt(text, offset), `offset ${offset}`);
      }),
    );
  });
});
