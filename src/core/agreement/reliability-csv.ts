// Reliability data from a CSV file, for `gloss alpha`: a header row naming the coders, then one row
// per unit, one column per coder, an empty cell for a missing value. RFC 4180 quoting, LF or CRLF
// line ends. Anything malformed is refused with its line, never guessed at.
import type { MeasurementLevel } from './coefficients/krippendorff-alpha';
import type { ReliabilityData, ReliabilityRow, ReliabilityValue } from './reliability-data';

export class ReliabilityCsvError extends Error {
  constructor(message: string, readonly line: number | undefined) {
    super(line === undefined ? message : `Line ${line}: ${message}`);
  }
}

/** At the nominal level a cell that is not a number is a category; at the others it is an error. */
export function parseReliabilityCsv(text: string, level: MeasurementLevel): ReliabilityData {
  const records = csvRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (records.length === 0) throw new ReliabilityCsvError('The file is empty: expected a header row naming the coders.', undefined);
  const [header, ...units] = records;
  if (header.cells.length < 2) throw new ReliabilityCsvError('The header names fewer than two coders (columns separated by commas).', header.line);
  if (units.length === 0) throw new ReliabilityCsvError('No units: expected one row per unit after the header.', undefined);
  const coders = header.cells.map((name, i) => name.trim() || `column ${i + 1}`);
  const rows: ReliabilityRow[] = units.map(({ cells, line }) => {
    if (cells.length !== coders.length) throw new ReliabilityCsvError(`${cells.length} cells where the header has ${coders.length}.`, line);
    return { values: cells.map((cell, column) => cellValue(cell, level, line, coders[column])), count: 1 };
  });
  return { coders, rows };
}

function cellValue(cell: string, level: MeasurementLevel, line: number, coder: string): ReliabilityValue | undefined {
  const trimmed = cell.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  if (Number.isFinite(number)) return number;
  if (level === 'nominal') return trimmed;
  throw new ReliabilityCsvError(`"${trimmed}" (${coder}) is not a number, which the ${level} level needs.`, line);
}

/** The records of a CSV text with the line each starts on; blank lines are skipped. */
function csvRecords(text: string): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  const endRecord = () => {
    cells.push(field);
    if (cells.length > 1 || cells[0] !== '') records.push({ cells, line: recordLine });
    cells = [];
    field = '';
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === ',') {
      cells.push(field);
      field = '';
      afterQuote = false;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (ch === '"') {
      if (field.trim() !== '' || afterQuote) throw new ReliabilityCsvError('A quote inside an unquoted cell (quote the whole cell and double the quote).', line);
      field = '';
      quoted = true;
    } else {
      if (afterQuote && ch.trim() !== '') throw new ReliabilityCsvError('Text after the closing quote of a cell.', line);
      field += ch;
    }
  }
  if (quoted) throw new ReliabilityCsvError('A quoted cell is not closed.', recordLine);
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}
