// A report as one standalone HTML file: no script, no external resource (a Content Security
// Policy allows only the inline stylesheet), styled for the screen and for print, every piece of
// text escaped.
import type { Block, Report } from './model';

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLESHEET = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --shade: #f6f8fa; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: var(--ink); max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.25; break-after: avoid; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
.subtitle { color: var(--muted); margin-top: 0; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 0.15em; margin-right: 0.4em; vertical-align: baseline; border: 1px solid rgba(0, 0, 0, 0.25); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.6rem 0; }
dt { color: var(--muted); }
dd { margin: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92em; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; white-space: pre-line; }
th { background: var(--shade); font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: 0.8rem 0 0.8rem 1rem; padding-left: 0.9rem; border-left: 3px solid var(--rule); break-inside: avoid; }
blockquote p { margin: 0; white-space: pre-line; }
blockquote footer { color: var(--muted); font-size: 0.9em; margin-top: 0.3rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { break-before: auto; }
  table, blockquote, dl { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

export function reportHtml(report: Report, language = 'en'): string {
  const body = report.blocks.map(blockHtml).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p class="subtitle">${escapeHtml(report.subtitle)}</p>
${body}
</body>
</html>
`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading': {
      const swatch = block.colour && /^#[0-9a-f]{6}$/i.test(block.colour) ? `<span class="swatch" style="background: ${escapeHtml(block.colour)}"></span>` : '';
      return `<h${block.level}>${swatch}${escapeHtml(block.text)}</h${block.level}>`;
    }
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<dl>${block.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
    case 'table': {
      const cell = (text: string, i: number) => `<td${block.numeric?.[i] ? ' class="number"' : ''}>${escapeHtml(text)}</td>`;
      const header = `<thead><tr>${block.header.map((text) => `<th>${escapeHtml(text)}</th>`).join('')}</tr></thead>`;
      const rows = block.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n');
      return `<table>\n${header}\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'quotation':
      return `<blockquote><p>${escapeHtml(block.segment.text.trim())}</p><footer>— ${escapeHtml(block.source)}</footer></blockquote>`;
  }
}
