// Gloss: Link Media File…: the recording (a file of the study, never through a link) written as
// `media:` on the transcript's entry in cases.yaml, from the file as it is on disk now. A
// transcript of no case is first added to the case the researcher picks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CASES_FILE } from '../core/cases/cases';
import { addDocumentWithMedia, CasesEditError, mediaLinks, setDocumentMedia } from '../core/cases/media';
import { checkedStudyPath, readStudyFile, StudyFileError } from '../core/storage/study-files';
import { updateFile, WriteRefusedError } from '../core/storage/update';
import { MEDIA_EXTENSIONS } from '../core/transcription/import';
import type { StudyService } from '../study/study-service';
import { isFile, type MediaLinks } from './media-links';

export interface LinkArguments {
  /** Study-relative transcript; else the active editor's. */
  readonly transcript?: string;
  /** Study-relative recording; else an open dialog asks. */
  readonly media?: string;
  /** The case a transcript of no case joins; else a quick pick asks. */
  readonly caseId?: string;
}

/** The checked absolute path of an existing recording, or a message saying why it cannot be used. */
export async function checkedMedia(root: string, media: string): Promise<{ file: string } | { message: string }> {
  const t = vscode.l10n.t;
  try {
    const file = await checkedStudyPath(root, media);
    if (!(await isFile(file))) return { message: t('The recording {0} does not exist in the study folder.', media) };
    return { file };
  } catch (error) {
    if (error instanceof StudyFileError) return { message: t('The recording {0} cannot be used: {1}', media, error.problem.message) };
    throw error;
  }
}

/** Links a recording; returns the study-relative recording, or undefined (cancelled or refused, with a message). */
export async function linkMedia(study: StudyService, links: MediaLinks, args: LinkArguments = {}): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const root = study.current?.root;
  if (!root) {
    void vscode.window.showInformationMessage(t('Open a study first: a folder with a codebook.yaml.'));
    return undefined;
  }
  const transcript = args.transcript ?? links.documentPathOf(vscode.window.activeTextEditor);
  if (transcript === undefined) {
    void vscode.window.showInformationMessage(t('Open a transcript of the study first: the recording is linked to it.'));
    return undefined;
  }
  const media = args.media ?? (await pickMedia(study, root));
  if (media === undefined) return undefined;
  const checked = await checkedMedia(root, media);
  if ('message' in checked) {
    void vscode.window.showErrorMessage(checked.message);
    return undefined;
  }
  let casesText: string | undefined;
  try {
    casesText = (await readStudyFile(root, CASES_FILE)) ?? '';
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  const inCase = (study.current?.cases.cases ?? []).some((c) => c.documents.some((d) => d.path === transcript)) || mediaLinks(casesText).has(transcript);
  const caseId = inCase ? undefined : (args.caseId ?? (await pickCase(study, transcript)));
  if (!inCase && caseId === undefined) return undefined;
  try {
    await updateFile(await checkedStudyPath(root, CASES_FILE), (current) => {
      try {
        return caseId === undefined ? setDocumentMedia(current ?? '', transcript, media) : addDocumentWithMedia(current ?? '', caseId, transcript, media);
      } catch (error) {
        if (error instanceof CasesEditError) throw new WriteRefusedError(error.message);
        throw error;
      }
    }, CASES_FILE);
  } catch (error) {
    void vscode.window.showErrorMessage(t('The recording was not linked: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const change = await study.current?.reload(CASES_FILE);
  if (change) study.notify(change);
  await links.reload();
  study.log.info(`Linked ${media} to ${transcript} in cases.yaml.`);
  return media;
}

async function pickMedia(study: StudyService, root: string): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const uris = await vscode.window.showOpenDialog({
    title: t('Link a recording to this transcript'),
    openLabel: t('Link'),
    canSelectMany: false,
    defaultUri: vscode.Uri.file(root),
    filters: { [t('Audio and video')]: [...MEDIA_EXTENSIONS] },
  });
  if (!uris?.[0]) return undefined;
  const media = study.relativePathOf(uris[0]);
  if (media === undefined) {
    void vscode.window.showErrorMessage(t('{0} is outside the study folder: copy it into the study (for instance into media/) and link it from there.', path.basename(uris[0].fsPath)));
    return undefined;
  }
  return media;
}

async function pickCase(study: StudyService, transcript: string): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const cases = study.current?.cases.cases ?? [];
  if (cases.length === 0) {
    void vscode.window.showErrorMessage(t('cases.yaml has no case yet: the link is kept on a document of a case. Add a case first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    cases.map((c) => ({ label: c.name, description: c.id, id: c.id })),
    { title: t('{0} belongs to no case: add it to which case?', transcript) },
  );
  return picked?.id;
}
