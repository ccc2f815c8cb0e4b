// What the matrices are computed from: every document's placed codings on its current text, with
// the codebook and the cases. Orphans (codings that could not be placed) are kept apart: they are
// counted, never silently dropped, but they have no place to measure.
import type { Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import type { PlacedDocument } from '../study/placement';
import { TextIndex } from '../text/offsets';

/** A placed coding: its span is in code points of the document's current normalised text. */
export interface MatrixSegment {
  readonly id: string;
  readonly code: string;
  readonly coder: string;
  readonly start: number;
  readonly end: number;
}

export interface MatrixOrphan {
  readonly id: string;
  readonly code: string;
  readonly coder: string;
}

export interface MatrixDocument {
  /** Path relative to the study root. */
  readonly path: string;
  /** The current normalised text. */
  readonly text: string;
  /** Length of `text` in code points. */
  readonly length: number;
  /** Placed codings, all coders, sorted by start. */
  readonly segments: readonly MatrixSegment[];
  readonly orphans: readonly MatrixOrphan[];
}

export interface MatrixInput {
  readonly codebook: Codebook;
  readonly cases: Cases;
  /** Documents sorted by path. */
  readonly documents: readonly MatrixDocument[];
  /** Codes whose segments repeat other codings (saved queries): rows of their own, never in "all codes". */
  readonly derivedCodes?: ReadonlySet<string>;
}

/** The document as the matrices see it. */
export function matrixDocument(placed: PlacedDocument): MatrixDocument {
  const segments: MatrixSegment[] = [];
  const orphans: MatrixOrphan[] = [];
  for (const { coding, span } of placed.codings) {
    if (span === undefined) orphans.push({ id: coding.id, code: coding.code, coder: coding.coder });
    else segments.push({ id: coding.id, code: coding.code, coder: coding.coder, start: span.start, end: span.end });
  }
  segments.sort((a, b) => a.start - b.start || a.end - b.end);
  return { path: placed.path, text: placed.text, length: TextIndex.forText(placed.text).codePointLength, segments, orphans };
}

/** Every coder who made a coding in these documents, placed or not, sorted. */
export function codersOf(documents: readonly MatrixDocument[]): string[] {
  const coders = new Set<string>();
  for (const document of documents) {
    for (const segment of document.segments) coders.add(segment.coder);
    for (const orphan of document.orphans) coders.add(orphan.coder);
  }
  return [...coders].sort((a, b) => a.localeCompare(b));
}

/** Which codings count: all coders (undefined) or the named ones. */
export type CoderFilter = ReadonlySet<string> | undefined;

export function coderAccepted(filter: CoderFilter, coder: string): boolean {
  return filter === undefined || filter.has(coder);
}
