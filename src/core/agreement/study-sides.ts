// The sides of a study to compare, as the command line and the editor's agreement and disagreement
// views choose them: a coder in the working tree, or a coder at a Git ref. Each side is read,
// placed on the current texts (orphans reported, not counted) and its problems collected.
import { coderSlug, parseCodingsFilePath, sameFolderName } from '../codings/paths';
import type { Problem } from '../model';
import { CODEBOOK_FILE, type Study } from '../study/study';
import type { TextVersions } from '../study/versions';
import { readTranscript } from '../text/transcript-text';
import { placeSides, type PlacedSides, type Side } from './compare';
import { readCodingsAtRef } from './sides';

/** A coder in the working tree (no ref), or as committed at a branch, tag or commit. */
export interface SideSpec {
  readonly coder: string;
  readonly ref?: string;
}

/** How a side is named in reports: "Marike", or "Marike at main". */
export function sideLabel(spec: SideSpec): string {
  return spec.ref === undefined ? spec.coder : `${spec.coder} at ${spec.ref}`;
}

/** "Marike@main" or "Marike": the command line's and the views' way to write a side. */
export function parseSideSpec(text: string): SideSpec {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return { coder: text.trim() };
  return { coder: text.slice(0, at).trim(), ref: text.slice(at + 1).trim() };
}

/** Each coder folder of the study once, named as its codings name their coder when that name leads back to the folder, else by the folder. */
export function studyCoders(study: Study): string[] {
  const names = new Map<string, string>();
  for (const file of study.codingsFileList) {
    const named = file.codings.find((coding) => sameFolderName(file.coderSlug, coderSlug(coding.coder)))?.coder;
    if (named !== undefined || !names.has(file.coderSlug)) names.set(file.coderSlug, named ?? file.coderSlug);
  }
  return [...names.keys()].sort().map((folder) => names.get(folder)!);
}

export interface LoadedSides extends PlacedSides {
  readonly sides: readonly Side[];
  /** Problems of the files read: codebook, the compared coders' files, transcripts that could not be read. */
  readonly problems: readonly Problem[];
}

/**
 * Reads and places the sides. Throws a SideError (src/core/agreement/sides.ts) for bad input: an
 * unknown ref, a coder with no codings, two sides of one name.
 */
export async function loadSides(study: Study, specs: readonly SideSpec[], versions: TextVersions): Promise<LoadedSides> {
  const problems: Problem[] = [...study.problemsOf(CODEBOOK_FILE)];
  const sides: Side[] = [];
  for (const spec of specs) {
    if (spec.ref === undefined) {
      const ownFolder = (folder: string) => sameFolderName(folder, coderSlug(spec.coder));
      // Files that did not parse, and links or unreadable files in the coder's folder.
      problems.push(...study.problems.filter((problem) => ownFolder(parseCodingsFilePath(problem.file)?.coderSlug ?? '')));
      const files = study.codingsFileList.filter((file) => ownFolder(file.coderSlug));
      sides.push({ label: sideLabel(spec), byDocument: new Map(files.map((file) => [file.documentPath, file.codings])) });
    } else {
      const atRef = await readCodingsAtRef(study.root, spec.ref, spec.coder);
      problems.push(...atRef.problems);
      sides.push({ label: sideLabel(spec), byDocument: atRef.byDocument });
    }
  }
  const readText = async (documentPath: string) => {
    const read = await readTranscript(study.root, documentPath);
    if ('problem' in read) problems.push(read.problem);
    return 'text' in read ? read.text : undefined;
  };
  const placed = await placeSides(sides, readText, versions);
  return { ...placed, sides, problems };
}
