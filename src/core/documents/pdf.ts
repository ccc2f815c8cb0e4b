// PDF to text blocks through pdf.js's text layer (unpdf): a `[page N]` block where each page
// starts, lines as the PDF sets them, a blank line where the gap between lines or the font size
// says a new paragraph or heading begins. Pages without a text layer (scans) are reported.
import { loadUnpdf } from './engines';
import type { TextBlock } from './document-text';
import { DocumentImportError, type Conversion } from './conversion';

interface TextItem {
  readonly str: string;
  readonly hasEOL: boolean;
  readonly dir: string;
  readonly height: number;
  readonly transform: readonly number[];
}

interface Line {
  readonly text: string;
  readonly y: number;
  readonly size: number;
}

export function pdfToText(bytes: Uint8Array): Promise<Conversion> {
  return withNavigator(() => convert(bytes));
}

/**
 * pdf.js reads the browser's `navigator`, which Node 21+ has but VS Code's extension host hides:
 * while pdf.js loads and reads a file there, a plain one stands in, and the global is put back.
 */
async function withNavigator<T>(run: () => Promise<T>): Promise<T> {
  const global = globalThis as { navigator?: unknown };
  let present: unknown;
  try {
    present = global.navigator;
  } catch {
    present = undefined;
  }
  if (present !== undefined && present !== null) return run();
  const own = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { platform: '', userAgent: '', language: 'en' }, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    if (own) Object.defineProperty(globalThis, 'navigator', own);
    else delete global.navigator;
  }
}

async function convert(bytes: Uint8Array): Promise<Conversion> {
  const { getDocumentProxy } = await loadUnpdf();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes the buffer over: it gets a copy. verbosity 0: no warnings on the console.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new DocumentImportError('This PDF is encrypted and needs a password to open. Open it with its password, save or print it as a PDF without one, and import that.');
    }
    throw new DocumentImportError(`This is not a PDF Gloss can read (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    // All pages asked for at once, as unpdf's extractText does: pdf.js reads them in one go.
    const pages = await Promise.all(
      Array.from({ length: pdf.numPages }, async (_, i) => {
        const page = await pdf.getPage(i + 1);
        const content = await page.getTextContent();
        page.cleanup();
        return pageLines(content.items.filter((item): item is TextItem & typeof item => 'str' in item));
      }),
    );
    const blocks: TextBlock[] = [];
    const withoutText: number[] = [];
    pages.forEach((lines, i) => {
      blocks.push({ page: i + 1 });
      if (lines.length === 0) withoutText.push(i + 1);
      blocks.push(...paragraphs(lines));
    });
    const notes: string[] = [];
    if (withoutText.length > 0) {
      notes.push(`${withoutText.length === 1 ? 'Page' : 'Pages'} ${withoutText.join(', ')} of ${pdf.numPages} ${withoutText.length === 1 ? 'has' : 'have'} no text layer (a scan?): run OCR on the PDF to import ${withoutText.length === 1 ? 'its' : 'their'} text.`);
    }
    notes.push('Pictures are not imported, and tables become lines of text.');
    return { blocks, notes };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

function pageLines(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  let parts: TextItem[] = [];
  const finish = () => {
    const shown = parts.filter((p) => p.str !== '');
    // Right-to-left text is stored in visual order: pdf.js turns each run round, the runs of an
    // all right-to-left line are turned round here.
    const rightToLeft = shown.some((p) => p.dir === 'rtl') && shown.every((p) => p.dir === 'rtl' || p.str.trim() === '');
    const text = (rightToLeft ? [...shown].reverse() : shown).map((p) => p.str).join('').replace(/\s+/g, ' ').trim();
    if (text !== '') lines.push({ text, y: shown[0].transform[5], size: Math.max(...shown.map((p) => p.height)) });
    parts = [];
  };
  for (const item of items) {
    const current = parts.find((p) => p.str.trim() !== '');
    if (current && item.str.trim() !== '' && Math.abs(item.transform[5] - current.transform[5]) > Math.max(current.height, item.height) / 2) finish();
    parts.push(item);
    if (item.hasEOL) finish();
  }
  finish();
  return lines;
}

function paragraphs(lines: readonly Line[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous) {
      const gap = previous.y - line.y;
      const larger = Math.max(previous.size, line.size);
      const newSize = Math.abs(previous.size - line.size) > 0.15 * larger;
      if (newSize || gap < 0 || gap > 1.7 * larger) {
        blocks.push({ text: paragraph.join('\n') });
        paragraph = [];
      }
    }
    paragraph.push(line.text);
  });
  if (paragraph.length > 0) blocks.push({ text: paragraph.join('\n') });
  return blocks;
}
