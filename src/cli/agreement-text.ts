// An agreement report for the terminal: one small table per code and one for all codes, each
// coefficient for all units and for coded units only, then what was not counted.
import type { CodeAgreement, UnitAgreement } from '../core/agreement/agreement';
import type { Coefficient } from '../core/agreement/reliability-data';
import type { AgreementOutcome } from './agreement';

const ALL_UNITS = 'all units';
const CODED_UNITS = 'coded units';

export function agreementText(outcome: AgreementOutcome, codeName: (code: string) => string): string {
  const { report } = outcome;
  const lines = [
    `Coders: ${report.coders.join(', ')}. Unit: ${report.unit}. Documents: ${report.documents} (coded by every coder: ${report.documentsCodedByAll}).`,
    `"${ALL_UNITS}" counts every unit, including those no coder coded with the code; "${CODED_UNITS}" only the units at least one coder coded.`,
    '',
  ];
  for (const row of report.codes) lines.push(...codeTable(codeName(row.code!), row, report.coders), '');
  lines.push(...codeTable('All codes', report.overall, report.coders), '', ...notCounted(outcome));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What the report does not count, one line each. */
export function notCounted({ report, missingTexts, problems }: AgreementOutcome): string[] {
  return [
    ...report.orphans.map((orphan) => `Not counted: ${orphan.count} coding(s) of ${orphan.coder} in ${orphan.path} could not be placed on the current text (orphans).`),
    ...missingTexts.map((documentPath) => `Not counted: ${documentPath} is coded but its text could not be read.`),
    ...problems.map((problem) => `Problem: ${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`),
  ];
}

function codeTable(name: string, row: CodeAgreement, coders: readonly string[]): string[] {
  const figures: [string, (u: UnitAgreement) => string][] = [
    ['Units', (u) => String(u.units)],
    ['Percent agreement', (u) => (u.percentAgreement.value === undefined ? '—' : `${(u.percentAgreement.value * 100).toFixed(1)} %`)],
    ...(coders.length === 2 ? [["Cohen's kappa", (u: UnitAgreement) => coefficient(u.cohenKappa)] as [string, (u: UnitAgreement) => string]] : []),
    ["Fleiss' kappa", (u) => coefficient(u.fleissKappa)],
    ["Krippendorff's alpha (nominal)", (u) => coefficient(u.krippendorffAlpha)],
  ];
  const table = [['', ALL_UNITS, CODED_UNITS], ...figures.map(([label, figure]) => [label, figure(row.allUnits), figure(row.codedUnits)])];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const codings = coders.map((coder, k) => `${coder} ${row.codings[k]}`).join(', ');
  return [
    `${name} (codings: ${codings})`,
    ...table.map((cells) => `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   ')}`),
    `  Krippendorff's unitizing alpha (characters): ${coefficient(row.unitizingAlpha)}`,
  ];
}

function coefficient(value: Coefficient | undefined): string {
  return value?.value === undefined ? '—' : value.value.toFixed(3);
}
