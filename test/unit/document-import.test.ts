// Importing Word and PDF originals as plain-text documents, on files the tests write: headings and
// paragraphs, non-Latin scripts, page markers and pageAt, what could not be imported, and bad
// input (a corrupt .docx, an encrypted PDF) that leaves the study as it was.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentImportError, importDocument, importPaths } from '../../src/core/documents/import-document';
import { pageAt, sourceOf } from '../../src/core/documents/document-text';
import { writeDocx } from '../helpers/docx-writer';
import { writePdf } from '../helpers/pdf-writer';

const DEVANAGARI = 'नगर निगम की वार्षिक योजना';
const ARABIC = 'خطة المدينة للتعاون';
const CHINESE = '城市伙伴关系的年度计划';
const never = { replaceText: async () => assert.fail('nothing to replace') };

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-documents-'));
  await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes: []\n');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function put(relativePath: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(root, ...relativePath.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return file;
}

async function filesOf(folder: string): Promise<string[]> {
  return ((await fs.readdir(folder, { recursive: true })) as string[]).sort();
}

const read = (relativePath: string) => fs.readFile(path.join(root, ...relativePath.split('/')), 'utf8');

describe('importing a Word document', () => {
  it('keeps headings, paragraphs and non-Latin scripts as paragraphs in NFC, beside the original, with the source line', async () => {
    const original = await put(
      'transcripts/reports/plan.docx',
      writeDocx([
        { heading: 1, text: 'Partnership plan 2026' },
        { paragraph: 'The council agreed the cafe\u0301 budget.' },
        { heading: 2, text: DEVANAGARI },
        { paragraph: `${ARABIC} — ${CHINESE}` },
      ]),
    );
    const before = await fs.readFile(original);
    const result = await importDocument(root, original, never);
    assert.deepEqual({ textPath: result.textPath, sourcePath: result.sourcePath, outcome: result.outcome }, { textPath: 'transcripts/reports/plan.txt', sourcePath: 'transcripts/reports/plan.docx', outcome: 'written' });
    const text = await read('transcripts/reports/plan.txt');
    assert.equal(text, `# source: transcripts/reports/plan.docx\n\nPartnership plan 2026\n\nThe council agreed the café budget.\n\n${DEVANAGARI}\n\n${ARABIC} — ${CHINESE}\n`);
    assert.ok(text.includes('caf\u00e9'), 'NFC: é is one code point');
    assert.equal(sourceOf(text), 'transcripts/reports/plan.docx');
    assert.ok((await fs.readFile(original)).equals(before), 'the original is untouched');
    assert.deepEqual(result.notes, []);
  });

  it('flattens tables and reports them and the pictures it leaves out', async () => {
    const original = await put('transcripts/budget.docx', writeDocx([{ paragraph: 'Budget' }, { table: [['Item', 'EUR'], ['Containers', '12 000']] }, { image: true }, { paragraph: 'End.' }]));
    const result = await importDocument(root, original, never);
    assert.equal(await read('transcripts/budget.txt'), '# source: transcripts/budget.docx\n\nBudget\n\nItem | EUR\nContainers | 12 000\n\nEnd.\n');
    assert.deepEqual(result.notes, ['1 picture not imported.', '1 table flattened: one line per row, cells separated by “ | ”.']);
  });

  it('refuses a corrupt .docx with a clear error and writes nothing', async () => {
    const good = writeDocx([{ paragraph: 'Never seen' }]);
    const original = await put('transcripts/broken.docx', good.slice(0, good.length - 40));
    const before = await filesOf(root);
    await assert.rejects(importDocument(root, original, never), (error: Error) => error instanceof DocumentImportError && /not a Word document Gloss can read .*save it again as \.docx/.test(error.message));
    assert.deepEqual(await filesOf(root), before);
  });
});

