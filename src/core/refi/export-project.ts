// A study as a REFI-QDA project (docs/refi-qda.md): project.qde and one sources/<guid>.txt per
// transcript, zipped as .qdpx. Codings are placed on the current texts as the editor places them;
// what cannot be exported (orphans, codings of unknown codes, unreadable transcripts) is reported,
// never dropped silently. The same study gives the same bytes: no dates of its own, fixed order.
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { memoPath } from '../memos/memos';
import type { AttributeValue, Coding, Problem } from '../model';
import { placeDocument } from '../study/placement';
import { CODEBOOK_FILE, type CodingsFile, type Study } from '../study/study';
import type { TextVersions } from '../study/versions';
import { readTranscript } from '../text/transcript-text';
import { CASES_FILE } from '../cases/cases';
import { codeElements } from './export-codebook';
import { caseGuid, codeGuid, codingGuid, selectionGuid, sourceGuid, userGuid } from './guids';
import { Notes } from './export-notes';
import { Variables } from './export-variables';
import { PROJECT_NAMESPACE, qdaXml, XmlTextCleaner, type XmlElement } from './xml-text';

export interface RefiExportOptions {
  /** Old text versions, to place codings made on an earlier text. */
  readonly versions: TextVersions;
  /** The `origin` attribute: the program and its version. */
  readonly origin: string;
  /** Told after each document, for a progress bar. */
  readonly progress?: (done: number, total: number) => void;
}

export interface RefiCounts {
  readonly users: number;
  readonly codes: number;
  readonly sources: number;
  readonly selections: number;
  readonly cases: number;
  readonly variables: number;
  readonly notes: number;
}

export interface RefiProject {
  /** project.qde */
  readonly xml: string;
  /** Each exported transcript's text (normalised: UTF-8, LF, no BOM) by source GUID, in project order. */
  readonly sources: ReadonlyMap<string, string>;
  readonly counts: RefiCounts;
  /** What was left out or changed, file by file. */
  readonly problems: readonly Problem[];
}

/** A study that cannot be exported at all (its codebook does not parse). */
export class RefiExportError extends Error {}

/** Time stamp of every zip entry: fixed, so two exports of one study are byte-identical. */
const ZIP_ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function internalSourcePath(guid: string): string {
  return `sources/${guid}.txt`;
}

