// The `gloss` command line: checks, statistics, re-anchoring, reports and agreement on the same
// core as the extension, for scripts, CI and writing up. Exit codes: 0 success, 1 a finding, 2 bad
// input (one line on stderr).
import { Argument, Command, CommanderError, Option } from 'commander';
import { AGREEMENT_UNITS, type AgreementUnit } from '../core/agreement/units';
import type { MeasurementLevel } from '../core/agreement/coefficients/krippendorff-alpha';
import { parseSideSpec, type SideSpec } from '../core/agreement/study-sides';
import { agreementCommand } from './agreement';
import { alphaCommand } from './alpha';
import { registerHistoryCommands } from './history-commands';
import { DEFAULT_EXAMPLES, REPORT_KINDS, type ReportKind } from '../core/reports';
import { checkCommand } from './check';
import { EXPORT_FORMATS, exportCommand, type ExportFormat } from './export';
import { importCommand } from './import';
import { importDocumentCommand } from './import-document';
import { EXIT_BAD_INPUT, EXIT_SUCCESS, InputError } from './input-error';
import { reanchorCommand } from './reanchor';
import { statsCommand } from './stats';

const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
/** A bug, not the user's input. */
const EXIT_INTERNAL_ERROR = 3;

const write = (text: string) => void process.stdout.write(text);
const warn = (line: string) => void process.stderr.write(`gloss: ${line}\n`);

