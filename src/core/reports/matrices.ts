// The framework matrices for writing up: each matrix as its table (cases by themes, each cell its
// rating and summary, as the comparison view exports it), then each cell's evidence quoted from
// the current texts. Evidence that cannot be placed, or is no coding of the study, is said so.
import { cellOf, frameworkTable, type FrameworkLabels, type FrameworkMatrix } from '../framework';
import { sourceReference } from '../retrieval/markdown';
import { segmentFromPlaced } from '../retrieval/segments';
import type { PlacedCoding, PlacedDocument } from '../study/placement';
import { orphanSection, unreadableSection, type OrphanEntry, type ReportInput } from './input';
import type { Block, Report } from './model';
import { count } from '../text/count';

export function matricesReport(input: ReportInput): Report {
  const codings = new Map<string, { document: PlacedDocument; placed: PlacedCoding }>();
  for (const document of input.documents) for (const placed of document.codings) if (!codings.has(placed.coding.id)) codings.set(placed.coding.id, { document, placed });
  const labels: FrameworkLabels = {
    caseHeader: 'Case',
    row: (row) => row.name ?? input.cases.cases.find((c) => c.id === row.id)?.name ?? row.id,
    theme: (theme) => theme.name ?? input.codebook.get(theme.code)?.name ?? theme.code,
  };
  const blocks: Block[] = [];
  const orphans: OrphanEntry[] = [];
  for (const { path, matrix } of input.matrices) {
    blocks.push({ kind: 'heading', level: 2, text: matrix.title?.trim() || path });
    if (matrix.description) blocks.push({ kind: 'paragraph', text: matrix.description.trim() });
    blocks.push({ kind: 'facts', facts: [['File', path], ['Scale', matrix.scale.join(', ')]] });
    const table = frameworkTable(matrix, labels);
    blocks.push({ kind: 'table', header: table.header, rows: table.rows });
    blocks.push(...evidenceBlocks(input, matrix, labels, codings, orphans));
  }
  if (input.matrices.length === 0) blocks.push({ kind: 'paragraph', text: 'The study has no framework matrix (matrices/*.yaml) that can be read.' });
  blocks.push(...orphanSection(input.codebook, orphans), ...unreadableSection(input.unreadable));
  return {
    title: `Framework matrices: ${input.studyName}`,
    subtitle: `${count(input.matrices.length, 'matrix', 'matrices')}, each cell with the evidence it rests on, quoted from the current texts.`,
    blocks,
    orphans: orphans.length,
  };
}

function evidenceBlocks(
  input: ReportInput,
  matrix: FrameworkMatrix,
  labels: FrameworkLabels,
  codings: ReadonlyMap<string, { document: PlacedDocument; placed: PlacedCoding }>,
  orphans: OrphanEntry[],
): Block[] {
  const blocks: Block[] = [];
  for (const row of matrix.rows) {
    for (const theme of matrix.themes) {
      const cell = cellOf(matrix, row.id, theme.code);
      if (!cell || (cell.evidence.length === 0 && !cell.summary && !cell.rating)) continue;
      blocks.push({ kind: 'heading', level: 3, text: `${labels.row(row)} › ${labels.theme(theme)}${cell.rating ? `: ${cell.rating}` : ''}` });
      if (cell.summary?.trim()) blocks.push({ kind: 'paragraph', text: cell.summary.trim() });
      const missing: string[] = [];
      let unplaced = 0;
      for (const id of cell.evidence) {
        const found = codings.get(id);
        if (!found) missing.push(id);
        else if (found.placed.span === undefined) {
          unplaced++;
          if (!orphans.some((o) => o.placed.coding.id === id)) orphans.push({ documentPath: found.document.path, placed: found.placed });
        } else {
          const segment = segmentFromPlaced(input.codebook, input.cases, found.document, found.placed);
          blocks.push({ kind: 'quotation', segment, source: sourceReference(segment, 'full') });
        }
      }
      if (cell.evidence.length === 0) blocks.push({ kind: 'paragraph', text: 'No evidence linked.' });
      if (unplaced > 0) blocks.push({ kind: 'paragraph', text: `${count(unplaced, 'piece')} of evidence could not be placed on the current text (see Orphans).` });
      if (missing.length > 0) blocks.push({ kind: 'paragraph', text: `Not a coding of the study (removed, or on another branch): ${missing.join(', ')}.` });
    }
  }
  return blocks;
}
