// A study as loaded from its folder: codebook, cases and every coder's codings, with the problems
// found in each file. It reads and writes files; it knows nothing of editors.
import { CASES_FILE, NO_CASES, parseCases, type Cases } from '../cases/cases';
import { Codebook } from '../codebook/codebook';
import { newCodeId } from '../codebook/ids';
import { parseCodebook } from '../codebook/parse';
import { formatCodingsFile, parseCodingsFile } from '../codings/format';
import { caseTwins, caseTwinsMessage, CODINGS_FOLDER, coderSlug, codingsFilePathIn, parseCodingsFilePath, sameFolderName } from '../codings/paths';
import { recordChanges, type RecordChange } from '../codings/record-changes';
import type { Coding, Problem } from '../model';
import { absolutePath, listFolders, NotUtf8Error } from '../storage/files';
import { checkedStudyPath, listStudyFiles, readStudyFile, removeLeftoverTemporaryFiles, StudyFileError } from '../storage/study-files';
import { updateFile, WriteQueue, WriteRefusedError, type TextChange } from '../storage/update';

export const CODEBOOK_FILE = 'codebook.yaml';

export interface CodingsFile {
  /** Path relative to the study root. */
  readonly path: string;
  readonly coderSlug: string;
  readonly documentPath: string;
  readonly codings: readonly Coding[];
  /** False when some lines failed to parse: the file is then never overwritten. */
  readonly writable: boolean;
}

/** What a reload changed, so listeners redo only what they must. */
export type StudyChange =
  | { readonly kind: 'codebook' }
  | { readonly kind: 'cases' }
  | { readonly kind: 'codings'; readonly documentPath: string };

/**
 * What one batch of changes touched, read the same way by every listener: a checkout changes the
 * codebook, cases and codings files in one batch, and each must be acted on. An empty batch (the
 * study closed, or blind coding turned on or off) touches everything.
 */
export interface TouchedByChanges {
  readonly everything: boolean;
  readonly codebook: boolean;
  readonly cases: boolean;
  /** Documents whose codings changed. */
  readonly documents: ReadonlySet<string>;
}

export function touchedBy(changes: readonly StudyChange[]): TouchedByChanges {
  const documents = new Set(changes.flatMap((c) => (c.kind === 'codings' ? [c.documentPath] : [])));
  return {
    everything: changes.length === 0,
    codebook: changes.some((c) => c.kind === 'codebook'),
    cases: changes.some((c) => c.kind === 'cases'),
    documents,
  };
}

/** A change to one coder's codings of a document: the file's new list from its codings on disk now. */
export type CodingsEdit = (current: readonly Coding[]) => readonly Coding[];

export interface CodingsWrite {
  readonly path: string;
  /** The codings in the file as read right before the write, and as written. */
  readonly before: readonly Coding[];
  readonly after: readonly Coding[];
}

/** What one write of the study changed, as the undo history keeps it. */
export type StudyWrite =
  | { readonly kind: 'codebook'; readonly before: string | undefined; readonly after: string | undefined }
  | { readonly kind: 'codings'; readonly path: string; readonly documentPath: string; readonly changes: readonly RecordChange[] };

export class Study {
  private codebookState: { text: string | undefined; codebook: Codebook; ok: boolean } = {
    text: undefined,
    codebook: Codebook.empty,
    ok: true,
  };
  private casesState: Cases = NO_CASES;
  private readonly codingsFiles = new Map<string, CodingsFile>();
  /** Codings files by document, so a document's codings are found without a scan. */
  private readonly filesByDocument = new Map<string, Set<string>>();
  private readonly problemsByFile = new Map<string, readonly Problem[]>();
  /** Text this study last wrote or read per file, to tell our own writes from changes made outside. */
  private readonly knownText = new Map<string, string | undefined>();
  /** Paths the last scan of the codings folder found problems with (links, folders differing only in case). */
  private listingProblemFiles: string[] = [];
  /** This study's writes, one file after another: one window never races itself. */
  private readonly queue = new WriteQueue();
  /** Told of every write this study makes (the undo history). */
  writeListener: ((write: StudyWrite) => void) | undefined;

  private constructor(readonly root: string) {}

