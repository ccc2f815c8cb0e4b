// Pickers for the history commands: a Git ref (HEAD, branches, tags, recent commits, or one typed
// in) and a coder (or all of them).
import * as vscode from 'vscode';
import { refChoices, type RefChoice } from '../core/history/refs';

/** The item standing for the working tree in a ref picker. */
export const WORKING_TREE_PICK = Symbol('working tree');

type RefItem = vscode.QuickPickItem & { readonly ref: string | typeof WORKING_TREE_PICK };

const KIND_LABELS: Record<RefChoice['kind'], () => string> = {
  head: () => vscode.l10n.t('last commit'),
  branch: () => vscode.l10n.t('branch'),
  tag: () => vscode.l10n.t('tag'),
  commit: () => vscode.l10n.t('commit'),
};

/**
 * A ref picked by the user (the first item is the default), the working tree when `withWorkingTree`
 * and picked, or undefined when cancelled. A name typed that is no item is taken as a ref as typed.
 */
export async function pickRef(root: string, title: string, withWorkingTree: boolean): Promise<string | typeof WORKING_TREE_PICK | undefined> {
  const items: RefItem[] = [];
  if (withWorkingTree) items.push({ label: `$(edit) ${vscode.l10n.t('Working tree')}`, description: vscode.l10n.t('the files as they are now'), ref: WORKING_TREE_PICK });
  for (const choice of await refChoices(root)) {
    items.push({ label: choice.ref, description: KIND_LABELS[choice.kind](), detail: choice.summary, ref: choice.ref });
  }
  const pick = vscode.window.createQuickPick<RefItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Pick a branch, tag or commit, or type a ref');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | typeof WORKING_TREE_PICK | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const typed = pick.value.trim();
      finish(pick.selectedItems[0]?.ref ?? (typed === '' ? undefined : typed));
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/** A coder, '' for every coder, or undefined when cancelled. */
export async function pickCoder(coders: readonly string[], me: string): Promise<string | undefined> {
  const all: vscode.QuickPickItem & { coder: string } = { label: vscode.l10n.t('All coders'), coder: '' };
  const items = [all, ...coders.map((coder) => ({ label: coder, description: coder === me ? vscode.l10n.t('you') : undefined, coder }))];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Whose codings?') });
  return picked?.coder;
}
