// A small PDF writer for tests, the example study and the benchmark: pages of text lines in
// Helvetica (Latin-1) or in a Type0 font whose ToUnicode CMap gives any script its characters
// (no glyphs are embedded: viewers show boxes, but the text layer is right, which is what
// importing reads). A page may have no text at all (like a scan) and the file may be encrypted.

export interface PdfLine {
  readonly text: string;
  /** Font size in points; headings are set larger. Default 11. An empty text is a blank line. */
  readonly size?: number;
}

/** A page of lines, or 'no text' for a page with only a drawing (like a scanned page). */
export type PdfPage = readonly PdfLine[] | 'no text';

export interface PdfOptions {
  /** Adds a standard security handler with a user password, so that no reader opens it without one. */
  readonly encrypted?: boolean;
}

/** A line of Arabic or Hebrew letters (and spaces, digits, punctuation) only. */
const RIGHT_TO_LEFT = /^[\u0590-\u08ff\s\d.,:;!?()-]+$/;
const LATIN_1 = /^[\u0020-\u007e\u00a0-\u00ff]*$/;

export function writePdf(pages: readonly PdfPage[], options: PdfOptions = {}): Uint8Array {
  // Characters outside Latin-1 get CIDs 1, 2, … in the Type0 font, in order of appearance.
  const cids = new Map<string, number>();
  for (const page of pages) {
    if (page === 'no text') continue;
    for (const line of page) if (!LATIN_1.test(line.text)) for (const ch of line.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);
  }
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObject = add('');
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const toUnicode = add(stream(toUnicodeCMap(cids)));
  const descriptor = add('<< /Type /FontDescriptor /FontName /GlossTestUnicode /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>');
  const cidFont = add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlossTestUnicode /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>`);
  const unicodeFont = add(`<< /Type /Font /Subtype /Type0 /BaseFont /GlossTestUnicode /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
  const pageObjects: number[] = [];
  for (const page of pages) {
    const content = add(stream(page === 'no text' ? '0.5 g 72 400 300 300 re f\n' : pageContent(page, cids)));
    pageObjects.push(add(`<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${helvetica} 0 R /F2 ${unicodeFont} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] = `<< /Type /Pages /Kids [${pageObjects.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageObjects.length} >>`;
  const encrypt = options.encrypted ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -4 >>`) : undefined;

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const id = `<${'0123456789abcdef'.repeat(2)}>`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R` : ''} /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character of `out` is a byte (Latin-1): offsets above count bytes.
  return Uint8Array.from(out, (ch) => ch.charCodeAt(0));
}

function stream(content: string): string {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}

function pageContent(lines: readonly PdfLine[], cids: ReadonlyMap<string, number>): string {
  let y = 790;
  let content = '';
  for (const line of lines) {
    const size = line.size ?? 11;
    y -= size * 1.5;
    if (line.text === '') continue; // a blank line: space between paragraphs
    if (LATIN_1.test(line.text)) {
      content += `BT /F1 ${size} Tf 72 ${y} Td (${line.text.replace(/[\\()]/g, '\\$&')}) Tj ET\n`;
    } else {
      // Right-to-left lines are stored in visual order, as PDF producers do.
      const visual = RIGHT_TO_LEFT.test(line.text) ? [...line.text].reverse() : [...line.text];
      content += `BT /F2 ${size} Tf 72 ${y} Td <${visual.map((ch) => cids.get(ch)!.toString(16).padStart(4, '0')).join('')}> Tj ET\n`;
    }
  }
  return content;
}

function toUnicodeCMap(cids: ReadonlyMap<string, number>): string {
  const entries = [...cids].map(([ch, cid]) => {
    const utf16 = [...Buffer.from(ch, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `<${cid.toString(16).padStart(4, '0')}> <${utf16}>`;
  });
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) chunks.push(`${Math.min(100, entries.length - i)} beginbfchar\n${entries.slice(i, i + 100).join('\n')}\nendbfchar`);
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
