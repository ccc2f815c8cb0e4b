// Importing a REFI-QDA project (.qdpx) into a new study folder: text sources become transcripts
// (UTF-8, LF, no BOM), codings go to their coder's files, users become coders, the codebook keeps
// each code's GUID, cases and variables go to cases.yaml, notes to memos. Positions are read in
// the counting each source's selections fit (counting.ts). Everything else is listed in
// import-report.md. Every file is written through study-files.ts into the target folder, which
// must be empty or not exist; nothing is written anywhere else.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { nameKey } from '../codebook/codebook';
import { isGuid, newCodeId, toRefiGuid } from '../codebook/ids';
import { formatCodebook } from '../codebook/format';
import { codingLine, joinCodingLines, type CodingOrder } from '../codings/format';
import { codingsFilePath, coderSlug } from '../codings/paths';
import { memoPath } from '../memos/memos';
import type { Code } from '../model';
import { decodeUtf8, NotUtf8Error } from '../storage/files';
import { NewStudyWriter } from '../storage/new-study-writer';
import { studyPathProblem, writeStudyFile } from '../storage/study-files';
import { NEW_STUDY_FILES } from '../study/template';
import { normaliseText } from '../text/normalise';
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, openArchive, type Archive, type ArchiveLimits } from './archive';
import { formatImportReport, formatUnfinishedImport, IMPORT_REPORT_FILE, type ImportedTranscript, type ImportReport } from './import-report';
import { formatCases } from './import-cases';
import { joinNotes, MATRIX_FILE, safeFileName, transcriptPath, uniqueFile } from './import-files';
import { readProjectBytes, type Finding, type RefiCode, type RefiCoding, type RefiProject, type RefiTextSource } from './read-project';
import { EMPTY_SPAN, preparedSpans, sourceJob, type PreparedSource, type PreparedSpan } from './source-preparation';
import { defaultWorkerCount, SourcePreparers } from './source-preparers';
import { XmlError } from './xml';

/** The import cannot start or the archive is refused: nothing was written. */
export class ImportError extends Error {}

export interface ImportOptions {
  readonly limits?: ArchiveLimits;
  /** Time stamp for codings that carry none (ISO 8601). */
  readonly now?: string;
  /** Called with a short message as the import goes on. */
  readonly progress?: (message: string) => void;
  /** Worker threads that prepare the sources' texts (source-preparers.ts); by default as many as the machine's other cores, for a large project. */
  readonly sourceWorkers?: number;
}

/** Below this many bytes of archive entries, starting a worker costs more than it saves. */
const WORKERS_FROM_BYTES = 8 * 1024 * 1024;

/** Imports the .qdpx at `file` into `targetFolder` (empty or not existing). Returns what it did. */
export async function importQdpx(file: string, targetFolder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new ImportError(`${file} is not a file.`);
  if (stat.size > limits.archiveBytes) throw new ImportError(`${path.basename(file)} is larger than the ${Math.round(limits.archiveBytes / 1024 / 1024)} MB Gloss imports.`);
  return importQdpxBytes(await fs.readFile(file), path.basename(file), targetFolder, options);
}

