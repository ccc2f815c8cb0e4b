// The study's saved queries (queries/*.yaml): listed and read through the study's file rules (no
// link, nothing outside the study, UTF-8), each with its problems. A file that fails to parse is
// reported and never written.
import type { Problem } from '../model';
import { listStudyFiles, readStudyFile, StudyFileError } from '../storage/study-files';
import { parseQuery, queryName, QUERIES_FOLDER, type CodingQuery } from './query';

export interface QueryFile {
  /** Path relative to the study root. */
  readonly path: string;
  /** The file name without its extension. */
  readonly name: string;
  /** Undefined when the file cannot be read as a query (see problems). */
  readonly query: CodingQuery | undefined;
  readonly problems: readonly Problem[];
}

const IS_QUERY = new RegExp(`^${QUERIES_FOLDER}/[^/]+\\.ya?ml$`, 'i');

export function isQueryFile(relativePath: string): boolean {
  return IS_QUERY.test(relativePath);
}

/** One query file, or undefined when it does not exist. */
export async function readQueryFile(root: string, relativePath: string): Promise<QueryFile | undefined> {
  let text: string | undefined;
  try {
    text = await readStudyFile(root, relativePath);
  } catch (error) {
    if (!(error instanceof StudyFileError)) throw error;
    return { path: relativePath, name: queryName(relativePath), query: undefined, problems: [error.problem] };
  }
  if (text === undefined) return undefined;
  const { query, problems } = parseQuery(text, relativePath);
  return { path: relativePath, name: queryName(relativePath), query, problems };
}

/** Every query file of the study, sorted by path; problems of the listing (links) apart. */
export async function readQueryFiles(root: string): Promise<{ files: QueryFile[]; problems: Problem[] }> {
  const listed = await listStudyFiles(root, QUERIES_FOLDER, isQueryFile);
  const files = await Promise.all(listed.files.map((file) => readQueryFile(root, file)));
  return { files: files.filter((file): file is QueryFile => file !== undefined), problems: listed.problems };
}
