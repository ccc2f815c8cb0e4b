// A segment as a quotation for writing up, laid out by a template (the setting
// gloss.quotation.template): `{name}` placeholders are replaced by the segment's text, source,
// code, case, attributes… each escaped for Markdown. A placeholder the template names but that is
// not known (a typo) is left as written, so it shows in the copied text; a known one without a
// value (no case, no page, an attribute the document lacks) gives empty text. A value of several
// lines continues on lines that start as the placeholder's line does (`> ` in a block quotation).
import { escapeMarkdown, fileName, lineNumbers, sourceReference } from './markdown';
import type { Segment } from './segments';

/** Today's quotation: the passage as a block quotation, then its source. */
export const DEFAULT_QUOTATION_TEMPLATE = '> {text}\n>\n> — {source}';

/** The placeholders a template may use besides `{attribute:<name>}`, and their values. */
const PLACEHOLDERS: Readonly<Record<string, (segment: Segment, source: string) => string>> = {
  text: (s) => s.text.trim(),
  source: (_s, source) => source,
  document: (s) => fileName(s.documentPath),
  path: (s) => s.documentPath,
  case: (s) => s.caseName ?? '',
  code: (s) => s.codeName,
  codePath: (s) => s.codePath,
  coder: (s) => s.coder,
  lines: (s) => lineNumbers(s),
  page: (s) => (s.page === undefined ? '' : String(s.page)),
  timestamp: (s) => s.timestamp ?? '',
  memo: (s) => s.memo ?? '',
};

export const QUOTATION_PLACEHOLDERS: readonly string[] = [...Object.keys(PLACEHOLDERS), 'attribute:<name>'];

const PLACEHOLDER = /\{(attribute:[^{}\n]+|[A-Za-z]+)\}/g;
/** What opens a line of a block quotation or an indented block: continued lines repeat it. */
const LINE_OPENING = /^[ \t]*(?:>[ \t]?)*/;

/** One segment as the template lays it out; `source` replaces the default `{source}`. */
export function formatQuotation(segment: Segment, template: string = DEFAULT_QUOTATION_TEMPLATE, source: string = sourceReference(segment)): string {
  return template
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const opening = LINE_OPENING.exec(line)![0];
      const filled = line.replace(PLACEHOLDER, (whole, name: string) => {
        const value = name.startsWith('attribute:') ? attributeValue(segment, name.slice('attribute:'.length)) : PLACEHOLDERS[name]?.(segment, source);
        if (value === undefined) return whole;
        return escapeMarkdown(value)
          .split('\n')
          .map((part, i) => (i === 0 ? part : part === '' ? opening.trimEnd() : opening + part))
          .join('\n');
      });
      // A line left with nothing but its opening (an empty value) ends without a space.
      return filled === opening && line !== opening ? opening.trimEnd() : filled;
    })
    .join('\n');
}

/** Quotations of several segments, separated by blank lines, ending with a line feed. */
export function formatQuotations(segments: readonly Segment[], template: string = DEFAULT_QUOTATION_TEMPLATE): string {
  return segments.map((segment) => formatQuotation(segment, template)).join('\n\n') + (segments.length > 0 ? '\n' : '');
}

function attributeValue(segment: Segment, name: string): string {
  const value = segment.attributes[name.trim()];
  return value === undefined || value === null ? '' : String(value);
}
