// "Adopt This Coding": copies the other side's codings of a passage into the current coder's own
// codings file, through the study's write protocol (lock, the file as it is on disk now, re-check)
// and as one step of Gloss: Undo. Another coder's file is never written. The transcript must still
// hold the text the comparison placed the codings on; otherwise nothing is written.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { adoptCodings } from '../core/agreement/adopt';
import type { Disagreement } from '../core/agreement/disagreements';
import type { Coding } from '../core/model';
import { normaliseText, textVersion } from '../core/text/normalise';
import { readTranscript } from '../core/text/transcript-text';
import type { StudyFeature } from '../study/register';
import { ownSide, type Comparison } from './comparison';

export interface AdoptResult {
  /** The codings file written (the current coder's own). */
  readonly file: string;
  readonly added: readonly Coding[];
  readonly message: string;
}

/** Copies `side`'s codings of the passage into the current coder's file; throws with a message when it cannot. */
export async function adopt(feature: StudyFeature, comparison: Comparison, p: Disagreement<Coding>, side: 'a' | 'b'): Promise<AdoptResult> {
  const service = feature.study;
  const study = service.current;
  const part = p[side];
  if (!study || !part) throw new Error(vscode.l10n.t('Nothing to adopt here.'));
  const placedOn = comparison.documents.get(p.document);
  const read = await readTranscript(study.root, p.document);
  if (!('text' in read) || read.text === undefined) throw new Error(vscode.l10n.t('The transcript {0} cannot be read; nothing was written.', p.document));
  const text = normaliseText(read.text);
  const version = textVersion(text);
  if (placedOn?.version !== version) throw new Error(vscode.l10n.t('{0} changed since the comparison; refresh the Disagreements view and adopt again. Nothing was written.', p.document));
  // The version a coding refers to must be retrievable later, even if it is never committed.
  await feature.placements.versions.remember(text, version);
  const coder = service.coder;
  const label = vscode.l10n.t('Adopt {0}’s coding “{1}”', comparison.labels[side === 'a' ? 0 : 1], study.codebook.get(part.code)?.name ?? part.code);
  let added: Coding[] = [];
  const written = await service.history.record(label, () =>
    study.updateCodings(coder, p.document, (onDisk) => {
      const result = adoptCodings(onDisk, part.codings, {
        text,
        version,
        coder,
        created: new Date().toISOString(),
        codeOf: (code) => study.codebook.resolve(code),
        newId: randomUUID,
      });
      added = result.added;
      return result.codings;
    }),
  );
  service.notify({ kind: 'codings', documentPath: p.document });
  const from = comparison.labels[side === 'a' ? 0 : 1];
  const code = study.codebook.get(part.code)?.name ?? part.code;
  const message =
    added.length === 0
      ? vscode.l10n.t('You have already coded this passage “{0}”: nothing was added.', code)
      : ownSide(comparison, coder) === undefined
        ? vscode.l10n.t('Copied {0}’s coding “{1}” into your own codings ({2}), who is neither side of this comparison.', from, code, coder)
        : vscode.l10n.t('Adopted {0}’s coding “{1}” into your own codings.', from, code);
  return { file: written.path, added, message };
}
