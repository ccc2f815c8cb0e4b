// One coding per line, keys in a fixed order, lines sorted by position: `git diff` shows one
// line per change and coders adding in different places merge cleanly (docs/data-format.md).
import type { Coding, Problem } from '../model';

// The keys of a coding line, in the order they are written: id, code, then where it sits (start,
// end, quote, prefix, suffix, version), then coder, created, modified and memo.

export function compareCodings(a: CodingOrder, b: CodingOrder): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What orders the lines of a codings file. */
export type CodingOrder = Pick<Coding, 'id' | 'start' | 'end'>;

/** The keys a coding's text alone decides, from "start" to "version", as they sit in its line. */
export type Placement = Pick<Coding, 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'version'>;

/** The middle of a coding's line: its placement's keys (codingLine puts them in). */
export function placementJson(placement: Placement): string {
  const { start, end, quote, prefix, suffix, version } = placement;
  return `"start":${integerJson(start)},"end":${integerJson(end)},"quote":${JSON.stringify(quote)},"prefix":${JSON.stringify(prefix)},"suffix":${JSON.stringify(suffix)},"version":${repeatedJson(version)}`;
}

/** A coding's line from the rest of the coding and its placement's keys (as placementJson writes them). */
export function codingLine(coding: Omit<Coding, keyof Placement>, placement: string): string {
  let line = `{"id":${JSON.stringify(coding.id)},"code":${repeatedJson(coding.code)},${placement},"coder":${repeatedJson(coding.coder)},"created":${repeatedJson(coding.created)}`;
  if (coding.modified !== undefined) line += `,"modified":${repeatedJson(coding.modified)}`;
  if (coding.memo !== undefined && coding.memo !== '') line += `,"memo":${JSON.stringify(coding.memo)}`;
  return `${line}}`;
}

function integerJson(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : JSON.stringify(value);
}

/** JSON of the values many lines share (code ids, coders, times, text versions), each made once: a large file has few of them. */
const madeJson = new Map<string, string>();
const MADE_JSON_LIMIT = 10_000;

function repeatedJson(value: string): string {
  let json = madeJson.get(value);
  if (json === undefined) {
    if (madeJson.size >= MADE_JSON_LIMIT) madeJson.clear();
    json = JSON.stringify(value);
    madeJson.set(value, json);
  }
  return json;
}

export function formatCodingLine(coding: Coding): string {
  return codingLine(coding, placementJson(coding));
}

/**
 * The records to write, each one that differs from its stored line (re-based, re-attached, memo
 * changed) stamped `modified: now`, so that after a union merge the newer line is known.
 */
export function stampModified(stored: readonly Coding[], records: readonly Coding[], now: string): Coding[] {
  const before = new Map(stored.map((coding) => [coding.id, formatCodingLine({ ...coding, modified: undefined })]));
  return records.map((record) => {
    const old = before.get(record.id);
    return old === undefined || old === formatCodingLine({ ...record, modified: undefined }) ? record : { ...record, modified: now };
  });
}

/** The whole file: sorted lines, LF endings, a final newline; empty when there are no codings. */
export function formatCodingsFile(codings: readonly Coding[]): string {
  return joinCodingLines(codings.map((coding) => ({ id: coding.id, start: coding.start, end: coding.end, line: formatCodingLine(coding) })));
}

/** formatCodingsFile of codings whose lines are made already. */
export function joinCodingLines(lines: readonly (CodingOrder & { readonly line: string })[]): string {
  if (lines.length === 0) return '';
  return [...lines].sort(compareCodings).map((coding) => coding.line).join('\n') + '\n';
}

export interface ParsedCodings {
  readonly codings: Coding[];
  readonly problems: Problem[];
  /** 1-based lines that failed to parse, kept verbatim so a later write can preserve them. */
  readonly invalidLines: readonly { readonly line: number; readonly text: string }[];
  /** Lines dropped because another line has the same id and is newer (1-based). */
  readonly duplicateLines: readonly number[];
}

/** When a record was last written: `modified`, else `created`; unreadable times count as oldest. */
function writtenAt(coding: Coding): number {
  const time = Date.parse(coding.modified ?? coding.created);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * Reads a codings file. Invalid lines are reported and set aside, the rest still load.
 * Duplicate ids (what `merge=union` leaves when both branches changed one coding) load once: the
 * newer record by `modified` (else `created`) is kept, the later line on a tie, with a warning
 * naming the lines.
 */
export function parseCodingsFile(text: string, file: string): ParsedCodings {
  const problems: Problem[] = [];
  const invalidLines: { line: number; text: string }[] = [];
  const byId = new Map<string, { coding: Coding; line: number }>();
  const duplicateLines: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const line = i + 1;
    const result = parseCodingLine(raw);
    if (typeof result === 'string') {
      problems.push({ file, line, message: result, severity: 'error' });
      invalidLines.push({ line, text: raw });
      continue;
    }
    const earlier = byId.get(result.id);
    if (earlier) {
      const laterWins = writtenAt(result) >= writtenAt(earlier.coding);
      const [kept, dropped] = laterWins ? [line, earlier.line] : [earlier.line, line];
      duplicateLines.push(dropped);
      problems.push({
        file,
        line: dropped,
        message: `Coding ${result.id} is on lines ${earlier.line} and ${line} (a merge kept both); line ${kept} is newer and used. “Gloss: Clean Up Duplicate Codings” removes the older line from your own files.`,
        severity: 'warning',
      });
      if (!laterWins) continue;
      byId.delete(result.id);
    }
    byId.set(result.id, { coding: result, line });
  }
  return { codings: [...byId.values()].map((entry) => entry.coding), problems, invalidLines, duplicateLines: duplicateLines.sort((a, b) => a - b) };
}

/** A coding, or the reason the line is not one. */
export function parseCodingLine(raw: string): Coding | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Not a JSON object.';
  const o = value as Record<string, unknown>;
  for (const key of ['id', 'code', 'quote', 'version', 'coder', 'created'] as const) {
    if (typeof o[key] !== 'string' || (key !== 'quote' && o[key] === '')) return `Missing or invalid "${key}".`;
  }
  // Offsets outside the text (negative, reversed, past its end) still make a coding: placing it
  // makes it an orphan with its quote, which the user sees and can re-attach.
  for (const key of ['start', 'end'] as const) {
    if (!Number.isSafeInteger(o[key])) return `Missing or invalid "${key}".`;
  }
  for (const key of ['prefix', 'suffix', 'memo', 'modified'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') return `Invalid "${key}".`;
  }
  return {
    id: o.id as string,
    code: o.code as string,
    start: o.start as number,
    end: o.end as number,
    quote: o.quote as string,
    prefix: (o.prefix as string | undefined) ?? '',
    suffix: (o.suffix as string | undefined) ?? '',
    version: o.version as string,
    coder: o.coder as string,
    created: o.created as string,
    ...(typeof o.modified === 'string' && o.modified !== '' ? { modified: o.modified } : {}),
    ...(typeof o.memo === 'string' && o.memo !== '' ? { memo: o.memo } : {}),
  };
}
