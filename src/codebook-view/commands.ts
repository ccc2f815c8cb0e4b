// What the codebook tree's commands do: add, rename, recolour, describe, move, merge, delete.
// Every change to codebook.yaml goes through Study.editCodebook with the comment-preserving edit
// functions; codings move through the refactor in src/core/codings. Each command takes a tree
// node, or an object naming the code and the answers (used by keybindings and tests), or nothing
// (then the tree's selection, else a quick pick).
import * as vscode from 'vscode';
import { addCode, describeCode, mergeCode, moveCode, recolourCode, removeCode, renameCode } from '../core/codebook/edit';
import { isValidName, sameName } from '../core/codebook/codebook';
import { isColour } from '../core/codebook/colour';
import { newCodeId } from '../core/codebook/ids';
import { PALETTE, paletteColour } from '../core/codebook/palette';
import { applyRecode, type CodingMemo, codingsUsing, deleteRecode, mergeRecode, planRecode, RecodeRefusedError } from '../core/codings/refactor';
import type { Code } from '../core/model';
import type { Study } from '../core/study/study';
import type { StudyService } from '../study/study-service';
import { showWithUndo } from '../history/register';
import { pickCode } from './pick';
import type { Swatches } from './swatches';
import type { CodebookNode } from './tree';

/** A command's first argument: a tree node, or `{ codeId, … }`. */
export type CodeArgument = CodebookNode | { readonly codeId?: string; readonly [key: string]: unknown } | undefined;

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

  /** The code a command is about: from its argument, the tree's selection, or a quick pick. */
  private async codeOf(arg: CodeArgument, title: string): Promise<Code | undefined> {
    const study = this.study;
    if (!study) return undefined;
    let id: string | undefined;
    const node = arg as CodebookNode | undefined;
    if (node?.kind === 'code') id = node.id;
    else if (node?.kind === 'segment' || node?.kind === 'more') id = node.codeId;
    else if (arg && typeof (arg as { codeId?: unknown }).codeId === 'string') id = (arg as { codeId: string }).codeId;
    else id = this.ctx.selectedCode();
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
    const id = argument(arg, 'newId') ?? newCodeId();
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
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Colour of {0}', code.name), placeHolder: code.colour });
      if (!picked) return;
      if (picked === custom) {
        const typed = await vscode.window.showInputBox({
          title: vscode.l10n.t('Colour of {0}', code.name),
          prompt: vscode.l10n.t('A colour as #RRGGBB'),
          value: code.colour ?? '#',
          validateInput: (value) => (isColour(normaliseHex(value)) ? undefined : vscode.l10n.t('Write the colour as # and six hexadecimal digits, e.g. #4E79A7.')),
        });
        if (typed === undefined) return;
        colour = normaliseHex(typed);
      } else colour = picked.colour;
    }
    const value = colour === null ? undefined : colour;
    await this.edit(vscode.l10n.t('Recolour “{0}”', code.name), (text) => recolourCode(text, code.id, value), code.id);
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
    const plan = planRecode(study.codingsFileList, mergeRecode(source.id, target.id));
    if (plan.blocked.length > 0) throw new RecodeRefusedError(plan.blocked);
    if (argument<boolean>(arg, 'confirm') !== false) {
      const use = codingsUsing(study.codingsFileList, new Set([source.id]));
      const children = study.codebook.children(source.id).length;
      const detail = [
        vscode.l10n.t('{0} codings in {1} documents, by {2} coders, move to “{3}”.', use.codings, use.documents, use.coders, target.name),
        ...(children > 0 ? [vscode.l10n.t('Its {0} sub-codes move under “{1}”.', children, target.name)] : []),
        vscode.l10n.t('“{0}” leaves the codebook.', source.name),
      ].join('\n');
      const merge = vscode.l10n.t('Merge');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Merge “{0}” into “{1}”?', source.name, target.name), { modal: true, detail }, merge);
      if (answer !== merge) return;
    }
    // The codebook first: if writing a codings file fails afterwards, its codings keep the old
    // code id and show as "unknown code" (visible, re-codable), never lost.
    const documents = await this.ctx.study.history.record(vscode.l10n.t('Merge “{0}” into “{1}”', source.name, target.name), async () => {
      await study.editCodebook((text) => mergeCode(text, source.id, target.id));
      return applyRecode(study, plan);
    });
    this.notifyAll(documents);
    await this.ctx.changed(target.id);
    const folded = plan.folded > 0 ? ' ' + vscode.l10n.t('{0} identical codings were folded into one each.', plan.folded) : '';
    void showWithUndo(this.ctx.study.history, vscode.l10n.t('Merged “{0}” into “{1}”: {2} codings moved.', source.name, target.name, plan.moved) + folded);
  }

  async delete(arg: CodeArgument): Promise<void> {
    const code = await this.codeOf(arg, vscode.l10n.t('Delete a code'));
    const study = this.study;
    if (!code || !study) return;
    const parent = code.parentId === undefined ? undefined : study.codebook.get(code.parentId);
    const children = study.codebook.children(code.id).length;
    const use = codingsUsing(study.codingsFileList, new Set([code.id]));
    let choice = argument<'parent' | 'remove'>(arg, 'codings');
    if (choice === undefined) {
      const lines = [
        use.codings === 0
          ? vscode.l10n.t('No coding uses it.')
          : vscode.l10n.t('It has {0} codings in {1} documents, by {2} coders.', use.codings, use.documents, use.coders),
      ];
      if (children > 0) {
        lines.push(parent ? vscode.l10n.t('Its {0} sub-codes move up under “{1}”.', children, parent.name) : vscode.l10n.t('Its {0} sub-codes move up to the top level.', children));
      }
      lines.push(...memoLines(use.memos));
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
    const plan = planRecode(study.codingsFileList, deleteRecode(code.id, choice === 'parent' ? parent!.id : null));
    if (plan.blocked.length > 0) throw new RecodeRefusedError(plan.blocked);
    const documents = await this.ctx.study.history.record(vscode.l10n.t('Delete “{0}”', code.name), async () => {
      await study.editCodebook((text) => removeCode(text, code.id, { children: 'reparent' }));
      return applyRecode(study, plan);
    });
    this.notifyAll(documents);
    await this.ctx.changed(parent?.id);
    void showWithUndo(
      this.ctx.study.history,
      plan.moved > 0
        ? vscode.l10n.t('Deleted “{0}”; {1} codings moved to “{2}”.', code.name, plan.moved, parent?.name ?? '')
        : plan.removed > 0
          ? vscode.l10n.t('Deleted “{0}” and its {1} codings.', code.name, plan.removed)
          : vscode.l10n.t('Deleted “{0}”.', code.name),
    );
  }

  private notifyAll(documents: readonly string[]): void {
    this.ctx.study.notify({ kind: 'codebook' });
    for (const documentPath of documents) this.ctx.study.notify({ kind: 'codings', documentPath });
  }
}

