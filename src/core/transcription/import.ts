// Importing subtitles or an automatic transcript: the source file of the study read, every cue
// checked (one broken cue and nothing is written), the transcript written beside it atomically
// and never over an existing file, and a recording of the same name found beside it to link.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkedStudyPath, readStudyBytes, readStudyFile, writeStudyFile } from '../storage/study-files';
import { SubtitleError, transcriptText, turnsOf, type ParsedSegments } from './segments';
import { parseSrt, parseVtt } from './subtitles';
import { parseWhisperJson } from './whisper';

export const SUBTITLE_EXTENSIONS = ['vtt', 'srt', 'json'] as const;
/** What the player is offered (and what a recording beside imported subtitles may be). */
export const MEDIA_EXTENSIONS = ['wav', 'ogg', 'oga', 'opus', 'mp3', 'flac', 'webm', 'weba', 'm4a', 'mp4', 'm4v', 'mov', 'ogv', 'aac'] as const;

export interface SubtitleImport {
  /** The new transcript, study-relative. */
  readonly transcript: string;
  readonly segments: number;
  readonly turns: number;
  /** A recording beside the source with the same name, study-relative, to link. */
  readonly media?: string;
}

export function parseSegments(fileName: string, text: string): ParsedSegments {
  const extension = path.posix.extname(fileName).toLowerCase();
  if (extension === '.vtt') return parseVtt(text);
  if (extension === '.srt') return parseSrt(text);
  if (extension === '.json') return parseWhisperJson(text);
  return { segments: [], problems: [{ line: 1, message: 'Gloss imports .vtt, .srt and Whisper .json files.' }] };
}

/** The transcript's path for a source: beside it, with the extension .txt. */
export function transcriptPathFor(source: string): string {
  return source.slice(0, source.length - path.posix.extname(source).length) + '.txt';
}

export async function importSubtitles(root: string, source: string): Promise<SubtitleImport> {
  const text = await readStudyFile(root, source);
  if (text === undefined) throw new SubtitleError(source, [{ line: 1, message: 'This file does not exist.' }]);
  const { segments, problems } = parseSegments(source, text);
  if (problems.length > 0) throw new SubtitleError(source, problems);
  if (segments.length === 0) throw new SubtitleError(source, [{ line: 1, message: 'This file holds no cue or segment.' }]);
  const transcript = transcriptPathFor(source);
  if ((await readStudyBytes(root, transcript)) !== undefined) {
    throw new SubtitleError(source, [{ line: 1, message: `${transcript} already exists: rename or move it to import again.` }]);
  }
  const turns = turnsOf(segments);
  await writeStudyFile(root, transcript, transcriptText(turns, { source }));
  const media = await recordingBeside(root, source);
  return { transcript, segments: segments.length, turns: turns.length, ...(media === undefined ? {} : { media }) };
}

async function recordingBeside(root: string, source: string): Promise<string | undefined> {
  const folder = path.posix.dirname(source);
  const base = path.posix.basename(source, path.posix.extname(source));
  const directory = folder === '.' ? root : await checkedStudyPath(root, folder);
  const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => []);
  const match = entries
    .filter((e) => e.isFile() && path.posix.basename(e.name, path.posix.extname(e.name)) === base)
    .map((e) => e.name)
    .filter((name) => (MEDIA_EXTENSIONS as readonly string[]).includes(path.posix.extname(name).slice(1).toLowerCase()))
    .sort()[0];
  return match === undefined ? undefined : folder === '.' ? match : `${folder}/${match}`;
}
