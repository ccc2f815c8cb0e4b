// A report as Markdown: transcript text and names escaped so that Markdown shows them as written
// (retrieval/markdown.ts), quotations as the retrieval's block quotations, tables as the matrices'.
import { markdownTable } from '../matrix/export';
import { escapeMarkdown } from '../retrieval/markdown';
import { DEFAULT_QUOTATION_TEMPLATE, formatQuotation } from '../retrieval/quotation';
import type { Block, Report } from './model';

export function reportMarkdown(report: Report): string {
  const out = [`# ${escapeMarkdown(report.title)}`, '', escapeMarkdown(report.subtitle), ''];
  for (const block of report.blocks) out.push(blockMarkdown(block), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'facts':
      return block.facts.map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`).join('\n');
    case 'table':
      return markdownTable(block.header.map(tableText), block.rows.map((row) => row.map(tableText)), block.numeric).trimEnd();
    case 'quotation':
      return formatQuotation(block.segment, DEFAULT_QUOTATION_TEMPLATE, block.source);
  }
}

/**
 * Text for a table cell: markup characters as character references, which markdownTable leaves
 * alone (it escapes pipes and backslashes and turns line breaks into <br>).
 */
function tableText(text: string): string {
  return text.replace(/[&<>*_`[\]]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
