// Undo and redo of the study changes made here (codings, codebook): each step is the writes of one
// operation, taken back or done again on the files as they are on disk then, never by restoring a
// copy over work written since. Codings are undone record by record; the codebook only when it
// still holds exactly what the operation wrote (otherwise the step is refused with a message).
import { AsyncLocalStorage } from 'node:async_hooks';
import { applyRecordChanges, invertChanges } from '../codings/record-changes';
import { WriteRefusedError } from '../storage/update';
import { CODEBOOK_FILE, type Study, type StudyWrite } from './study';

export interface HistoryStep {
  /** What the researcher did, as menus and messages name it ("Code “Policy”"). */
  readonly label: string;
  /** The writes of the operation, in the order made. */
  readonly writes: readonly StudyWrite[];
}

/** Steps kept for undo; older ones are forgotten. */
const KEPT_STEPS = 100;

export class History {
  private readonly undoSteps: HistoryStep[] = [];
  private readonly redoSteps: HistoryStep[] = [];
  /** The writes of the operation running in this async context; 'replay' while undoing or redoing. */
  private readonly operation = new AsyncLocalStorage<StudyWrite[] | 'replay'>();
  /** Called whenever a step is added, undone or redone. */
  onDidChange: (() => void) | undefined;

  /** The step the next undo takes back (compare to tell whether it is still a given one). */
  get undoStep(): HistoryStep | undefined {
    return this.undoSteps.at(-1);
  }

  get redoStep(): HistoryStep | undefined {
    return this.redoSteps.at(-1);
  }

  /** Forgets every step (another study was opened: the steps name its files). */
  clear(): void {
    this.undoSteps.length = 0;
    this.redoSteps.length = 0;
    this.onDidChange?.();
  }

  /** Runs an operation; the study writes it makes become one undo step called `label`. */
  async record<T>(label: string, run: () => Promise<T>): Promise<T> {
    const writes: StudyWrite[] = [];
    try {
      return await this.operation.run(writes, run);
    } finally {
      if (writes.length > 0) this.push({ label, writes });
    }
  }

  /** Takes each write of the study (Study.writeListener); a write outside `record` is a step of its own. */
  noteWrite(write: StudyWrite): void {
    const writes = this.operation.getStore();
    if (writes === 'replay') return;
    if (writes) writes.push(write);
    else this.push({ label: write.kind === 'codebook' ? `Change ${CODEBOOK_FILE}` : `Change ${write.path}`, writes: [write] });
  }

  /**
   * Takes back the last step on the files as they are now. Returns the step, or undefined when there
   * is none; throws WriteRefusedError when it cannot be undone (the step is then dropped: whatever
   * changed those files since is kept).
   */
  undo(study: Study): Promise<HistoryStep | undefined> {
    return this.replay(study, this.undoSteps, this.redoSteps, 'undo');
  }

  redo(study: Study): Promise<HistoryStep | undefined> {
    return this.replay(study, this.redoSteps, this.undoSteps, 'redo');
  }

  private push(step: HistoryStep): void {
    this.undoSteps.push(step);
    if (this.undoSteps.length > KEPT_STEPS) this.undoSteps.shift();
    this.redoSteps.length = 0;
    this.onDidChange?.();
  }

  private async replay(study: Study, from: HistoryStep[], to: HistoryStep[], direction: 'undo' | 'redo'): Promise<HistoryStep | undefined> {
    const step = from.pop();
    if (!step) return undefined;
    const writes = direction === 'undo' ? [...step.writes].reverse() : step.writes;
    try {
      await this.operation.run('replay', async () => {
        for (const write of writes) await replayWrite(study, write, direction);
      });
      to.push(step);
    } finally {
      this.onDidChange?.();
    }
    return step;
  }
}

async function replayWrite(study: Study, write: StudyWrite, direction: 'undo' | 'redo'): Promise<void> {
  if (write.kind === 'codebook') {
    const [expected, target] = direction === 'undo' ? [write.after, write.before] : [write.before, write.after];
    await study.editCodebook((text) => {
      if (text !== (expected ?? '')) throw new WriteRefusedError(`${CODEBOOK_FILE} was changed since; to keep that change, nothing was ${direction === 'undo' ? 'undone' : 'redone'}.`);
      return target ?? '';
    });
    return;
  }
  const changes = direction === 'undo' ? invertChanges(write.changes) : write.changes;
  await study.updateCodingsFile(write.path, (current) => applyRecordChanges(current, changes, write.path));
}
