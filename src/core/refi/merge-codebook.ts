// Merging a REFI-QDA codebook (.qdc, or the codebook of a project) into a study's codebook.yaml:
// each code is matched by GUID, else by its path of names; codes that match nothing are added
// where their parent is; nothing is removed or renamed. The edits go through the codebook's text
// edit functions, so the researcher's comments and layout stay as they were.
import { nameKey } from '../codebook/codebook';
import { addCode, setCodeGuid } from '../codebook/edit';
import { parseCodebook } from '../codebook/parse';
import type { Code } from '../model';
import { codeGuid } from './guids';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeStudyFile } from '../storage/study-files';
import { NEW_STUDY_FILES } from '../study/template';
import { Study } from '../study/study';
import { importedColour } from './import-decisions';
import { checkEmptyTarget, ImportError } from './import-project';
import { readCodebook, type Finding, type RefiCode } from './read-project';
import { childNamed, parseXmlBytes, XmlError } from './xml';

export interface CodebookMergeResult {
  /** Codes added, as paths of names. */
  readonly added: readonly string[];
  readonly matchedByGuid: number;
  /** Codes matched by their path of names; those without a GUID were given the file's. */
  readonly matchedByPath: number;
  readonly findings: readonly Finding[];
}

/** The codes of a .qdc (root CodeBook) or of a project.qde (its CodeBook). Throws XmlError. */
export function readCodebookFile(bytes: Uint8Array, file: string): { codes: RefiCode[]; findings: Finding[] } {
  const root = parseXmlBytes(bytes, file);
  const codebook = root.name === 'CodeBook' ? root : root.name === 'Project' ? childNamed(root, 'CodeBook') : undefined;
  if (codebook === undefined) throw new XmlError(`${file} is not a REFI-QDA codebook: its root element is <${root.name}>.`);
  return readCodebook(codebook);
}

/** codebook.yaml's text with the codes merged in, and what the merge did. Throws CodebookEditError. */
export function mergeCodebookText(text: string, incoming: readonly RefiCode[], initialFindings: readonly Finding[] = []): { text: string; result: CodebookMergeResult } {
  // An empty or missing codebook.yaml is an empty codebook.
  let current = text.trim() === '' ? 'codes: []\n' : text;
  const findings: Finding[] = [...initialFindings];
  const added: string[] = [];
  let matchedByGuid = 0;
  let matchedByPath = 0;
  const codebook = () => parseCodebook(current, 'codebook.yaml').codebook;
  const visit = (codes: readonly RefiCode[], parentId: string | undefined, parentPath: string) => {
    for (const refi of codes) {
      const book = codebook();
      const name = refi.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
      const path = parentPath === '' ? name : `${parentPath} › ${name}`;
      const byGuid = book.codes.find((code) => codeGuid(code) === refi.guid);
      const byPath = byGuid ? undefined : book.children(parentId).find((code) => nameKey(code.name) === nameKey(name));
      let id: string;
      if (byGuid) {
        matchedByGuid++;
        id = byGuid.id;
        const here = book.path(byGuid.id).map((code: Code) => code.name).join(' › ');
        if (here !== path) findings.push({ subject: `Code “${path}”`, message: `is “${here}” in this study (same GUID): kept as it is here.` });
      } else if (byPath) {
        matchedByPath++;
        id = byPath.id;
        if (byPath.guid === undefined && !book.codes.some((code) => codeGuid(code) === refi.guid)) current = setCodeGuid(current, id, refi.guid);
        else if (codeGuid(byPath) !== refi.guid) findings.push({ subject: `Code “${path}”`, message: `has another GUID here (${codeGuid(byPath)}); it keeps it.` });
      } else if (name === '') {
        findings.push({ subject: `Code ${refi.guid}`, message: 'has no name: not added, nor its sub-codes.' });
        continue;
      } else {
        const colour = importedColour(refi.color);
        if (refi.color !== undefined && colour === undefined) findings.push({ subject: `Code “${path}”`, message: `has the colour “${refi.color}”, which is not #RRGGBB: added without a colour.` });
        id = book.has(refi.guid) ? `${refi.guid}-${added.length}` : refi.guid;
        current = addCode(current, { id, name, ...(colour ? { colour } : {}), ...(refi.description ? { description: refi.description.replace(/\r\n?/g, '\n') } : {}), guid: refi.guid }, parentId);
        added.push(path);
      }
      visit(refi.children, id, path);
    }
  };
  visit(incoming, undefined, '');
  return { text: current, result: { added, matchedByGuid, matchedByPath, findings } };
}

/**
 * Merges a codebook file into the study's codebook.yaml through the study's write protocol (the
 * file as it is on disk now, under the lock). Throws XmlError for a file that cannot be read and
 * CodebookEditError / WriteRefusedError when the codebook cannot be changed; nothing is written then.
 */
export async function mergeCodebookIntoStudy(study: Study, bytes: Uint8Array, file: string): Promise<CodebookMergeResult> {
  const { codes, findings } = readCodebookFile(bytes, file);
  let result: CodebookMergeResult = { added: [], matchedByGuid: 0, matchedByPath: 0, findings };
  await study.editCodebook((text) => {
    const merged = mergeCodebookText(text, codes, findings);
    result = merged.result;
    return merged.result.added.length === 0 && merged.text === text ? text : merged.text;
  });
  return result;
}

/** Characters of a .qdc Gloss reads (a codebook of 80,000 codes is some 10 MB). */
const CODEBOOK_FILE_BYTES = 64 * 1024 * 1024;

/**
 * `gloss import <file.qdc> <folder>`: merges the codebook into the study in `folder` when it has a
 * codebook.yaml, else makes a new study there (the folder must be empty or not exist) holding it.
 */
export async function importQdc(file: string, folder: string): Promise<{ created: boolean; result: CodebookMergeResult }> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new ImportError(`${file} is not a file.`);
  if (stat.size > CODEBOOK_FILE_BYTES) throw new ImportError(`${path.basename(file)} is larger than the ${CODEBOOK_FILE_BYTES / 1024 / 1024} MB Gloss reads as a codebook.`);
  const bytes = await fs.readFile(file);
  const root = path.resolve(folder);
  const existing = await fs.lstat(path.join(root, 'codebook.yaml')).catch(() => undefined);
  if (existing) return { created: false, result: await mergeCodebookIntoStudy(await Study.load(root), bytes, path.basename(file)) };
  await checkEmptyTarget(root);
  readCodebookFile(bytes, path.basename(file)); // refuse a bad file before making the folder
  await fs.mkdir(root, { recursive: true });
  for (const [relativePath, text] of Object.entries(NEW_STUDY_FILES)) await writeStudyFile(root, relativePath, relativePath === 'cases.yaml' ? 'attributes: {}\ncases: []\n' : text);
  return { created: true, result: await mergeCodebookIntoStudy(await Study.load(root), bytes, path.basename(file)) };
}
