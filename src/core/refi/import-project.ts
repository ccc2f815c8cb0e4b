// Importing a REFI-QDA project (.qdpx) into a new study folder: text sources become transcripts
// (UTF-8, LF, no BOM), codings go to their coder's files, users become coders, the codebook keeps
// each code's GUID, cases and variables go to cases.yaml, notes to memos. Positions are read in
// the counting each source's selections fit (counting.ts). Everything else is listed in
// import-report.md. Every file is written through study-files.ts into the target folder, which
// must be empty or not exist; nothing is written anywhere else. A large project is read in parts,
// its sources read and imported on worker threads (`importApart`); any other, or one whose parts
// cannot be read apart, in one pass here (`importInOnePass`): both make the same study.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatCodebook } from '../codebook/format';
import { memoPath } from '../memos/memos';
import { NewStudyWriter } from '../storage/new-study-writer';
import { studyPathProblem, writeStudyFile } from '../storage/study-files';
import { NEW_STUDY_FILES } from '../study/template';
import { normaliseText } from '../text/normalise';
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, openArchive, type Archive, type ArchiveLimits } from './archive';
import { formatImportReport, formatUnfinishedImport, IMPORT_REPORT_FILE, type ImportedTranscript, type ImportReport } from './import-report';
import { formatCases } from './import-cases';
import { decide, type ProjectDecisions } from './import-decisions';
import { joinNotes, MATRIX_FILE, safeFileName, transcriptPath, uniqueFile } from './import-files';
import { projectLayout } from './project-layout';
import { Reader, readProjectBytes, readProjectSkeleton, readSourceElement, SOURCE_DEPTH, type ProjectSkeleton, type RefiProject, type RefiSourceHeader } from './read-project';
import { ArchiveEntries, importSource, outlineSource, sourceText, type CodingContext, type ImportedSource, type SourceOutline } from './source-import';
import { defaultWorkerCount, SourceWorkers, type SourceResult } from './source-workers';
import { parseXmlBytes, XmlError } from './xml';

/** The import cannot start or the archive is refused: nothing was written. */
export class ImportError extends Error {}

export interface ImportOptions {
  readonly limits?: ArchiveLimits;
  /** Time stamp for codings that carry none (ISO 8601). */
  readonly now?: string;
  /** Called as the import goes on (the editor words it in the user's language). */
  readonly progress?: (step: ImportProgress) => void;
  /** Worker threads that read and import the sources (source-workers.ts); by default one per core, for a large project. */
  readonly sourceWorkers?: number;
}

/**
 * Where an import is: reading the project (in one pass here, or in parts on `workers` threads),
 * then writing its sources' files.
 */
export type ImportProgress = { readonly step: 'reading'; readonly workers: number } | { readonly step: 'sources'; readonly done: number; readonly total: number };

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
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const root = path.resolve(targetFolder);
  const existed = await checkEmptyTarget(root);
  let workers: SourceWorkers | undefined;
  try {
    let archive: Archive;
    let projectEntry: string;
    let projectBytes: Uint8Array;
    try {
      archive = openArchive(bytes, limits);
      projectEntry = findProjectEntry(archive);
      // Started first: they get ready while this thread unpacks and reads the project.
      workers = startWorkers(archive, bytes, options);
      projectBytes = archive.read(projectEntry)!;
    } catch (error) {
      if (error instanceof ArchiveError) throw new ImportError(error.message);
      throw error;
    }
    const job: ImportJob = { bytes, archive, entries: new ArchiveEntries(archive), projectEntry, projectBytes, fileName, root, options };
    if (workers !== undefined) {
      const report = await importApart(job, workers);
      if (report !== undefined) return report;
      await workers.close();
    }
    return await importInOnePass(job);
  } catch (error) {
    // Refused before the study was made (a file that is not well-formed shows only when read in one pass): nothing is left behind.
    if (error instanceof ImportError) await removeUnfinished(root, existed);
    throw error;
  } finally {
    await workers?.close();
  }
}

/** Workers for the sources of a large project (by default one per core), or undefined: it is read in one pass. */
function startWorkers(archive: Archive, bytes: Uint8Array, options: ImportOptions): SourceWorkers | undefined {
  const archiveSize = archive.entries.reduce((sum, entry) => sum + entry.size, 0);
  const count = options.sourceWorkers ?? (archiveSize >= WORKERS_FROM_BYTES ? defaultWorkerCount() : 0);
  return count > 0 ? SourceWorkers.start(count, { archiveBytes: bytes, limits: options.limits ?? DEFAULT_ARCHIVE_LIMITS }) : undefined;
}

/** Everything an import works from. */
interface ImportJob {
  readonly bytes: Uint8Array;
  readonly archive: Archive;
  readonly entries: ArchiveEntries;
  readonly projectEntry: string;
  readonly projectBytes: Uint8Array;
  readonly fileName: string;
  readonly root: string;
  readonly options: ImportOptions;
}

