// `gloss import-document <file> [study]`: a Word or PDF original as a plain-text document of the
// study, as the editor's "Import Documents (Word, PDF)…" does. An existing, different text file is
// replaced only with --replace.
import * as path from 'node:path';
import { DocumentImportError, importDocument } from '../core/documents/import-document';
import { StudyFileError } from '../core/storage/study-files';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';
import { checkStudyFolder } from './study-input';

export async function importDocumentCommand(file: string, folder: string | undefined, options: { replace: boolean }, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  const root = path.resolve(folder ?? '.');
  await checkStudyFolder(root, folder ?? '.');
  let result;
  try {
    result = await importDocument(root, path.resolve(file), { replaceText: async () => options.replace });
  } catch (error) {
    if (error instanceof DocumentImportError || error instanceof StudyFileError) throw new InputError(`${file}: nothing written. ${error.message}`);
    throw error;
  }
  if (result.outcome === 'kept') {
    warn(`${result.textPath} exists and holds other text: kept (use --replace to replace it).`);
    return EXIT_FINDING;
  }
  write(`${result.outcome === 'written' ? 'Wrote' : 'Up to date:'} ${result.textPath} (from ${result.sourcePath})\n`);
  for (const note of result.notes) warn(`${result.sourcePath}: ${note}`);
  return EXIT_SUCCESS;
}
