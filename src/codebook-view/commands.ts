// What the codebook tree's commands do: add, rename, recolour, describe, move, merge, delete.
// Every change to codebook.yaml goes through Study.editCodebook with the comment-preserving edit
// functions. Merging, and deleting with the codings moved to the parent, change codebook.yaml
// alone (the old id becomes an alias); deleting with the codings removes only the current coder's
// own codings (src/core/codings/refactor.ts). Each command takes a tree node (context menu, inline
// button), an object naming the code and the answers (tests), `{ treeSelection: true }` (the
// keybindings of the focused Codebook view), or nothing (the Command Palette): then it asks which
// code, never acting on a selection the user may not be looking at.
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { addCode, describeCode, mergeCode, moveCode, recolourCode, removeCode, renameCode } from '../core/codebook/edit';
import { isValidName, sameName } from '../core/codebook/codebook';
import { typedColour } from '../core/codebook/colour';
import { PALETTE, paletteColour } from '../core/codebook/palette';
import { applyRemoval, type CodingMemo, codingsUsing, planRemoval, RecodeRefusedError } from '../core/codings/refactor';
import { coderSlug } from '../core/codings/paths';
import type { Code } from '../core/model';
import type { Study } from '../core/study/study';
import type { StudyService } from '../study/study-service';
import { showWithUndo } from '../study/undo-message';
import { pickCode } from '../ui/code-pick';
import type { Swatches } from '../ui/swatches';
import type { CodebookNode } from './tree';

/** A command's first argument: a tree node, `{ codeId, … }`, or `{ treeSelection: true }`. */
export type CodeArgument = CodebookNode | { readonly codeId?: string; readonly treeSelection?: boolean; readonly [key: string]: unknown } | undefined;

export interface CommandContext {
  readonly study: StudyService;
  readonly swatches: Swatches;
  /** The code selected in the tree, if any. */
  selectedCode(): string | undefined;
  /** Redraws the tree and selects a code when given. */
  changed(select?: string): Promise<void>;
}

export class CodebookCommands {
  constructor(private readonly ctx: CommandContext) {}

  private get study(): Study | undefined {
    return this.ctx.study.current;
  }

  /** The code a command is about: its argument, the tree's selection for a keybinding, else a quick pick. */
  private async codeOf(arg: CodeArgument, title: string): Promise<Code | undefined> {
    const study = this.study;
    if (!study) return undefined;
    let id: string | undefined;
    const node = arg as CodebookNode | undefined;
    if (node?.kind === 'code') id = node.id;
    else if (node?.kind === 'segment' || node?.kind === 'more') id = node.codeId;
    else if (arg && typeof (arg as { codeId?: unknown }).codeId === 'string') id = (arg as { codeId: string }).codeId;
    else if (argument<boolean>(arg, 'treeSelection') === true) id = this.ctx.selectedCode();
    if (id !== undefined) {
      const code = study.codebook.get(id);
      if (!code) void vscode.window.showErrorMessage(vscode.l10n.t('The codebook has no code "{0}".', id));
      return code;
    }
    return (await pickCode(study.codebook, this.ctx.swatches, { title }))?.code;
  }

  /** One codebook edit, one undo step called `label`. */
  private async edit(label: string, edit: (text: string) => string, select?: string): Promise<boolean> {
    const study = this.study;
    if (!study) return false;
    const started = Date.now();
    await this.ctx.study.history.record(label, () => study.editCodebook(edit));
    const written = Date.now();
    this.ctx.study.notify({ kind: 'codebook' });
    await this.ctx.changed(select);
    this.ctx.study.log.debug(`Codebook: edited codebook.yaml in ${written - started} ms, views updated in ${Date.now() - written} ms.`);
    return true;
  }

