// The study's domain types. Offsets are Unicode code points into normalised text
// (see docs/data-format.md) unless a name says otherwise.

/** A half-open span [start, end) in code points of a document's normalised text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Code {
  readonly id: string;
  readonly name: string;
  /** `#RRGGBB`, or undefined when the codebook names none. */
  readonly colour?: string;
  readonly description?: string;
  /**
   * The code's GUID in REFI-QDA exchange files (lower case), kept from an import so that an export
   * gives the other tool back its own code; undefined: exports derive one from the id.
   */
  readonly guid?: string;
  /** Id of the parent code; undefined at the top level. */
  readonly parentId?: string;
  /**
   * Ids of codes merged into this one (or deleted with their codings moved here): codings that
   * still name such an id belong to this code. Codings are never rewritten for a merge, so that a
   * coder never writes another coder's file (docs/data-format.md).
   */
  readonly aliases?: readonly string[];
}

export interface Coding extends Span {
  readonly id: string;
  readonly code: string;
  /** The segment's text: the normalised text of `version` sliced at [start, end). */
  readonly quote: string;
  /** Up to CONTEXT_LENGTH code points before the segment. */
  readonly prefix: string;
  /** Up to CONTEXT_LENGTH code points after the segment. */
  readonly suffix: string;
  /** Git blob hash of the normalised text the offsets refer to. */
  readonly version: string;
  readonly coder: string;
  /** ISO 8601, UTC. */
  readonly created: string;
  /**
   * ISO 8601, UTC: when the record was last rewritten with a change (re-attached, re-based, memo).
   * Absent until then. When a merge leaves two lines with one id, the newer one counts.
   */
  readonly modified?: string;
  readonly memo?: string;
}

/** Code points of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** A coding that could not be placed on the current text; kept, shown, re-attachable. */
export interface Orphan {
  readonly coding: Coding;
  readonly reason: string;
}

/** A problem found while reading a file: reported, never repaired silently. */
export interface Problem {
  /** Path relative to the study root, with `/`. */
  readonly file: string;
  /** 1-based line, when the problem has one. */
  readonly line?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** A problem in one line: `file:line: message`. */
export function problemText(problem: Problem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`;
}

export type AttributeType = 'text' | 'number' | 'date' | 'boolean' | 'choice';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  /** Allowed values of a `choice` attribute, in the file's order. */
  readonly values?: readonly string[];
}

export type AttributeValue = string | number | boolean;

export interface CaseDocument {
  /** Path relative to the study root, with `/`. */
  readonly path: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface Case {
  readonly id: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly documents: readonly CaseDocument[];
}