function program(): Command {
  const gloss = new Command('gloss')
    .description('Gloss on the command line: check a study, count, re-anchor codings, export reports, inter-coder agreement, Krippendorff\'s alpha of a CSV file.')
    .exitOverride()
    .showSuggestionAfterError();

  gloss
    .command('alpha')
    .description("Krippendorff's alpha of reliability data: rows are units, columns coders (the first row names them), an empty cell is a missing value.")
    .argument('<file.csv>', 'the reliability data, UTF-8 CSV')
    .addOption(new Option('--level <level>', 'level of measurement').choices(LEVELS).makeOptionMandatory())
    .option('--json', 'print JSON instead of text')
    .action(async (file: string, options: { level: MeasurementLevel; json?: boolean }) => {
      process.exitCode = await alphaCommand(file, { level: options.level, json: options.json === true }, write);
    });

  gloss
    .command('agreement')
    .description('Agreement of coders per code and over all codes (percent agreement, kappas, alpha, unitizing alpha), with and without the units no coder coded. Exit code 1 when some codings could not be counted (orphans, unreadable texts or files).')
    .argument('<study>', 'the study folder (the one holding codebook.yaml)')
    .option('--coders <names>', 'comma-separated coders to compare (default: every coder of the study)', commaList)
    .option('--ref <ref>', 'read the coders at this Git branch, tag or commit instead of the working tree; repeat to compare refs', collect, [])
    .addOption(new Option('--side <coder@ref>', 'one side to compare: a coder in the working tree ("Marike") or at a Git ref ("Marike@main"); repeat for each side, e.g. --side Marike@main --side Joaquín@joaquin').argParser(collectSide).default([]).conflicts(['coders', 'ref']))
    .addOption(new Option('--unit <unit>', 'the unit of the unit-based coefficients').choices(AGREEMENT_UNITS).default('word'))
    .addOption(new Option('--json', 'print the whole report as JSON').conflicts(['markdown', 'csv']))
    .addOption(new Option('--markdown', 'print a Markdown table with the references, for a methods section').conflicts('csv'))
    .option('--csv', 'print CSV, one row per code and one for all codes')
    .action(async (study: string, options: { coders?: string[]; ref: string[]; side: SideSpec[]; unit: AgreementUnit; json?: boolean; markdown?: boolean; csv?: boolean }) => {
      const format = options.json ? 'json' : options.markdown ? 'markdown' : options.csv ? 'csv' : 'text';
      const sides = options.side.length === 0 ? undefined : options.side;
      process.exitCode = await agreementCommand(study, { coders: options.coders, refs: options.ref, sides, unit: options.unit, format }, write, warn);
    });

  registerHistoryCommands(gloss, write);
  const STUDY = ['[study]', 'the study folder (the one holding codebook.yaml; default: the current folder)'] as const;

  gloss
    .command('check')
    .description('Every problem of a study as file:line: severity: message: files that do not parse, orphans, unknown codes, duplicate ids, paths outside the study, links, unreadable transcripts, matrices naming what is not there. Exit code 1 when anything is found.')
    .argument(...STUDY)
    .action(async (study: string | undefined) => {
      process.exitCode = await checkCommand(study, write, warn);
    });

  gloss
    .command('stats')
    .description('Documents, codes, codings per coder and coverage, with codings placed on the current texts. Exit code 1 when some documents could not be read.')
    .argument(...STUDY)
    .option('--json', 'print JSON instead of text')
    .action(async (study: string | undefined, options: { json?: boolean }) => {
      process.exitCode = await statsCommand(study, options.json === true, write, warn);
    });

  gloss
    .command('reanchor')
    .description("Place every coder's codings on the current texts and report which moved and which became orphans. Writes nothing unless --write, and then only the --coder's files. Exit code 1 when there are orphans.")
    .argument(...STUDY)
    .option('--coder <name>', "only this coder's codings (a coder's name or folder name)")
    .option('--write', "re-base the coder's moved codings on the current texts (needs --coder); orphans are left as they are")
    .action(async (study: string | undefined, options: { coder?: string; write?: boolean }) => {
      process.exitCode = await reanchorCommand(study, { coder: options.coder, write: options.write === true }, write, warn);
    });

  gloss
    .command('export')
    .description('A report for writing up as Markdown (md) or standalone HTML (html), or the codebook or quotations as CSV. Exit code 1 when some codings could not be placed (they are listed in the report).')
    .addArgument(new Argument('<format>', 'the file format').choices(EXPORT_FORMATS))
    .argument(...STUDY)
    .requiredOption('-o, --output <file>', 'the file to write; - for stdout')
    .addOption(new Option('--report <kind>', 'codebook (definitions, counts, examples), quotations (by code, then case), case (a case profile), matrices (framework matrices with evidence)').choices(REPORT_KINDS).default('codebook'))
    .option('--codes <ids>', 'comma-separated code ids for --report quotations (default: every code); sub-codes are included', commaList)
    .option('--case <id>', 'the case of --report case')
    .option('--examples <n>', `example quotations per code in --report codebook (default ${DEFAULT_EXAMPLES})`, wholeNumber)
    .action(async (format: ExportFormat, study: string | undefined, options: { output: string; report: ReportKind; codes?: string[]; case?: string; examples?: number }) => {
      process.exitCode = await exportCommand(format, study, { output: options.output, report: options.report, codes: options.codes ?? [], caseId: options.case, examples: options.examples }, write, warn);
    });

  gloss
    .command('import')
    .description('Import a REFI-QDA project (.qdpx, from NVivo, ATLAS.ti, MAXQDA, QualCoder, qc) into a new study folder, with import-report.md listing what was not imported; or merge a codebook (.qdc) into the study in the folder. Exit code 1 when something was not imported as it was.')
    .argument('<file>', 'the .qdpx project or .qdc codebook')
    .argument('<folder>', 'a new or empty folder for a project; the study folder (or a new one) for a codebook')
    .action(async (file: string, folder: string) => {
      process.exitCode = await importCommand(file, folder, write, warn);
    });

  gloss
    .command('import-document')
    .description('Import a Word (.docx) or PDF document as a plain-text document of the study: beside the original when it is in transcripts/, else under transcripts/ (a copy of an original from outside the study goes there too); PDF pages marked [page N]. What could not be imported (pictures, pages without a text layer) is listed on stderr. Exit code 1 when an existing, different text was kept.')
    .argument('<file>', 'the .docx or .pdf file; it is never changed')
    .argument(...STUDY)
    .option('--replace', 'replace an existing text file that holds other text')
    .action(async (file: string, study: string | undefined, options: { replace?: boolean }) => {
      process.exitCode = await importDocumentCommand(file, study, { replace: options.replace === true }, write, warn);
    });

  return gloss;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InputError(`"${value}" is not a whole number.`);
  return Number(value);
}

function commaList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InputError(`"${value}" has an empty name.`);
  return names;
}

function collectSide(value: string, previous: SideSpec[]): SideSpec[] {
  const side = parseSideSpec(value);
  if (side.coder === '') throw new InputError(`--side "${value}" names no coder.`);
  return [...previous, side];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_SUCCESS;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the help or its one-line message already.
      return error.exitCode === 0 ? EXIT_SUCCESS : EXIT_BAD_INPUT;
    }
    if (error instanceof InputError) {
      process.stderr.write(`gloss: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`gloss: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}

// `npm run gloss` runs in the checkout's root: paths typed by the user are relative to where they typed them.
if (process.env.npm_lifecycle_event === 'gloss' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
