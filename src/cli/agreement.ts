// `gloss agreement <study>`: inter-coder agreement of a study's coders, in the working tree or at
// Git refs, placed on the current texts as in the editor (src/core/agreement).
import * as path from 'node:path';
import { computeAgreement, type AgreementReport } from '../core/agreement/agreement';
import { agreementCsv, agreementMarkdown } from '../core/agreement/export';
import { SideError } from '../core/agreement/sides';
import { loadSides, sideLabel, studyCoders, type SideSpec } from '../core/agreement/study-sides';
import type { AgreementUnit } from '../core/agreement/units';
import type { Problem } from '../core/model';
import { Study } from '../core/study/study';
import { GitAndSnapshotVersions } from '../core/study/versions';
import { agreementText, notCounted } from './agreement-text';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';
import { checkStudyFolder } from './study-input';

export interface AgreementCommandOptions {
  /** Coder names (or folder names); default: every coder folder of the study. */
  readonly coders: readonly string[] | undefined;
  /** Git refs to read each coder at; none: the working tree. */
  readonly refs: readonly string[];
  /** Sides named one by one ("coder" or "coder@ref"); when given, instead of coders and refs. */
  readonly sides?: readonly SideSpec[];
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
  const specs = options.sides ?? sidesOf(options.coders ?? studyCoders(study), options.refs);
  if (specs.length < 2) throw new InputError(`Agreement needs at least two coders or refs; found ${specs.length === 0 ? 'none' : `only ${sideLabel(specs[0])}`}.`);
  const placed = await sideInput(() => loadSides(study, specs, new GitAndSnapshotVersions(root, undefined)));
  const { sides, problems } = placed;
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

/** One side per coder, or per coder and ref. */
function sidesOf(coders: readonly string[], refs: readonly string[]): SideSpec[] {
  return refs.length === 0 ? coders.map((coder) => ({ coder })) : refs.flatMap((ref) => coders.map((coder) => ({ coder, ref })));
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
