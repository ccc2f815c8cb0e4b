// The work an import does on each text source before it has the whole project: decode its text,
// normalise it, find the counting its selections fit and place each selection on the normalised
// text. It needs nothing but the source's own text and selections, so a worker thread can do it
// while the project is still being read (source-preparers.ts). It writes each selection's
// placement as it goes in the coding's line (start and end to version), so that the main thread
// only adds who coded what.
import { quoteSelectors } from '../anchoring/quote';
import { placementJson } from '../codings/format';
import { decodeUtf8, NotUtf8Error } from '../storage/files';
import { textVersion } from '../text/normalise';
import { ArchiveError, type Archive } from './archive';
import { describeCounting, detectCounting, SourceText } from './counting';
import type { RefiTextSource } from './read-project';

/** A source's text and selections, as a worker takes them. */
export interface SourceJob {
  /** The archive entry holding its plain text, when the archive has it. */
  readonly entry?: string;
  /** Its text given inline (PlainTextContent). */
  readonly content?: string;
  /** Where the source says its text is, for the finding when neither of the above has it. */
  readonly plainTextPath?: string;
  readonly richTextPath?: string;
  /** Start and end of each selection, as the tool counted them (columns rather than objects: half the cost of sending). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** The texts each selection stores (name, description), for telling the counting. */
  readonly storedTexts: readonly (readonly string[])[];
  /** Whether the source has codings of its whole text (which are then placed too). */
  readonly codedWhole: boolean;
}

/** Numbers kept for each span in `PreparedText.spans`: its start and end. */
const NUMBERS_PER_SPAN = 2;
/** The span's first slot when the selection falls outside the text or inside a character. */
export const OUTSIDE_TEXT = -1;
/** The span's first slot when the selection is empty or reversed. */
export const EMPTY_SPAN = -2;

export interface PreparedText {
  /** The transcript: BOM dropped, LF line endings. */
  readonly text: string;
  /** The counting its selections fit, as the import report says it. */
  readonly countingDescription: string;
  readonly ambiguous: boolean;
  /**
   * For each selection, then for the whole text if it is coded: its start and end in code points. A
   * selection that cannot be placed has OUTSIDE_TEXT or EMPTY_SPAN at its start.
   */
  readonly spans: Int32Array;
  /** Each span's placement in a coding's line (placementJson), one per line; an empty line where a selection cannot be placed. */
  readonly placements: string;
}

/** The source is not imported: the finding's message says why. */
export interface SkippedText {
  readonly skipped: string;
}

export type PreparedSource = PreparedText | SkippedText;

/** A placed selection: its span in code points and its placement's keys in a coding's line. */
export interface PreparedSpan {
  readonly start: number;
  readonly end: number;
  readonly placement: string;
}

/** The spans of the selections, then of the whole text if it is coded; OUTSIDE_TEXT or EMPTY_SPAN where a selection cannot be placed. */
export function preparedSpans(prepared: PreparedText): (PreparedSpan | typeof OUTSIDE_TEXT | typeof EMPTY_SPAN)[] {
  return prepared.placements.split('\n').map((placement, i) => {
    const start = prepared.spans[i * NUMBERS_PER_SPAN];
    return start === OUTSIDE_TEXT || start === EMPTY_SPAN ? start : { start, end: prepared.spans[i * NUMBERS_PER_SPAN + 1], placement };
  });
}

export function sourceJob(source: RefiTextSource, entry: string | undefined): SourceJob {
  return {
    entry,
    content: source.content,
    plainTextPath: source.plainTextPath,
    richTextPath: source.richTextPath,
    starts: source.selections.map((selection) => selection.start),
    ends: source.selections.map((selection) => selection.end),
    storedTexts: source.selections.map((selection) => selection.storedTexts),
    codedWhole: source.wholeCodings.length > 0,
  };
}

export function prepareSource(job: SourceJob, archive: Archive): PreparedSource {
  const raw = sourceText(job, archive);
  if (typeof raw !== 'string') return raw;
  const text = new SourceText(raw);
  const selections = job.starts.map((start, i) => ({ start, end: job.ends[i], storedTexts: job.storedTexts[i] }));
  const choice = detectCounting(text, selections);
  const version = textVersion(text.normalised);
  const spans = new Int32Array((selections.length + 1) * NUMBERS_PER_SPAN);
  // JSON has no raw line feed in it: one placement per line.
  const placements: string[] = [];
  const place = (start: number, end: number) => {
    spans.set([start, end], placements.length * NUMBERS_PER_SPAN);
    placements.push(placementJson({ start, end, ...quoteSelectors(text.normalised, { start, end }, text.index), version }));
  };
  for (const selection of selections) {
    const start = text.fromToolOffset(selection.start, choice.counting);
    const end = text.fromToolOffset(selection.end, choice.counting);
    if (start === undefined || end === undefined || end <= start) {
      spans[placements.length * NUMBERS_PER_SPAN] = start === undefined || end === undefined ? OUTSIDE_TEXT : EMPTY_SPAN;
      placements.push('');
    } else place(start, end);
  }
  if (job.codedWhole) place(0, text.length);
  return {
    text: text.normalised,
    countingDescription: describeCounting(choice.counting, text),
    ambiguous: choice.ambiguous,
    spans,
    placements: placements.join('\n'),
  };
}

/** The source's text as the tool shipped it, or why it is not imported. */
function sourceText(job: SourceJob, archive: Archive): string | SkippedText {
  let raw: string;
  if (job.entry !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = archive.read(job.entry)!;
    } catch (error) {
      // A damaged entry, or one that unpacks to more than it says: this source is left out, not the project.
      if (!(error instanceof ArchiveError)) throw error;
      return { skipped: `: its text cannot be read: ${error.message} Not imported.` };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { skipped: `: its text (${job.entry}) is UTF-16, not UTF-8 as the standard says: not imported.` };
    try {
      raw = decodeUtf8(bytes);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      return { skipped: `: its text (${job.entry}) is not UTF-8 (line ${error.line}): not imported.` };
    }
  } else if (job.content !== undefined) raw = job.content;
  else {
    const where = job.plainTextPath ?? job.richTextPath;
    return { skipped: where === undefined ? 'has no text: not imported.' : `: its text “${where}” is not in the archive (external files are not read): not imported.` };
  }
  if (raw.trim() === '' || raw.replace(/^\uFEFF/, '').trim() === '') {
    const rich = job.richTextPath !== undefined ? ` (only its rich text ${job.richTextPath} holds the content, which Gloss does not read)` : '';
    return { skipped: `has an empty plain text${rich}: not imported.` };
  }
  return raw;
}