  /** Adds a code: top level, under a parent, or after a sibling. Returns the new code's id. */
  async add(where: 'top' | 'child' | 'sibling', arg: CodeArgument): Promise<string | undefined> {
    const study = this.study;
    if (!study) return undefined;
    let parentId: string | undefined;
    let position: number | 'end' = 'end';
    let anchor: Code | undefined;
    if (where !== 'top') {
      anchor = await this.codeOf(arg, where === 'child' ? vscode.l10n.t('Add a sub-code to…') : vscode.l10n.t('Add a code after…'));
      if (!anchor) return undefined;
      parentId = where === 'child' ? anchor.id : anchor.parentId;
      if (where === 'sibling') position = study.codebook.children(anchor.parentId).findIndex((c) => c.id === anchor!.id) + 1;
    }
    const given = argument(arg, 'name');
    const siblings = study.codebook.children(parentId);
    const name =
      given ??
      (await vscode.window.showInputBox({
        title: parentId === undefined ? vscode.l10n.t('New code') : vscode.l10n.t('New sub-code of {0}', study.codebook.pathLabel(parentId)),
        prompt: vscode.l10n.t('The name of the code'),
        validateInput: (value) => nameProblem(value, siblings),
      }));
    if (name === undefined) return undefined;
    const parentColour = parentId === undefined ? undefined : study.codebook.get(parentId)?.colour;
    const colour = argument(arg, 'colour') ?? paletteColour(study.codebook.codes.flatMap((c) => (c.colour ? [c.colour] : [])), parentColour);
    const description = argument(arg, 'description');
    const id = argument(arg, 'newId') ?? study.newCodeId(name.trim());
    await this.edit(vscode.l10n.t('Add the code “{0}”', name.trim()), (text) => addCode(text, { id, name: name.trim(), colour, ...(description ? { description } : {}) }, parentId, position), id);
    return id;
  }

