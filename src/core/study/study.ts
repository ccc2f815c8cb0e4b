// A study as loaded from its folder: codebook, cases and every coder's codings, with the problems
// found in each file. It reads and writes files; it knows nothing of editors.
import { CASES_FILE, NO_CASES, parseCases, type Cases } from '../cases/cases';
import { Codebook } from '../codebook/codebook';
import { parseCodebook } from '../codebook/parse';
import { formatCodingsFile, parseCodingsFile } from '../codings/format';
import { CODINGS_FOLDER, codingsFilePath, parseCodingsFilePath } from '../codings/paths';
import type { Coding, Problem } from '../model';
import { listStudyFiles, readStudyFile, removeLeftoverTemporaryFiles, removeStudyFile, StudyFileError, writeStudyFile } from '../storage/study-files';

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
 * study closed) touches everything.
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

export class StudyWriteError extends Error {}

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
  /** Paths of the links the last scan of the codings folder found (each holds a problem). */
  private listingProblemFiles: string[] = [];

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
    const { files: onDisk, problems } = await listStudyFiles(this.root, CODINGS_FOLDER, (p) => p.endsWith('.jsonl'));
    for (const file of this.listingProblemFiles) this.problemsByFile.delete(file);
    this.listingProblemFiles = problems.map((p) => p.file);
    for (const problem of problems) this.problemsByFile.set(problem.file, [problem]);
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
   * Replaces one coder's codings of one document and writes the file atomically (nothing is
   * written when nothing changed). Refused when that file has lines that failed to parse, since
   * writing would lose them.
   */
  async writeCodings(coder: string, documentPath: string, codings: readonly Coding[]): Promise<void> {
    const relativePath = codingsFilePath(coder, documentPath);
    const existing = this.codingsFiles.get(relativePath);
    if (existing && !existing.writable) {
      throw new StudyWriteError(`${relativePath} has lines that failed to parse; fix them before coding this document.`);
    }
    const text = formatCodingsFile(codings);
    // A coder with no codings left in a document has no file for it.
    if (text === '') await removeStudyFile(this.root, relativePath);
    else await writeStudyFile(this.root, relativePath, text);
    this.knownText.set(relativePath, text === '' ? undefined : text);
    const parsed = parseCodingsFilePath(relativePath)!;
    this.takeCodingsFile(relativePath, parsed.coderSlug, documentPath, text);
  }

  /**
   * Applies a text edit to codebook.yaml (the edit functions keep comments and untouched lines)
   * and writes it atomically. Refused while the codebook fails to parse, and when the result would.
   */
  async editCodebook(edit: (text: string) => string): Promise<void> {
    if (!this.codebookState.ok) {
      throw new StudyWriteError(`${CODEBOOK_FILE} has errors; fix them before changing the codebook.`);
    }
    const before = this.codebookState.text ?? '';
    const after = edit(before);
    if (after === before) return;
    const check = parseCodebook(after, CODEBOOK_FILE);
    if (!check.ok) throw new StudyWriteError(`The change would make ${CODEBOOK_FILE} unreadable; nothing was written.`);
    await writeStudyFile(this.root, CODEBOOK_FILE, after);
    this.knownText.set(CODEBOOK_FILE, after);
    this.takeCodebook(after);
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

  private takeCodebook(text: string | undefined): void {
    if (text === undefined) {
      this.codebookState = { text, codebook: Codebook.empty, ok: true };
      this.problemsByFile.set(CODEBOOK_FILE, []);
      return;
    }
    const { codebook, problems, ok } = parseCodebook(text, CODEBOOK_FILE);
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
