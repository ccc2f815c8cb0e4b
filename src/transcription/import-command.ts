// Gloss: Import Subtitles or Whisper Transcript…: a .vtt, .srt or Whisper .json of the study made
// into a transcript beside it; a recording of the same name beside it is linked. Broken cues are
// listed with their lines and nothing is written.
import * as vscode from 'vscode';
import { StudyFileError } from '../core/storage/study-files';
import { importSubtitles, SUBTITLE_EXTENSIONS, type SubtitleImport } from '../core/transcription/import';
import { SubtitleError } from '../core/transcription/segments';
import type { StudyService } from '../study/study-service';
import { linkMedia } from './link-media';
import type { MediaLinks } from './media-links';

export interface ImportArguments {
  /** Study-relative source file; else an open dialog asks. */
  readonly file?: string;
  /** The case a new transcript joins when a recording is linked; else a quick pick asks. */
  readonly caseId?: string;
}

const SHOWN_PROBLEMS = 5;

export async function importSubtitlesCommand(study: StudyService, links: MediaLinks, args: ImportArguments = {}): Promise<SubtitleImport | undefined> {
  const t = vscode.l10n.t;
  const root = study.current?.root;
  if (!root) {
    void vscode.window.showInformationMessage(t('Open a study first: a folder with a codebook.yaml.'));
    return undefined;
  }
  const source = args.file ?? (await pickSource(study, root));
  if (source === undefined) return undefined;
  let imported: SubtitleImport;
  try {
    imported = await importSubtitles(root, source);
  } catch (error) {
    if (error instanceof SubtitleError) {
      for (const problem of error.problems) study.log.warn(`${error.file}:${problem.line}: ${problem.message}`);
      const listed = error.problems.slice(0, SHOWN_PROBLEMS).map((p) => t('line {0}: {1}', p.line, p.message)).join(' ');
      const more = error.problems.length > SHOWN_PROBLEMS ? ` ${t('({0} more in the Gloss log.)', error.problems.length - SHOWN_PROBLEMS)}` : '';
      void vscode.window.showErrorMessage(t('Nothing was imported from {0}: {1}', error.file, listed + more));
    } else if (error instanceof StudyFileError) {
      void vscode.window.showErrorMessage(t('Nothing was imported: {0}', error.message));
    } else throw error;
    return undefined;
  }
  const uri = study.uriOf(imported.transcript);
  if (uri) await vscode.window.showTextDocument(uri, { preview: false });
  if (imported.media !== undefined) await linkMedia(study, links, { transcript: imported.transcript, media: imported.media, ...(args.caseId ? { caseId: args.caseId } : {}) });
  void vscode.window.showInformationMessage(
    t('Imported {0} cues as {1} turns into {2}.', imported.segments, imported.turns, imported.transcript) +
      (imported.media !== undefined ? ` ${t('Linked to the recording {0}.', imported.media)}` : ''),
  );
  return imported;
}

async function pickSource(study: StudyService, root: string): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const uris = await vscode.window.showOpenDialog({
    title: t('Import Subtitles or Whisper Transcript'),
    canSelectMany: false,
    defaultUri: vscode.Uri.file(root),
    filters: { [t('Subtitles and Whisper JSON')]: [...SUBTITLE_EXTENSIONS] },
  });
  if (!uris?.[0]) return undefined;
  const source = study.relativePathOf(uris[0]);
  if (source === undefined) void vscode.window.showErrorMessage(t('Copy the file into the study folder first: Gloss reads nothing outside it.'));
  return source;
}
