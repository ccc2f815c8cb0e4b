// What a report is built from: the codebook, the cases, every document with its codings placed
// on its current text (so quotations are the text as it is now), and the framework matrices.
// Also the parts every report shares: counts in words, code labels and the Orphans section.
import type { Cases } from '../cases/cases';
import type { Codebook } from '../codebook/codebook';
import { readFrameworkFiles } from '../framework/files';
import type { FrameworkMatrix } from '../framework/model';
import type { Coding, Problem } from '../model';
import { placeStudyDocuments } from '../study/place-all';
import type { PlacedCoding, PlacedDocument } from '../study/placement';
import type { Study } from '../study/study';
import type { TextVersions } from '../study/versions';
import type { Block } from './model';
import { count } from '../text/count';

export interface ReportInput {
  /** The study's name, for titles: its folder's name. */
  readonly studyName: string;
  readonly codebook: Codebook;
  readonly cases: Cases;
  /** Documents whose text could be read, sorted by path. */
  readonly documents: readonly PlacedDocument[];
  /** Documents whose text could not be read: their codings are in no report, which says so. */
  readonly unreadable: readonly Problem[];
  readonly matrices: readonly { readonly path: string; readonly matrix: FrameworkMatrix }[];
}

/** A study's report input from disk. */
export async function loadReportInput(study: Study, studyName: string, versions: TextVersions): Promise<ReportInput> {
  const [placed, matrices] = await Promise.all([placeStudyDocuments(study, versions), readFrameworkFiles(study.root)]);
  return {
    studyName,
    codebook: study.codebook,
    cases: study.cases,
    documents: placed.documents,
    unreadable: placed.unreadable,
    matrices: matrices.files.filter((file) => file.ok).map((file) => ({ path: file.path, matrix: file.matrix })),
  };
}

/** A code's path in the codebook, or its id marked as unknown. */
export function codeLabel(codebook: Codebook, id: string): string {
  return codebook.has(id) ? codebook.pathLabel(id) : `${id} (not in the codebook)`;
}

export interface OrphanEntry {
  readonly documentPath: string;
  readonly placed: PlacedCoding;
}

/** The orphans among the documents' codings that `keep` accepts, by document then position. */
export function orphansOf(documents: readonly PlacedDocument[], keep: (coding: Coding, documentPath: string) => boolean): OrphanEntry[] {
  return documents.flatMap((document) =>
    document.codings.filter((placed) => placed.span === undefined && keep(placed.coding, document.path)).map((placed) => ({ documentPath: document.path, placed })),
  );
}

/**
 * The Orphans section: codings that could not be placed on their document's current text, with the
 * quote they were made on and why. Nothing when there are none.
 */
export function orphanSection(codebook: Codebook, orphans: readonly OrphanEntry[]): Block[] {
  if (orphans.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: 'Orphans' },
    {
      kind: 'paragraph',
      text: `${count(orphans.length, 'coding')} could not be placed on the current text of ${orphans.length === 1 ? 'its document' : 'their documents'}: they are kept as they were stored, and not quoted above. Re-attach them in the editor (Gloss: Re-attach an Orphaned Coding to the Selection…).`,
    },
    {
      kind: 'table',
      header: ['Document', 'Coder', 'Code', 'Stored quote', 'Why'],
      rows: orphans.map(({ documentPath, placed }) => [documentPath, placed.coding.coder, codeLabel(codebook, placed.coding.code), placed.coding.quote, placed.orphanReason ?? '']),
    },
  ];
}

/** What no report can include: documents whose text could not be read. Nothing when there are none. */
export function unreadableSection(unreadable: readonly Problem[]): Block[] {
  if (unreadable.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: 'Documents not read' },
    { kind: 'paragraph', text: 'The codings of these documents are not in this report, since their text could not be read:' },
    { kind: 'table', header: ['Document', 'Why'], rows: unreadable.map((problem) => [problem.file, problem.message]) },
  ];
}

/** Coders of a set of codings, sorted, as one line. */
export function coderList(coders: Iterable<string>): string {
  return [...new Set(coders)].sort((a, b) => a.localeCompare(b)).join(', ');
}

/** Items grouped by a key, groups in the order their first item comes, items in order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