export async function importQdpxBytes(bytes: Uint8Array, fileName: string, targetFolder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const progress = options.progress ?? (() => undefined);
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const root = path.resolve(targetFolder);
  await checkEmptyTarget(root);
  let archive: Archive;
  try {
    archive = openArchive(bytes, limits);
  } catch (error) {
    if (error instanceof ArchiveError) throw new ImportError(error.message);
    throw error;
  }
  const entries = new ArchiveEntries(archive);
  const projectEntry = findProjectEntry(archive);
  const archiveSize = archive.entries.reduce((sum, entry) => sum + entry.size, 0);
  const preparers = new SourcePreparers(archive, bytes, limits, options.sourceWorkers ?? (archiveSize >= WORKERS_FROM_BYTES ? defaultWorkerCount() : 0));
  try {
    // Each source's text is prepared (on another thread) as soon as the source is read.
    const preparing = new Map<RefiTextSource, Promise<PreparedSource>>();
    let project: RefiProject;
    try {
      progress('Reading the project');
      project = readProjectBytes(archive.read(projectEntry)!, projectEntry, (source) =>
        preparing.set(source, preparers.prepare(sourceJob(source, entries.internal(source.plainTextPath)))),
      );
    } catch (error) {
      if (error instanceof ArchiveError || error instanceof XmlError) throw new ImportError(error.message);
      throw error;
    }
    const findings: Finding[] = [...archive.skipped.map((s) => ({ subject: `Archive entry “${s.name}”`, message: s.reason }))];
    findings.push(...project.findings);

    await fs.mkdir(root, { recursive: true });
    // Replaced by the real report once everything else is on disk.
    await writeStudyFile(root, IMPORT_REPORT_FILE, formatUnfinishedImport(fileName));
    const writer = new NewStudyWriter(root);
    let imported: Omit<ImportReport, 'file' | 'findings'>;
    try {
      imported = await writeStudy(project, archive, entries, preparing, findings, options.now ?? new Date().toISOString(), progress, writer);
      await writer.finish();
    } catch (error) {
      await writer.stop();
      throw error;
    }
    const report: ImportReport = { ...imported, file: fileName, findings };
    await writeStudyFile(root, IMPORT_REPORT_FILE, formatImportReport(report));
    return report;
  } finally {
    await preparers.close();
  }
}

/** Refuses (ImportError) a target that is a file, a link or a folder that is not empty; its parent must exist. */
export async function checkEmptyTarget(root: string): Promise<void> {
  const stat = await fs.lstat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat === undefined) {
    const parent = await fs.stat(path.dirname(root)).catch(() => undefined);
    if (!parent?.isDirectory()) throw new ImportError(`The folder ${path.dirname(root)} does not exist.`);
    return;
  }
  if (stat.isSymbolicLink()) throw new ImportError(`${root} is a symbolic link: Gloss writes nothing through a link.`);
  if (!stat.isDirectory()) throw new ImportError(`${root} is a file, not a folder.`);
  if ((await fs.readdir(root)).length > 0) throw new ImportError(`${root} is not empty: a project is imported into a new, empty folder.`);
}

/** The project file: project.qde, else the one .qde at the top of the archive (ATLAS.ti names it after the project). */
function findProjectEntry(archive: Archive): string {
  const names = archive.entries.map((entry) => entry.name);
  if (names.includes('project.qde')) return 'project.qde';
  const qde = names.filter((name) => !name.includes('/') && name.toLowerCase().endsWith('.qde'));
  if (qde.length === 1) return qde[0];
  throw new ImportError(qde.length === 0 ? 'The archive holds no project.qde: it is not a REFI-QDA project.' : `The archive holds ${qde.length} .qde files; which is the project cannot be told.`);
}

/**
 * Writes the study as it is made: the codebook and project memo first, then each source's
 * transcript and codings files as soon as that source is done (the disk works while the next one
 * is read), then memos, cases and the new study's other files. Returns what was imported.
 */
