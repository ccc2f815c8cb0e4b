// The hover on a coded passage: each code with its path and colour, who coded it and when, the
// coding's memo, and links to remove the coding, write its memo or show its code. The links run
// only this feature's commands (a trusted MarkdownString restricted to them).
import * as vscode from 'vscode';
import { coderSlug } from '../core/codings/paths';
import { pageAt } from '../core/documents/document-text';
import { TextIndex } from '../core/text/offsets';
import type { StudyFeature } from '../study/register';
import { CodingOriginLines } from './coding-origin';
import type { CodeFocus } from './focus';
import type { OpenTranscripts } from './open-transcripts';
import type { LiveCoding } from '../core/study/tracked-document';

const HOVER_COMMANDS = ['gloss.removeCoding', 'gloss.editCodingMemo', 'gloss.coding.revealCode'];

function commandLink(label: string, command: string, args: object, tooltip: string): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${tooltip.replace(/"/g, "'")}")`;
}

/** Escapes text for Markdown (user text: quotes, memos, names). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

/** A memo of several lines as Markdown: each line escaped and kept on its own line. */
export function memoMarkdown(memo: string): string {
  return memo
    .split('\n')
    .map((line) => escapeMarkdown(line.trim()))
    .join('  \n');
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'short', day: 'numeric' });
}

export class CodingHoverProvider implements vscode.HoverProvider {
  private readonly origins = new CodingOriginLines();

  constructor(
    private readonly feature: StudyFeature,
    private readonly transcripts: OpenTranscripts,
    private readonly focus: CodeFocus,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const transcript = this.transcripts.get(document);
    const study = this.feature.study.current;
    const codebook = study?.codebook;
    if (!transcript || !study || !codebook) return undefined;
    const here = transcript.tracked.codingsAt(document.offsetAt(position), false).filter((c) => this.focus.shows(c.coding.code));
    if (here.length === 0) return undefined;
    // Which commit added each coding: Git runs now that a hover shows, never while typing.
    const origins = await Promise.all(here.map(({ coding }) => this.origins.line(study, transcript.path, coding, formatDate)));
    const mine = coderSlug(this.feature.study.coder);
    const markdown = new vscode.MarkdownString('', true);
    markdown.supportHtml = true;
    markdown.isTrusted = { enabledCommands: HOVER_COMMANDS };
    const text = document.getText();
    // Imported PDFs mark where each page starts (`[page N]` lines): the page to cite.
    const index = text.includes('[page ') ? TextIndex.forText(text) : undefined;
    here.forEach(({ coding, start }, i) => {
      if (i > 0) markdown.appendMarkdown('\n\n---\n\n');
      const code = codebook.get(coding.code);
      const swatch = code?.colour ? `<span style="color:${code.colour};">■</span> ` : '';
      const path = code ? codebook.pathLabel(code.id) : vscode.l10n.t('{0} (not in the codebook)', coding.code);
      markdown.appendMarkdown(`${swatch}**${escapeMarkdown(path)}**  \n`);
      markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('coded by {0}, {1}', coding.coder, formatDate(coding.created))));
      const page = index && pageAt(text, index.toCodePointOffset(start));
      if (page !== undefined) markdown.appendMarkdown(`  \n${escapeMarkdown(vscode.l10n.t('page {0}', page))}`);
      if (origins[i] !== undefined) markdown.appendMarkdown(`  \n$(git-commit) ${escapeMarkdown(origins[i]!)}`);
      if (coding.memo) markdown.appendMarkdown(`\n\n$(note) ${memoMarkdown(coding.memo)}`);
      const links = [commandLink(vscode.l10n.t('Show code'), 'gloss.coding.revealCode', { codeId: coding.code }, vscode.l10n.t('Show this code'))];
      if (coderSlug(coding.coder) === mine) {
        links.push(
          commandLink(coding.memo ? vscode.l10n.t('Edit memo') : vscode.l10n.t('Write memo'), 'gloss.editCodingMemo', { codingId: coding.id }, vscode.l10n.t('Write the memo of this coding')),
          commandLink(vscode.l10n.t('Remove'), 'gloss.removeCoding', { codingId: coding.id }, vscode.l10n.t('Remove this coding')),
        );
      }
      markdown.appendMarkdown(`\n\n${links.join(' · ')}`);
    });
    const innermost = here.reduce((a: LiveCoding, b) => (b.end - b.start < a.end - a.start ? b : a));
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(innermost.start), document.positionAt(innermost.end)));
  }
}
