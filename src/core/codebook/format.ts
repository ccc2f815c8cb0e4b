// Writing a whole codebook.yaml for a new study.

import type { Code } from '../model';
import { Codebook, isValidName, nameKey } from './codebook';
import { isColour } from './colour';
import { analyseCodebook, isSafeFileName } from './parse';
import { renderEntry } from './render';

export const DEFAULT_HEADER: readonly string[] = [
  "The study's codes. Gloss keeps comments, blank lines and key order when it edits this file;",
  'see docs/data-format.md. Ids are unique in the file, names unique among siblings.',
];

const INDENT = 2;

/**
 * The text of a codebook.yaml holding `codes` (each code's parent anywhere in the list; siblings
 * in list order), in the documented layout: two-space indentation, keys in the order id, name,
 * colour, description, guid, children, a blank line between top-level codes, LF line endings.
 * `header` lines are written as comments at the top. Throws on codes the format does not allow.
 */
export function formatCodebook(codes: readonly Code[], header: readonly string[] = DEFAULT_HEADER): string {
  const codebook = new Codebook(codes);
  checkCodes(codebook);
  const lines = header.flatMap((line) => line.split(/\r?\n/)).map((line) => (line === '' ? '#' : `# ${line}`));
  if (lines.length > 0) lines.push('');
  if (codebook.size === 0) {
    lines.push('codes: []');
  } else {
    lines.push('codes:');
    codebook.roots.forEach((root, index) => {
      if (index > 0) lines.push('');
      lines.push(...entryLines(codebook, root, INDENT));
    });
  }
  const text = lines.join('\n') + '\n';
  // The same guarantee as for edits: the text reads back as exactly these codes.
  const read = analyseCodebook(text, 'codebook.yaml');
  if (!read.ok || read.problems.length > 0 || JSON.stringify(read.codebook.codes) !== JSON.stringify(codebook.codes.map(canonical))) {
    throw new Error('Internal: the formatted codebook does not read back as the given codes.');
  }
  return text;
}

function entryLines(codebook: Codebook, code: Code, dashColumn: number): string[] {
  const lines = renderEntry(code, dashColumn, { mapIndent: INDENT, colourStyle: 'double' });
  const children = codebook.children(code.id);
  if (children.length > 0) {
    const keyColumn = dashColumn + INDENT;
    lines.push(' '.repeat(keyColumn) + 'children:');
    for (const child of children) lines.push(...entryLines(codebook, child, keyColumn + INDENT));
  }
  return lines;
}

function checkCodes(codebook: Codebook): void {
  /** Folded names seen under each parent (the top level under '', which no id can be). */
  const namesByParent = new Map<string, Set<string>>();
  for (const code of codebook.codes) {
    if (code.id.trim() === '' || !isSafeFileName(code.id)) throw new Error(`Code id "${code.id}" cannot be used.`);
    if (!isValidName(code.name)) throw new Error(`Code "${code.id}" needs a name: not blank, on one line.`);
    if (code.colour !== undefined && !isColour(code.colour)) throw new Error(`Code "${code.id}" has a colour that is not #RRGGBB.`);
    const parent = code.parentId ?? '';
    const names = namesByParent.get(parent) ?? new Set<string>();
    namesByParent.set(parent, names);
    if (names.has(nameKey(code.name))) throw new Error(`Code "${code.name}" has a sibling of the same name.`);
    names.add(nameKey(code.name));
  }
}

/** A code as parsing returns it: keys in a fixed order, no empty optional values. */
function canonical(code: Code): Code {
  return {
    id: code.id,
    name: code.name,
    ...(code.colour !== undefined ? { colour: code.colour } : {}),
    ...(code.description !== undefined && code.description !== '' ? { description: code.description } : {}),
    ...(code.guid !== undefined ? { guid: code.guid } : {}),
    ...(code.parentId !== undefined ? { parentId: code.parentId } : {}),
  };
}
