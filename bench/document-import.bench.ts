// Importing a 300-page PDF (40 lines a page, one page in ten in Devanagari through a Type0 font)
// as a study document: reading the text layer, lines, paragraphs and page markers, writing the
// text. Baseline on the same file: unpdf's extractText alone, the library's raw text of every page.
// Target: within 1.5x of the baseline (the import adds only line and paragraph work and one write).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractText } from 'unpdf';
import { importDocument } from '../src/core/documents/import-document';
import { writePdf, type PdfPage } from '../test/helpers/pdf-writer';
import { timeMedian, type BenchRow } from './measure';

const PAGES = 300;
const LINES = 40;
const RUNS = 3;

function pages(): PdfPage[] {
  return Array.from({ length: PAGES }, (_, p) => [
    { text: `Section ${p + 1}`, size: 14 },
    ...Array.from({ length: LINES }, (_, l) =>
      p % 10 === 9 ? { text: `नगर निगम की वार्षिक योजना, पंक्ति ${l}` } : { text: l % 8 === 7 ? '' : `Line ${l} of page ${p + 1}: the council agreed the budget for waste collection.` },
    ),
  ]);
}

export async function documentImportBenchmarks(): Promise<BenchRow[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gloss-bench-documents-'));
  try {
    await fs.writeFile(path.join(root, 'codebook.yaml'), 'codes: []\n');
    const original = path.join(root, 'transcripts', 'report.pdf');
    await fs.mkdir(path.dirname(original), { recursive: true });
    const bytes = writePdf(pages());
    await fs.writeFile(original, bytes);
    const baseline = await timeMedian(() => extractText(new Uint8Array(bytes)), RUNS);
    const ms = await timeMedian(() => importDocument(root, original, { replaceText: async () => true }), RUNS);
    return [
      {
        task: `import a ${PAGES}-page PDF (${(bytes.length / 1e6).toFixed(1)} MB) as a document with page markers`,
        ms,
        baselineName: 'unpdf extractText of the same file',
        baselineMs: baseline,
        target: '≤ 1.5 × baseline',
        met: ms <= 1.5 * baseline,
      },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
