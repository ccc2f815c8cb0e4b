// Quick picks of the queries feature. The code picker is a minimal copy of the codebook view's
// (feature folders do not import each other); the shared one can replace it.
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook/codebook';
import type { Code } from '../core/model';

/** Asks for one code of the codebook, shown as a tree by indentation; undefined when cancelled. */
export async function pickCode(codebook: Codebook, title: string): Promise<Code | undefined> {
  const items = codebook.codes.map((code) => ({
    label: `${'\u2003'.repeat(codebook.path(code.id).length - 1)}${code.name}`,
    description: code.parentId === undefined ? '' : codebook.pathLabel(code.parentId),
    detail: code.description,
    code,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  return picked?.code;
}

/** Asks to pick one of `choices`; undefined when cancelled. */
export async function pickOne<T>(title: string, choices: readonly { label: string; description?: string; detail?: string; value: T }[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(choices.map((c) => ({ ...c })), { title, matchOnDescription: true });
  return picked?.value;
}
