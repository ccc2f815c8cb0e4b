// Word (.docx) to text blocks through mammoth's HTML: headings, paragraphs and list items each
// become a paragraph; a table becomes one line per row with its cells separated by " | ".
import { loadMammoth } from './engines';
import type { TextBlock } from './document-text';
import { DocumentImportError, type Conversion } from './conversion';

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
/** Mammoth's notes that say nothing about lost content. */
const UNINTERESTING = /^(Paragraph|Run|Table) style with ID .* was referenced but not defined|^Unrecognised (paragraph|run) style/;

export async function docxToText(bytes: Uint8Array): Promise<Conversion> {
  const mammoth = await loadMammoth();
  let pictures = 0;
  let result: { value: string; messages: { message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // Pictures are counted, not embedded: the text has no place for them.
      { convertImage: mammoth.images.imgElement(async () => ({ src: `picture-${++pictures}` })), externalFileAccess: false },
    );
  } catch (error) {
    throw new DocumentImportError(`This is not a Word document Gloss can read (${error instanceof Error ? error.message : String(error)}). Open it in Word or LibreOffice and save it again as .docx.`);
  }
  const { blocks, tables } = htmlToBlocks(result.value);
  const notes: string[] = [];
  if (pictures > 0) notes.push(`${pictures} picture${pictures === 1 ? '' : 's'} not imported.`);
  if (tables > 0) notes.push(`${tables} table${tables === 1 ? '' : 's'} flattened: one line per row, cells separated by “ | ”.`);
  for (const message of new Set(result.messages.map((m) => m.message))) if (!UNINTERESTING.test(message)) notes.push(message);
  return { blocks, notes };
}

/** Mammoth's HTML (well-formed, a few tags) as blocks of text. */
function htmlToBlocks(html: string): { blocks: TextBlock[]; tables: number } {
  const blocks: TextBlock[] = [];
  let text = '';
  let tableDepth = 0;
  let tables = 0;
  let listDepth = 0;
  const flush = () => {
    // A list item's bullet alone (its text was in a nested list) is no paragraph.
    if (text.trim() !== '' && text.trim() !== '-') blocks.push({ text: text.trimEnd() });
    text = '';
  };
  for (const [token, closing, tag] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|[^<]+/g)) {
    if (tag === undefined) {
      text += token.replace(/&(#?\w+);/g, (entity, name: string) => ENTITIES[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.startsWith('#x') ? `0${name.slice(1)}` : name.slice(1))) : entity));
    } else if (tag === 'br') text += '\n';
    else if (tableDepth > 0 && tag !== 'table') {
      // Inside a table: cells and their paragraphs make up a row's line.
      if (closing && (tag === 'td' || tag === 'th')) text = `${text.trimEnd()} | `;
      else if (closing && tag === 'p') text += ' ';
      else if (closing && tag === 'tr') text = `${text.replace(/\s*\|\s*$/, '').trim()}\n`;
    } else if (tag === 'table') {
      if (closing) {
        tableDepth--;
        if (tableDepth === 0) flush();
      } else {
        if (tableDepth === 0) flush();
        tableDepth++;
        tables++;
      }
    } else if (BLOCKS.has(tag)) {
      flush();
      if (tag === 'ul' || tag === 'ol') listDepth += closing ? -1 : 1;
      else if (tag === 'li' && !closing) text = `${'  '.repeat(Math.max(0, listDepth - 1))}- `;
    }
  }
  flush();
  return { blocks, tables };
}
