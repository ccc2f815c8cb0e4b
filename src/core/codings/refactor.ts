// Code-level changes to codings, across every coder's files: merging a code into another moves
// its codings there; deleting a code moves its codings to the parent or removes them, as the
// researcher chose. Nothing here touches the codebook (src/core/codebook/edit.ts does) and nothing
// happens silently: every change is counted, and files with lines that failed to parse are never
// rewritten (the whole change is refused instead, so no code is left half moved).
import type { Coding } from '../model';
import type { CodingsFile, Study } from '../study/study';

/** What becomes of the codings of a code: moved to another code's id, or `null` for removed. */
export type Recode = ReadonlyMap<string, string | null>;

export interface CodingsUse {
  readonly codings: number;
  readonly documents: number;
  readonly coders: number;
  /** The memos written on those codings: a confirmation that would delete them names them. */
  readonly memos: readonly CodingMemo[];
}

export interface CodingMemo {
  readonly memo: string;
  readonly coder: string;
  readonly documentPath: string;
}

/** How many codings, documents and coders use any of `codeIds`, and their memos (for a confirmation). */
export function codingsUsing(files: readonly CodingsFile[], codeIds: ReadonlySet<string>): CodingsUse {
  let codings = 0;
  const documents = new Set<string>();
  const coders = new Set<string>();
  const memos: CodingMemo[] = [];
  for (const file of files) {
    for (const coding of file.codings) {
      if (!codeIds.has(coding.code)) continue;
      codings++;
      documents.add(file.documentPath);
      coders.add(file.coderSlug);
      if (coding.memo) memos.push({ memo: coding.memo, coder: coding.coder, documentPath: file.documentPath });
    }
  }
  return { codings, documents: documents.size, coders: coders.size, memos };
}

export interface FileRewrite {
  readonly file: CodingsFile;
  /** The file's codings after the change (empty: the file goes). */
  readonly codings: readonly Coding[];
}

export interface RecodePlan {
  readonly recode: Recode;
  readonly rewrites: readonly FileRewrite[];
  /** Codings given another code. */
  readonly moved: number;
  /** Codings removed because the researcher chose to remove them. */
  readonly removed: number;
  /**
   * Moved codings that became exact twins of a coding already there (same coder, code, span and
   * text version) and were folded into it; their memos are kept on the one that stays.
   */
  readonly folded: number;
  /** Files the change would have to rewrite but that hold lines which failed to parse. */
  readonly blocked: readonly CodingsFile[];
}

/**
 * Plans a recode over codings files. `recode` maps a code id to its new code id, or to `null`
 * when its codings are to be removed. A moved coding that lands exactly on a twin (same code,
 * start, end and version in the same coder's file) is folded into the twin: two identical
 * codings would count twice and show as one. Pure: nothing is written.
 */
export function planRecode(files: readonly CodingsFile[], recode: Recode): RecodePlan {
  const rewrites: FileRewrite[] = [];
  const blocked: CodingsFile[] = [];
  let moved = 0;
  let removed = 0;
  let folded = 0;
  for (const file of files) {
    if (!file.codings.some((c) => recode.has(c.code))) continue;
    if (!file.writable) {
      blocked.push(file);
      continue;
    }
    const result = recodeCodings(file.codings, recode);
    moved += result.moved;
    removed += result.removed;
    folded += result.folded;
    rewrites.push({ file, codings: result.codings });
  }
  return { recode, rewrites, moved, removed, folded, blocked };
}

/** One file's codings after a recode (see planRecode), with what happened to them. */
export function recodeCodings(codings: readonly Coding[], recode: Recode): { codings: Coding[]; moved: number; removed: number; folded: number } {
  let moved = 0;
  let removed = 0;
  let folded = 0;
  const kept: Coding[] = [];
  const changed: Coding[] = [];
  for (const coding of codings) {
    const target = recode.get(coding.code);
    if (target === undefined) kept.push(coding);
    else if (target === null) removed++;
    else {
      moved++;
      changed.push({ ...coding, code: target });
    }
  }
  // Twins: a moved coding on exactly the span of a coding of its new code (kept or moved).
  const byKey = new Map<string, number>();
  const result: Coding[] = [];
  for (const coding of [...kept, ...changed]) {
    const key = `${coding.code}\u0000${coding.start}\u0000${coding.end}\u0000${coding.version}`;
    const twin = byKey.get(key);
    if (twin === undefined) {
      byKey.set(key, result.length);
      result.push(coding);
      continue;
    }
    folded++;
    result[twin] = foldInto(result[twin], coding);
  }
  return { codings: result, moved, removed, folded };
}

/** Keeps the first coding, with both memos when they differ. */
function foldInto(kept: Coding, twin: Coding): Coding {
  const memos = [kept.memo, twin.memo].filter((m): m is string => m !== undefined && m !== '');
  const unique = [...new Set(memos)];
  if (unique.length === 0) return kept;
  return { ...kept, memo: unique.join('\n\n') };
}

export class RecodeRefusedError extends Error {
  constructor(readonly blocked: readonly CodingsFile[]) {
    super(
      `${blocked.map((f) => f.path).join(', ')} ${blocked.length === 1 ? 'has' : 'have'} lines that failed to parse; ` +
        'fix them first, nothing was changed.',
    );
  }
}

/**
 * Applies a plan's recode to each file it rewrites, as the file is on disk now (a file left without
 * codings is removed). Throws RecodeRefusedError, writing nothing, when the plan has blocked files.
 * Returns the documents whose codings changed.
 */
export async function applyRecode(study: Study, plan: RecodePlan): Promise<string[]> {
  if (plan.blocked.length > 0) throw new RecodeRefusedError(plan.blocked);
  const documents = new Set<string>();
  for (const { file } of plan.rewrites) {
    // Written at the file's own path: a hand-named coder folder ("Marike") stays where it is.
    await study.updateCodingsFile(file.path, (current) => recodeCodings(current, plan.recode).codings);
    documents.add(file.documentPath);
  }
  return [...documents].sort();
}

/** Recode for merging `sourceId` into `targetId`: the source's own codings move to the target. */
export function mergeRecode(sourceId: string, targetId: string): Recode {
  return new Map([[sourceId, targetId]]);
}

/**
 * Recode for deleting a code: its codings move to `parentId`, or are removed when `parentId` is
 * null. Its sub-codes are not deleted (they move up in the codebook), so their codings stay.
 */
export function deleteRecode(codeId: string, parentId: string | null): Recode {
  return new Map([[codeId, parentId]]);
}
