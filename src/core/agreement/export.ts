// An agreement report as CSV (for R, pandas or a spreadsheet) and as Markdown (for a methods
// section, with the coefficients' names and references). Undefined coefficients are left empty in
// CSV and shown as "—" in Markdown, never as a number.
import { markdownTable } from '../matrix/export';
import { csv } from '../util/csv';
import type { AgreementReport, CodeAgreement, UnitAgreement } from './agreement';
import type { Coefficient } from './reliability-data';

export interface AgreementExportLabels {
  readonly code: string;
  readonly codeId: string;
  readonly allCodes: string;
  readonly allUnits: string;
  readonly codedUnits: string;
  readonly units: string;
  readonly percentAgreement: string;
  readonly cohenKappa: string;
  readonly fleissKappa: string;
  readonly krippendorffAlpha: string;
  readonly unitizingAlpha: string;
  readonly codings: string;
}

const DEFAULT_LABELS: AgreementExportLabels = {
  code: 'Code',
  codeId: 'Code id',
  allCodes: 'All codes',
  allUnits: 'all units',
  codedUnits: 'coded units',
  units: 'Units',
  percentAgreement: 'Percent agreement',
  cohenKappa: "Cohen's kappa",
  fleissKappa: "Fleiss' kappa",
  krippendorffAlpha: "Krippendorff's alpha (nominal)",
  unitizingAlpha: "Krippendorff's unitizing alpha",
  codings: 'Codings',
};

/** The references of the coefficients, for a methods section. */
export const AGREEMENT_REFERENCES: readonly string[] = [
  "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.",
  "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382.",
  "Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for Communication, University of Pennsylvania.",
  'Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology, 25, 47–76.',
  'Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.',
];

function header(report: AgreementReport, labels: AgreementExportLabels): string[] {
  const perUnits = (which: string) => [labels.units, labels.percentAgreement, ...(report.coders.length === 2 ? [labels.cohenKappa] : []), labels.fleissKappa, labels.krippendorffAlpha].map((name) => `${name}, ${which}`);
  return [labels.code, labels.codeId, ...perUnits(labels.allUnits), ...perUnits(labels.codedUnits), labels.unitizingAlpha, ...report.coders.map((coder) => `${labels.codings}, ${coder}`)];
}

function cells(report: AgreementReport, row: CodeAgreement, name: string, format: (value: number | undefined, digits: number) => string): string[] {
  const value = (coefficient: Coefficient | undefined) => format(coefficient?.value, 3);
  const perUnits = (u: UnitAgreement) => [String(u.units), format(u.percentAgreement.value === undefined ? undefined : u.percentAgreement.value * 100, 1), ...(report.coders.length === 2 ? [value(u.cohenKappa)] : []), value(u.fleissKappa), value(u.krippendorffAlpha)];
  return [name, row.code ?? '', ...perUnits(row.allUnits), ...perUnits(row.codedUnits), value(row.unitizingAlpha), ...row.codings.map(String)];
}

/** `codeName` gives a code's name (its path in the codebook, say) from its id. */
export function agreementCsv(report: AgreementReport, codeName: (code: string) => string, labels: AgreementExportLabels = DEFAULT_LABELS): string {
  const format = (value: number | undefined, digits: number) => (value === undefined ? '' : value.toFixed(digits + 1));
  const rows = [...report.codes.map((row) => cells(report, row, codeName(row.code!), format)), cells(report, report.overall, labels.allCodes, format)];
  return csv([header(report, labels), ...rows]);
}

export function agreementMarkdown(report: AgreementReport, codeName: (code: string) => string, labels: AgreementExportLabels = DEFAULT_LABELS): string {
  const format = (value: number | undefined, digits: number) => (value === undefined ? '—' : value.toFixed(digits));
  const head = header(report, labels);
  const rows = [...report.codes.map((row) => cells(report, row, codeName(row.code!), format)), cells(report, report.overall, labels.allCodes, format)];
  const summary =
    `Coders: ${report.coders.join(', ')}. Unit: ${report.unit}. Documents: ${report.documents}. ` +
    `"${labels.allUnits}" counts every unit, including those no coder coded with the code; "${labels.codedUnits}" only the units at least one coder coded. ` +
    `Percent agreement in %; unitizing alpha over the characters of the ${report.documentsCodedByAll} documents every coder coded.`;
  return [summary, '', markdownTable(head, rows, head.map((_, i) => i >= 2)), AGREEMENT_REFERENCES.map((reference) => `- ${reference}`).join('\n'), ''].join('\n');
}
