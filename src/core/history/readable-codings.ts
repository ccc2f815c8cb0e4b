// A codings file as readable lines, one per coding, for `git diff` and `git log -p` (Git's
// textconv): the code's path instead of its id, the span, the quote on one line, the coder and the
// memo. Lines keep the file's order, so a diff of two versions pairs them as the JSON lines pair.
import type { Codebook } from '../codebook/codebook';
import { parseCodingLine } from '../codings/format';
import type { Coding } from '../model';

/** Line breaks and tabs shown as visible marks, so each coding stays on one line. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, '⏎').replace(/\t/g, '⇥');
}

export function readableCoding(coding: Coding, codebook: Codebook | undefined): string {
  const code = codebook?.has(coding.code) ? `${codebook.pathLabel(coding.code)}${codebook.isAlias(coding.code) ? ` (merged: ${coding.code})` : ''}` : coding.code;
  const memo = coding.memo ? ` | memo: ${oneLine(coding.memo)}` : '';
  return `${oneLine(code)} [${coding.start}-${coding.end}] “${oneLine(coding.quote)}” | ${oneLine(coding.coder)} | id ${coding.id}${memo}`;
}

/** Every line of a codings file made readable; a line that does not parse is shown as it is, marked. */
export function readableCodings(text: string, codebook: Codebook | undefined): string {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const coding = parseCodingLine(raw);
    out.push(typeof coding === 'string' ? `(unreadable: ${coding}) ${raw}` : readableCoding(coding, codebook));
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
