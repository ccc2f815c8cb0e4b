// The GUIDs of a study's objects in REFI-QDA files (docs/refi-qda.md). All are deterministic, so
// two exports of one study are identical and a round trip gives every tool its own GUIDs back.
import { CODE_ID_NAMESPACE, isGuid, toRefiGuid, uuidV5 } from '../codebook/ids';
import type { Code } from '../model';

/** A name-based GUID of one kind of object: the prefix keeps kinds apart. */
function named(kind: string, name: string): string {
  return uuidV5(`${kind}:${name}`, CODE_ID_NAMESPACE);
}

/** A code: the GUID an import brought, else its id (a GUID kept, any other id hashed). */
export function codeGuid(code: Pick<Code, 'id' | 'guid'>): string {
  return code.guid ?? toRefiGuid(code.id);
}

/** A coder, by the slug of their folder under codings/. */
export function userGuid(coderSlug: string): string {
  return named('user', coderSlug);
}

/** A transcript, by its study path. */
export function sourceGuid(documentPath: string): string {
  return named('source', documentPath);
}

/** The text selection of a coding: its id when that is a GUID (lower case, no braces). */
export function selectionGuid(codingId: string): string {
  return isGuid(codingId) ? toRefiGuid(codingId) : named('selection', codingId);
}

/** The Coding element inside a coding's selection. */
export function codingGuid(selection: string): string {
  return named('coding', selection);
}

export function caseGuid(caseId: string): string {
  return named('case', caseId);
}

/** A case or document attribute, by name. */
export function variableGuid(attributeName: string): string {
  return named('variable', attributeName);
}

/** A note made from a study file (a memo or a matrix), by its study path. */
export function fileNoteGuid(studyPath: string): string {
  return named('note', studyPath);
}

/** The note holding a coding's memo. */
export function codingNoteGuid(selection: string): string {
  return named('note:coding', selection);
}
