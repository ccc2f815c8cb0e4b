// The study's framework matrix files (matrices/*.yaml): listed and read through the study's file
// rules (no link, nothing outside the study, UTF-8), each with its problems, checked against the
// study's cases, codes and codings.
import type { Problem } from '../model';
import { listStudyFiles, readStudyFile, StudyFileError } from '../storage/study-files';
import { MATRICES_FOLDER, type FrameworkMatrix } from './model';
import { checkFramework, parseFramework, type FrameworkContext } from './parse';

export interface FrameworkFile {
  /** Path relative to the study root. */
  readonly path: string;
  readonly text: string;
  readonly matrix: FrameworkMatrix;
  readonly problems: readonly Problem[];
  /** False when the file is not valid YAML or not a matrix (or cannot be read): never written. */
  readonly ok: boolean;
}

const IS_MATRIX = new RegExp(`^${MATRICES_FOLDER}/[^/]+\\.ya?ml$`, 'i');

/** Matrix files relative to the study root, sorted, and the links found among them. */
export function listFrameworkFiles(root: string): Promise<{ files: string[]; problems: Problem[] }> {
  return listStudyFiles(root, MATRICES_FOLDER, (p) => IS_MATRIX.test(p));
}

/** One matrix file, or undefined when it does not exist; `context` adds the checks of its references. */
export async function readFrameworkFile(root: string, relativePath: string, context?: FrameworkContext): Promise<FrameworkFile | undefined> {
  let text: string | undefined;
  try {
    text = await readStudyFile(root, relativePath);
  } catch (error) {
    // A link, a path that leaves the study, a file that is not UTF-8: reported, never written.
    if (!(error instanceof StudyFileError)) throw error;
    return { path: relativePath, text: '', matrix: parseFramework('', relativePath).matrix, problems: [error.problem], ok: false };
  }
  if (text === undefined) return undefined;
  const { matrix, problems, ok } = parseFramework(text, relativePath);
  const references = context ? checkFramework(matrix, context, relativePath) : [];
  return { path: relativePath, text, matrix, problems: [...problems, ...references], ok };
}

/** Every matrix file of the study, read and checked; problems of the listing (links) apart. */
export async function readFrameworkFiles(root: string, context?: FrameworkContext): Promise<{ files: FrameworkFile[]; problems: Problem[] }> {
  const listed = await listFrameworkFiles(root);
  const files = await Promise.all(listed.files.map((file) => readFrameworkFile(root, file, context)));
  return { files: files.filter((file): file is FrameworkFile => file !== undefined), problems: listed.problems };
}
