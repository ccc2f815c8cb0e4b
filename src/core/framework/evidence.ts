// The segments a framework cell could rest on: the codings of the row's cases with the theme's
// code or a code below it, placed on the documents' current text.
import { codesOfRow, type CellSegment } from '../matrix/code-matrix';
import type { MatrixInput } from '../matrix/input';
import { casesOfRow, type FrameworkRow } from './model';

/** Candidates for a cell, by document then position; `linked` ids are left out. */
export function suggestEvidence(input: MatrixInput, row: FrameworkRow, theme: string, linked: ReadonlySet<string> = new Set()): CellSegment[] {
  const caseIds = new Set(casesOfRow(row));
  const documents = new Set(input.cases.cases.filter((c) => caseIds.has(c.id)).flatMap((c) => c.documents.map((d) => d.path)));
  const codes = codesOfRow(input.codebook, theme, true);
  const result: CellSegment[] = [];
  for (const document of input.documents) {
    if (!documents.has(document.path)) continue;
    for (const segment of document.segments) {
      if (codes.has(segment.code) && !linked.has(segment.id)) result.push({ document, segment });
    }
  }
  return result;
}