/** A named answer passed in the command's argument object (tree nodes carry none of these keys). */
function argument<T = string>(arg: CodeArgument, key: 'name' | 'colour' | 'description' | 'newId' | 'parentId' | 'targetId' | 'confirm' | 'codings'): T | undefined {
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
    vscode.l10n.t('Deleting its codings also deletes the {0} memos written on them:', memos.length),
    ...memos.slice(0, NAMED_MEMOS).map((m) => `• “${flat(m.memo)}” (${m.coder}, ${m.documentPath})`),
    ...(memos.length > NAMED_MEMOS ? [vscode.l10n.t('…and {0} more.', memos.length - NAMED_MEMOS)] : []),
  ];
}

function nameProblem(value: string, siblings: readonly Code[]): string | undefined {
  if (!isValidName(value)) return vscode.l10n.t('A name is one line and not empty.');
  const twin = siblings.find((s) => sameName(s.name, value));
  return twin ? vscode.l10n.t('“{0}” already has this name here; names differ among siblings.', twin.name) : undefined;
}

function normaliseHex(value: string): string {
  const trimmed = value.trim();
  const hex = trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
  return /^#[0-9a-fA-F]{3}$/.test(hex) ? `#${[...hex.slice(1)].map((c) => c + c).join('')}`.toUpperCase() : hex.toUpperCase();
}