  static async load(root: string): Promise<Study> {
    const study = new Study(root);
    // Temporary files are hidden, so no listing sees them: removing them can go on alongside.
    await Promise.all([removeLeftoverTemporaryFiles(root), study.reload(CODEBOOK_FILE), study.reload(CASES_FILE), study.rescanCodings()]);
    return study;
  }

  /**
   * Reads the codings folder again: files that appeared, changed or vanished. For changes that
   * name a folder rather than its files (a coder's folder removed, a checkout).
   */
  async rescanCodings(): Promise<StudyChange[]> {
    const { files: onDisk, problems: linkProblems } = await listStudyFiles(this.root, CODINGS_FOLDER, (p) => p.endsWith('.jsonl'));
    // Two coder folders differing only in case: one folder on macOS and Windows, so neither is written.
    const twinProblems: Problem[] = caseTwins(await listFolders(absolutePath(this.root, CODINGS_FOLDER))).map((twins) => ({
      file: CODINGS_FOLDER,
      message: caseTwinsMessage(twins),
      severity: 'error',
    }));
    const problems = [...linkProblems, ...twinProblems];
    for (const file of this.listingProblemFiles) this.problemsByFile.delete(file);
    this.listingProblemFiles = [...new Set(problems.map((p) => p.file))];
    for (const file of this.listingProblemFiles) this.problemsByFile.set(file, problems.filter((p) => p.file === file));
    const paths = new Set([...onDisk, ...this.codingsFiles.keys()]);
    const changes = await Promise.all([...paths].map((p) => this.reload(p)));
    return changes.filter((c): c is StudyChange => c !== undefined);
  }

  get codebook(): Codebook {
    return this.codebookState.codebook;
  }

  /** False while codebook.yaml fails to parse; edits are refused until it is fixed. */
  get codebookWritable(): boolean {
    return this.codebookState.ok;
  }

  get cases(): Cases {
    return this.casesState;
  }

  /** Every problem found, file by file. */
  get problems(): Problem[] {
    return [...this.problemsByFile.values()].flat();
  }

  problemsOf(relativePath: string): readonly Problem[] {
    return this.problemsByFile.get(relativePath) ?? [];
  }

  /** Documents named in cases.yaml or coded by anyone, sorted. */
  get documentPaths(): string[] {
    const paths = new Set<string>(this.filesByDocument.keys());
    for (const c of this.casesState.cases) for (const d of c.documents) paths.add(d.path);
    return [...paths].sort();
  }

  get codingsFileList(): readonly CodingsFile[] {
    return [...this.codingsFiles.values()];
  }

  /**
   * The id for a new code named `name` (readable, see newCodeId) that no code, alias or coding of
   * the study uses, ignoring case: a code's memo file is named by its id.
   */
  newCodeId(name: string): string {
    const used = new Set<string>();
    for (const code of this.codebook.codes) for (const id of [code.id, ...(code.aliases ?? [])]) used.add(id.toLowerCase());
    for (const file of this.codingsFiles.values()) for (const coding of file.codings) used.add(coding.code.toLowerCase());
    return newCodeId(name, (id) => used.has(id.toLowerCase()));
  }

  /** Every coder's codings files of one document. */
  codingsFilesOf(documentPath: string): CodingsFile[] {
    return [...(this.filesByDocument.get(documentPath) ?? [])].map((p) => this.codingsFiles.get(p)!);
  }

  /** Every stored coding of a document, all coders. */
  codingsOf(documentPath: string): Coding[] {
    return this.codingsFilesOf(documentPath).flatMap((f) => f.codings);
  }

