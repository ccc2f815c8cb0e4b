// Segments as Markdown: their source for quotations (quotation.ts), and the readable retrieval
// report (each segment with a little context) that the editor shows.
import type { Segment } from './segments';

/**
 * Escapes transcript text so Markdown shows it as written: inline markup characters, and at the
 * start of a line what would open a heading, list, quote, table or code block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_<]|\](?=\()/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+=>|-]|\d+[.)])/gm, (_m, space: string, mark: string) => `${space}${mark.replace(/^(\d*)(.)$/, '$1\\$2')}`);
}

/** The file name of a document path: what a quotation names as its source. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** "12" or "12–14": the lines of a placed segment; empty for an orphan. */
export function lineNumbers(segment: Segment): string {
  if (segment.line === undefined) return '';
  return segment.endLine !== undefined && segment.endLine !== segment.line ? `${segment.line}–${segment.endLine}` : `${segment.line}`;
}

/**
 * "San Aurelio, san-aurelio-ngo-01.txt, line 12, 00:03:10" (orphans: "not found in the current
 * text"; imported PDFs: "…, page 3, line 40"); `full` names the document by its path in the study and adds "coded by" its coder.
 */
export function sourceReference(segment: Segment, detail: 'short' | 'full' = 'short'): string {
  const parts: string[] = [];
  if (segment.caseName) parts.push(segment.caseName);
  parts.push(detail === 'full' ? segment.documentPath : fileName(segment.documentPath));
  if (segment.page !== undefined) parts.push(`page ${segment.page}`);
  if (segment.line !== undefined) {
    parts.push(`${segment.endLine !== undefined && segment.endLine !== segment.line ? 'lines' : 'line'} ${lineNumbers(segment)}`);
  } else {
    parts.push('not found in the current text');
  }
  if (segment.timestamp) parts.push(segment.timestamp);
  if (detail === 'full') parts.push(`coded by ${segment.coder}`);
  return parts.join(', ');
}

export interface ReportHeading {
  /** The title line, e.g. "Segments of Organisation › Policy". */
  readonly title: string;
  /** Lines saying what the retrieval asked for (codes, filters). */
  readonly criteria: readonly string[];
  /** A Markdown link target for a segment's source, e.g. a command URI; none: plain text. */
  readonly link?: (segment: Segment) => string | undefined;
}

/**
 * The retrieval report: segments grouped by code, each with its source, coder, memo and the
 * context around it in italics. Every piece of transcript text is escaped.
 */
export function segmentsReport(segments: readonly Segment[], heading: ReportHeading): string {
  return [...segmentsReportParts(segments, heading)].join('\n');
}

/**
 * The report in parts, to be shown as it is written: its heading, then each segment (after its
 * code's heading when a code begins). The parts joined by line feeds are the report.
 */
export function* segmentsReportParts(segments: readonly Segment[], heading: ReportHeading): Generator<string> {
  const out: string[] = [`# ${escapeMarkdown(heading.title)}`, ''];
  for (const line of heading.criteria) out.push(`- ${escapeMarkdown(line)}`);
  if (heading.criteria.length > 0) out.push('');
  const documents = new Set(segments.map((s) => s.documentPath)).size;
  out.push(`${segments.length} segment${segments.length === 1 ? '' : 's'} in ${documents} document${documents === 1 ? '' : 's'}.`, '');
  const perCode = new Map<string, number>();
  for (const s of segments) perCode.set(s.codeId, (perCode.get(s.codeId) ?? 0) + 1);
  let currentCode: string | undefined;
  for (const s of segments) {
    yield out.join('\n');
    out.length = 0;
    if (s.codeId !== currentCode) {
      currentCode = s.codeId;
      out.push(`## ${escapeMarkdown(s.codePath)} (${perCode.get(s.codeId)})`, '');
    }
    const reference = escapeMarkdown(sourceReference(s));
    const target = heading.link?.(s);
    out.push(`### ${target ? `[${reference}](${target})` : reference}`, '');
    const meta = [`coded by ${escapeMarkdown(s.coder)}`];
    if (s.orphan) meta.push('**orphan**: the passage was not found in the current text; this is the stored quote');
    out.push(meta.join(' · '), '');
    // Emphasis must not begin or end with a space (CommonMark), so the context is trimmed.
    const before = s.before.trim() === '' ? '' : `*…${escapeMarkdown(s.before.replace(/\s+/g, ' ').trim())}*`;
    const after = s.after.trim() === '' ? '' : `*${escapeMarkdown(s.after.replace(/\s+/g, ' ').trim())}…*`;
    const body = escapeMarkdown(s.text.trim()).split('\n').filter((l) => l.trim() !== '').join('<br>\n> ');
    out.push(`> ${before}${before ? ' ' : ''}**${body}**${after ? ' ' : ''}${after}`, '');
    if (s.memo) out.push(`Memo: ${escapeMarkdown(s.memo)}`, '');
  }
  yield out.join('\n');
}