/** The project.qde and source texts of a study. */
export async function buildRefiProject(study: Study, options: RefiExportOptions): Promise<RefiProject> {
  if (!study.codebookWritable) throw new RefiExportError(`${CODEBOOK_FILE} has errors; fix them before exporting.`);
  const cleaner = new XmlTextCleaner();
  // What the study could not read (a codings line that does not parse, a bad attribute value) is
  // not in the export either: say so.
  const problems: Problem[] = study.problems.map((p) => ({ ...p, message: `Not exported, as it could not be read: ${p.message}` }));
  const notes = new Notes(study.root, cleaner, problems);
  await notes.readFiles();

  const users = usersOf(study, cleaner);
  const codebook = study.codebook;
  const codes = codebook.codes.length === 0 ? [] : codeElements(codebook, cleaner, (code) => notes.refFor(memoPath({ kind: 'code', codeId: code.id })));
  const variables = new Variables(study, cleaner, problems);

  const sources: XmlElement[] = [];
  const texts = new Map<string, string>();
  const selectionGuids = new Set<string>();
  const fileOf = new Map<Coding, CodingsFile>();
  for (const file of study.codingsFileList) for (const coding of file.codings) fileOf.set(coding, file);
  // One GUID per coder and per code, not one hash per coding.
  const userGuids = new Map(study.codingsFileList.map((f) => [f.coderSlug, userGuid(f.coderSlug)]));
  const codeGuids = new Map(codebook.codes.map((c) => [c.id, codeGuid(c)]));
  const documents = study.documentPaths;
  let selectionCount = 0;
  for (const [done, documentPath] of documents.entries()) {
    options.progress?.(done, documents.length);
    const stored = study.codingsOf(documentPath);
    const read = await readTranscript(study.root, documentPath);
    if ('problem' in read || read.text === undefined) {
      const why = 'problem' in read ? read.problem.message : 'The file does not exist.';
      problems.push({ file: documentPath, message: `Not exported, with its ${stored.length} coding(s): ${why}`, severity: 'error' });
      continue;
    }
    const placed = await placeDocument(documentPath, read.text, stored, options.versions);
    const guid = sourceGuid(documentPath);
    const selections: XmlElement[] = [];
    for (const { coding, span, orphanReason } of placed.codings) {
      const file = fileOf.get(coding) as CodingsFile;
      const where = `${file.path}: coding ${coding.id}`;
      const code = codebook.get(coding.code);
      const selection = selectionGuid(coding.id);
      if (span === undefined) problems.push({ file: file.path, message: `Coding ${coding.id} ("${coding.quote.slice(0, 40)}") not exported: it could not be placed on the current text (${orphanReason}).`, severity: 'warning' });
      else if (code === undefined) problems.push({ file: file.path, message: `Coding ${coding.id} not exported: its code "${coding.code}" is not in the codebook.`, severity: 'warning' });
      else if (selectionGuids.has(selection)) problems.push({ file: file.path, message: `Coding ${coding.id} not exported: a coding with this id was exported already.`, severity: 'warning' });
      else {
        selectionGuids.add(selection);
        const user = userGuids.get(file.coderSlug) as string;
        const created = DATE_TIME.test(coding.created) ? coding.created : undefined;
        const modified = coding.modified !== undefined && DATE_TIME.test(coding.modified) ? coding.modified : undefined;
        const memo = coding.memo === undefined || coding.memo === '' ? undefined : notes.addCodingMemo(selection, coding.memo, where);
        selections.push({
          '@_guid': selection,
          '@_startPosition': span.start,
          '@_endPosition': span.end,
          '@_creatingUser': user,
          '@_creationDateTime': created,
          '@_modifyingUser': modified === undefined ? undefined : user,
          '@_modifiedDateTime': modified,
          Coding: { '@_guid': codingGuid(selection), '@_creatingUser': user, '@_creationDateTime': created, CodeRef: { '@_targetGUID': codeGuids.get(code.id) as string } },
          NoteRef: memo === undefined ? undefined : { '@_targetGUID': memo },
        });
      }
    }
    selectionCount += selections.length;
    texts.set(guid, placed.text);
    const memo = notes.refFor(memoPath({ kind: 'document', documentPath }));
    sources.push({
      '@_guid': guid,
      '@_name': cleaner.clean(documentPath, documentPath, 'its name'),
      '@_plainTextPath': `internal://${guid}.txt`,
      PlainTextSelection: selections.length === 0 ? undefined : selections,
      NoteRef: memo === undefined ? undefined : { '@_targetGUID': memo },
      VariableValue: variables.valuesOf(ownDocumentAttributes(study, documentPath), CASES_FILE),
    });
  }
  options.progress?.(documents.length, documents.length);

  const exported = new Set(texts.keys());
  const cases = study.cases.cases.map((c): XmlElement => ({
    '@_guid': caseGuid(c.id),
    '@_name': cleaner.clean(c.name, CASES_FILE, `the name of case "${c.id}"`),
    VariableValue: variables.valuesOf(c.attributes, CASES_FILE),
    SourceRef: c.documents.map((d) => sourceGuid(d.path)).filter((g) => exported.has(g)).map((g) => ({ '@_targetGUID': g })),
  }));
  const projectMemo = notes.refFor(memoPath({ kind: 'project' }));
  const variableElements = variables.elements();
  const noteElements = notes.elements();
  const xml = qdaXml('Project', {
    '@_xmlns': PROJECT_NAMESPACE,
    '@_name': cleaner.clean(path.basename(study.root), path.basename(study.root), 'the study folder name'),
    '@_origin': options.origin,
    Users: users.length === 0 ? undefined : { User: users },
    CodeBook: codes.length === 0 ? undefined : { Codes: { Code: codes } },
    Variables: variableElements.length === 0 ? undefined : { Variable: variableElements },
    Cases: cases.length === 0 ? undefined : { Case: cases },
    Sources: sources.length === 0 ? undefined : { TextSource: sources },
    Notes: noteElements.length === 0 ? undefined : { Note: noteElements },
    NoteRef: projectMemo === undefined ? undefined : { '@_targetGUID': projectMemo },
  });
  return {
    xml,
    sources: texts,
    counts: {
      users: users.length,
      codes: codebook.codes.length,
      sources: sources.length,
      selections: selectionCount,
      cases: cases.length,
      variables: variableElements.length,
      notes: noteElements.length,
    },
    problems: [...problems, ...cleaner.problems],
  };
}

/** The .qdpx bytes: project.qde first, then the sources in project order, with fixed time stamps. */
export function zipQdpx(project: RefiProject): Uint8Array {
  const entries: Zippable = { 'project.qde': Buffer.from(project.xml, 'utf8') };
  for (const [guid, text] of project.sources) entries[internalSourcePath(guid)] = Buffer.from(text, 'utf8');
  return zipSync(entries, { level: 6, mtime: ZIP_ENTRY_TIME });
}

/** One User per coder folder; its name is the coder as the first of their codings names them. */
function usersOf(study: Study, cleaner: XmlTextCleaner): XmlElement[] {
  const names = new Map<string, string>();
  const files = [...study.codingsFileList].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) if (!names.has(file.coderSlug) && file.codings.length > 0) names.set(file.coderSlug, file.codings[0].coder);
  return [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([slug, name]) => ({
    '@_guid': userGuid(slug),
    '@_name': cleaner.clean(name, `codings/${slug}`, 'the coder name'),
    '@_id': slug,
  }));
}

/** A document's own attributes in cases.yaml (its case's stay on the case). */
function ownDocumentAttributes(study: Study, documentPath: string): Readonly<Record<string, AttributeValue>> {
  for (const c of study.cases.cases) for (const d of c.documents) if (d.path === documentPath) return d.attributes;
  return {};
}
