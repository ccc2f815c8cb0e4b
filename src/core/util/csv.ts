// The one CSV writer (and a reader for tests and checks): RFC 4180, comma separated, CRLF between
// records, a field quoted when it holds a comma, a quote, CR, LF or leading or trailing spaces
// (which some readers trim), quotes doubled. Line breaks inside a field stay as they are.
//
// Encoding: UTF-8, by default with a byte order mark. Transcripts are in many languages, and Excel
// (Windows and macOS) reads a CSV without BOM in the machine's legacy code page, turning
// "Kassoumbé" into "KassoumbÃ©". With the BOM, Excel reads UTF-8, and the usual readers for
// analysis skip it: pandas.read_csv, readr::read_csv, data.table::fread (base R's read.csv needs
// fileEncoding = "UTF-8-BOM").
//
// Values are written exactly as they are: a cell beginning with "=", "+", "-" or "@" is not
// prefixed to defuse spreadsheet formulas, because that would change the data R and pandas read.

export const BYTE_ORDER_MARK = '\uFEFF';

/** One field, quoted when RFC 4180 (or a reader that trims spaces) needs it. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (default false). */
  readonly byteOrderMark?: boolean;
}

/** CSV text: CRLF line endings as RFC 4180 asks, a final line break. */
export function csv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  return (options.byteOrderMark === true ? BYTE_ORDER_MARK : '') + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
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