  /**
   * Re-reads one study file after a change on disk (checkout, merge, another editor). Returns what
   * changed, or undefined when the file is not one of the study's or holds what was last seen.
   */
  async reload(relativePath: string): Promise<StudyChange | undefined> {
    const isCodings = parseCodingsFilePath(relativePath);
    if (relativePath !== CODEBOOK_FILE && relativePath !== CASES_FILE && !isCodings) return undefined;
    let text: string | undefined;
    try {
      text = await readStudyFile(this.root, relativePath);
    } catch (error) {
      if (!(error instanceof StudyFileError)) throw error;
      return this.takeUnreadable(relativePath, error);
    }
    if (this.knownText.has(relativePath) && this.knownText.get(relativePath) === text) return undefined;
    this.knownText.set(relativePath, text);
    if (relativePath === CODEBOOK_FILE) {
      this.takeCodebook(text);
      return { kind: 'codebook' };
    }
    if (relativePath === CASES_FILE) {
      const { cases, problems } = parseCases(text ?? '', CASES_FILE);
      this.casesState = cases;
      this.problemsByFile.set(CASES_FILE, problems);
      return { kind: 'cases' };
    }
    this.takeCodingsFile(relativePath, isCodings!.coderSlug, isCodings!.documentPath, text);
    return { kind: 'codings', documentPath: isCodings!.documentPath };
  }

  /**
   * Changes one coder's codings of one document: `edit` gets the codings in the file on disk now
   * and returns the file's new list (a file left without codings is removed). The coder's folder
   * is found whatever the case of its name (see coderFolder). Refused when the file has lines that
   * failed to parse, since writing would lose them.
   */
  async updateCodings(coder: string, documentPath: string, edit: CodingsEdit): Promise<CodingsWrite> {
    const folder = await this.coderFolder(coder);
    return this.updateCodingsFile(codingsFilePathIn(folder, documentPath), edit);
  }

  /** Changes the codings file at `relativePath` as updateCodings does. */
  async updateCodingsFile(relativePath: string, edit: CodingsEdit): Promise<CodingsWrite> {
    const parsedPath = parseCodingsFilePath(relativePath);
    if (!parsedPath) throw new WriteRefusedError(`${relativePath} is not a codings file.`);
    return this.queue.run(relativePath, async () => {
      let before: readonly Coding[] = [];
      let after: readonly Coding[] = [];
      const update = await this.update(
        relativePath,
        (text) => {
          const parsed = parseCodingsFile(text ?? '', relativePath);
          if (parsed.invalidLines.length > 0) {
            throw new WriteRefusedError(`${relativePath} has lines that failed to parse (line ${parsed.invalidLines[0].line}); fix them before coding this document.`);
          }
          before = parsed.codings;
          after = edit(parsed.codings);
          const formatted = formatCodingsFile(after);
          // Unchanged codings leave the file as it is, however it is laid out, unless it holds one
          // coding on two lines (a union merge): the rewrite keeps the newer line alone.
          if (formatted === formatCodingsFile(before) && parsed.duplicateLines.length === 0) return text;
          return formatted === '' ? undefined : formatted;
        },
      );
      this.knownText.set(relativePath, update.after);
      this.takeCodingsFile(relativePath, parsedPath.coderSlug, parsedPath.documentPath, update.after);
      const changes = recordChanges(before, after);
      if (changes.length > 0) this.writeListener?.({ kind: 'codings', path: relativePath, documentPath: parsedPath.documentPath, changes });
      return { path: relativePath, before, after };
    });
  }

  /**
   * The folder holding a coder's codings, relative to the study: an existing folder of codings/
   * whose name is the coder's slug in any case (a hand-made `Marike/` for the slug `marike`: on a
   * case-insensitive file system both are one folder), else the slug. Refused when two folders
   * differ only in case: which one is meant cannot be told.
   */
  async coderFolder(coder: string): Promise<string> {
    const slug = coderSlug(coder);
    const matches = (await listFolders(absolutePath(this.root, CODINGS_FOLDER))).filter((name) => sameFolderName(name, slug));
    if (matches.length > 1) throw new WriteRefusedError(caseTwinsMessage(matches));
    return matches[0] ?? slug;
  }

