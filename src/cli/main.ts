// The `gloss` command line: agreement statistics on the same core as the extension, for scripts,
// CI and methods sections. Exit codes: 0 success, 1 a finding, 2 bad input (one line on stderr).
import { Command, CommanderError, Option } from 'commander';
import { AGREEMENT_UNITS, type AgreementUnit } from '../core/agreement/units';
import type { MeasurementLevel } from '../core/agreement/coefficients/krippendorff-alpha';
import { agreementCommand } from './agreement';
import { alphaCommand } from './alpha';
import { importCommand } from './import';
import { EXIT_BAD_INPUT, EXIT_SUCCESS, InputError } from './input-error';

const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
/** A bug, not the user's input. */
const EXIT_INTERNAL_ERROR = 3;

const write = (text: string) => void process.stdout.write(text);
const warn = (line: string) => void process.stderr.write(`gloss: ${line}\n`);

function program(): Command {
  const gloss = new Command('gloss')
    .description('Gloss on the command line: inter-coder agreement of a study, Krippendorff\'s alpha of a CSV file.')
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
    .addOption(new Option('--unit <unit>', 'the unit of the unit-based coefficients').choices(AGREEMENT_UNITS).default('word'))
    .addOption(new Option('--json', 'print the whole report as JSON').conflicts(['markdown', 'csv']))
    .addOption(new Option('--markdown', 'print a Markdown table with the references, for a methods section').conflicts('csv'))
    .option('--csv', 'print CSV, one row per code and one for all codes')
    .action(async (study: string, options: { coders?: string[]; ref: string[]; unit: AgreementUnit; json?: boolean; markdown?: boolean; csv?: boolean }) => {
      const format = options.json ? 'json' : options.markdown ? 'markdown' : options.csv ? 'csv' : 'text';
      process.exitCode = await agreementCommand(study, { coders: options.coders, refs: options.ref, unit: options.unit, format }, write, warn);
    });

  gloss
    .command('import')
    .description('Import a REFI-QDA project (.qdpx, from NVivo, ATLAS.ti, MAXQDA, QualCoder, qc) into a new study folder, with import-report.md listing what was not imported; or merge a codebook (.qdc) into the study in the folder. Exit code 1 when something was not imported as it was.')
    .argument('<file>', 'the .qdpx project or .qdc codebook')
    .argument('<folder>', 'a new or empty folder for a project; the study folder (or a new one) for a codebook')
    .action(async (file: string, folder: string) => {
      process.exitCode = await importCommand(file, folder, write, warn);
    });

  return gloss;
}

function commaList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InputError(`--coders "${value}" has an empty name.`);
  return names;
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
