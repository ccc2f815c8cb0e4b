// `gloss alpha <file.csv> --level <level>`: Krippendorff's alpha of reliability data in a CSV file
// (a header row of coder names, one row per unit, an empty cell for a missing value).
import { promises as fs } from 'node:fs';
import { krippendorffAlpha, type MeasurementLevel } from '../core/agreement/coefficients/krippendorff-alpha';
import { parseReliabilityCsv, ReliabilityCsvError } from '../core/agreement/reliability-csv';
import { decodeUtf8, NotUtf8Error } from '../core/storage/files';
import { EXIT_SUCCESS, InputError } from './input-error';

export interface AlphaCommandOptions {
  readonly level: MeasurementLevel;
  readonly json: boolean;
}

export async function alphaCommand(file: string, options: AlphaCommandOptions, write: (text: string) => void): Promise<number> {
  const data = parseCsv(file, await readCsv(file), options.level);
  let result;
  try {
    result = krippendorffAlpha(data, options.level);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const units = data.rows.length;
  if (options.json) {
    const { value, pairableValues, observedDisagreement, expectedDisagreement } = result;
    write(`${JSON.stringify({ level: options.level, alpha: value ?? null, pairableValues, pairableUnits: result.units, units, coders: data.coders, observedDisagreement, expectedDisagreement }, null, 2)}\n`);
  } else {
    const alpha = result.value === undefined ? 'undefined (no disagreement is expected: fewer than two distinct pairable values)' : result.value.toFixed(3);
    write(
      `Krippendorff's alpha (${options.level}): ${alpha}\n` +
        `Pairable values: ${result.pairableValues}\n` +
        `Units: ${units}, of which pairable (two or more values): ${result.units}\n` +
        `Coders: ${data.coders.length} (${data.coders.join(', ')})\n`,
    );
  }
  return EXIT_SUCCESS;
}

async function readCsv(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (error as Error).message;
    throw new InputError(`Cannot read ${file}: ${reason}.`);
  }
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

function parseCsv(file: string, text: string, level: MeasurementLevel) {
  try {
    return parseReliabilityCsv(text, level);
  } catch (error) {
    if (error instanceof ReliabilityCsvError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}
