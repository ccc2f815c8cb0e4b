// Transcripts the core and VS Code would read as different texts. Codings count code points of
// the text the core reads; VS Code decodes UTF-16 files, drops only the first of two BOMs, and
// offers to remove U+2028/U+2029 line separators, so offsets in such files would mean one thing
// to the editor and another on disk. They are reported as unsupported and never coded.
import type { Problem } from '../model';
import { decodeStudyText, readStudyBytes, StudyFileError } from '../storage/study-files';

const BYTE_ORDER_MARK = '\uFEFF';
/** Line and paragraph separators, and NEL: line breaks to some tools, not to the core. */
const UNUSUAL_LINE_BREAK = /[\u2028\u2029\u0085]/;
const NAMES: Record<string, string> = { '\u2028': 'U+2028 LINE SEPARATOR', '\u2029': 'U+2029 PARAGRAPH SEPARATOR', '\u0085': 'U+0085 NEXT LINE' };

/** The advice every refusal ends with. */
const CONVERT = 'Gloss does not code this transcript; save it as UTF-8 with ordinary line breaks to code it.';

/**
 * Why a transcript's text cannot be coded, given the text as the editor holds it (VS Code has
 * already removed one leading BOM), or undefined when it can.
 */
export function transcriptTextProblem(documentPath: string, editorText: string): Problem | undefined {
  if (editorText.startsWith(BYTE_ORDER_MARK)) {
    return { file: documentPath, line: 1, message: `This transcript starts with two byte order marks. ${CONVERT}`, severity: 'error' };
  }
  const found = UNUSUAL_LINE_BREAK.exec(editorText);
  if (found) {
    const line = (editorText.slice(0, found.index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    return { file: documentPath, line, message: `This transcript holds ${NAMES[found[0]]}, which editors treat differently. ${CONVERT}`, severity: 'error' };
  }
  return undefined;
}

/** Encodings VS Code may report for a document whose text is the core's UTF-8 reading. */
export function isUtf8Encoding(encoding: string): boolean {
  return encoding === 'utf8' || encoding === 'utf8bom';
}

/**
 * A transcript's text from disk as the editor would show it (one leading BOM removed), or the
 * problem that keeps it from being coded. Undefined text: the file does not exist.
 */
export async function readTranscript(root: string, documentPath: string): Promise<{ text: string | undefined } | { problem: Problem }> {
  try {
    const bytes = await readStudyBytes(root, documentPath);
    if (bytes === undefined) return { text: undefined };
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      return { problem: { file: documentPath, line: 1, message: `This transcript is UTF-16. ${CONVERT}`, severity: 'error' } };
    }
    const raw = decodeStudyText(documentPath, bytes);
    const text = raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
    const problem = transcriptTextProblem(documentPath, text);
    return problem ? { problem } : { text };
  } catch (error) {
    if (error instanceof StudyFileError) return { problem: error.problem };
    throw error;
  }
}
