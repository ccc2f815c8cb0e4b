// `gloss agreement <study>`: inter-coder agreement of a study's coders, in the working tree or at
// Git refs, placed on the current texts as in the editor (src/core/agreement).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { computeAgreement, type AgreementReport } from '../core/agreement/agreement';
import { placeSides, type Side } from '../core/agreement/compare';
import { agreementCsv, agreementMarkdown } from '../core/agreement/export';
import { readCodingsAtRef, SideError } from '../core/agreement/sides';
import type { AgreementUnit } from '../core/agreement/units';
import { coderSlug, parseCodingsFilePath, sameFolderName } from '../core/codings/paths';
import type { Problem } from '../core/model';
import { CODEBOOK_FILE, Study } from '../core/study/study';
import { GitAndSnapshotVersions } from '../core/study/versions';
import { readTranscript } from '../core/text/transcript-text';
import { agreementText, notCounted } from './agreement-text';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';

export interface AgreementCommandOptions {
  /** Coder names (or folder names); default: every coder folder of the study. */
  readonly coders: readonly string[] | undefined;
  /** Git refs to read each coder at; none: the working tree. */
  readonly refs: readonly string[];
  readonly unit: AgreementUnit;
  readonly format: AgreementFormat;
}

/** text for the terminal; markdown and csv as the agreement view exports them (src/core/agreement/export.ts). */
export type AgreementFormat = 'text' | 'json' | 'markdown' | 'csv';

/** What was computed, and what was not counted in it. */
export interface AgreementOutcome {
  readonly report: AgreementReport;
  /** Documents coded by some side whose current text could not be read. */
  readonly missingTexts: readonly string[];
  /** Files of the compared sides that did not parse (their other lines are counted). */
  readonly problems: readonly Problem[];
}

export async function agreementCommand(studyFolder: string, options: AgreementCommandOptions, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  const root = path.resolve(studyFolder);
  await checkStudyFolder(root, studyFolder);
  const study = await Study.load(root);
  const coders = options.coders ?? coderFolders(study);
  const problems: Problem[] = [];
  const sides = await collectSides(study, coders, options.refs, problems);
  if (sides.length < 2) throw new InputError(`Agreement needs at least two coders or refs; found ${sides.length === 0 ? 'none' : `only ${sides[0].label}`}.`);
  const readText = async (documentPath: string) => {
    const read = await readTranscript(root, documentPath);
    if ('problem' in read) problems.push(read.problem);
    return 'text' in read ? read.text : undefined;
  };
  const placed = await sidesPlaced(sides, readText, new GitAndSnapshotVersions(root, undefined));
  const report = compute(() =>
    computeAgreement(placed.documents, {
      coders: sides.map((side) => side.label),
      unit: options.unit,
      notCodedBy: placed.notCodedBy,
      reportAs: (code) => study.codebook.resolve(code),
    }),
  );
  const outcome: AgreementOutcome = { report, missingTexts: placed.missingTexts, problems };
  write(formatted(outcome, options.format, (code) => codeName(study, code)));
  // Markdown and CSV hold only the figures: what they leave out is said beside them.
  if (options.format === 'markdown' || options.format === 'csv') for (const line of notCounted(outcome)) warn(line);
  const notAllCounted = report.orphans.length > 0 || placed.missingTexts.length > 0 || problems.length > 0;
  return notAllCounted ? EXIT_FINDING : EXIT_SUCCESS;
}

export async function checkStudyFolder(root: string, given: string): Promise<void> {
  const stat = await fs.stat(path.join(root, CODEBOOK_FILE)).catch(() => undefined);
  if (!stat?.isFile()) throw new InputError(`${given} is not a Gloss study: it has no ${CODEBOOK_FILE}.`);
}

/** Each coder folder once, named as its codings name their coder when that name leads back to the folder, else by the folder. */
function coderFolders(study: Study): string[] {
  const names = new Map<string, string>();
  for (const file of study.codingsFileList) {
    const named = file.codings.find((coding) => sameFolderName(file.coderSlug, coderSlug(coding.coder)))?.coder;
    if (named !== undefined || !names.has(file.coderSlug)) names.set(file.coderSlug, named ?? file.coderSlug);
  }
  return [...names.keys()].sort().map((folder) => names.get(folder)!);
}

/** One side per coder, or per coder and ref; problems of the files read are added to `problems`. */
async function collectSides(study: Study, coders: readonly string[], refs: readonly string[], problems: Problem[]): Promise<Side[]> {
  problems.push(...study.problemsOf(CODEBOOK_FILE));
  if (refs.length === 0) {
    const compared = (folder: string) => coders.some((coder) => sameFolderName(folder, coderSlug(coder)));
    // Files that did not parse, and links or unreadable files in the compared coders' folders.
    problems.push(...study.problems.filter((problem) => compared(parseCodingsFilePath(problem.file)?.coderSlug ?? '')));
    return coders.map((coder) => {
      const files = study.codingsFileList.filter((file) => sameFolderName(file.coderSlug, coderSlug(coder)));
      return { label: coder, byDocument: new Map(files.map((file) => [file.documentPath, file.codings])) };
    });
  }
  const sides: Side[] = [];
  for (const ref of refs) {
    for (const coder of coders) {
      const atRef = await sideInput(() => readCodingsAtRef(study.root, ref, coder));
      problems.push(...atRef.problems);
      sides.push({ label: `${coder} at ${ref}`, byDocument: atRef.byDocument });
    }
  }
  return sides;
}

function sidesPlaced(...args: Parameters<typeof placeSides>): ReturnType<typeof placeSides> {
  return sideInput(() => placeSides(...args));
}

/** A SideError (unknown ref, a coder with no codings, two sides of one name) is bad input. */
async function sideInput<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SideError) throw new InputError(error.message);
    throw error;
  }
}

/** Too many coders (computeAgreement's RangeError) is bad input too. */
function compute(agreement: () => AgreementReport): AgreementReport {
  try {
    return agreement();
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(error.message);
    throw error;
  }
}

function codeName(study: Study, code: string): string {
  return study.codebook.has(code) ? study.codebook.pathLabel(code) : `${code} (not in the codebook)`;
}

function formatted(outcome: AgreementOutcome, format: AgreementFormat, name: (code: string) => string): string {
  switch (format) {
    case 'text':
      return agreementText(outcome, name);
    case 'json':
      return `${JSON.stringify(agreementJson(outcome, name), undefinedAsNull, 2)}\n`;
    case 'markdown':
      return agreementMarkdown(outcome.report, name);
    case 'csv':
      return agreementCsv(outcome.report, name);
  }
}

function agreementJson({ report, missingTexts, problems }: AgreementOutcome, name: (code: string) => string) {
  return {
    ...report,
    codes: report.codes.map((row) => ({ ...row, name: name(row.code!) })),
    missingTexts,
    problems,
  };
}

/** Undefined coefficients stay in the JSON, as null. */
function undefinedAsNull(_key: string, value: unknown): unknown {
  return value === undefined ? null : value;
}
