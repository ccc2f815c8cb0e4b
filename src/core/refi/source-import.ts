// What an import does with one text source, in two steps that need nothing but the source and, for
// the second, what the rest of the project decides (code ids, coder names, notes). Both run on the
// main thread or on a worker (source-workers.ts), with the same result.
//  1. `sourceText` and `outlineSource`: its text read from the archive (or why it is not imported),
//     and what the import needs to know before the second step: the users of its codings.
//  2. `importSource`: the transcript (BOM dropped, LF line endings), the counting its selections
//     fit (counting.ts), each selection placed on the text, and each coder's codings file.
import { quoteSelectors } from '../anchoring/quote';
import { codingLine, joinCodingLines, placementJson, type CodingOrder } from '../codings/format';
import { codingsFilePath } from '../codings/paths';
import { decodeUtf8, NotUtf8Error } from '../storage/files';
import { textVersion } from '../text/normalise';
import { ArchiveError, type Archive } from './archive';
import { describeCounting, detectCounting, SourceText } from './counting';
import type { Finding, RefiCoding, RefiSourceHeader, RefiTextSource } from './read-project';

/** The archive's entries by name, any case. */
export class ArchiveEntries {
  /** Each lower-case name's first entry, by its place in the archive. */
  private readonly byName = new Map<string, { readonly name: string; readonly place: number }>();

  constructor(readonly archive: Archive) {
    archive.entries.forEach((entry, place) => {
      const key = entry.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, { name: entry.name, place });
    });
  }

  /** The entry of an `internal://` path (or a bare file name, as qc writes), under sources/ or not, in any case: the first in the archive. */
  internal(plainTextPath: string | undefined): string | undefined {
    if (plainTextPath === undefined) return undefined;
    const match = /^internal:\/\/(.+)$/i.exec(plainTextPath.trim());
    const name = match ? match[1] : /^[a-z]+:\/\//i.test(plainTextPath) ? undefined : plainTextPath.trim();
    if (name === undefined) return undefined;
    const found = [`sources/${name}`, name].map((wanted) => this.byName.get(wanted.toLowerCase())).filter((entry) => entry !== undefined);
    return found.sort((a, b) => a.place - b.place)[0]?.name;
  }

  /**
   * The entry's text, or why it is not imported (the end of a finding's message): a damaged entry,
   * one that unpacks to more than it says, UTF-16, or bytes that are not UTF-8. Such an entry leaves
   * out the source or note that names it, not the project.
   */
  text(entry: string): string | { readonly skipped: string } {
    let bytes: Uint8Array;
    try {
      bytes = this.archive.read(entry)!;
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      return { skipped: `: its text cannot be read: ${error.message} Not imported.` };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { skipped: `: its text (${entry}) is UTF-16, not UTF-8 as the standard says: not imported.` };
    try {
      return decodeUtf8(bytes);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      return { skipped: `: its text (${entry}) is not UTF-8 (line ${error.line}): not imported.` };
    }
  }
}

/** What the import needs of a source before it has the rest of the project. */
export interface SourceOutline {
  readonly header: RefiSourceHeader;
  readonly selections: number;
  readonly wholeCodings: number;
  /** The user of each of its codings (undefined: none named), each once, in the order they come. */
  readonly users: readonly (string | undefined)[];
  /** Why its text is not imported (the finding's message), when it is not. */
  readonly skipped?: string;
}

/** The source's text as the tool shipped it, or why it is not imported. */
export function sourceText(source: RefiTextSource, entries: ArchiveEntries): string | { readonly skipped: string } {
  let raw: string;
  const entry = entries.internal(source.plainTextPath);
  if (entry !== undefined) {
    const text = entries.text(entry);
    if (typeof text !== 'string') return text;
    raw = text;
  } else if (source.content !== undefined) raw = source.content;
  else {
    const where = source.plainTextPath ?? source.richTextPath;
    return { skipped: where === undefined ? 'has no text: not imported.' : `: its text “${where}” is not in the archive (external files are not read): not imported.` };
  }
  if (raw.trim() === '' || raw.replace(/^\uFEFF/, '').trim() === '') {
    const rich = source.richTextPath !== undefined ? ` (only its rich text ${source.richTextPath} holds the content, which Gloss does not read)` : '';
    return { skipped: `has an empty plain text${rich}: not imported.` };
  }
  return raw;
}

export function outlineSource(source: RefiTextSource, text: string | { readonly skipped: string }): SourceOutline {
  const users = new Set<string | undefined>();
  for (const selection of source.selections) for (const coding of selection.codings) users.add(coding.user ?? selection.user ?? source.user);
  for (const coding of source.wholeCodings) users.add(coding.user ?? source.user);
  const { guid, name, plainTextPath, noteGuids, variableValues } = source;
  return {
    header: { guid, name, plainTextPath, noteGuids, variableValues },
    selections: source.selections.length,
    wholeCodings: source.wholeCodings.length,
    users: [...users],
    ...(typeof text === 'string' ? {} : { skipped: text.skipped }),
  };
}

/** What the whole project decides for every source's codings. */
export interface CodingContext {
  /** Code ids by GUID. */
  readonly codeIds: ReadonlyMap<string, string>;
  /** Coder names by user GUID (undefined: no user named). */
  readonly coders: ReadonlyMap<string | undefined, string>;
  /** The notes' texts by GUID. */
  readonly notes: ReadonlyMap<string, string>;
  /** Time stamp for codings that carry none. */
  readonly now: string;
}