async function writeStudy(
  project: RefiProject,
  archive: Archive,
  entries: ArchiveEntries,
  preparing: Map<RefiTextSource, Promise<PreparedSource>>,
  findings: Finding[],
  now: string,
  progress: (message: string) => void,
  writer: NewStudyWriter,
): Promise<Omit<ImportReport, 'file' | 'findings'>> {
  const find = (subject: string, message: string): void => {
    findings.push({ subject, message });
  };

  // Codes: the ids a Gloss export made the GUIDs from, else readable ids; names unique among siblings.
  const codes: Code[] = [];
  const codeIds = new Map<string, string>();
  const codeMemos = new Map<string, string[]>();
  // Notes by GUID (read first: their words name the codes' ids).
  const noteTexts = readNotes(project, archive, entries, find);
  const exportedIds = exportedCodeIds(project, noteTexts);
  // Codes of other tools get readable ids from their names, unique ignoring case (a memo file is named by it).
  const takenIds = new Set([...exportedIds.values()].map((id) => id.toLowerCase()));
  const readableId = (name: string): string => {
    const id = newCodeId(name, (candidate) => takenIds.has(candidate.toLowerCase()));
    takenIds.add(id.toLowerCase());
    return id;
  };
  const addCodes = (list: readonly RefiCode[], parentId: string | undefined) => {
    const names = new Set<string>();
    for (const refi of list) {
      const exportedId = exportedIds.get(refi.guid);
      const code = importedCode(refi, exportedId ?? readableId(refi.name), exportedId !== undefined, parentId, names, find);
      codes.push(code);
      codeIds.set(refi.guid, code.id);
      if (refi.noteGuids.length > 0) codeMemos.set(code.id, [...refi.noteGuids]);
      addCodes(refi.children, code.id);
    }
  };
  addCodes(project.codes, undefined);
  const notCodable = codes.length - countCodable(project.codes);
  if (notCodable > 0) find(`${notCodable} code${notCodable === 1 ? '' : 's'}`, 'are not codable in the other tool (folders of codes); here every code is codable.');
  writer.add('codebook.yaml', formatCodebook(codes, [`Imported from the REFI-QDA project “${oneLine(project.name)}”${project.origin ? ` (${oneLine(project.origin)})` : ''}.`, 'Each code keeps its GUID so that an export gives the other tool back its own codes.']));

  // Coders: one per user, display names made unique by slug (a slug is a folder).
  const coders = new Coders(project.users, project.creatingUser, find);

  // Who the notes belong to.
  const usedNotes = new Set<string>();
  const notesText = (guids: readonly string[]): string[] =>
    guids.flatMap((guid) => {
      const note = noteTexts.get(guid);
      if (note === undefined) return [];
      usedNotes.add(guid);
      return [note.text];
    });

  // The project memo: the project's description and notes.
  const projectTexts = [...(project.description ? [normaliseText(project.description).trim() + '\n'] : []), ...notesText(project.projectNoteGuids)];
  if (projectTexts.length > 0) writer.add(memoPath({ kind: 'project' }), joinNotes(projectTexts));

  // Sources.
  const transcripts: ImportedTranscript[] = [];
  const transcriptOfSource = new Map<string, string>();
  const usedPaths = new Set<string>();
  let codingCount = 0;
  const times = new IsoTimes();
  for (const [index, source] of project.sources.entries()) {
    if (index % 50 === 0) progress(`Importing source ${index + 1} of ${project.sources.length}`);
    const subject = `TextSource “${source.name ?? source.plainTextPath ?? source.guid}”`;
    const prepared = await preparing.get(source)!;
    // Let go once used: the writer holds the text only until it is on disk.
    preparing.delete(source);
    const selectionCount = source.selections.length + source.wholeCodings.length;
    if ('skipped' in prepared) {
      find(subject, prepared.skipped);
      if (selectionCount > 0) find(subject, `: its ${source.selections.length} selections and ${source.wholeCodings.length} whole-source codings are not imported with it.`);
      continue;
    }
    const documentPath = transcriptPath(source, usedPaths);
    transcriptOfSource.set(source.guid, documentPath);
    writer.add(documentPath, prepared.text);
    let imported = 0;
    // This document's coding lines, by coder: each coder's file of it.
    const linesOfCoder = new Map<string, (CodingOrder & { line: string })[]>();
    /**
     * `id`: the selection's GUID for its first coding (what the export makes of a coding's id), else
     * the Coding's. Unique: the reader skips any element whose GUID another one has.
     */
    const addCoding = (refi: RefiCoding, id: string, span: PreparedSpan, from: { user?: string; created?: string; modified?: string }, memos: string[]) => {
      const code = codeIds.get(refi.codeGuid);
      if (code === undefined) return find(`Coding ${refi.guid} in ${documentPath}`, `names the code ${refi.codeGuid}, which is not in the codebook: not imported.`);
      const coder = coders.name(refi.user ?? from.user);
      const modified = times.iso(from.modified);
      // Most codings have no memo: no arrays made for them.
      const memo = memos.length === 0 && refi.noteGuids.length === 0 ? undefined : [...memos, ...notesText(refi.noteGuids)].map((text) => text.replace(/\n+$/, '')).join('\n\n');
      const line = codingLine({ id, code, coder, created: times.iso(refi.created ?? from.created) ?? now, modified, memo }, span.placement);
      let lines = linesOfCoder.get(coder);
      if (lines === undefined) linesOfCoder.set(coder, (lines = []));
      lines.push({ id, start: span.start, end: span.end, line });
      imported++;
    };
    const spans = preparedSpans(prepared);
    source.selections.forEach((selection, i) => {
      const span = spans[i];
      if (typeof span === 'number') {
        find(
          `Selection ${selection.guid} (${selection.start}–${selection.end}) of ${documentPath}`,
          `does not line up with the text when counted as ${prepared.countingDescription} (${span === EMPTY_SPAN ? 'it is empty or reversed' : 'it falls outside the text or inside a character'}): its ${selection.codings.length} coding${selection.codings.length === 1 ? ' is' : 's are'} not imported.`,
        );
        return;
      }
      const memos = notesText(selection.noteGuids);
      const from = { user: selection.user ?? source.user, created: selection.created, modified: selection.modified };
      selection.codings.forEach((coding, k) => addCoding(coding, k === 0 ? selection.guid : coding.guid, span, from, memos));
    });
    for (const coding of source.wholeCodings) addCoding(coding, coding.guid, spans[source.selections.length] as PreparedSpan, { user: source.user, created: source.created }, []);
    if (source.wholeCodings.length > 0) find(subject, `has ${source.wholeCodings.length} coding(s) of the whole source: imported as codings of the whole transcript.`);
    for (const [coder, lines] of linesOfCoder) writer.add(codingsFilePath(coder, documentPath), joinCodingLines(lines));
    codingCount += imported;
    transcripts.push({
      path: documentPath,
      sourceName: source.name ?? source.plainTextPath ?? source.guid,
      guid: source.guid,
      counting: prepared.countingDescription,
      ambiguous: prepared.ambiguous,
      selections: source.selections.length,
      codings: imported,
    });
    const memo = notesText(source.noteGuids);
    if (memo.length > 0) writer.add(memoPath({ kind: 'document', documentPath }), joinNotes(memo));
    await writer.room();
  }

  // Code memos.
  for (const [codeId, guids] of codeMemos) {
    const texts = notesText(guids);
    if (texts.length > 0) writer.add(memoPath({ kind: 'code', codeId }), joinNotes(texts));
  }

  // Cases and variables.
  const casesText = formatCases(project, transcriptOfSource, find, notesText);
  if (casesText !== undefined) writer.add('cases.yaml', casesText.text);
  for (const [file, text] of casesText?.memos ?? []) writer.add(file, text);

  // Notes nobody refers to: a framework matrix back into its file (named matrices/<name>.yaml by
  // the export), any other into memos/notes/.
  for (const [guid, note] of noteTexts) {
    if (usedNotes.has(guid)) continue;
    if (note.name !== undefined && MATRIX_FILE.test(note.name) && studyPathProblem(note.name) === undefined && !writer.has(note.name)) {
      writer.add(note.name, note.text);
    } else {
      writer.add(uniqueFile('memos/notes', safeFileName(note.name ?? guid), '.md', writer.paths), note.text);
    }
  }
  const memos = [...writer.paths].filter((file) => file.startsWith('memos/')).length;
  // The new study's other files (not its examples) where the import wrote none of its own.
  for (const [relativePath, text] of Object.entries(NEW_STUDY_FILES)) {
    if (!NOT_IMPORTED_TEMPLATE_FILES.has(relativePath) && !writer.has(relativePath)) writer.add(relativePath, text);
  }

  return {
    projectName: project.name,
    origin: project.origin,
    coders: coders.used(),
    codes: codes.length,
    transcripts,
    codings: codingCount,
    cases: casesText?.count ?? 0,
    memos,
  };
}

