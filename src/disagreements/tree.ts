// The Disagreements view: the passages where two sides differ, by document, then code, each with
// its kind and a short quote; what was not compared (orphans, documents one side has not coded,
// texts that cannot be read) in a group of its own at the top.
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as count from '../ui/counts';
import type { Disagreement, PassagePart } from '../core/agreement/disagreements';
import type { Coding } from '../core/model';
import { escapeMarkdown } from '../core/retrieval/markdown';
import { sliceCodePoints } from '../core/text/offsets';
import type { StudyService } from '../study/study-service';
import { ownSide, type Comparison } from './comparison';

export type DisagreementsNode =
  | { readonly kind: 'notCompared'; readonly lines: readonly string[] }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'document'; readonly path: string; readonly passages: readonly Disagreement<Coding>[] }
  | { readonly kind: 'code'; readonly path: string; readonly code: string; readonly passages: readonly Disagreement<Coding>[] }
  | { readonly kind: 'passage'; readonly passage: Disagreement<Coding> };

const QUOTE_LENGTH = 80;

/** The code a passage is listed under: side A's (for different codes), else the side that coded it. */
export function listedCode(passage: Disagreement<Coding>): string {
  return (passage.a ?? passage.b)!.code;
}

export class DisagreementsProvider implements vscode.TreeDataProvider<DisagreementsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DisagreementsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  comparison: Comparison | undefined;

  constructor(private readonly study: StudyService) {}

  show(comparison: Comparison | undefined): void {
    this.comparison = comparison;
    this.changed.fire(undefined);
  }

  getChildren(node?: DisagreementsNode): DisagreementsNode[] {
    const comparison = this.comparison;
    if (!comparison) return [];
    if (!node) {
      const byDocument = new Map<string, Disagreement<Coding>[]>();
      for (const p of comparison.report.passages) byDocument.set(p.document, [...(byDocument.get(p.document) ?? []), p]);
      const lines = this.notComparedLines(comparison);
      return [
        ...(lines.length > 0 ? [{ kind: 'notCompared' as const, lines }] : []),
        ...[...byDocument].map(([documentPath, passages]) => ({ kind: 'document' as const, path: documentPath, passages })),
      ];
    }
    if (node.kind === 'notCompared') return node.lines.map((text) => ({ kind: 'note', text }));
    if (node.kind === 'document') {
      const byCode = new Map<string, Disagreement<Coding>[]>();
      for (const p of node.passages) byCode.set(listedCode(p), [...(byCode.get(listedCode(p)) ?? []), p]);
      const name = (code: string) => this.study.current?.codebook.pathLabel(code) || code;
      return [...byCode]
        .sort(([x], [y]) => (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0))
        .map(([code, passages]) => ({ kind: 'code', path: node.path, code, passages }));
    }
    if (node.kind === 'code') return node.passages.map((passage) => ({ kind: 'passage', passage }));
    return [];
  }

  getTreeItem(node: DisagreementsNode): vscode.TreeItem {
    const comparison = this.comparison!;
    switch (node.kind) {
      case 'notCompared': {
        const item = new vscode.TreeItem(vscode.l10n.t('Not compared'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'notCompared';
        item.description = String(node.lines.length);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = vscode.l10n.t('Orphans, documents one side has not coded and texts that cannot be read are left out of the comparison, never counted as disagreement.');
        item.contextValue = 'disagreementsNotCompared';
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.text;
        item.contextValue = 'disagreementsNote';
        return item;
      }
      case 'document': {
        const item = new vscode.TreeItem(path.posix.basename(node.path), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `document/${node.path}`;
        item.resourceUri = this.study.uriOf(node.path);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = count.passages(node.passages.length);
        item.tooltip = node.path;
        item.contextValue = 'disagreementsDocument';
        return item;
      }
      case 'code': {
        const codebook = this.study.current?.codebook;
        const item = new vscode.TreeItem(codebook?.get(node.code)?.name ?? node.code, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `code/${node.path}/${node.code}`;
        item.iconPath = new vscode.ThemeIcon('tag');
        item.description = count.passages(node.passages.length);
        item.tooltip = codebook?.has(node.code) ? codebook.pathLabel(node.code) : vscode.l10n.t('{0} (not in the codebook)', node.code);
        item.contextValue = 'disagreementsCode';
        return item;
      }
      case 'passage':
        return this.passageItem(comparison, node.passage);
    }
  }

  private passageItem(comparison: Comparison, p: Disagreement<Coding>): vscode.TreeItem {
    const text = comparison.documents.get(p.document)?.text ?? '';
    // The kind first, so that it is never cut off; the quote after it.
    const item = new vscode.TreeItem(this.kindText(comparison, p), vscode.TreeItemCollapsibleState.None);
    item.id = `passage/${p.document}/${p.kind}/${p.span.start}-${p.span.end}/${p.a?.code ?? ''}/${p.b?.code ?? ''}/${p.a?.spans[0]?.start ?? ''}/${p.b?.spans[0]?.start ?? ''}`;
    item.description = `“${shortQuote(sliceCodePoints(text, p.span.start, p.span.end))}”`;
    item.iconPath = new vscode.ThemeIcon(p.kind === 'oneSide' ? 'person' : p.kind === 'differentCodes' ? 'arrow-swap' : 'symbol-ruler');
    const tooltip = new vscode.MarkdownString(this.tooltip(comparison, p, text));
    item.tooltip = tooltip;
    item.contextValue = adoptableSides(comparison, p, this.study.coder).length > 0 ? 'disagreementsPassage.adoptable' : 'disagreementsPassage';
    item.command = { command: 'gloss.disagreements.open', title: vscode.l10n.t('Show Both Codings Side by Side'), arguments: [{ kind: 'passage', passage: p }] };
    return item;
  }

  /** The passage's kind as the list says it: who coded it, the other code, or by how much the boundaries differ. */
  private kindText(comparison: Comparison, p: Disagreement<Coding>): string {
    const [a, b] = comparison.labels;
    if (p.kind === 'oneSide') return vscode.l10n.t('Only {0}', p.a ? a : b);
    if (p.kind === 'differentCodes') return vscode.l10n.t('{0}: {1} instead', b, this.codeName(p.b!.code));
    return vscode.l10n.t('Boundaries differ by {0}', count.characters(p.difference));
  }

  private tooltip(comparison: Comparison, p: Disagreement<Coding>, text: string): string {
    const kind =
      p.kind === 'oneSide'
        ? vscode.l10n.t('One side coded this passage, the other did not.')
        : p.kind === 'differentCodes'
          ? vscode.l10n.t('The sides coded this passage with different codes.')
          : vscode.l10n.t('Both sides coded this passage with the code, with different boundaries ({0} differ).', count.characters(p.difference));
    const side = (label: string, part: PassagePart<Coding> | undefined) =>
      part
        ? `**${escapeMarkdown(label)}** · ${escapeMarkdown(this.codeName(part.code))}: ${part.spans.map((s) => `“${escapeMarkdown(shortQuote(sliceCodePoints(text, s.start, s.end), 200))}”`).join(' … ')}`
        : `**${escapeMarkdown(label)}**: ${vscode.l10n.t('not coded')}`;
    return [kind, '', side(comparison.labels[0], p.a), '', side(comparison.labels[1], p.b)].join('\n');
  }

  private codeName(code: string): string {
    return this.study.current?.codebook.get(code)?.name ?? code;
  }

  private notComparedLines(comparison: Comparison): string[] {
    const lines: string[] = [];
    const [a, b] = comparison.labels;
    for (const { document, missing } of comparison.report.notCompared) {
      lines.push(vscode.l10n.t('{0}: not coded by {1}', path.posix.basename(document), missing.map((m) => (m === 'a' ? a : b)).join(', ')));
    }
    for (const document of comparison.missingTexts) lines.push(vscode.l10n.t('{0}: the transcript cannot be read', path.posix.basename(document)));
    const orphans = new Map<string, number>();
    for (const o of comparison.report.orphans) {
      const key = `${o.document}\0${o.side}`;
      orphans.set(key, (orphans.get(key) ?? 0) + 1);
    }
    for (const [key, n] of orphans) {
      const [document, side] = key.split('\0');
      lines.push(vscode.l10n.t('{0}: {1} of {2} not found in the current text (orphans)', path.posix.basename(document), count.codings(n), side === 'a' ? a : b));
    }
    for (const problem of comparison.problems) lines.push(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
    return lines;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The sides whose codings of the passage can be copied into the current coder's file: every side that coded it but the coder's own working tree. */
export function adoptableSides(comparison: Comparison, p: Disagreement<Coding>, coder: string): ('a' | 'b')[] {
  const own = ownSide(comparison, coder);
  return (['a', 'b'] as const).filter((side) => p[side] !== undefined && side !== own);
}

function shortQuote(text: string, length = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
