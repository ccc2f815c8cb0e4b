// Cleaning up what a union merge leaves when one coding was changed on two branches: two lines
// with one id. Only the current coder's own files are rewritten, each from its content on disk
// now, keeping the newer record of each id (parseCodingsFile decides which, by `modified`).
import { readStudyFile } from '../storage/study-files';
import type { Study } from '../study/study';
import { parseCodingsFile } from './format';
import { coderSlug } from './paths';

export interface DuplicateCleanup {
  /** Own files rewritten. */
  readonly files: readonly string[];
  /** Older lines dropped. */
  readonly removedLines: number;
  /** Own files with duplicates left alone because other lines fail to parse (rewriting would lose them). */
  readonly refused: readonly string[];
  /** Documents whose codings changed. */
  readonly documents: readonly string[];
}

export async function cleanUpDuplicates(study: Study, coder: string): Promise<DuplicateCleanup> {
  const mine = coderSlug(coder);
  const files: string[] = [];
  const refused: string[] = [];
  const documents: string[] = [];
  let removedLines = 0;
  for (const file of study.codingsFileList) {
    if (file.coderSlug.toLowerCase() !== mine) continue;
    const text = await readStudyFile(study.root, file.path);
    if (text === undefined) continue;
    const parsed = parseCodingsFile(text, file.path);
    if (parsed.duplicateLines.length === 0) continue;
    if (parsed.invalidLines.length > 0) {
      refused.push(file.path);
      continue;
    }
    // Rewritten from the file as it is on disk now: the parse keeps the newer line of each id.
    await study.updateCodingsFile(file.path, (current) => current);
    files.push(file.path);
    documents.push(file.documentPath);
    removedLines += parsed.duplicateLines.length;
  }
  return { files, removedLines, refused, documents };
}