/** Files of a new study an import does not write: the examples of cases.yaml and codebook.yaml have no place in an imported study. */
const NOT_IMPORTED_TEMPLATE_FILES = new Set(['transcripts/.gitkeep', 'cases.yaml', 'codebook.yaml']);

/** ISO 8601 times in UTC, each written form converted once (the codings of one selection share theirs). */
class IsoTimes {
  private readonly converted = new Map<string, string | undefined>();

  iso(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    let iso = this.converted.get(value);
    if (iso === undefined && !this.converted.has(value)) {
      const time = Date.parse(value);
      iso = Number.isNaN(time) ? undefined : new Date(time).toISOString();
      this.converted.set(value, iso);
    }
    return iso;
  }
}

function countCodable(codes: readonly RefiCode[]): number {
  return codes.reduce((sum, code) => sum + (code.isCodable ? 1 : 0) + countCodable(code.children), 0);
}

/**
 * Code ids a Gloss export made GUIDs from (uuidV5 of the id), found back where the project names
 * them: the code memos' note names (memos/codes/<id>.md), the words of every note (a framework
 * matrix names its themes by id) and the codes' own names. A candidate counts only when its GUID is
 * the code's, which no other tool's GUID can match by chance: a proof, not a guess.
 */
function exportedCodeIds(project: RefiProject, noteTexts: ReadonlyMap<string, { readonly text: string }>): Map<string, string> {
  const guids = new Set<string>();
  const candidates = new Set<string>();
  const visit = (codes: readonly RefiCode[]) => {
    for (const code of codes) {
      guids.add(code.guid);
      candidates.add(newCodeId(code.name, () => false));
      visit(code.children);
    }
  };
  visit(project.codes);
  for (const note of project.notes) {
    const memoId = /^memos\/codes\/([^/]+)\.md$/.exec(note.name ?? '')?.[1];
    if (memoId !== undefined) candidates.add(memoId);
    for (const word of (noteTexts.get(note.guid)?.text ?? '').match(/[\p{L}\p{N}][\p{L}\p{N}._-]*/gu) ?? []) candidates.add(word);
  }
  const ids = new Map<string, string>();
  for (const candidate of candidates) {
    if (isGuid(candidate)) continue;
    const guid = toRefiGuid(candidate);
    if (guids.has(guid) && !ids.has(guid)) ids.set(guid, candidate);
  }
  return ids;
}

