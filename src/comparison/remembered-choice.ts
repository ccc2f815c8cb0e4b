// The code matrix's columns and metric last chosen in this workspace: the comparison opens with
// them again after it was closed or the window reloaded. Kept in the workspace's memory
// (context.workspaceState); what comes back from there is checked like any input, and a choice
// that no longer fits the study (an attribute since removed) falls back to the default.
import { METRICS, type Metric } from '../core/matrix/metrics';
import { DEFAULT_VIEW, type ColumnDimension, type StudyInfo, type ViewState } from '../shared/comparison-protocol';

/** The part of vscode.Memento used here. */
export interface Memory {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type Choice = Pick<ViewState, 'columns' | 'metric'>;

const KEY = 'gloss.comparison.choice';

export class RememberedChoice {
  constructor(private readonly memory: Memory) {}

  /** The choice stored, as far as it is well-formed. */
  get(): Partial<Choice> {
    return storedChoice(this.memory.get(KEY));
  }

  /** Keeps the columns and metric a view shows (written only when well-formed and changed). */
  remember(view: ViewState): PromiseLike<void> | undefined {
    // The view comes from the webview, whose messages are checked like any input.
    const { columns, metric } = storedChoice(view);
    if (!columns || !metric) return undefined;
    const choice: Choice = { columns, metric };
    if (JSON.stringify(this.memory.get(KEY)) === JSON.stringify(choice)) return undefined;
    return this.memory.update(KEY, choice);
  }
}

/** The well-formed fields of a stored choice (anything else was written by another version, or by hand). */
export function storedChoice(value: unknown): Partial<Choice> {
  if (!isRecord(value)) return {};
  const columns = columnsOf(value.columns);
  const metric = typeof value.metric === 'string' && (METRICS as readonly string[]).includes(value.metric) ? (value.metric as Metric) : undefined;
  return { ...(columns ? { columns } : {}), ...(metric ? { metric } : {}) };
}

/** The view, with the default columns when it is by an attribute the study no longer has. */
export function fitToStudy(view: ViewState, study: StudyInfo): ViewState {
  if (!study.open || view.columns.kind !== 'attribute' || study.attributes.includes(view.columns.attribute)) return view;
  // A sort by one of the attribute's values goes with it.
  return { ...view, columns: DEFAULT_VIEW.columns, sort: { ...view.sort, column: null } };
}

function columnsOf(value: unknown): ColumnDimension | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'document' || value.kind === 'case') return { kind: value.kind };
  if (value.kind === 'attribute' && typeof value.attribute === 'string' && value.attribute !== '') return { kind: 'attribute', attribute: value.attribute };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
