// What the comparison webview keeps between renders and across reloads (with setState), and how
// it tells whether an answer from the extension still fits what is shown.
import type { DrillTarget, SegmentData, ViewState, WebviewMessage } from '../../shared/comparison-protocol';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Kept with setState, so that the panel comes back as it was after a reload. */
export interface PersistedState {
  readonly view: ViewState;
  readonly focus: { row: number; column: number } | null;
  readonly drill: DrillTarget | null;
}

/** The segments behind a cell, as the extension answered a drill-down. */
export interface Drill {
  readonly target: DrillTarget;
  readonly items: readonly (readonly SegmentData[])[];
  readonly evidence?: readonly SegmentData[];
  readonly suggestions?: readonly SegmentData[];
  readonly omitted: number;
}

/** The view fields whose change needs new data from the extension. */
export const DATA_FIELDS = ['tab', 'columns', 'rollUp', 'coders', 'proximity', 'pairs', 'framework'] as const;

/** Whether data computed for view `a` is the data view `b` shows (sorting and collapsing aside). */
export function sameDataView(a: ViewState, b: ViewState): boolean {
  const same = (key: keyof ViewState) => JSON.stringify(a[key]) === JSON.stringify(b[key]);
  return DATA_FIELDS.filter((key) => key !== 'framework').every(same) && (a.framework === b.framework || a.framework === null || b.framework === null);
}

export function sameTarget(a: DrillTarget, b: DrillTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