/** A source imported: its files and what is said of it. */
export interface ImportedSource {
  /** Where the transcript goes: its files' paths and the findings name it. */
  readonly documentPath: string;
  /**
   * The transcript's text and each coder's codings file of it (study path and text), as UTF-8:
   * made into bytes where the source is imported, so that a worker hands them over without a copy
   * and the thread writing them has nothing left to encode.
   */
  readonly text: Uint8Array;
  readonly codingFiles: readonly (readonly [string, Uint8Array])[];
  readonly findings: readonly Finding[];
  readonly codings: number;
  readonly countingDescription: string;
  readonly ambiguous: boolean;
  /** Coders and notes its codings have. */
  readonly coders: readonly string[];
  readonly notes: readonly string[];
}

/** Step 2: the source's transcript at `documentPath` and its codings files. */
export function importSource(source: RefiTextSource, raw: string, documentPath: string, context: CodingContext): ImportedSource {
  const text = new SourceText(raw);
  const choice = detectCounting(text, source.selections);
  const version = textVersion(text.normalised);
  const findings: Finding[] = [];
  const usedNotes = new Set<string>();
  const notesText = (guids: readonly string[]): string[] =>
    guids.flatMap((guid) => {
      const note = context.notes.get(guid);
      if (note === undefined) return [];
      usedNotes.add(guid);
      return [note];
    });
  const times = new IsoTimes();
  let imported = 0;
  // This document's coding lines, by coder: each coder's file of it.
  const linesOfCoder = new Map<string, (CodingOrder & { line: string })[]>();
  const place = (start: number, end: number) => ({ start, end, placement: placementJson({ start, end, ...quoteSelectors(text.normalised, { start, end }, text.index), version }) });
  /**
   * `id`: the selection's GUID for its first coding (what the export makes of a coding's id), else
   * the Coding's. Unique: the reader skips any element whose GUID another one has.
   */
  const addCoding = (refi: RefiCoding, id: string, span: ReturnType<typeof place>, from: { user?: string; created?: string; modified?: string }, memos: string[]) => {
    const code = context.codeIds.get(refi.codeGuid);
    if (code === undefined) {
      findings.push({ subject: `Coding ${refi.guid} in ${documentPath}`, message: `names the code ${refi.codeGuid}, which is not in the codebook: not imported.` });
      return;
    }
    const coder = context.coders.get(refi.user ?? from.user)!;
    // Most codings have no memo: no arrays made for them.
    const memo = memos.length === 0 && refi.noteGuids.length === 0 ? undefined : [...memos, ...notesText(refi.noteGuids)].map((note) => note.replace(/\n+$/, '')).join('\n\n');
    const line = codingLine({ id, code, coder, created: times.iso(refi.created ?? from.created) ?? context.now, modified: times.iso(from.modified), memo }, span.placement);
    let lines = linesOfCoder.get(coder);
    if (lines === undefined) linesOfCoder.set(coder, (lines = []));
    lines.push({ id, start: span.start, end: span.end, line });
    imported++;
  };
  for (const selection of source.selections) {
    const start = text.fromToolOffset(selection.start, choice.counting);
    const end = text.fromToolOffset(selection.end, choice.counting);
    if (start === undefined || end === undefined || end <= start) {
      const codings = selection.codings.length;
      findings.push({
        subject: `Selection ${selection.guid} (${selection.start}–${selection.end}) of ${documentPath}`,
        message: `does not line up with the text when counted as ${describeCounting(choice.counting, text)} (${start === undefined || end === undefined ? 'it falls outside the text or inside a character' : 'it is empty or reversed'}): its ${codings} coding${codings === 1 ? ' is' : 's are'} not imported.`,
      });
      continue;
    }
    const span = place(start, end);
    const memos = notesText(selection.noteGuids);
    const from = { user: selection.user ?? source.user, created: selection.created, modified: selection.modified };
    selection.codings.forEach((coding, k) => addCoding(coding, k === 0 ? selection.guid : coding.guid, span, from, memos));
  }
  if (source.wholeCodings.length > 0) {
    const whole = place(0, text.length);
    for (const coding of source.wholeCodings) addCoding(coding, coding.guid, whole, { user: source.user, created: source.created }, []);
    findings.push({ subject: `TextSource “${source.name ?? source.plainTextPath ?? source.guid}”`, message: `has ${source.wholeCodings.length} coding(s) of the whole source: imported as codings of the whole transcript.` });
  }
  return {
    documentPath,
    text: utf8.encode(text.normalised),
    codingFiles: [...linesOfCoder].map(([coder, lines]) => [codingsFilePath(coder, documentPath), utf8.encode(joinCodingLines(lines))] as const),
    findings,
    codings: imported,
    countingDescription: describeCounting(choice.counting, text),
    ambiguous: choice.ambiguous,
    coders: [...linesOfCoder.keys()],
    notes: [...usedNotes],
  };
}

const utf8 = new TextEncoder();

/** The buffers of an imported source's files, to be handed to another thread without a copy. */
export function importedBuffers(imported: ImportedSource): ArrayBuffer[] {
  return [imported.text, ...imported.codingFiles.map(([, bytes]) => bytes)].map((bytes) => bytes.buffer as ArrayBuffer);
}

/** ISO 8601 times in UTC, each written form converted once (the codings of one selection share theirs). */
class IsoTimes {
  private readonly converted = new Map<string, string | undefined>();

  iso(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    let iso = this.converted.get(value);
    if (iso === undefined && !this.converted.has(value)) {
      const time = Date.parse(value);
      iso = Number.isNaN(time) ? undefined : new Date(time).toISOString();
      this.converted.set(value, iso);
    }
    return iso;
  }
}
