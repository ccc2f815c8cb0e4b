// Everything wrong with a study that a person should look at, each with its file and line: files
// that do not parse, codings that cannot be placed on their text (orphans), codes the codebook
// does not have, ids used twice, paths that leave the study, links, unreadable transcripts and
// framework matrices that name what is not there. Reads only; what `gloss check` prints.
import { shortQuote } from '../anchoring/quote';
import { parseCodingLine } from '../codings/format';
import { readFrameworkFiles } from '../framework/files';
import { MEMOS_FOLDER } from '../memos/memos';
import type { Problem } from '../model';
import { listStudyFiles, readStudyFile, StudyFileError } from '../storage/study-files';
import { placeStudyDocuments } from './place-all';
import type { Study } from './study';
import type { TextVersions } from './versions';

export interface StudyCheck {
  /** Sorted by file, then line. */
  readonly problems: readonly Problem[];
  readonly documents: number;
  readonly codings: number;
}

export async function checkStudy(study: Study, versions: TextVersions): Promise<StudyCheck> {
  const problems: Problem[] = [...study.problems];
  const { documents, unreadable } = await placeStudyDocuments(study, versions);
  problems.push(...unreadable);
  const lines = new CodingLines(study.root);
  const firstFileOf = new Map<string, string>();
  for (const file of study.codingsFileList) {
    for (const coding of file.codings) {
      const at = async (message: string, severity: Problem['severity']) =>
        problems.push({ ...(await lines.locate(file.path, coding.id)), message, severity });
      // A codebook that does not parse is reported itself; its codes are then unknown, not the codings'.
      if (study.codebookWritable && !study.codebook.has(coding.code)) await at(`Coding ${coding.id} names the code "${coding.code}", which is not in codebook.yaml.`, 'error');
      const first = firstFileOf.get(coding.id);
      if (first === undefined) firstFileOf.set(coding.id, file.path);
      else await at(`Coding id ${coding.id} is also used in ${first}; ids must be unique in the study.`, 'error');
    }
  }
  for (const document of documents) {
    for (const placed of document.codings) {
      if (placed.span !== undefined) continue;
      const { coding } = placed;
      const file = study.codingsFilesOf(document.path).find((f) => f.codings.includes(coding));
      const where = file ? await lines.locate(file.path, coding.id) : { file: document.path };
      problems.push({
        ...where,
        message: `Orphan: coding ${coding.id} (${coding.code}, ${coding.coder}) of "${shortQuote(coding.quote)}" cannot be placed on the current text of ${document.path}: ${placed.orphanReason ?? 'not found'}.`,
        severity: 'warning',
      });
    }
  }
  const matrices = await readFrameworkFiles(study.root, {
    caseIds: new Set(study.cases.cases.map((c) => c.id)),
    codeIds: new Set(study.codebook.codes.flatMap((c) => study.codebook.idsOf(c.id))),
    codingIds: new Set(firstFileOf.keys()),
  });
  problems.push(...matrices.problems, ...matrices.files.flatMap((f) => f.problems));
  problems.push(...(await listStudyFiles(study.root, MEMOS_FOLDER)).problems);
  return {
    problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0))),
    documents: documents.length,
    codings: study.codingsFileList.reduce((n, f) => n + f.codings.length, 0),
  };
}

/** The line of each coding in its codings file, read once per file when first asked. */
export class CodingLines {
  private readonly byFile = new Map<string, Promise<Map<string, number>>>();

  constructor(private readonly root: string) {}

  /** Where a coding is, as a Problem's file and line (no line when the file cannot be read). */
  async locate(file: string, id: string): Promise<{ file: string; line?: number }> {
    let lines = this.byFile.get(file);
    if (!lines) this.byFile.set(file, (lines = this.read(file)));
    const line = (await lines).get(id);
    return line === undefined ? { file } : { file, line };
  }

  private async read(file: string): Promise<Map<string, number>> {
    const lines = new Map<string, number>();
    let text: string | undefined;
    try {
      text = await readStudyFile(this.root, file);
    } catch (error) {
      if (error instanceof StudyFileError) return lines;
      throw error;
    }
    // The last line of an id is the one a merge's duplicate leaves in use (or the newer: close enough to point at).
    (text ?? '').split(/\r?\n/).forEach((raw, i) => {
      const coding = raw.trim() === '' ? undefined : parseCodingLine(raw);
      if (typeof coding === 'object') lines.set(coding.id, i + 1);
    });
    return lines;
  }
}
