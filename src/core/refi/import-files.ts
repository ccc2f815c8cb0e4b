// Names and texts of the files a REFI-QDA import writes: transcript paths from source names (never
// over or under another study file), safe and unique file names, memos from notes.
import { studyPathProblem } from '../storage/study-files';
import type { RefiSourceHeader } from './read-project';

/**
 * The transcript's study path: the source's name when it is one (Gloss exports a transcript under
 * its study path), else transcripts/<name>.txt from its name or file name, safe on every file system.
 */
export function transcriptPath(source: RefiSourceHeader, used: Set<string>): string {
  const name = source.name?.normalize('NFC');
  if (name !== undefined && name.includes('/') && studyPathProblem(name) === undefined && !RESERVED_FOLDER.test(name) && name.split('/').every((part) => safeFileName(part) === part)) {
    const path = name.toLowerCase().endsWith('.txt') ? name : `${name}.txt`;
    if (!used.has(path.toLowerCase())) {
      used.add(path.toLowerCase());
      return path;
    }
  }
  const fromPath = source.plainTextPath?.replace(/^[a-z]+:\/\//i, '').split(/[\\/]/).pop();
  const base = safeFileName((name ?? fromPath ?? source.guid).split('/').pop()!.replace(/\.txt$/i, '')) || source.guid;
  return uniqueFile('transcripts', base, '.txt', used);
}

/** Study folders and files a transcript path must not be in or under. */
const RESERVED_FOLDER = /^(codings|memos|matrices|transcripts\/\.gitkeep|codebook\.yaml|cases\.yaml|import-report\.md)(\/|$)/i;
/** A framework matrix as the export names its note. */
export const MATRIX_FILE = /^matrices\/[^/]+\.yaml$/;

/** A name usable as one file name everywhere: no separators, control characters or reserved names. */
export function safeFileName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return [...(/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(safe) ? `_${safe}` : safe)].slice(0, 100).join('');
}

/** `<folder>/<base><extension>`, numbered when taken in `used` (lower-case paths: compared without case, as macOS and Windows do). */
export function uniqueFile(folder: string, base: string, extension: string, used: Set<string>): string {
  let candidate = `${folder}/${base || 'untitled'}${extension}`;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${folder}/${base || 'untitled'} (${n})${extension}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** A memo's text from its notes: one note's text as it is, several one after another. */
export function joinNotes(texts: readonly string[]): string {
  if (texts.length === 1) return texts[0];
  return texts.map((text) => text.replace(/\n+$/, '')).join('\n\n') + '\n';
}