  /**
   * Applies a text edit to codebook.yaml as it is on disk now (the edit functions keep comments and
   * untouched lines) and writes it atomically. Refused while the codebook fails to parse, and when
   * the result would.
   */
  editCodebook(edit: (text: string) => string): Promise<void> {
    return this.queue.run(CODEBOOK_FILE, async () => {
      // Set by the change below (the text it wrote and its parse), read after the write.
      let written: { text: string; parsed: ReturnType<typeof parseCodebook> } | undefined;
      const update = await this.update(
        CODEBOOK_FILE,
        (text) => {
          const current = text ?? '';
          const readable = text === this.codebookState.text ? this.codebookState.ok : parseCodebook(current, CODEBOOK_FILE).ok;
          if (!readable) throw new WriteRefusedError(`${CODEBOOK_FILE} has errors; fix them before changing the codebook.`);
          const after = edit(current);
          if (after === current) return text;
          const parsed = parseCodebook(after, CODEBOOK_FILE);
          if (!parsed.ok) throw new WriteRefusedError(`The change would make ${CODEBOOK_FILE} unreadable; nothing was written.`);
          written = { text: after, parsed };
          return after;
        },
      );
      if (this.codebookState.text !== update.after) {
        this.knownText.set(CODEBOOK_FILE, update.after);
        this.takeCodebook(update.after, written && written.text === update.after ? written.parsed : undefined);
      }
      if (update.before !== update.after) this.writeListener?.({ kind: 'codebook', before: update.before, after: update.after });
    });
  }

  /**
   * Applies a change to a study file as it is on disk now (the write protocol, storage/update.ts),
   * after checking the path stays inside the study and passes through no link. A file that is not
   * UTF-8 is refused, never rewritten. Every write of a study file Gloss edits goes through here.
   */
  async update(relativePath: string, change: TextChange) {
    const file = await checkedStudyPath(this.root, relativePath);
    try {
      return await updateFile(file, change, relativePath);
    } catch (error) {
      if (error instanceof NotUtf8Error) {
        throw new WriteRefusedError(`${relativePath} is not UTF-8 (its first invalid byte is on line ${error.line}); nothing was written.`);
      }
      throw error;
    }
  }

  /** A file Gloss refuses to read (a link, not UTF-8): its problem is shown and its content ignored. */
  private takeUnreadable(relativePath: string, error: StudyFileError): StudyChange {
    this.knownText.delete(relativePath);
    const parsed = parseCodingsFilePath(relativePath);
    if (relativePath === CODEBOOK_FILE) this.codebookState = { text: undefined, codebook: this.codebookState.codebook, ok: false };
    else if (relativePath === CASES_FILE) this.casesState = { ...NO_CASES, ok: false };
    else if (parsed) this.takeCodingsFile(relativePath, parsed.coderSlug, parsed.documentPath, undefined);
    this.problemsByFile.set(relativePath, [error.problem]);
    if (parsed) return { kind: 'codings', documentPath: parsed.documentPath };
    return { kind: relativePath === CODEBOOK_FILE ? 'codebook' : 'cases' };
  }

  /** Takes codebook.yaml's text, parsed here unless `parsed` is its parse already. */
  private takeCodebook(text: string | undefined, parsed?: ReturnType<typeof parseCodebook>): void {
    if (text === undefined) {
      this.codebookState = { text, codebook: Codebook.empty, ok: true };
      this.problemsByFile.set(CODEBOOK_FILE, []);
      return;
    }
    const { codebook, problems, ok } = parsed ?? parseCodebook(text, CODEBOOK_FILE);
    // A codebook that fails to parse keeps the last good codes on screen; the file is left alone.
    this.codebookState = ok ? { text, codebook, ok } : { text, codebook: this.codebookState.codebook, ok };
    this.problemsByFile.set(CODEBOOK_FILE, problems);
  }

  private takeCodingsFile(relativePath: string, coderSlug: string, documentPath: string, text: string | undefined): void {
    if (text === undefined || text === '') {
      this.codingsFiles.delete(relativePath);
      this.filesByDocument.get(documentPath)?.delete(relativePath);
      if (this.filesByDocument.get(documentPath)?.size === 0) this.filesByDocument.delete(documentPath);
      this.problemsByFile.delete(relativePath);
      return;
    }
    const parsed = parseCodingsFile(text, relativePath);
    this.codingsFiles.set(relativePath, {
      path: relativePath,
      coderSlug,
      documentPath,
      codings: parsed.codings,
      writable: parsed.invalidLines.length === 0,
    });
    let files = this.filesByDocument.get(documentPath);
    if (!files) this.filesByDocument.set(documentPath, (files = new Set()));
    files.add(relativePath);
    this.problemsByFile.set(relativePath, parsed.problems);
  }
}
