// Code-level changes and the codings files. Coders never write each other's files: merging a code,
// or deleting it with its codings moved to the parent, is recorded in the codebook alone (the old
// id becomes an alias, docs/data-format.md), so no codings file changes. Deleting a code with its
// codings removes only the current coder's own codings of it; other coders' codings stay in their
// files and show as codings of a code that is not in the codebook until each of them removes
// theirs. Files with lines that failed to parse are never rewritten (the change is refused).
import type { Coding } from '../model';
import type { CodingsFile, Study } from '../study/study';
import { coderSlug } from './paths';

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

export interface RemovalPlan {
  /** The codes whose codings go (a code and its aliases). */
  readonly codeIds: ReadonlySet<string>;
  /** The coder's own files that change. */
  readonly rewrites: readonly FileRewrite[];
  /** The coder's own codings removed. */
  readonly removed: number;
  /** Other coders' codings of the codes: kept, in their files. */
  readonly othersKept: CodingsUse;
  /** Own files the change would have to rewrite but that hold lines which failed to parse. */
  readonly blocked: readonly CodingsFile[];
}

/** Plans removing `coder`'s own codings of `codeIds` (a code and its aliases). Pure. */
export function planRemoval(files: readonly CodingsFile[], coder: string, codeIds: ReadonlySet<string>): RemovalPlan {
  const mine = coderSlug(coder);
  const own = files.filter((file) => file.coderSlug.toLowerCase() === mine);
  const rewrites: FileRewrite[] = [];
  const blocked: CodingsFile[] = [];
  let removed = 0;
  for (const file of own) {
    const kept = file.codings.filter((coding) => !codeIds.has(coding.code));
    if (kept.length === file.codings.length) continue;
    if (!file.writable) {
      blocked.push(file);
      continue;
    }
    removed += file.codings.length - kept.length;
    rewrites.push({ file, codings: kept });
  }
  const others = files.filter((file) => file.coderSlug.toLowerCase() !== mine);
  return { codeIds, rewrites, removed, othersKept: codingsUsing(others, codeIds), blocked };
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
 * Removes the plan's codes from each of the coder's own files it rewrites, as the file is on disk
 * now (a file left without codings is removed). Throws RecodeRefusedError, writing nothing, when
 * the plan has blocked files. Returns the documents whose codings changed.
 */
export async function applyRemoval(study: Study, plan: RemovalPlan): Promise<string[]> {
  if (plan.blocked.length > 0) throw new RecodeRefusedError(plan.blocked);
  const documents = new Set<string>();
  for (const { file } of plan.rewrites) {
    // Written at the file's own path: a hand-named coder folder ("Marike") stays where it is.
    await study.updateCodingsFile(file.path, (current) => current.filter((coding) => !plan.codeIds.has(coding.code)));
    documents.add(file.documentPath);
  }
  return [...documents].sort();
}
