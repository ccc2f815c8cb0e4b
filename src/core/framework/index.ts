// Framework matrices: cases x themes with ratings, summaries and evidence, one YAML file each.
export { addFrameworkRow, addFrameworkTheme, editFrameworkCell, evidenceNote, FrameworkEditError, newFrameworkText, type CellChange, type EvidenceLink, type NewFramework } from './edit';
export { suggestEvidence } from './evidence';
export { frameworkCsv, frameworkMarkdown, frameworkTable, type FrameworkLabels } from './export';
export { casesOfRow, cellOf, DEFAULT_SCALE, MATRICES_FOLDER, type FrameworkCell, type FrameworkMatrix, type FrameworkRow, type FrameworkTheme } from './model';
export { checkFramework, parseFramework, type FrameworkContext, type FrameworkParseResult } from './parse';
