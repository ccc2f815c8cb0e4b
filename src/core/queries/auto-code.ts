// Auto-coding: passages to code, found from search hits, query results or a speaker's turns,
// widened to the sentence, paragraph or turn they lie in, merged where they overlap, trimmed of
// surrounding white space. The plan is shown to the researcher first; what they keep becomes new
// codings of their own (newCodings), written through the study's write protocol.
import { textUnits } from '../agreement/units';
import { quoteSelectors } from '../anchoring/quote';
import { speakerOfLine } from '../matrix/units';
import type { Coding, Span } from '../model';
import { TextPositions } from '../retrieval/text-positions';
import { TextIndex } from '../text/offsets';
import { widen } from './spans';

/** A place in a document: code points of its current normalised text. */
export interface Hit {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export type Widening = 'none' | 'sentence' | 'paragraph' | 'turn';
export const WIDENINGS: readonly Widening[] = ['none', 'sentence', 'paragraph', 'turn'];

/** One passage the plan would code. */
export interface PlannedPassage extends Hit {
  /** 1-based line of the start. */
  readonly line: number;
  readonly text: string;
}

export interface AutoCodePlan {
  readonly passages: readonly PlannedPassage[];
  /** Hits left out: their document is not known, or their offsets fall outside its text. */
  readonly skipped: readonly Hit[];
}

/**
 * The passages hits become: each widened to the units of `widening` it touches, trimmed of white
 * space at both ends, and merged with those it overlaps in the same document (touching passages
 * stay apart). Sorted by document and position. `texts` gives each document's current text.
 */
export function planAutoCoding(texts: ReadonlyMap<string, string>, hits: readonly Hit[], widening: Widening): AutoCodePlan {
  const byDocument = new Map<string, Hit[]>();
  const skipped: Hit[] = [];
  for (const hit of hits) {
    const text = texts.get(hit.path);
    const valid = text !== undefined && Number.isInteger(hit.start) && Number.isInteger(hit.end) && hit.start >= 0 && hit.start <= hit.end;
    if (!valid || hit.end > TextIndex.forText(text).codePointLength) {
      skipped.push(hit);
      continue;
    }
    const list = byDocument.get(hit.path) ?? [];
    list.push(hit);
    byDocument.set(hit.path, list);
  }
  const passages: PlannedPassage[] = [];
  for (const path of [...byDocument.keys()].sort()) {
    const text = texts.get(path)!;
    const units = widening === 'none' ? undefined : textUnits(text, widening);
    const index = TextIndex.forText(text);
    const spans = byDocument
      .get(path)!
      .map((hit) => trimmed(text, index, units ? widen(hit, units) : hit))
      .filter((span) => span.end > span.start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: Span[] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
      else merged.push(span);
    }
    const positions = new TextPositions(text);
    for (const span of merged) passages.push({ path, start: span.start, end: span.end, line: positions.lineOf(span.start), text: positions.slice(span.start, span.end) });
  }
  return { passages, skipped };
}

/** The span without white space at its ends (an all-white span becomes empty). */
function trimmed(text: string, index: TextIndex, span: Span): Span {
  const units = index.toUnitSpan(span);
  let start = units.start;
  let end = units.end;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return index.toCodePointSpan({ start, end });
}

/** The speaker labels of a text's turns, in order of first appearance. */
export function speakersOf(text: string): string[] {
  const speakers = new Set<string>();
  for (const line of text.split('\n')) {
    const found = speakerOfLine(line);
    if (found) speakers.add(found.speaker);
  }
  return [...speakers];
}

/**
 * Every turn of a speaker (label compared exactly, as written) as a hit: from after the label to
 * the end of the turn, white space trimmed.
 */
export function turnsOf(path: string, text: string, speaker: string): Hit[] {
  const index = TextIndex.forText(text);
  const hits: Hit[] = [];
  for (const turn of textUnits(text, 'turn')) {
    const units = index.toUnitSpan(turn);
    const lineEnd = text.indexOf('\n', units.start);
    const found = speakerOfLine(text.slice(units.start, lineEnd === -1 || lineEnd > units.end ? units.end : lineEnd));
    if (found?.speaker !== speaker) continue;
    const span = trimmed(text, index, { start: index.toCodePointOffset(units.start + found.labelLength), end: turn.end });
    if (span.end > span.start) hits.push({ path, ...span });
  }
  return hits;
}

export interface NewCodingsOptions {
  readonly code: string;
  readonly coder: string;
  /** The document's current normalised text and its version (textVersion). */
  readonly text: string;
  readonly version: string;
  readonly created: string;
  readonly newId: () => string;
}

/**
 * The coder's file after coding `passages` of one document: what is on disk now, plus a new
 * coding for each passage the coder has not already coded with this code at exactly that place.
 */
export function withNewCodings(onDisk: readonly Coding[], passages: readonly Span[], options: NewCodingsOptions): { codings: Coding[]; added: Coding[] } {
  const index = TextIndex.forText(options.text);
  const already = new Set(onDisk.filter((c) => c.code === options.code && c.version === options.version).map((c) => `${c.start}:${c.end}`));
  const added: Coding[] = [];
  for (const span of passages) {
    const key = `${span.start}:${span.end}`;
    if (already.has(key)) continue;
    already.add(key);
    added.push({
      id: options.newId(),
      code: options.code,
      start: span.start,
      end: span.end,
      ...quoteSelectors(options.text, span, index),
      version: options.version,
      coder: options.coder,
      created: options.created,
    });
  }
  return { codings: [...onDisk, ...added], added };
}
