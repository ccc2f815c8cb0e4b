// Quick picks over the codebook: one code, or several, searchable by name, path and description,
// each with its colour swatch.
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook/codebook';
import type { Code } from '../core/model';
import type { Swatches } from './swatches';

export interface CodePickItem extends vscode.QuickPickItem {
  readonly code: Code | undefined;
}

export function codeItems(codebook: Codebook, swatches: Swatches, exclude: ReadonlySet<string> = new Set()): CodePickItem[] {
  return codebook.codes
    .filter((code) => !exclude.has(code.id))
    .map((code) => {
      const parent = code.parentId === undefined ? '' : codebook.pathLabel(code.parentId);
      return {
        label: `${'\u2003'.repeat(codebook.path(code.id).length - 1)}${code.name}`,
        description: parent,
        detail: code.description,
        iconPath: swatches.icon(code.colour),
        code,
      };
    });
}

/** The title of the one-code picker on screen, if any (for the integration tests). */
let shownPickTitle: string | undefined;

export function shownCodePick(): string | undefined {
  return shownPickTitle;
}

/** Asks for one code; undefined when cancelled. */
export async function pickCode(
  codebook: Codebook,
  swatches: Swatches,
  options: { title: string; placeHolder?: string; exclude?: ReadonlySet<string>; extra?: CodePickItem[] },
): Promise<CodePickItem | undefined> {
  const items = [...(options.extra ?? []), ...codeItems(codebook, swatches, options.exclude)];
  shownPickTitle = options.title;
  try {
    return await vscode.window.showQuickPick(items, {
      title: options.title,
      placeHolder: options.placeHolder,
      matchOnDescription: true,
      matchOnDetail: true,
    });
  } finally {
    shownPickTitle = undefined;
  }
}

/** Asks for several codes (preselected: `selected`); undefined when cancelled. */
export async function pickCodes(codebook: Codebook, swatches: Swatches, options: { title: string; placeHolder?: string; selected?: ReadonlySet<string> }): Promise<Code[] | undefined> {
  const items = codeItems(codebook, swatches).map((item) => ({ ...item, picked: options.selected?.has(item.code!.id) ?? false }));
  const picked = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: options.placeHolder,
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.map((p) => p.code!);
}
