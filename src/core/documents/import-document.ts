// Importing a Word or PDF original as a plain-text document of the study (docs/data-format.md,
// "Imported documents"). The original is never changed: one inside transcripts/ gets its text
// beside it (transcripts/reports/plan.pdf → transcripts/reports/plan.txt); one elsewhere in the
// study gets it at the same path under transcripts/ (reports/plan.pdf → transcripts/reports/plan.txt);
// one outside the study is first copied, unchanged, into transcripts/. Everything is converted
// before anything is written, and each file is written atomically.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBytesIfExists, renameOver, studyRelativePath, writeTemporaryBeside } from '../storage/files';
import { checkedStudyPath, readStudyBytes, readStudyFile, writeStudyFile } from '../storage/study-files';
import { importedText } from './document-text';
import { DocumentImportError, type Conversion } from './conversion';
import { docxToText } from './docx';
import { pdfToText } from './pdf';

export { DocumentImportError } from './conversion';

const CONVERTERS: Readonly<Record<string, (bytes: Uint8Array) => Promise<Conversion>>> = {
  '.docx': docxToText,
  '.pdf': pdfToText,
};
export const IMPORTABLE_EXTENSIONS = Object.keys(CONVERTERS);
const TRANSCRIPTS = 'transcripts';

export function isImportable(file: string): boolean {
  return IMPORTABLE_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

export interface DocumentImport {
  /** Study path of the original (the copy, for an original from outside the study). */
  readonly sourcePath: string;
  /** Study path of the text; unchanged when the user kept an existing one. */
  readonly textPath: string;
  /** 'written', 'unchanged' (the text file already held this text) or 'kept' (the user kept a different one). */
  readonly outcome: 'written' | 'unchanged' | 'kept';
  readonly notes: readonly string[];
}

export interface ImportOptions {
  /** Asked before an existing, different text file is replaced; false keeps it. */
  readonly replaceText: (textPath: string) => Promise<boolean>;
}

/** Where an original's copy (if any) and its text go in the study. */
export function importPaths(root: string, original: string): { sourcePath: string; textPath: string; copy: boolean } {
  const inside = studyRelativePath(root, path.resolve(original));
  const withoutExtension = (p: string) => p.slice(0, p.length - path.extname(p).length);
  if (inside === undefined) {
    const sourcePath = `${TRANSCRIPTS}/${path.basename(original)}`;
    return { sourcePath, textPath: `${withoutExtension(sourcePath)}.txt`, copy: true };
  }
  const underTranscripts = inside.startsWith(`${TRANSCRIPTS}/`);
  return { sourcePath: inside, textPath: `${underTranscripts ? '' : `${TRANSCRIPTS}/`}${withoutExtension(inside)}.txt`, copy: false };
}

/** Converts one original and writes its text (and copy); throws DocumentImportError, having written nothing, when it cannot. */
export async function importDocument(root: string, original: string, options: ImportOptions): Promise<DocumentImport> {
  const convert = CONVERTERS[path.extname(original).toLowerCase()];
  if (!convert) throw new DocumentImportError(`Gloss imports ${IMPORTABLE_EXTENSIONS.join(' and ')} files, not “${path.extname(original) || path.basename(original)}”.`);
  const { sourcePath, textPath, copy } = importPaths(root, original);
  // An original inside the study is read through the study's checks (no symbolic links).
  const bytes = copy ? await readBytesIfExists(original) : await readStudyBytes(root, sourcePath);
  if (bytes === undefined) throw new DocumentImportError(`${original} does not exist.`);
  const conversion = await convert(bytes);
  const text = importedText(sourcePath, conversion.blocks);

  if (copy) {
    const existing = await readStudyBytes(root, sourcePath);
    if (existing !== undefined && !existing.equals(bytes)) {
      throw new DocumentImportError(`${sourcePath} already exists and is a different file: rename one of them, or move the original into the study and import it there.`);
    }
  }
  const current = await readStudyFile(root, textPath);
  if (current === text) return { sourcePath, textPath, outcome: 'unchanged', notes: conversion.notes };
  if (current !== undefined && !(await options.replaceText(textPath))) return { sourcePath, textPath, outcome: 'kept', notes: conversion.notes };
  if (copy) await writeNewBinaryFile(await checkedStudyPath(root, sourcePath), bytes);
  await writeStudyFile(root, textPath, text);
  return { sourcePath, textPath, outcome: 'written', notes: conversion.notes };
}

/** Writes a copy atomically unless the file exists already (it was checked to be the same). */
async function writeNewBinaryFile(file: string, bytes: Uint8Array): Promise<void> {
  if ((await readBytesIfExists(file)) !== undefined) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await renameOver(await writeTemporaryBeside(file, bytes), file, async () => (await readBytesIfExists(file)) === undefined);
}