describe('importing a PDF', () => {
  const twoPages = () =>
    writePdf([
      [{ text: 'Annual report', size: 18 }, { text: 'The partnership began in 1989.' }, { text: 'It covers waste and budgets.' }, { text: '' }, { text: 'A second paragraph.' }],
      [{ text: DEVANAGARI }, { text: ARABIC }, { text: CHINESE }],
    ]);

  it('writes page markers, lines and paragraphs, and non-Latin text from the text layer; pageAt cites the page', async () => {
    const original = await put('transcripts/reports/annual.pdf', twoPages());
    const result = await importDocument(root, original, never);
    const text = await read('transcripts/reports/annual.txt');
    assert.equal(text, `# source: transcripts/reports/annual.pdf\n\n[page 1]\n\nAnnual report\n\nThe partnership began in 1989.\nIt covers waste and budgets.\n\nA second paragraph.\n\n[page 2]\n\n${DEVANAGARI}\n${ARABIC}\n${CHINESE}\n`);
    const codePointOffset = (needle: string) => [...text.slice(0, text.indexOf(needle))].length;
    assert.equal(pageAt(text, codePointOffset('began')), 1);
    assert.equal(pageAt(text, codePointOffset(CHINESE)), 2);
    assert.equal(pageAt(text, 0), undefined, 'the source line is before the first page');
    assert.deepEqual(result.notes, ['Pictures are not imported, and tables become lines of text.']);
  });

  it('reports a page without a text layer', async () => {
    const original = await put('transcripts/scan.pdf', writePdf([[{ text: 'Typed page' }], 'no text']));
    const result = await importDocument(root, original, never);
    assert.equal(await read('transcripts/scan.txt'), '# source: transcripts/scan.pdf\n\n[page 1]\n\nTyped page\n\n[page 2]\n');
    assert.match(result.notes[0], /^Page 2 of 2 has no text layer \(a scan\?\)/);
  });

  it('refuses an encrypted PDF with a clear error and writes nothing', async () => {
    const original = await put('transcripts/secret.pdf', writePdf([[{ text: 'Confidential' }]], { encrypted: true }));
    const before = await filesOf(root);
    await assert.rejects(importDocument(root, original, never), (error: Error) => error instanceof DocumentImportError && /encrypted and needs a password/.test(error.message));
    assert.deepEqual(await filesOf(root), before);
  });

  it('refuses a file that is not a PDF', async () => {
    const original = await put('transcripts/fake.pdf', Buffer.from('Just text, named .pdf'));
    await assert.rejects(importDocument(root, original, never), /not a PDF Gloss can read/);
  });
});

describe('where imported texts go', () => {
  it('beside an original under transcripts/, under transcripts/ for one elsewhere in the study, and a copy for one outside', async () => {
    assert.deepEqual(importPaths(root, path.join(root, 'transcripts', 'a', 'b.pdf')), { sourcePath: 'transcripts/a/b.pdf', textPath: 'transcripts/a/b.txt', copy: false });
    assert.deepEqual(importPaths(root, path.join(root, 'reports', 'plan.docx')), { sourcePath: 'reports/plan.docx', textPath: 'transcripts/reports/plan.txt', copy: false });
    assert.deepEqual(importPaths(root, path.join(os.tmpdir(), 'elsewhere', 'plan.pdf')), { sourcePath: 'transcripts/plan.pdf', textPath: 'transcripts/plan.txt', copy: true });
  });

  it('copies an original from outside the study unchanged, and refuses to replace a different file of that name', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-outside-'));
    try {
      const bytes = twoPagesSmall();
      const original = path.join(outside, 'plan.pdf');
      await fs.writeFile(original, bytes);
      const result = await importDocument(root, original, never);
      assert.equal(result.textPath, 'transcripts/plan.txt');
      assert.ok((await fs.readFile(path.join(root, 'transcripts', 'plan.pdf'))).equals(Buffer.from(bytes)));
      assert.equal(sourceOf(await read('transcripts/plan.txt')), 'transcripts/plan.pdf');

      await fs.writeFile(original, writePdf([[{ text: 'Another plan' }]]));
      await assert.rejects(importDocument(root, original, never), /transcripts\/plan\.pdf already exists and is a different file/);
      assert.match(await read('transcripts/plan.txt'), /Page one/);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('asks before replacing a different text file, and keeps it when told to', async () => {
    const original = await put('transcripts/plan.docx', writeDocx([{ paragraph: 'New text' }]));
    await put('transcripts/plan.txt', Buffer.from('My own notes\n'));
    const asked: string[] = [];
    const kept = await importDocument(root, original, { replaceText: async (p) => (asked.push(p), false) });
    assert.deepEqual([kept.outcome, asked], ['kept', ['transcripts/plan.txt']]);
    assert.equal(await read('transcripts/plan.txt'), 'My own notes\n');
    const replaced = await importDocument(root, original, { replaceText: async () => true });
    assert.equal(replaced.outcome, 'written');
    assert.equal(await read('transcripts/plan.txt'), '# source: transcripts/plan.docx\n\nNew text\n');
    assert.equal((await importDocument(root, original, never)).outcome, 'unchanged', 'importing again asks nothing');
  });
});

describe('pageAt', () => {
  it('counts code points, as codings do, past characters outside the BMP', () => {
    const text = '# source: x.pdf\n\n[page 1]\n\n😀😀\n\n[page 2]\n\nB\n';
    const page2 = [...text.slice(0, text.indexOf('[page 2]'))].length;
    assert.equal(pageAt(text, page2 - 1), 1);
    assert.equal(pageAt(text, page2), 2);
    assert.equal(pageAt('no pages here', 5), undefined);
  });
});

function twoPagesSmall(): Uint8Array {
  return writePdf([[{ text: 'Page one' }], [{ text: 'Page two' }]]);
}
