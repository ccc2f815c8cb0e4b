// Matrices for comparing cases: code x column, code co-occurrence, their exports.
export { matrixColumns, NO_VALUE, type ColumnDimension, type ColumnLabels, type MatrixColumn } from './columns';
export { cellSegments, codesOfRow, computeCodeMatrix, type CellSegment, type CellSelection, type CodeMatrix, type CodeMatrixOptions, type CodeMatrixRow } from './code-matrix';
export { computeCooccurrence, cooccurringPairs, type CoderPairs, type CooccurrenceMatrix, type CooccurrenceOptions, type CooccurringPair, type Proximity } from './cooccurrence';
export { codeMatrixCsv, codeMatrixMarkdown, cooccurrenceCsv, cooccurrenceMarkdown, markdownCell, markdownTable, type ExportLabels } from './export';
export { codersOf, matrixDocument, type CoderFilter, type MatrixDocument, type MatrixInput, type MatrixSegment } from './input';
export { formatMetric, METRICS, metricValue, orderRows, PRESENT, type Metric } from './metrics';
export { unionLength } from './spans';
export { isSpeakerLine, unitAt, unitStarts, type UnitKind } from './units';