/** A project's sources as the import takes them, in order. */
interface SourceTurn {
  readonly outline: SourceOutline;
  /** The source imported already (on a worker), with the path and coders it could tell alone. */
  readonly imported?: ImportedSource;
  /** Imports it on this thread. */
  importHere(documentPath: string, context: CodingContext): ImportedSource;
}

/** The project read in one pass on this thread, each source imported here as its turn comes. */
async function importInOnePass(job: ImportJob): Promise<ImportReport> {
  let project: RefiProject;
  try {
    job.options.progress?.({ step: 'reading', workers: 0 });
    project = readProjectBytes(job.projectBytes, job.projectEntry);
  } catch (error) {
    if (error instanceof XmlError) throw new ImportError(error.message);
    throw error;
  }
  function* turns(): Generator<SourceTurn> {
    for (const source of project.sources) {
      const text = sourceText(source, job.entries);
      yield { outline: outlineSource(source, text), importHere: (documentPath, context) => importSource(source, text as string, documentPath, context) };
    }
  }
  return importStudy(job, project, decide(project, job.entries, job.options.now), turns(), project.sources.length);
}

/**
 * The project read in parts (project-layout.ts): all but its sources here, the sources on worker
 * threads, each imported there as soon as it is read; this thread writes the study as the sources
 * come, in order. Undefined when the file cannot be read so, or when a source's reading depends on
 * the rest of the project (it is not well-formed alone, it shares a GUID with another element, a
 * GUID had to be made up): what was written is then taken back, and the project read in one pass.
 */
async function importApart(job: ImportJob, workers: SourceWorkers): Promise<ImportReport | undefined> {
  // Each step lets the thread (the extension host's) do other work in between.
  await turnOfTheEventLoop();
  const layout = projectLayout(job.projectBytes);
  await turnOfTheEventLoop();
  let skeleton: ProjectSkeleton | undefined;
  try {
    skeleton = layout && readProjectSkeleton(layout.skeleton, job.projectEntry);
  } catch (error) {
    // Where the fault is in the file is told by reading it in one pass.
    if (error instanceof XmlError) return undefined;
    throw error;
  }
  if (layout === undefined || skeleton === undefined) return undefined;
  const { project } = skeleton;
  await turnOfTheEventLoop();
  const decisions = decide(project, job.entries, job.options.now);
  await turnOfTheEventLoop();
  workers.project({ projectBytes: job.projectBytes, projectFile: job.projectEntry, context: decisions.context });
  job.options.progress?.({ step: 'reading', workers: workers.threads });
  const results: (Promise<SourceResult> | undefined)[] = layout.sources.map(([start, end], index) => workers.read(index, start, end));
  const reading = skeleton;
  async function* turns(): AsyncGenerator<SourceTurn> {
    for (const [index, [start, end]] of layout!.sources.entries()) {
      const result = await results[index]!;
      results[index] = undefined;
      if ('unreadable' in result || !reading.adopt(result.reading, result.outline?.header)) throw new ReadInOnePass();
      if (result.outline === undefined) continue;
      yield {
        outline: result.outline,
        imported: result.imported,
        importHere: (documentPath, context) => {
          // Read again, here: what its reading found is in the project already.
          const source = readSourceElement(parseXmlBytes(job.projectBytes.subarray(start, end), job.projectEntry, undefined, SOURCE_DEPTH), new Reader())!;
          return importSource(source, sourceText(source, job.entries) as string, documentPath, context);
        },
      };
    }
  }
  try {
    return await importStudy(job, project, decisions, turns(), layout.sources.length);
  } catch (error) {
    if (error instanceof ReadInOnePass) return undefined;
    throw error;
  }
}

function turnOfTheEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The import must start again and read the project in one pass. */
class ReadInOnePass extends Error {}

/** Writes the study into the job's folder from the project and its sources; returns the report. A ReadInOnePass leaves nothing written. */
async function importStudy(
  job: ImportJob,
  project: RefiProject<RefiSourceHeader>,
  decisions: ProjectDecisions,
  sources: Iterable<SourceTurn> | AsyncIterable<SourceTurn>,
  sourceCount: number,
): Promise<ImportReport> {
  const { root } = job;
  await fs.mkdir(root, { recursive: true });
  // Replaced by the real report once everything else is on disk.
  await writeStudyFile(root, IMPORT_REPORT_FILE, formatUnfinishedImport(job.fileName));
  const writer = new NewStudyWriter(root);
  let imported: Omit<ImportReport, 'file' | 'findings'>;
  try {
    imported = await writeStudy(project, decisions, sources, sourceCount, job.options.progress ?? (() => undefined), writer);
    await writer.finish();
  } catch (error) {
    if (error instanceof ReadInOnePass) await writer.undo();
    else await writer.stop();
    throw error;
  }
  const findings = [...job.archive.skipped.map((s) => ({ subject: `Archive entry “${s.name}”`, message: s.reason })), ...project.findings, ...decisions.findings];
  const report: ImportReport = { ...imported, file: job.fileName, findings };
  await writeStudyFile(root, IMPORT_REPORT_FILE, formatImportReport(report));
  return report;
}

