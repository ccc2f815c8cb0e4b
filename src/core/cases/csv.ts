// Reading a CSV file as written by spreadsheets: RFC 4180 quoting (fields in double quotes may hold
// separators, line breaks and doubled quotes), a UTF-8 byte-order mark, CRLF or LF, and `,` or `;`
// (what Excel writes where the decimal separator is a comma) or a tab as the separator.

export interface CsvTable {
  readonly separator: ',' | ';' | '\t';
  /** Rows of fields; rows that are entirely empty are left out. */
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line each row starts on, for messages. */
  readonly lines: readonly number[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvTable {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const separator = detectSeparator(body);
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.some((f) => f !== '')) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < body.length) {
    const char = body[i];
    if (char === '"' && field === '') {
      // A quoted field: up to the quote that is not doubled.
      const start = line;
      i++;
      for (;;) {
        if (i >= body.length) throw new CsvError('a quoted field is not closed.', start);
        const c = body[i];
        if (c === '"') {
          if (body[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = body[i];
      if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
        throw new CsvError('text follows the closing quote of a field.', line);
      }
      continue;
    }
    if (char === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (char === '\r' && body[i + 1] === '\n') {
      i++;
    } else if (char === '\n' || char === '\r') {
      endRow();
      i++;
      line++;
      rowLine = line;
    } else {
      field += char;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return { separator, rows, lines };
}

/** The separator used most on the first line, outside quotes; `,` when none is. */
function detectSeparator(text: string): CsvTable['separator'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ',';
}
