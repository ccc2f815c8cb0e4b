// What changed in the codebook between two versions of it, code by code and exact thanks to ids:
// added, removed, merged (the id lives on as another code's alias), renamed, moved (another
// parent), recoloured, redescribed. Reordering siblings is not a change of the analysis.
import { Codebook } from '../codebook/codebook';
import type { Code } from '../model';
import { escapeMarkdown } from '../retrieval/markdown';

export type CodebookChange =
  | { readonly kind: 'added'; readonly id: string; readonly path: string }
  | { readonly kind: 'removed'; readonly id: string; readonly path: string }
  /** The id became an alias of `intoId`: its codings count there. `intoParent`: deleted with its codings moved to its parent. */
  | { readonly kind: 'merged'; readonly id: string; readonly path: string; readonly intoId: string; readonly intoPath: string; readonly intoParent: boolean }
  | { readonly kind: 'renamed'; readonly id: string; readonly from: string; readonly to: string; readonly path: string }
  /** `from` and `to` are the parents' paths, undefined for the top level. */
  | { readonly kind: 'moved'; readonly id: string; readonly path: string; readonly from: string | undefined; readonly to: string | undefined }
  | { readonly kind: 'recoloured'; readonly id: string; readonly path: string; readonly from: string | undefined; readonly to: string | undefined }
  | { readonly kind: 'redescribed'; readonly id: string; readonly path: string; readonly from: string | undefined; readonly to: string | undefined };

export type CodebookChangeKind = CodebookChange['kind'];

/** The order changes are listed in. */
export const CODEBOOK_CHANGE_KINDS: readonly CodebookChangeKind[] = ['added', 'removed', 'merged', 'renamed', 'moved', 'recoloured', 'redescribed'];

/** Every change from `before` to `after`, grouped by kind in CODEBOOK_CHANGE_KINDS order, codes in file order within a kind. */
export function codebookChanges(before: Codebook, after: Codebook): CodebookChange[] {
  const changes: CodebookChange[] = [];
  const oldPath = (id: string) => before.pathLabel(id);
  const newPath = (id: string) => after.pathLabel(id);
  const parentPath = (codebook: Codebook, code: Code) => (code.parentId === undefined ? undefined : codebook.pathLabel(code.parentId));
  for (const code of before.codes) {
    if (after.get(code.id)?.id === code.id) continue;
    const survivor = after.get(code.id);
    if (survivor === undefined) changes.push({ kind: 'removed', id: code.id, path: oldPath(code.id) });
    else changes.push({ kind: 'merged', id: code.id, path: oldPath(code.id), intoId: survivor.id, intoPath: newPath(survivor.id), intoParent: survivor.id === code.parentId });
  }
  for (const code of after.codes) {
    const old = before.get(code.id);
    // An alias that becomes a code of its own again is a new code.
    if (old === undefined || old.id !== code.id) {
      changes.push({ kind: 'added', id: code.id, path: newPath(code.id) });
      continue;
    }
    if (old.name !== code.name) changes.push({ kind: 'renamed', id: code.id, from: old.name, to: code.name, path: newPath(code.id) });
    if (old.parentId !== code.parentId) changes.push({ kind: 'moved', id: code.id, path: newPath(code.id), from: parentPath(before, old), to: parentPath(after, code) });
    if (old.colour !== code.colour) changes.push({ kind: 'recoloured', id: code.id, path: newPath(code.id), from: old.colour, to: code.colour });
    if (old.description !== code.description) changes.push({ kind: 'redescribed', id: code.id, path: newPath(code.id), from: old.description, to: code.description });
  }
  const rank = (change: CodebookChange) => CODEBOOK_CHANGE_KINDS.indexOf(change.kind);
  // A stable sort keeps file order within a kind.
  return changes.sort((a, b) => rank(a) - rank(b));
}

const bold = (text: string) => `**${escapeMarkdown(text)}**`;
const id = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const quoted = (text: string | undefined) => (text === undefined ? 'none' : `“${escapeMarkdown(text.replace(/\s+/g, ' '))}”`);
const parent = (path: string | undefined) => (path === undefined ? 'the top level' : bold(path));

/** One Markdown list item (without the leading "- ") for a change. */
export function describeCodebookChange(change: CodebookChange): string {
  switch (change.kind) {
    case 'added':
      return `Added ${bold(change.path)} (${id(change.id)})`;
    case 'removed':
      return `Removed ${bold(change.path)} (${id(change.id)}); codings of it are no longer in the codebook`;
    case 'merged':
      return change.intoParent
        ? `Removed ${bold(change.path)} (${id(change.id)}); its codings count under its parent ${bold(change.intoPath)}`
        : `Merged ${bold(change.path)} (${id(change.id)}) into ${bold(change.intoPath)} (${id(change.intoId)}); its codings count there`;
    case 'renamed':
      return `Renamed ${quoted(change.from)} to ${quoted(change.to)}: ${bold(change.path)} (${id(change.id)})`;
    case 'moved':
      return `Moved ${bold(change.path)} (${id(change.id)}) from ${parent(change.from)} to ${parent(change.to)}`;
    case 'recoloured':
      return `Recoloured ${bold(change.path)} (${id(change.id)}) from ${change.from ?? 'no colour'} to ${change.to ?? 'no colour'}`;
    case 'redescribed':
      return `Changed the description of ${bold(change.path)} (${id(change.id)}) from ${quoted(change.from)} to ${quoted(change.to)}`;
  }
}

/** The changes as a Markdown list, or a sentence saying there are none. */
export function codebookChangesMarkdown(changes: readonly CodebookChange[]): string {
  if (changes.length === 0) return 'No code was added, removed, merged, renamed, moved, recoloured or redescribed.\n';
  return changes.map((change) => `- ${describeCodebookChange(change)}\n`).join('');
}
