// Quick picks of the queries feature; codes are picked with the shared code picker.
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook/codebook';
import type { Code } from '../core/model';
import { pickCode as pickSharedCode } from '../ui/code-pick';
import type { Swatches } from '../ui/swatches';

/** Asks for one code of the codebook; undefined when cancelled. */
export async function pickCode(codebook: Codebook, swatches: Swatches, title: string): Promise<Code | undefined> {
  return (await pickSharedCode(codebook, swatches, { title }))?.code;
}

/** Asks to pick one of `choices`; undefined when cancelled. */
export async function pickOne<T>(title: string, choices: readonly { label: string; description?: string; detail?: string; value: T }[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(choices.map((c) => ({ ...c })), { title, matchOnDescription: true });
  return picked?.value;
}
