// From what the user selected to the passage that gets coded, and from a passage to the name of
// an in-vivo code. Offsets are UTF-16 units of the editor text. Pure: no editor API.

import type { Code, Span } from '../core/model';
import type { Codebook } from '../core/codebook/codebook';
import { isValidName, PATH_SEPARATOR, sameName } from '../core/codebook/codebook';
import { snapToGraphemes, snapToWords } from '../core/text/boundaries';

/**
 * The passage a selection codes: widened to whole graphemes (never half an emoji or an akshara),
 * or to whole words when `words` is set, then without white space at either edge. Undefined when
 * nothing but white space is selected.
 */
export function passageOfSelection(editorText: string, selection: Span, words: boolean): Span | undefined {
  const snapped = words ? snapToWords(editorText, selection) : snapToGraphemes(editorText, selection);
  let { start, end } = snapped;
  while (start < end && /\s/.test(editorText[start])) start++;
  while (end > start && /\s/.test(editorText[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}

/** Longest in-vivo code name, in code points, before it is shortened at a word boundary. */
export const IN_VIVO_MAX_LENGTH = 60;

/**
 * Transcription marks that are not the speaker's words: time stamps and notes in square brackets
 * ([00:01:42], [risos]), short notes and elisions in parentheses ((pause), (...)), and a speaker
 * label at the start (R:, P2:, INT:).
 */
const TRANSCRIPTION_MARKS = /\[[^\]\n]*\]|\((?:\p{L}+(?: \p{L}+)?|\.{3}|…)\)/gu;
const SPEAKER_LABEL = /^\p{Lu}{1,3}\d{0,2}:\s+/u;

/**
 * The name of an in-vivo code: the passage's own words on one line, without transcription marks,
 * quotation marks or trailing punctuation, shortened at a word boundary when long.
 */
export function inVivoName(passage: string): string | undefined {
  let name = passage.replace(TRANSCRIPTION_MARKS, ' ').replace(/\s+/gu, ' ').trim().replace(SPEAKER_LABEL, '');
  name = trimPunctuation(name);
  const codePoints = [...name];
  if (codePoints.length > IN_VIVO_MAX_LENGTH) {
    const cut = codePoints.slice(0, IN_VIVO_MAX_LENGTH).join('');
    const lastSpace = cut.lastIndexOf(' ');
    name = trimPunctuation(lastSpace > IN_VIVO_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut);
  }
  return isValidName(name) ? name : undefined;
}

function trimPunctuation(name: string): string {
  return name.replace(/^[\s"'“”‘’„«»‹›()[\]]+/u, '').replace(/[\s"'“”‘’„«»‹›()[\],.;:!?…-]+$/u, '');
}

/**
 * The code a setting or argument names: its id, its path ("Organisation › Policy", also with `>`
 * or `/`), or its name when only one code has it. Undefined when none or several match.
 */
export function resolveCodeReference(codebook: Codebook, reference: string): Code | undefined {
  const byId = codebook.get(reference);
  if (byId) return byId;
  const parts = reference.split(/\s*(?:›|>|\/)\s*/u).filter((p) => p !== '');
  if (parts.length > 1) {
    let parent: string | undefined;
    let found: Code | undefined;
    for (const part of parts) {
      found = codebook.children(parent).find((c) => sameName(c.name, part));
      if (!found) return undefined;
      parent = found.id;
    }
    return found;
  }
  const byName = codebook.codes.filter((c) => sameName(c.name, reference));
  return byName.length === 1 ? byName[0] : undefined;
}

/** "Organisation › " for a sub-code of Organisation; empty for a top-level code. */
export function parentPathLabel(codebook: Codebook, id: string): string {
  const path = codebook.path(id);
  return path.length <= 1 ? '' : path.slice(0, -1).map((c) => c.name).join(PATH_SEPARATOR);
}