  async rename(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Rename a code'));
    if (!code || !this.study) return;
    const siblings = this.study.codebook.children(code.parentId).filter((c) => c.id !== code.id);
    const name =
      argument(arg, 'name') ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename {0}', this.study.codebook.pathLabel(code.id)),
        prompt: vscode.l10n.t('Codings refer to the code by its id, so only codebook.yaml changes.'),
        value: code.name,
        validateInput: (value) => nameProblem(value, siblings),
      }));
    if (name === undefined || name.trim() === code.name) return;
    await this.edit(vscode.l10n.t('Rename “{0}” to “{1}”', code.name, name.trim()), (text) => renameCode(text, code.id, name.trim()), code.id);
  }

  async recolour(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Recolour a code'));
    if (!code || !this.study) return;
    let colour: string | null | undefined = argument(arg, 'colour');
    if (colour === undefined) {
      type Item = vscode.QuickPickItem & { colour?: string | null };
      const custom: Item = { label: vscode.l10n.t('Custom colour…'), description: '#RRGGBB', iconPath: new vscode.ThemeIcon('symbol-color') };
      const none: Item = { label: vscode.l10n.t('No colour'), colour: null, iconPath: new vscode.ThemeIcon('circle-slash') };
      const items: Item[] = [
        ...PALETTE.map((hex) => ({ label: hex, description: hex === code.colour ? vscode.l10n.t('current') : undefined, colour: hex, iconPath: this.ctx.swatches.icon(hex) })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        custom,
        none,
      ];
      const picked = await this.pickColour(items, vscode.l10n.t('Colour of {0}', code.name), code.colour);
      if (!picked) return;
      if (picked === custom) {
        const typed = await vscode.window.showInputBox({
          title: vscode.l10n.t('Colour of {0}', code.name),
          prompt: vscode.l10n.t('A colour as #RRGGBB'),
          value: code.colour ?? '#',
          validateInput: (value) => (typedColour(value) ? undefined : vscode.l10n.t('Write the colour as # and six hexadecimal digits, e.g. #4E79A7.')),
        });
        if (typed === undefined) return;
        colour = typedColour(typed)!;
      } else colour = picked.colour;
    }
    const value = colour === null ? undefined : colour;
    await this.edit(vscode.l10n.t('Recolour “{0}”', code.name), (text) => recolourCode(text, code.id, value), code.id);
  }

  /** The colour picker: a palette colour, or a colour typed into its box (#RRGGBB or #RGB) and accepted with Enter. */
  private pickColour<T extends vscode.QuickPickItem & { colour?: string | null }>(items: T[], title: string, current: string | undefined): Promise<T | undefined> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = title;
    pick.placeholder = current ?? vscode.l10n.t('A palette colour, or type one as #RRGGBB');
    pick.items = items;
    pick.onDidChangeValue((value) => {
      const colour = typedColour(value);
      const typed = colour ? [{ label: colour, description: vscode.l10n.t('typed colour'), colour, iconPath: this.ctx.swatches.icon(colour), alwaysShow: true } as unknown as T] : [];
      pick.items = [...typed, ...items];
      if (typed.length > 0) pick.activeItems = typed;
    });
    return new Promise((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }

  async describe(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Describe a code'));
    if (!code || !this.study) return;
    const description =
      argument(arg, 'description') ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Description of {0}', this.study.codebook.pathLabel(code.id)),
        prompt: vscode.l10n.t('When to apply this code (empty: no description)'),
        value: code.description ?? '',
      }));
    if (description === undefined) return;
    await this.edit(vscode.l10n.t('Describe “{0}”', code.name), (text) => describeCode(text, code.id, description.trim()), code.id);
  }

  /** Moves a code under another one (or to the top level): the keyboard way to drag and drop. */
  async move(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Move a code'));
    const study = this.study;
    if (!code || !study) return;
    let parentId: string | null | undefined = argument<string | null>(arg, 'parentId');
    if (parentId === undefined) {
      const exclude = new Set([code.id, ...study.codebook.descendants(code.id).map((c) => c.id)]);
      const top = { label: vscode.l10n.t('(Top level)'), code: undefined, iconPath: new vscode.ThemeIcon('list-tree') };
      const picked = await pickCode(study.codebook, this.ctx.swatches, {
        title: vscode.l10n.t('Move {0} under…', code.name),
        exclude,
        extra: code.parentId === undefined ? [] : [top],
      });
      if (!picked) return;
      parentId = picked.code?.id ?? null;
    }
    await this.moveCodes([code.id], parentId ?? undefined);
  }

  /** Moves codes under a parent (top level: undefined), keeping each one's sub-codes with it. */
  async moveCodes(ids: readonly string[], parentId: string | undefined): Promise<void> {
    const study = this.study;
    if (!study) return;
    // A code dragged along with its ancestor moves with it.
    const roots = ids.filter((id) => study.codebook.has(id) && !ids.some((other) => other !== id && study.codebook.isDescendant(id, other)));
    const moving = roots.filter((id) => study.codebook.get(id)?.parentId !== parentId);
    if (moving.length === 0) return;
    await this.edit(vscode.l10n.t('Move {0}', moving.map((id) => `“${study.codebook.get(id)?.name ?? id}”`).join(', ')), (text) => moving.reduce((current, id) => moveCode(current, id, parentId, 'end'), text), moving[0]);
  }

  async merge(arg: CodeArgument): Promise<void> {
    const source = await this.codeOf(arg, vscode.l10n.t('Merge a code into another'));
    const study = this.study;
    if (!source || !study) return;
    let targetId = argument(arg, 'targetId');
    if (targetId === undefined) {
      const exclude = new Set([source.id, ...study.codebook.descendants(source.id).map((c) => c.id)]);
      const picked = await pickCode(study.codebook, this.ctx.swatches, { title: vscode.l10n.t('Merge {0} into…', source.name), exclude });
      if (!picked?.code) return;
      targetId = picked.code.id;
    }
    const target = study.codebook.get(targetId);
    if (!target) return;
    if (argument<boolean>(arg, 'confirm') !== false) {
      const use = codingsUsing(study.codingsFileList, new Set(study.codebook.idsOf(source.id)));
      const children = study.codebook.children(source.id).length;
      const detail = [
        vscode.l10n.t('{0} count under “{1}” from now on.', count.codingsInDocumentsByCoders(use.codings, use.documents, use.coders), target.name),
        ...(children > 0 ? [vscode.l10n.t('Its {0} move under “{1}”.', count.subcodes(children), target.name)] : []),
        vscode.l10n.t('“{0}” leaves the codebook; its id stays there as an alias of “{1}”, so no codings file changes.', source.name, target.name),
      ].join('\n');
      const merge = vscode.l10n.t('Merge');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Merge “{0}” into “{1}”?', source.name, target.name), { modal: true, detail }, merge);
      if (answer !== merge) return;
    }
    await this.edit(vscode.l10n.t('Merge “{0}” into “{1}”', source.name, target.name), (text) => mergeCode(text, source.id, target.id), target.id);
    void showWithUndo(this.ctx.study.history, vscode.l10n.t('Merged “{0}” into “{1}”: its codings now count under “{1}”.', source.name, target.name));
  }

  async delete(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Delete a code'));
    const study = this.study;
    if (!code || !study) return;
    const parent = code.parentId === undefined ? undefined : study.codebook.get(code.parentId);
    const children = study.codebook.children(code.id).length;
    const ids = new Set(study.codebook.idsOf(code.id));
    const use = codingsUsing(study.codingsFileList, ids);
    const removal = planRemoval(study.codingsFileList, this.ctx.study.coder, ids);
    let choice = argument<'parent' | 'remove'>(arg, 'codings');
    if (choice === undefined) {
      const lines = [
        use.codings === 0
          ? vscode.l10n.t('No coding uses it.')
          : vscode.l10n.t('It has {0}.', count.codingsInDocumentsByCoders(use.codings, use.documents, use.coders)),
      ];
      if (children > 0) {
        lines.push(parent ? vscode.l10n.t('Its {0} move up under “{1}”.', count.subcodes(children), parent.name) : vscode.l10n.t('Its {0} move up to the top level.', count.subcodes(children)));
      }
      if (removal.othersKept.codings > 0) {
        lines.push(
          vscode.l10n.t(
            'Deleting its codings removes only your own {0}. The {1} codings of other coders stay in their files (each coder writes only their own) and show as codings of a code not in the codebook until they remove them.',
            removal.removed,
            removal.othersKept.codings,
          ),
        );
      }
      // Only the current coder's own codings go, so only their memos are named.
      lines.push(...memoLines(use.memos.filter((m) => coderSlug(m.coder) === coderSlug(this.ctx.study.coder))));
      const toParent = parent ? vscode.l10n.t('Move Codings to “{0}”', parent.name) : undefined;
      const remove = use.codings > 0 ? vscode.l10n.t('Delete Its Codings Too') : vscode.l10n.t('Delete');
      const buttons = [...(toParent && use.codings > 0 ? [toParent] : []), remove];
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the code “{0}”?', code.name), { modal: true, detail: lines.join('\n') }, ...buttons);
      if (answer === undefined) return;
      choice = answer === toParent ? 'parent' : 'remove';
    }
    if (choice === 'parent' && !parent) {
      void vscode.window.showErrorMessage(vscode.l10n.t('“{0}” is at the top level: there is no parent to move its codings to.', code.name));
      return;
    }
    const label = vscode.l10n.t('Delete “{0}”', code.name);
    if (choice === 'parent') {
      // The parent takes the code's id as an alias: every coder's codings count there, unchanged.
      await this.edit(label, (text) => removeCode(text, code.id, { children: 'reparent', codingsToParent: true }), parent!.id);
      void showWithUndo(this.ctx.study.history, vscode.l10n.t('Deleted “{0}”; its {1} now count under “{2}”.', code.name, count.codings(use.codings), parent!.name));
      return;
    }
    if (removal.blocked.length > 0) throw new RecodeRefusedError(removal.blocked);
    const documents = await this.ctx.study.history.record(label, async () => {
      await study.editCodebook((text) => removeCode(text, code.id, { children: 'reparent' }));
      return applyRemoval(study, removal);
    });
    this.notifyAll(documents);
    await this.ctx.changed(parent?.id);
    const kept = removal.othersKept.codings > 0 ? ' ' + vscode.l10n.t('{0} of other coders are kept in their files.', count.codings(removal.othersKept.codings)) : '';
    void showWithUndo(
      this.ctx.study.history,
      (removal.removed > 0 ? vscode.l10n.t('Deleted “{0}” and your {1} of it.', code.name, count.codings(removal.removed)) : vscode.l10n.t('Deleted “{0}”.', code.name)) + kept,
    );
  }

  /**
   * Removes the current coder's own codings of codes that are not in the codebook (deleted by a
   * colleague, whose deletion left these codings to their coder). Other coders' stay.
   */
  async removeMyCodingsOfMissingCodes(arg: CodeArgument): Promise<number> {
    const study = this.study;
    if (!study) return 0;
    // Without a readable codebook every code would look missing.
    if (!study.codebookWritable || study.codebook.size === 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('codebook.yaml is empty or has errors; fix it first.'));
      return 0;
    }
    const missing = new Set(study.codingsFileList.flatMap((file) => file.codings.map((coding) => coding.code)).filter((id) => !study.codebook.has(id)));
    const plan = planRemoval(study.codingsFileList, this.ctx.study.coder, missing);
    if (plan.removed === 0 && plan.blocked.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('You have no codings of codes missing from the codebook.'));
      return 0;
    }
    if (plan.blocked.length > 0) throw new RecodeRefusedError(plan.blocked);
    if (argument<boolean>(arg, 'confirm') !== false) {
      const codes = [...new Set(plan.rewrites.flatMap(({ file, codings }) => file.codings.filter((c) => !codings.includes(c)).map((c) => c.code)))].sort();
      const remove = vscode.l10n.t('Remove');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove your {0} of codes not in the codebook?', count.codings(plan.removed)),
        { modal: true, detail: vscode.l10n.t('Codes: {0}. Other coders’ codings of them are theirs and stay.', codes.join(', ')) },
        remove,
      );
      if (answer !== remove) return 0;
    }
    const documents = await applyRemoval(study, plan);
    this.notifyAll(documents);
    await this.ctx.changed();
    return plan.removed;
  }

  private notifyAll(documents: readonly string[]): void {
    this.ctx.study.notify({ kind: 'codebook' });
    for (const documentPath of documents) this.ctx.study.notify({ kind: 'codings', documentPath });
  }
}