/** A code of the codebook with the id given: the one a Gloss export made the GUID from (no guid key needed), or a readable one that keeps the GUID. */
function importedCode(refi: RefiCode, id: string, idMakesGuid: boolean, parentId: string | undefined, siblingNames: Set<string>, find: (subject: string, message: string) => void): Code {
  const subject = `Code “${refi.name}”`;
  let name = refi.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
  if (name === '') {
    name = `Code ${refi.guid.slice(0, 8)}`;
    find(subject, `has no name; it is called “${name}”.`);
  }
  if (siblingNames.has(nameKey(name))) {
    let n = 2;
    while (siblingNames.has(nameKey(`${name} (${n})`))) n++;
    find(subject, `has a sibling of the same name; it is called “${name} (${n})”.`);
    name = `${name} (${n})`;
  }
  siblingNames.add(nameKey(name));
  const colour = importedColour(refi.color);
  if (refi.color !== undefined && colour === undefined) find(subject, `has the colour “${refi.color}”, which is not #RRGGBB: left without a colour.`);
  else if (colour !== undefined && refi.color!.trim().length === 9) find(subject, `has the colour “${refi.color}” with transparency (.NET's #AARRGGBB): taken as ${colour}.`);
  return {
    id,
    name,
    ...(colour !== undefined ? { colour } : {}),
    ...(refi.description !== undefined ? { description: refi.description.replace(/\r\n?/g, '\n') } : {}),
    // An id the GUID is made from needs no guid key; a GUID id keeps it, as the import found it.
    ...(idMakesGuid ? {} : { guid: refi.guid }),
    ...(parentId !== undefined ? { parentId } : {}),
  };
}

