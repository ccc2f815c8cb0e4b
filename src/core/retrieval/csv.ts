// Segments as CSV for R, pandas or a spreadsheet (the study's one CSV writer, util/csv.ts): one
// header row, one row per segment, UTF-8 with a byte order mark unless the setting
// gloss.export.csvByteOrderMark turns it off.
import type { AttributeDefinition } from '../model';
import { csv } from '../util/csv';
import type { Segment } from './segments';

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
  const rows: string[][] = [header];
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
    rows.push(fields);
  }
  return csv(rows, { byteOrderMark: options.byteOrderMark !== false });
}