/** A named answer passed in the command's argument object (tree nodes carry none of these keys). */
function argument<T = string>(
  arg: CodeArgument,
  key: 'name' | 'colour' | 'description' | 'newId' | 'parentId' | 'targetId' | 'confirm' | 'codings' | 'treeSelection',
): T | undefined {
  if (!arg || typeof arg !== 'object' || !(key in arg)) return undefined;
  return (arg as Record<string, unknown>)[key] as T | undefined;
}

/** Memos shown in a confirmation: enough to recognise them, the rest counted. */
const NAMED_MEMOS = 5;

/** Lines naming the memos written on a code's codings: deleting its codings deletes them too. */
function memoLines(memos: readonly CodingMemo[]): string[] {
  if (memos.length === 0) return [];
  const flat = (text: string) => {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > 60 ? `${line.slice(0, 59)}…` : line;
  };
  return [
    vscode.l10n.t('Deleting its codings also deletes the {0} written on them:', count.memos(memos.length)),
    ...memos.slice(0, NAMED_MEMOS).map((m) => `• “${flat(m.memo)}” (${m.coder}, ${m.documentPath})`),
    ...(memos.length > NAMED_MEMOS ? [vscode.l10n.t('…and {0} more.', memos.length - NAMED_MEMOS)] : []),
  ];
}

function nameProblem(value: string, siblings: readonly Code[]): string | undefined {
  if (!isValidName(value)) return vscode.l10n.t('A name is one line and not empty.');
  const twin = siblings.find((s) => sameName(s.name, value));
  return twin ? vscode.l10n.t('“{0}” already has this name here; names differ among siblings.', twin.name) : undefined;
}