/** `#RRGGBB` from `#RRGGBB`, `#RGB` or .NET's `#AARRGGBB`; undefined for anything else. */
export function importedColour(color: string | undefined): string | undefined {
  const value = color?.trim();
  if (value === undefined) return undefined;
  if (/^#[0-9a-fA-F]{6}$/.test(value)) return value;
  if (/^#[0-9a-fA-F]{3}$/.test(value)) return ('#' + [...value.slice(1)].map((c) => c + c).join('')).toUpperCase();
  if (/^#[0-9a-fA-F]{8}$/.test(value)) return ('#' + value.slice(3)).toUpperCase();
  return undefined;
}

class Coders {
  private readonly names = new Map<string | undefined, string>();
  private readonly slugs = new Set<string>();
  private readonly usedNames = new Set<string>();

  constructor(
    private readonly users: ReadonlyMap<string, string>,
    private readonly projectUser: string | undefined,
    private readonly find: (subject: string, message: string) => void,
  ) {}

  /** The display name of the user with this GUID (the project's creator, else “imported”, when none is named). */
  name(userGuid: string | undefined): string {
    const key = userGuid ?? this.projectUser;
    let name = this.names.get(key);
    if (name === undefined) {
      const given = key === undefined ? undefined : this.users.get(key);
      if (key !== undefined && given === undefined) this.find(`User ${key}`, 'made codings but is not in the project’s users: they are imported as the coder “' + `user ${key.slice(0, 8)}”.`);
      name = given ?? (key === undefined ? 'imported' : `user ${key.slice(0, 8)}`);
      let unique = name;
      for (let n = 2; this.slugs.has(coderSlug(unique)); n++) unique = `${name} ${n}`;
      if (unique !== name) this.find(`User “${name}”`, `would share a codings folder with another user; their codings are under the coder “${unique}”.`);
      this.slugs.add(coderSlug(unique));
      this.names.set(key, unique);
      name = unique;
    }
    this.usedNames.add(name);
    return name;
  }

  used(): string[] {
    return [...this.usedNames].sort();
  }
}

/** The archive's entries by name, any case. */
class ArchiveEntries {
  /** Each lower-case name's first entry, by its place in the archive. */
  private readonly byName = new Map<string, { readonly name: string; readonly place: number }>();

  constructor(archive: Archive) {
    archive.entries.forEach((entry, place) => {
      const key = entry.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, { name: entry.name, place });
    });
  }

  /** The entry of an `internal://` path (or a bare file name, as qc writes), under sources/ or not, in any case: the first in the archive. */
  internal(plainTextPath: string | undefined): string | undefined {
    if (plainTextPath === undefined) return undefined;
    const match = /^internal:\/\/(.+)$/i.exec(plainTextPath.trim());
    const name = match ? match[1] : /^[a-z]+:\/\//i.test(plainTextPath) ? undefined : plainTextPath.trim();
    if (name === undefined) return undefined;
    const found = [`sources/${name}`, name].map((wanted) => this.byName.get(wanted.toLowerCase())).filter((entry) => entry !== undefined);
    return found.sort((a, b) => a.place - b.place)[0]?.name;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface NoteText {
  readonly name?: string;
  readonly text: string;
}

/** Each note's text as written (BOM dropped, LF line endings), by GUID. */
function readNotes(project: RefiProject, archive: Archive, entries: ArchiveEntries, find: (s: string, m: string) => void): Map<string, NoteText> {
  const notes = new Map<string, NoteText>();
  for (const note of project.notes) {
    const subject = `Note “${note.name ?? note.guid}”`;
    let body = note.content;
    const entry = entries.internal(note.plainTextPath);
    if (body === undefined && entry !== undefined) {
      try {
        body = decodeUtf8(archive.read(entry)!);
      } catch (error) {
        if (!(error instanceof NotUtf8Error)) throw error;
        find(subject, `: its text (${entry}) is not UTF-8: not imported.`);
        continue;
      }
    }
    if (body === undefined || body.trim() === '') {
      find(subject, 'has no text: not imported.');
      continue;
    }
    notes.set(note.guid, { name: note.name, text: normaliseText(body) });
  }
  return notes;
}
