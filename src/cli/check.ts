// `gloss check [study]`: every problem of a study as a compiler prints them, `file:line: severity:
// message`, paths as typed from the current folder. Exit code 1 when anything is found: for a
// pre-commit hook or a CI step.
import { checkStudy } from '../core/study/check';
import { EXIT_FINDING, EXIT_SUCCESS } from './input-error';
import { openStudy } from './study-input';

export async function checkCommand(folder: string | undefined, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  const { study, versions, shown } = await openStudy(folder);
  const result = await checkStudy(study, versions);
  for (const problem of result.problems) write(`${shown(problem.file)}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.severity}: ${problem.message}\n`);
  if (result.problems.length === 0) {
    write(`No problems: ${result.documents} documents, ${result.codings} codings, ${study.codebook.size} codes.\n`);
    return EXIT_SUCCESS;
  }
  const files = new Set(result.problems.map((p) => p.file)).size;
  warn(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`);
  return EXIT_FINDING;
}
