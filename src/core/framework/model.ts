// Framework matrices: cases (rows) x themes (columns, codes of the codebook). Each cell holds the
// researcher's summary, an optional rating from the matrix's scale, and the ids of the codings it
// rests on. One YAML file per matrix in `matrices/` (format in docs/data-format.md).

export const MATRICES_FOLDER = 'matrices';

/** The ratings a matrix offers when its file declares no `scale`. */
export const DEFAULT_SCALE: readonly string[] = ['++', '+', '-', '+/-'];

/** A row: a case of cases.yaml, or a named group of cases (e.g. "South"). */
export interface FrameworkRow {
  readonly id: string;
  /** Shown instead of the case's name. */
  readonly name?: string;
  /** For a group: the cases it pools. Undefined for a row that is the case `id`. */
  readonly cases?: readonly string[];
  /** 1-based line in the file. */
  readonly line?: number;
}

/** A column: a code of the codebook (its sub-codes count with it). */
export interface FrameworkTheme {
  readonly code: string;
  /** Shown instead of the code's name. */
  readonly name?: string;
  readonly line?: number;
}

export interface FrameworkCell {
  /** The row's id. */
  readonly case: string;
  /** The theme's code id. */
  readonly theme: string;
  readonly rating?: string;
  readonly summary?: string;
  /** Ids of codings in the study, in the file's order. */
  readonly evidence: readonly string[];
  readonly line?: number;
}

export interface FrameworkMatrix {
  readonly title?: string;
  readonly description?: string;
  readonly scale: readonly string[];
  readonly rows: readonly FrameworkRow[];
  readonly themes: readonly FrameworkTheme[];
  /** In the file's order. */
  readonly cells: readonly FrameworkCell[];
}

export function cellOf(matrix: FrameworkMatrix, caseId: string, theme: string): FrameworkCell | undefined {
  return matrix.cells.find((cell) => cell.case === caseId && cell.theme === theme);
}

/** The cases a row draws evidence from: its group's cases, or the case itself. */
export function casesOfRow(row: FrameworkRow): readonly string[] {
  return row.cases ?? [row.id];
}
