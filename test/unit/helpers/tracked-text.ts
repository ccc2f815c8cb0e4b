// Test support for re-anchoring: a text whose characters keep their identity through edits, so
// that the true new place of every coding is known, and an interview-like text generator.

import type { Coding, Span } from '../../../src/core/model';
import { quoteSelectors } from '../../../src/core/anchoring/quote';
import { textVersion } from '../../../src/core/text/normalise';

/** A small deterministic random generator (mulberry32), so scenarios are reproducible. */
export class Random {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  below(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

/** Where a coding's text is after the edits: its surviving characters, or nothing. */
export interface TrueSpan {
  /** [first surviving character, last surviving character + 1), code points; undefined if none survives. */
  readonly span: Span | undefined;
  /** Share of the coding's characters that survive. */
  readonly surviving: number;
}

/** A text as code points with identities; edits keep the identity of the characters they do not touch. */
export class TrackedText {
  private cells: { id: number; character: string }[];
  private nextId = 0;

  constructor(text: string) {
    this.cells = [...text].map((character) => ({ id: this.nextId++, character }));
  }

  get text(): string {
    return this.cells.map((cell) => cell.character).join('');
  }

  get length(): number {
    return this.cells.length;
  }

  /** Replaces code points [start, end) with `text` (new characters). */
  replace(start: number, end: number, text: string): void {
    const inserted = [...text].map((character) => ({ id: this.nextId++, character }));
    this.cells.splice(start, end - start, ...inserted);
  }

  /** Moves code points [start, end) to `to` (an offset in the text without them); they keep their identity. */
  move(start: number, end: number, to: number): void {
    const moved = this.cells.splice(start, end - start);
    this.cells.splice(to, 0, ...moved);
  }

  /** The identities of the characters in [start, end). */
  idsOf(span: Span): number[] {
    return this.cells.slice(span.start, span.end).map((cell) => cell.id);
  }

  /** Where characters with these identities are now. */
  whereAre(ids: readonly number[]): TrueSpan {
    const wanted = new Set(ids);
    const positions: number[] = [];
    this.cells.forEach((cell, position) => {
      if (wanted.has(cell.id)) positions.push(position);
    });
    if (positions.length === 0) return { span: undefined, surviving: 0 };
    return { span: { start: positions[0], end: positions[positions.length - 1] + 1 }, surviving: positions.length / ids.length };
  }
}

/** A coding of `span` (code points) of `text`, with its selectors. */
export function codingOn(text: string, span: Span, id: string, code = 'code'): Coding {
  return {
    id,
    code,
    ...span,
    ...quoteSelectors(text, span),
    version: textVersion(text),
    coder: 'Tester',
    created: '2026-11-28T10:00:00.000Z',
  };
}

const SENTENCES = [
  'We started the partnership in 2007 after the mayor visited the city.',
  'The council decided to fund two projects in the first year.',
  'I think the schools benefited most from the exchange.',
  'There were problems with the money, of course.',
  'Nobody really knew who was responsible for the reports.',
  'My colleague handled the contacts with the embassy.',
  'In the beginning it was mostly about water and sanitation.',
  'Later the focus moved to education and youth.',
  'We had volunteers who travelled there every summer.',
  'The local newspaper wrote about it twice.',
  'Honestly, I was sceptical at first.',
  'It depends on who you ask, I suppose.',
  'The budget was cut in 2011, which hurt.',
  'The civil servants there were very motivated.',
  'We never evaluated it properly.',
];
const SHORT_TURNS = ['Yeah.', 'Mm-hm.', 'Right.', 'Okay.', 'Yeah, yeah.', 'Exactly.'];
const QUESTIONS = ['And then?', 'How did that start?', 'Who was involved?', 'What happened next?', 'Can you give an example?'];

/** An interview transcript: timestamped turns of an interviewer (I) and a respondent (R). */
export function interviewText(random: Random, turns: number): string {
  const lines: string[] = [];
  let seconds = 0;
  for (let turn = 0; turn < turns; turn++) {
    seconds += 5 + random.below(60);
    const stamp = `[${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}]`;
    if (turn % 2 === 0) {
      lines.push(`${stamp} I: ${random.next() < 0.3 ? random.pick(SHORT_TURNS) : random.pick(QUESTIONS)}`);
    } else if (random.next() < 0.3) {
      lines.push(`${stamp} R: ${random.pick(SHORT_TURNS)}`);
    } else {
      const sentences = Array.from({ length: 1 + random.below(4) }, () => random.pick(SENTENCES));
      lines.push(`${stamp} R: ${sentences.join(' ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Codings of an interview: whole turns, sentences, short turns ("Yeah.") and single words. */
export function interviewCodings(text: string, random: Random, count: number): Coding[] {
  const codings: Coding[] = [];
  const lines: Span[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const length = [...line].length;
    if (length > 0) lines.push({ start: offset, end: offset + length });
    offset += length + 1;
  }
  const codePoints = [...text];
  const slice = (span: Span): string => codePoints.slice(span.start, span.end).join('');
  for (let i = 0; codings.length < count && i < count * 20; i++) {
    const line = random.pick(lines);
    const content = slice(line).indexOf(': ') + 2;
    const body = { start: line.start + content, end: line.end };
    const bodyText = slice(body);
    const kind = random.below(4);
    let span: Span;
    if (kind === 0) {
      span = body; // the whole turn (for a short turn: "Yeah.")
    } else if (kind === 1) {
      const sentences = [...bodyText.matchAll(/[^.?!]+[.?!]/g)];
      const sentence = random.pick(sentences);
      const leading = sentence[0].length - sentence[0].trimStart().length;
      span = { start: body.start + sentence.index! + leading, end: body.start + sentence.index! + sentence[0].length };
    } else if (kind === 2) {
      const words = [...bodyText.matchAll(/[A-Za-z]{4,}/g)];
      if (words.length === 0) continue;
      const word = random.pick(words);
      span = { start: body.start + word.index!, end: body.start + word.index! + word[0].length };
    } else {
      const next = lines.find((other) => other.start === line.end + 1);
      if (next === undefined) continue;
      span = { start: body.start, end: next.end }; // across a line break
    }
    codings.push(codingOn(text, span, `c${codings.length}`));
  }
  return codings;
}
