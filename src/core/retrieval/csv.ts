// Segments as CSV for R, pandas or a spreadsheet: RFC 4180 (comma separated, CRLF between
// records, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled), one header
// row, one row per segment. Line breaks inside a segment's text stay LF inside the quoted field.
//
// Encoding: UTF-8 with a byte order mark by default. Transcripts are in many languages, and
// Excel (Windows and macOS) reads a CSV without BOM in the machine's legacy code page, turning
// "Kassoumbé" into "KassoumbÃ©". With the BOM, Excel reads UTF-8, and the usual readers for
// analysis skip it: pandas.read_csv, readr::read_csv, data.table::fread (base R's read.csv needs
// fileEncoding = "UTF-8-BOM"). The setting gloss.export.csvByteOrderMark turns it off.
//
// Values are written exactly as they are: a cell beginning with "=", "+", "-" or "@" is not
// prefixed to defuse spreadsheet formulas, because that would change the data R and pandas read.
import type { AttributeDefinition } from '../model';
import type { Segment } from './segments';

export const BYTE_ORDER_MARK = '\uFEFF';

const FIXED_COLUMNS = [
  'document',
  'case',
  'case_name',
  'code_id',
  'code',
  'code_path',
  'coder',
  'start',
  'end',
  'line',
  'end_line',
  'timestamp',
  'text',
  'memo',
  'orphan',
  'coding_id',
  'created',
] as const;

export interface CsvOptions {
  /** Attribute definitions of the study, for the order of the attribute columns. */
  readonly attributes?: readonly AttributeDefinition[];
  /** Start with a UTF-8 byte order mark (default true). */
  readonly byteOrderMark?: boolean;
}

/** Quotes a field when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The CSV text. Attribute columns follow the fixed ones: the study's defined attributes in their
 * order, then any other attribute in use, sorted; an attribute whose name is a fixed column's
 * gets the prefix `attribute_`. Offsets are code points of the current text (docs/data-format.md).
 */
export function segmentsToCsv(segments: readonly Segment[], options: CsvOptions = {}): string {
  const attributeNames: string[] = (options.attributes ?? []).map((a) => a.name);
  const extra = new Set<string>();
  for (const s of segments) for (const name of Object.keys(s.attributes)) if (!attributeNames.includes(name)) extra.add(name);
  attributeNames.push(...[...extra].sort());
  const fixed: readonly string[] = FIXED_COLUMNS;
  const header = [...fixed, ...attributeNames.map((name) => (fixed.includes(name) ? `attribute_${name}` : name))];
  const rows = [header.map(csvField).join(',')];
  for (const s of segments) {
    const fields = [
      s.documentPath,
      s.caseId ?? '',
      s.caseName ?? '',
      s.codeId,
      s.codeName,
      s.codePath,
      s.coder,
      String(s.start),
      String(s.end),
      s.line === undefined ? '' : String(s.line),
      s.endLine === undefined ? '' : String(s.endLine),
      s.timestamp ?? '',
      s.text,
      s.memo ?? '',
      s.orphan ? 'true' : 'false',
      s.codingId,
      s.created,
      ...attributeNames.map((name) => (name in s.attributes ? String(s.attributes[name]) : '')),
    ];
    rows.push(fields.map(csvField).join(','));
  }
  return (options.byteOrderMark === false ? '' : BYTE_ORDER_MARK) + rows.join('\r\n') + '\r\n';
}

/** Reads RFC 4180 CSV back into rows (a leading BOM is skipped): for tests and checks. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && source[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
