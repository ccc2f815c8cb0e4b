// The recording a transcript is transcribed from: `media:` on the document's entry in cases.yaml.
// Read here, and written line by line (comments, order and layout elsewhere stay as written).
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { studyPathProblem } from '../storage/study-files';

/** cases.yaml cannot take the link as asked; the message says what to do. Nothing was changed. */
export class CasesEditError extends Error {}

interface Located {
  readonly entry: Node;
  readonly caseMap: YAMLMap;
}

function parsed(text: string) {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) throw new CasesEditError(`cases.yaml cannot be read (${document.errors[0].message.split('\n')[0]}): fix it first.`);
  return document;
}

function caseMaps(text: string): YAMLMap[] {
  const root = parsed(text).contents;
  const cases = isMap(root) ? root.get('cases', true) : undefined;
  return isSeq(cases) ? cases.items.filter((c): c is YAMLMap => isMap(c)) : [];
}

function entryPath(entry: unknown): string | undefined {
  if (isScalar(entry)) return String(entry.value);
  if (isMap(entry)) {
    const value = entry.get('path', true);
    return isScalar(value) ? String(value.value) : undefined;
  }
  return undefined;
}

function locate(text: string, documentPath: string): Located | undefined {
  for (const caseMap of caseMaps(text)) {
    const documents = caseMap.get('documents', true);
    for (const entry of isSeq(documents) ? documents.items : []) {
      if (entryPath(entry) === documentPath) return { entry: entry as Node, caseMap };
    }
  }
  return undefined;
}

/** Media links of cases.yaml: document path to recording path, both study-relative. Bad paths are left out. */
export function mediaLinks(text: string): Map<string, string> {
  const links = new Map<string, string>();
  let maps: YAMLMap[];
  try {
    maps = caseMaps(text);
  } catch {
    return links;
  }
  for (const caseMap of maps) {
    const documents = caseMap.get('documents', true);
    for (const entry of isSeq(documents) ? documents.items : []) {
      const media = isMap(entry) ? entry.get('media', true) : undefined;
      const documentPath = entryPath(entry);
      if (documentPath !== undefined && isScalar(media) && typeof media.value === 'string' && studyPathProblem(media.value) === undefined) {
        links.set(documentPath, media.value);
      }
    }
  }
  return links;
}

/** A path as a YAML scalar: plain when that reads back the same, else double-quoted. */
function scalar(value: string): string {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_ ./()+-]*$/u.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

/** The end of the line holding the character before `end` (a node's end may be past its line's newline). */
const lineEndOf = (text: string, end: number) => {
  const newline = text.indexOf('\n', Math.max(0, end - 1));
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
};
const lineStartOf = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/** cases.yaml with `media:` set on the document's entry. CasesEditError when the document is in no case. */
export function setDocumentMedia(text: string, documentPath: string, media: string): string {
  const found = locate(text, documentPath);
  if (found === undefined) throw new CasesEditError(`${documentPath} belongs to no case in cases.yaml: choose its case first.`);
  const { entry } = found;
  const eol = eolOf(text);
  const [start, valueEnd] = entry.range ?? [0, 0];
  if (isScalar(entry)) {
    // `- transcripts/a.txt` becomes `- path: transcripts/a.txt` with `media:` below it.
    const indent = ' '.repeat(start - lineStartOf(text, start));
    return `${text.slice(0, start)}path: ${scalar(documentPath)}${eol}${indent}media: ${scalar(media)}${text.slice(valueEnd)}`;
  }
  if (!isMap(entry) || entry.flow) throw new CasesEditError(`The entry of ${documentPath} in cases.yaml is written on one line: add "media: ${media}" to it by hand.`);
  const existing = entry.get('media', true);
  if (isScalar(existing) && existing.range) {
    return text.slice(0, existing.range[0]) + scalar(media) + text.slice(existing.range[1]);
  }
  const pathNode = entry.get('path', true) as Node;
  const indent = ' '.repeat(start - lineStartOf(text, start));
  const at = lineEndOf(text, pathNode.range?.[1] ?? start);
  return `${text.slice(0, at)}${eol}${indent}media: ${scalar(media)}${text.slice(at)}`;
}

/** cases.yaml with the document added to the end of a case's documents, with its recording. */
export function addDocumentWithMedia(text: string, caseId: string, documentPath: string, media: string): string {
  if (locate(text, documentPath) !== undefined) return setDocumentMedia(text, documentPath, media);
  const caseMap = caseMaps(text).find((c) => {
    const id = c.get('id', true);
    return isScalar(id) && String(id.value) === caseId;
  });
  if (caseMap === undefined || caseMap.flow || !caseMap.range) throw new CasesEditError(`cases.yaml has no case "${caseId}" written over several lines.`);
  const eol = eolOf(text);
  const documents = caseMap.get('documents', true);
  if (isSeq(documents) && !documents.flow && documents.items.length > 0) {
    const first = documents.items[0] as Node;
    const last = documents.items.at(-1) as Node;
    const firstStart = first.range?.[0] ?? 0;
    const dash = text.slice(lineStartOf(text, firstStart), firstStart);
    const at = lineEndOf(text, last.range?.[1] ?? firstStart);
    return `${text.slice(0, at)}${eol}${dash}path: ${scalar(documentPath)}${eol}${' '.repeat(dash.length)}media: ${scalar(media)}${text.slice(at)}`;
  }
  if (documents !== undefined && !(isSeq(documents) && documents.items.length === 0 && documents.flow)) {
    throw new CasesEditError(`The documents of case "${caseId}" in cases.yaml are not a list: add ${documentPath} by hand.`);
  }
  const caseStart = caseMap.range[0];
  const indent = ' '.repeat(caseStart - lineStartOf(text, caseStart));
  const block = `${indent}  - path: ${scalar(documentPath)}${eol}${indent}    media: ${scalar(media)}`;
  if (isSeq(documents) && documents.range) {
    // `documents: []` becomes a block list.
    return `${text.slice(0, documents.range[0]).trimEnd()}${eol}${block}${text.slice(documents.range[1])}`;
  }
  const lastPair = caseMap.items.at(-1);
  const lastNode = (lastPair?.value ?? lastPair?.key) as Node | undefined;
  const at = lineEndOf(text, lastNode?.range?.[1] ?? caseStart);
  return `${text.slice(0, at)}${eol}${indent}documents:${eol}${block}${text.slice(at)}`;
}
