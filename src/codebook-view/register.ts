// The codebook feature: the Codebook view in the Gloss activity bar container, its commands,
// drag and drop, the filter, revealing the code under the cursor, and the example study.
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import { registerCommand, runReported } from '../util/commands';
import { registerTestCommands } from '../util/test-mode';
import type { StudyFeature } from '../study/register';
import { TextIndex } from '../core/text/offsets';
import { formatQuotations } from '../core/retrieval/quotation';
import { openAtSource, isSourceSpan } from '../ui/open-at-source';
import { quotationTemplate } from '../ui/quotation-template';
import { CodebookCommands, type CodeArgument } from './commands';
import { openExampleStudy } from './example';
import { shownCodePick } from '../ui/code-pick';
import { Swatches } from '../ui/swatches';
import { CodebookTreeProvider, type CodebookNode } from './tree';

export function registerCodebookView(context: vscode.ExtensionContext, feature: StudyFeature): void {
  const { study, placements } = feature;
  const swatches = new Swatches(context.globalStorageUri);
  const provider = new CodebookTreeProvider(study, placements, swatches, (ids, parentId) => runReported('Moving codes', () => c.moveCodes(ids, parentId)));
  const view = vscode.window.createTreeView('gloss.codebook', {
    treeDataProvider: provider,
    dragAndDropController: provider,
    showCollapseAll: true,
    canSelectMany: true,
  });

  // Only a selected code counts: Delete or F2 on a segment row must not touch its code.
  const selectedCode = (): string | undefined => {
    const node = view.selection[0];
    return node?.kind === 'code' ? node.id : undefined;
  };

  const reveal = async (given: string, focus = true): Promise<void> => {
    const codeId = study.current?.codebook.resolve(given) ?? given;
    const model = provider.current();
    if (model && !model.isVisible(codeId)) await setFilter(undefined);
    const node = provider.codeNode(codeId);
    if (!node) return;
    // A reveal that reaches the workbench while it is still redrawing the tree (just after an
    // edit or a filter change) can be dropped; try again until the code is selected, waiting
    // longer each time, so that a busy machine (a redraw of seconds) still ends with it selected.
    for (let wait = 600; wait <= 9600; wait *= 2) {
      await provider.settled();
      await view.reveal(node, { select: true, focus, expand: false });
      if (await selected(codeId, wait)) return;
    }
  };

  /** Whether the tree's selection is (or within `ms` becomes) the code. */
  const selected = (codeId: string, ms: number): Promise<boolean> => {
    const isSelected = () => view.selection.some((n) => n.kind === 'code' && n.id === codeId);
    if (isSelected()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        listener.dispose();
        resolve(isSelected());
      }, ms);
      const listener = view.onDidChangeSelection(() => {
        if (!isSelected()) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(true);
      });
    });
  };

  const updateContext = () => {
    const codebook = study.current?.codebook;
    void vscode.commands.executeCommand('setContext', 'gloss.codebookEmpty', !codebook || codebook.size === 0);
    const model = provider.filter ? provider.current() : undefined;
    const notes = [study.blind ? vscode.l10n.t('Blind: only your codings') : undefined, provider.filter ? vscode.l10n.t('Filter: {0}', provider.filter) : undefined];
    view.description = notes.filter((note) => note !== undefined).join(' · ') || undefined;
    view.message =
      model?.filtered && model.matchCount === 0 ? vscode.l10n.t('No code matches “{0}”.', provider.filter ?? '') : undefined;
  };

  const setFilter = async (text: string | undefined): Promise<void> => {
    provider.setFilter(text);
    await vscode.commands.executeCommand('setContext', 'gloss.codebookFiltered', provider.filter !== undefined);
    updateContext();
  };

  const c = new CodebookCommands({
    study,
    swatches,
    selectedCode,
    changed: async (select) => {
      provider.refresh();
      updateContext();
      // Selecting the changed code follows the tree's redraw; the command does not wait for it.
      if (select && study.current?.codebook.has(select)) void reveal(select, false).catch(() => undefined);
    },
  });

  context.subscriptions.push(
    provider,
    view,
    study.onDidChange(() => updateContext()),
    registerCommand('gloss.codebook.addCode', (arg?: CodeArgument) => c.add('top', arg)),
    registerCommand('gloss.codebook.addSubcode', (arg?: CodeArgument) => c.add('child', arg)),
    registerCommand('gloss.codebook.addSibling', (arg?: CodeArgument) => c.add('sibling', arg)),
    registerCommand('gloss.codebook.rename', (arg?: CodeArgument) => c.rename(arg)),
    registerCommand('gloss.codebook.recolour', (arg?: CodeArgument) => c.recolour(arg)),
    registerCommand('gloss.codebook.describe', (arg?: CodeArgument) => c.describe(arg)),
    registerCommand('gloss.codebook.move', (arg?: CodeArgument) => c.move(arg)),
    registerCommand('gloss.codebook.merge', (arg?: CodeArgument) => c.merge(arg)),
    registerCommand('gloss.codebook.delete', async (arg?: CodeArgument, selected?: unknown) => {
      // The Delete key on a multiple selection deletes one code at a time, each confirmed.
      const fromKeybinding = (arg as { treeSelection?: unknown } | undefined)?.treeSelection === true;
      const nodes = (fromKeybinding ? [...view.selection] : Array.isArray(selected) ? (selected as CodebookNode[]) : []).filter((n) => n.kind === 'code');
      if (nodes.length > 1) for (const node of nodes) await c.delete(node);
      else await c.delete(arg);
    }),
    registerCommand('gloss.codebook.filter', async (arg?: CodeArgument) => {
      const given = arg && typeof (arg as { text?: unknown }).text === 'string' ? (arg as { text: string }).text : undefined;
      const text =
        given ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Filter the codebook'),
          prompt: vscode.l10n.t('Shows codes whose name, description or id contains the text, with their parents. Empty: all codes.'),
          value: provider.filter ?? '',
        }));
      if (text === undefined) return;
      await setFilter(text);
      await vscode.commands.executeCommand('gloss.codebook.focus');
    }),
    registerCommand('gloss.codebook.clearFilter', () => setFilter(undefined)),
    registerCommand('gloss.removeMyCodingsOfMissingCodes', (arg?: CodeArgument) => c.removeMyCodingsOfMissingCodes(arg)),
    registerCommand('gloss.revealCode', async (arg?: CodeArgument) => {
      const given = arg && typeof (arg as { codeId?: unknown }).codeId === 'string' ? (arg as { codeId: string }).codeId : undefined;
      const codeId = given ?? (await codeUnderCursor());
      if (!codeId) return;
      await vscode.commands.executeCommand('gloss.codebook.focus');
      await reveal(codeId);
    }),
    registerCommand('gloss.openSegment', async (arg: unknown) => {
      if (!isSourceSpan(arg)) return;
      if ((arg as { orphan?: boolean }).orphan) {
        void vscode.window.showWarningMessage(vscode.l10n.t('This coding was not found in the current text of {0}; its stored quote is in the tooltip.', arg.documentPath));
        return;
      }
      await openAtSource(study, arg);
    }),
    registerCommand('gloss.copyQuotation', async (arg?: CodeArgument, selected?: unknown) => {
      const nodes = (Array.isArray(selected) ? (selected as CodebookNode[]) : [arg as CodebookNode]).filter(
        (n): n is CodebookNode & { kind: 'segment' } => n?.kind === 'segment',
      );
      if (nodes.length === 0) return;
      await vscode.env.clipboard.writeText(formatQuotations(nodes.map((n) => n.row.segment), quotationTemplate()));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}.', count.quotations(nodes.length)), 3000);
    }),
    registerCommand('gloss.openExampleStudy', (arg?: { destination?: string; open?: boolean }) => openExampleStudy(context, arg)),
  );
  // For the integration tests: what the tree shows, what it has selected and open.
  const expanded = new Set<string>();
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const key = (n: CodebookNode) => (n.kind === 'code' ? n.id : `${n.kind}/${n.codeId}`);
    context.subscriptions.push(
      view.onDidExpandElement((e) => expanded.add(key(e.element))),
      view.onDidCollapseElement((e) => expanded.delete(key(e.element))),
    );
  }
  registerTestCommands(context, {
    'gloss.test.codebookTree': (options?: { segments?: boolean }) => provider.snapshot(options ?? {}),
    'gloss.test.codebookView': () => ({ description: view.description, message: view.message }),
    'gloss.test.codebookSelection': () => view.selection.map((n) => (n.kind === 'code' ? n.id : n.codeId)),
    'gloss.test.codebookExpanded': () => [...expanded],
    // The row object of a code, and a reveal of a row held by the caller (as the reveal after an edit holds one).
    'gloss.test.codebookRow': (id: string) => provider.codeNode(id),
    'gloss.test.codebookReveal': (node: CodebookNode) => view.reveal(node, { select: true, focus: false, expand: false }),
    'gloss.test.codePick': () => shownCodePick(),
  });
  updateContext();

  /** The code of the coding under the cursor of the active transcript (the innermost one). */
  async function codeUnderCursor(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const documentPath = editor && study.relativePathOf(editor.document.uri);
    if (!editor || !documentPath) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a coded passage of a transcript to reveal its code.'));
      return undefined;
    }
    const placed = await placements.get(documentPath);
    const index = TextIndex.forEditorText(editor.document.getText());
    const offset = index.toCodePointOffset(editor.document.offsetAt(editor.selection.active));
    const codebook = study.current?.codebook;
    const here = (placed?.codings ?? [])
      .filter((p) => p.span && p.span.start <= offset && offset <= p.span.end && codebook?.has(p.coding.code))
      .sort((a, b) => a.span!.end - a.span!.start - (b.span!.end - b.span!.start));
    const codes = [...new Set(here.map((p) => codebook!.resolve(p.coding.code)))];
    if (codes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No coding at the cursor.'));
      return undefined;
    }
    if (codes.length === 1 || !codebook) return codes[0];
    const picked = await vscode.window.showQuickPick(
      codes.map((id) => ({ label: codebook.get(id)!.name, description: codebook.pathLabel(id), id, iconPath: swatches.icon(codebook.get(id)!.colour) })),
      { title: vscode.l10n.t('Several codes here: reveal which?') },
    );
    return picked?.id;
  }
}
