// Imported documents (docs/data-format.md, "Imported documents"): a text file whose first line
// names the original it was made from, with `[page N]` lines where each PDF page starts, so a
// passage's page can be cited. Both are transcript comment/annotation lines to the editor.

/** The first line of an imported text: `# source: <study path of the original>`. */
const SOURCE_LINE = /^# source: (.+)$/;
const PAGE_LINE = /^\[page (\d+)\]$/gm;

export function sourceLine(sourcePath: string): string {
  return `# source: ${sourcePath}`;
}

export function pageMarker(page: number): string {
  return `[page ${page}]`;
}

/** The study path of the original an imported text was made from, or undefined for other texts. */
export function sourceOf(text: string): string | undefined {
  const end = text.indexOf('\n');
  return SOURCE_LINE.exec(end === -1 ? text : text.slice(0, end))?.[1];
}

/** Where each `[page N]` line starts (a UTF-16 index) and its page, in order. */
export function pageMarks(text: string): { readonly index: number; readonly page: number }[] {
  return [...text.matchAll(PAGE_LINE)].map((match) => ({ index: match.index, page: Number(match[1]) }));
}

/**
 * The page a position of the text is on: the number of the last `[page N]` line starting at or
 * before `offset` (a code-point offset, as codings count), or undefined before the first one or
 * in a text without pages.
 */
export function pageAt(text: string, offset: number): number | undefined {
  let index = 0;
  for (let codePoint = 0; codePoint < offset && index < text.length; codePoint++) index += text.codePointAt(index)! > 0xffff ? 2 : 1;
  let page: number | undefined;
  for (const match of text.matchAll(PAGE_LINE)) {
    if (match.index > index) break;
    page = Number(match[1]);
  }
  return page;
}

/** One block of an imported text: a heading or a paragraph, or the start of a PDF page. */
export type TextBlock = { readonly text: string } | { readonly page: number };

/**
 * The imported text: the source line, then the blocks separated by blank lines, as UTF-8 text
 * in NFC with LF line ends and no trailing spaces, ending with one line feed.
 */
export function importedText(sourcePath: string, blocks: readonly TextBlock[]): string {
  const parts = [sourceLine(sourcePath)];
  for (const block of blocks) {
    if ('page' in block) parts.push(pageMarker(block.page));
    else {
      const text = block.text
        .normalize('NFC')
        .replace(/\r\n?|[\u2028\u2029\u0085\v\f]/g, '\n')
        .replace(/[^\S\n]+$/gm, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      if (text !== '') parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
