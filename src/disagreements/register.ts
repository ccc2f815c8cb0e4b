// The disagreements feature: "Gloss: Compare Two Coders' Codings…" lists, in the Disagreements view,
// the passages where two sides (a coder in the working tree or at a Git ref) differ; a passage
// opens both codings side by side; "Adopt This Coding" copies the other side's coding into your
// own file. gloss.showDisagreements also takes { sides, code?, documents?, rollUp? } (the agreement
// view calls it so) and returns { sides, passages } or { error } for bad input.
import * as vscode from 'vscode';
import { registerCommand } from '../util/commands';
import { registerTestCommands } from '../util/test-mode';
import { showWithUndo } from '../study/undo-message';
import type { Disagreement } from '../core/agreement/disagreements';
import type { Coding } from '../core/model';
import type { StudyFeature } from '../study/register';
import { setContext } from '../util/context';
import { adopt } from './adopt';
import { checkArguments, compare, type Comparison, type DisagreementsArguments } from './comparison';
import { pickSides } from './pick-sides';
import { SideBySide } from './side-by-side';
import { adoptableSides, DisagreementsProvider, type DisagreementsNode } from './tree';

/** Changes on disk arrive in bursts (a checkout, a save): compared again once they settle. */
const RECOMPARE_DELAY_MS = 300;

export function registerDisagreements(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study } = feature;
  const provider = new DisagreementsProvider(study);
  const view = vscode.window.createTreeView('gloss.disagreements', { treeDataProvider: provider, showCollapseAll: true });
  const sideBySide = new SideBySide(study);
  let args: DisagreementsArguments | undefined;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const show = (comparison: Comparison | undefined, failure?: string) => {
    provider.show(comparison);
    void setContext('gloss.disagreementsShown', comparison !== undefined);
    view.description = comparison ? `${comparison.labels[0]} ↔ ${comparison.labels[1]}` : undefined;
    const code = comparison?.args.code;
    const filter = code ? vscode.l10n.t('Code “{0}” only. ', study.current?.codebook.get(code)?.name ?? code) : '';
    view.message =
      failure ??
      (comparison && comparison.report.passages.length === 0
        ? filter + vscode.l10n.t('{0} and {1} agree on every passage compared.', comparison.labels[0], comparison.labels[1])
        : comparison && filter
          ? filter
          : undefined);
  };

  /** Compares the current arguments again; the latest call wins. */
  const recompare = async (): Promise<void> => {
    clearTimeout(timer);
    const mine = ++generation;
    if (!args) return show(undefined);
    try {
      const comparison = await compare(feature, args);
      if (mine === generation) show(comparison);
    } catch (error) {
      if (mine === generation) {
        sideBySide.clear();
        show(undefined, vscode.l10n.t('The comparison could not be made again: {0}', message(error)));
      }
    }
  };

  const showDisagreements = async (value?: unknown): Promise<{ sides: readonly string[]; passages: number } | { error: string } | undefined> => {
    let given: DisagreementsArguments;
    try {
      // Blind coding keeps other coders' codings out of sight: comparing would show them.
      if (study.blind) throw new Error(vscode.l10n.t('Blind coding is on; turn it off to compare coders.'));
      if (value === undefined) {
        const sides = await pickSides(study);
        if (!sides) return undefined;
        given = { sides };
      } else given = checkArguments(value);
      const comparison = await compare(feature, given);
      args = given;
      ++generation;
      sideBySide.clear();
      show(comparison);
      await vscode.commands.executeCommand('gloss.disagreements.focus');
      return { sides: comparison.labels, passages: comparison.report.passages.length };
    } catch (error) {
      // Bad input (an unknown ref, a coder with no codings): said, and the list left as it was.
      study.log.warn(`Disagreements: ${message(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The codings were not compared: {0}', message(error)));
      return { error: message(error) };
    }
  };

  const passageOf = (node: unknown): Disagreement<Coding> | undefined => {
    const n = node as DisagreementsNode | undefined;
    return n?.kind === 'passage' ? n.passage : undefined;
  };

  const adoptPassage = async (node: unknown, options?: { side?: 'a' | 'b' }) => {
    const comparison = provider.comparison;
    const p = passageOf(node);
    if (!comparison || !p) return undefined;
    const sides = adoptableSides(comparison, p, study.coder);
    if (sides.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Only you coded this passage: there is nothing to adopt.'));
      return undefined;
    }
    let side = options?.side ?? (sides.length === 1 ? sides[0] : undefined);
    if (side === undefined) {
      const picked = await vscode.window.showQuickPick(
        sides.map((s) => ({ label: comparison.labels[s === 'a' ? 0 : 1], side: s })),
        { title: vscode.l10n.t('Adopt whose coding into your own codings ({0})?', study.coder) },
      );
      side = picked?.side;
    }
    if (side === undefined || !sides.includes(side)) return undefined;
    try {
      const result = await adopt(feature, comparison, p, side);
      await recompare();
      void showWithUndo(study.history, result.message);
      return result;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The coding was not adopted: {0}', message(error)));
      return { error: message(error) };
    }
  };


  context.subscriptions.push(
    provider,
    view,
    sideBySide,
    { dispose: () => clearTimeout(timer) },
    study.onDidChange(() => {
      if (!args) return;
      clearTimeout(timer);
      timer = setTimeout(() => void recompare(), RECOMPARE_DELAY_MS);
    }),
    // Which passages can be adopted depends on who the current coder is.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gloss.coder')) provider.show(provider.comparison);
      // Blind coding turned on: the list showed other coders' codings, so it goes.
      if (e.affectsConfiguration('gloss.blindCoding') && study.blind && args) {
        args = undefined;
        sideBySide.clear();
        void recompare();
      }
    }),
    registerCommand('gloss.showDisagreements', showDisagreements),
    registerCommand('gloss.disagreements.refresh', recompare),
    registerCommand('gloss.disagreements.clear', () => {
      args = undefined;
      sideBySide.clear();
      return recompare();
    }),
    registerCommand('gloss.disagreements.open', async (node: unknown) => {
      const p = passageOf(node);
      if (provider.comparison && p) await sideBySide.open(provider.comparison, p);
    }),
    registerCommand('gloss.disagreements.adopt', adoptPassage),
  );
  // For the integration tests: what the view lists and what the side-by-side editors show.
  registerTestCommands(context, { 'gloss.test.disagreements': () => snapshot(provider, view, sideBySide) });
}

function snapshot(provider: DisagreementsProvider, view: vscode.TreeView<DisagreementsNode>, sideBySide: SideBySide) {
  const walk = (node: DisagreementsNode | undefined): unknown[] =>
    provider.getChildren(node).map((child) => {
      const item = provider.getTreeItem(child);
      return {
        node: child,
        label: typeof item.label === 'string' ? item.label : item.label?.label,
        description: item.description,
        contextValue: item.contextValue,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        children: walk(child),
      };
    });
  return { labels: provider.comparison?.labels, description: view.description, message: view.message, tree: walk(undefined), shown: sideBySide.shown };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
