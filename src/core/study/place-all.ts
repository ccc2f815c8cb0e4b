// Every document of a study placed from disk, as the command line and reports see it: the codings
// of each document on its current text, and the documents that could not be placed, with why.
import type { Problem } from '../model';
import { readTranscript } from '../text/transcript-text';
import { placeDocument, type PlacedDocument } from './placement';
import type { Study } from './study';
import type { TextVersions } from './versions';

export interface PlacedStudy {
  /** Documents whose text could be read, sorted by path. */
  readonly documents: readonly PlacedDocument[];
  /**
   * Documents named in cases.yaml or coded whose text could not be read: missing, a link, not
   * UTF-8, UTF-16... Their codings are in none of `documents`.
   */
  readonly unreadable: readonly Problem[];
}

export async function placeStudyDocuments(study: Study, versions: TextVersions): Promise<PlacedStudy> {
  const documents: PlacedDocument[] = [];
  const unreadable: Problem[] = [];
  // One document after another: placing may read old versions from Git, one process at a time.
  for (const documentPath of study.documentPaths) {
    const read = await readTranscript(study.root, documentPath);
    if ('problem' in read) unreadable.push(read.problem);
    else if (read.text === undefined) unreadable.push({ file: documentPath, message: missingMessage(study, documentPath), severity: 'error' });
    else documents.push(await placeDocument(documentPath, read.text, study.codingsOf(documentPath), versions));
  }
  return { documents, unreadable };
}

function missingMessage(study: Study, documentPath: string): string {
  const codings = study.codingsOf(documentPath).length;
  return codings > 0
    ? `This document does not exist, but ${codings} coding(s) refer to it: restore it, or move their codings files with it.`
    : 'This document is named in cases.yaml but does not exist.';
}
