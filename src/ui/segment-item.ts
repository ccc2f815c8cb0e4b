// A segment's row in a tree view (the Codebook and Segments views): first words, where it is, the
// quotation in context as its tooltip, and a click that opens it at its source.
import * as vscode from 'vscode';
import { escapeMarkdown, sourceReference } from '../core/retrieval/markdown';
import type { SegmentRow } from '../core/retrieval/segment-row';

export function segmentItem(row: SegmentRow): vscode.TreeItem {
  const { segment } = row;
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.description = row.description;
  item.id = `segment/${segment.codeId}/${segment.codingId}`;
  const tooltip = new vscode.MarkdownString();
  if (segment.orphan) tooltip.appendMarkdown(`$(warning) ${vscode.l10n.t('Not found in the current text; this is the stored quote.')}\n\n`);
  tooltip.supportThemeIcons = true;
  const before = segment.before.replace(/\s+/g, ' ').trim();
  const after = segment.after.replace(/\s+/g, ' ').trim();
  tooltip.appendMarkdown(
    `${before ? `*…${escapeMarkdown(before)}* ` : ''}**${escapeMarkdown(segment.text.replace(/\s+/g, ' ').trim())}**${after ? ` *${escapeMarkdown(after)}…*` : ''}\n\n`,
  );
  tooltip.appendMarkdown(`— ${escapeMarkdown(sourceReference(segment))} · ${escapeMarkdown(segment.coder)}`);
  if (segment.memo) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Memo')}: ${escapeMarkdown(segment.memo)}`);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(segment.orphan ? 'warning' : 'quote');
  item.contextValue = segment.orphan ? 'segment.orphan' : 'segment';
  item.command = {
    command: 'gloss.openSegment',
    title: vscode.l10n.t('Open at Source'),
    arguments: [{ documentPath: segment.documentPath, start: segment.start, end: segment.end, orphan: segment.orphan }],
  };
  return item;
}
