// What a write did to a codings file, record by record, and how to do it again or take it back
// on the file as it is later: the undo history keeps these rather than whole files, so undoing
// one coding never drops codings written since by another window.
import { WriteRefusedError } from '../storage/update';
import type { Coding } from '../model';

/** One coding's record before and after a write (undefined: not in the file). */
export interface RecordChange {
  readonly id: string;
  readonly from?: Coding;
  readonly to?: Coding;
}

const FIELDS = ['code', 'start', 'end', 'quote', 'prefix', 'suffix', 'version', 'coder', 'created', 'memo'] as const;
/** Where a coding sits: a write re-bases these onto the current text without the user asking. */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['start', 'end', 'quote', 'prefix', 'suffix', 'version']);

export function recordChanges(before: readonly Coding[], after: readonly Coding[]): RecordChange[] {
  const old = new Map(before.map((c) => [c.id, c]));
  const changes: RecordChange[] = [];
  for (const coding of after) {
    const previous = old.get(coding.id);
    old.delete(coding.id);
    if (!previous || changedFields(previous, coding).length > 0) changes.push({ id: coding.id, ...(previous ? { from: previous } : {}), to: coding });
  }
  for (const previous of old.values()) changes.push({ id: previous.id, from: previous });
  return changes;
}

export function invertChanges(changes: readonly RecordChange[]): RecordChange[] {
  return changes.map(({ id, from, to }) => ({ id, ...(to ? { from: to } : {}), ...(from ? { to: from } : {}) }));
}

/**
 * Applies changes to the codings on disk now: removes what is to go (if still there), adds what is
 * to come back (if not there yet), and sets the fields a change changed when the record still
 * holds their old values. A record that was re-placed since keeps its place; any other field
 * changed since (a memo, a code) makes the whole change refused: it would undo someone's work.
 */
export function applyRecordChanges(current: readonly Coding[], changes: readonly RecordChange[], file: string): Coding[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const { id, from, to } of changes) {
    const now = byId.get(id);
    if (!to) {
      byId.delete(id);
      continue;
    }
    if (!now) {
      if (from) throw new WriteRefusedError(`A coding of ${file} was removed since; nothing was changed.`);
      byId.set(id, to);
      continue;
    }
    if (!from) {
      if (changedFields(now, to).length > 0) throw new WriteRefusedError(`A coding of ${file} was changed since; nothing was changed.`);
      continue;
    }
    let next: Coding = now;
    for (const field of changedFields(from, to)) {
      if (same(now[field], to[field])) continue;
      if (!same(now[field], from[field])) {
        if (PLACE_FIELDS.has(field)) continue;
        throw new WriteRefusedError(`A coding of ${file} was changed since; nothing was changed.`);
      }
      next = withField(next, field, to[field]);
    }
    byId.set(id, next);
  }
  return [...byId.values()];
}

function changedFields(a: Coding, b: Coding): (typeof FIELDS)[number][] {
  return FIELDS.filter((field) => !same(a[field], b[field]));
}

/** A missing memo and an empty one are the same. */
function same(a: string | number | undefined, b: string | number | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

function withField(coding: Coding, field: (typeof FIELDS)[number], value: string | number | undefined): Coding {
  const copy: Record<string, unknown> = { ...coding, [field]: value };
  if (field === 'memo' && (value === undefined || value === '')) delete copy.memo;
  return copy as unknown as Coding;
}
