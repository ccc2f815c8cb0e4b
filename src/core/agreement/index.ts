// Inter-coder agreement: coefficients, units, per-code reports and sides at Git refs (docs/agreement.md).
export { computeAgreement, computeAgreementInSteps, type AgreementDocument, type AgreementOptions, type AgreementReport, type CodeAgreement, type UnitAgreement } from './agreement';
export { cohenKappa, type KappaWeighting } from './coefficients/cohen-kappa';
export { fleissKappa } from './coefficients/fleiss-kappa';
export { krippendorffAlpha, type AlphaResult, type MeasurementLevel } from './coefficients/krippendorff-alpha';
export { percentAgreement } from './coefficients/percent-agreement';
export { unitizingAlpha, poolUnitizing, type UnitizedCategory, type UnitizingResult } from './coefficients/unitizing-alpha';
export { AGREEMENT_REFERENCES, agreementCsv, agreementMarkdown, type AgreementExportLabels } from './export';
export { parseReliabilityCsv, ReliabilityCsvError } from './reliability-csv';
export { fromCoderRows, fromContingencyTable, type Coefficient, type ReliabilityData, type ReliabilityRow, type ReliabilityValue } from './reliability-data';
export { placeSides, type PlacedSides, type Side } from './compare';
export { readCodingsAtRef, resolveCommit, SideError, type CodingsAtRef } from './sides';
export { AGREEMENT_UNITS, textUnits, type AgreementUnit } from './units';