/** Removes what a refused import made: the unfinished report, and the folder if the import made it (only when empty). */
async function removeUnfinished(root: string, existed: boolean): Promise<void> {
  await fs.rm(path.join(root, IMPORT_REPORT_FILE), { force: true });
  if (!existed) await fs.rmdir(root).catch(() => undefined);
}

/** Refuses (ImportError) a target that is a file, a link or a folder that is not empty; its parent must exist. Whether the folder exists. */
export async function checkEmptyTarget(root: string): Promise<boolean> {
  const stat = await fs.lstat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat === undefined) {
    const parent = await fs.stat(path.dirname(root)).catch(() => undefined);
    if (!parent?.isDirectory()) throw new ImportError(`The folder ${path.dirname(root)} does not exist.`);
    return false;
  }
  if (stat.isSymbolicLink()) throw new ImportError(`${root} is a symbolic link: Gloss writes nothing through a link.`);
  if (!stat.isDirectory()) throw new ImportError(`${root} is a file, not a folder.`);
  if ((await fs.readdir(root)).length > 0) throw new ImportError(`${root} is not empty: a project is imported into a new, empty folder.`);
  return true;
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
 * transcript and codings files as soon as that source is imported (the disk works while the next
 * one is), then memos, cases and the new study's other files. Returns what was imported.
 */
async function writeStudy(
  project: RefiProject<RefiSourceHeader>,
  decisions: ProjectDecisions,
  sources: Iterable<SourceTurn> | AsyncIterable<SourceTurn>,
  sourceCount: number,
  progress: (step: ImportProgress) => void,
  writer: NewStudyWriter,
): Promise<Omit<ImportReport, 'file' | 'findings'>> {
  const { codes, codeMemos, noteTexts, coders, context } = decisions;
  const find = (subject: string, message: string): void => {
    decisions.findings.push({ subject, message });
  };
  writer.add('codebook.yaml', formatCodebook(codes, [`Imported from the REFI-QDA project “${oneLine(project.name)}”${project.origin ? ` (${oneLine(project.origin)})` : ''}.`, 'Each code keeps its GUID so that an export gives the other tool back its own codes.']));

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
  const usedCoders = new Set<string>();
  let codingCount = 0;
  let turn = 0;
  for await (const source of sources) {
    if (turn++ % 50 === 0) progress({ step: 'sources', done: turn - 1, total: sourceCount });
    const { outline } = source;
    const { header } = outline;
    if (outline.skipped !== undefined) {
      const subject = `TextSource “${header.name ?? header.plainTextPath ?? header.guid}”`;
      find(subject, outline.skipped);
      if (outline.selections + outline.wholeCodings > 0) find(subject, `: its ${outline.selections} selections and ${outline.wholeCodings} whole-source codings are not imported with it.`);
      continue;
    }
    const documentPath = transcriptPath(header, usedPaths);
    // Users not among the project's are named as they come.
    for (const user of outline.users) if (!context.coders.has(user)) context.coders.set(user, coders.name(user));
    const imported = source.imported?.documentPath === documentPath ? source.imported : source.importHere(documentPath, context);
    transcriptOfSource.set(header.guid, documentPath);
    writer.add(documentPath, imported.text);
    for (const [file, text] of imported.codingFiles) writer.add(file, text);
    decisions.findings.push(...imported.findings);
    for (const coder of imported.coders) usedCoders.add(coder);
    for (const note of imported.notes) usedNotes.add(note);
    codingCount += imported.codings;
    transcripts.push({
      path: documentPath,
      sourceName: header.name ?? header.plainTextPath ?? header.guid,
      guid: header.guid,
      counting: imported.countingDescription,
      ambiguous: imported.ambiguous,
      selections: outline.selections,
      codings: imported.codings,
    });
    const memo = notesText(header.noteGuids);
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
    coders: [...usedCoders].sort(),
    codes: codes.length,
    transcripts,
    codings: codingCount,
    cases: casesText?.count ?? 0,
    memos,
  };
}

/** Files of a new study an import does not write: the examples of cases.yaml and codebook.yaml have no place in an imported study. */
const NOT_IMPORTED_TEMPLATE_FILES = new Set(['transcripts/.gitkeep', 'cases.yaml', 'codebook.yaml']);

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

