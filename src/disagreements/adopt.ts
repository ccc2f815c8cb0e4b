// "Adopt This Coding": copies the other side's codings of a passage into the current coder's own
// codings file (or, for different boundaries, gives the coder's own codings their spans), through the study's write protocol (lock, the file as it is on disk now, re-check)
// and as one step of Gloss: Undo. Another coder's file is never written. The transcript must still
// hold the text the comparison placed the codings on; otherwise nothing is written.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { adoptCodings, type Adoption } from '../core/agreement/adopt';
import { stampModified } from '../core/codings/format';
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
  /** Your codings that took the other side's boundaries. */
  readonly reshaped: readonly Coding[];
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
  if (placedOn?.version !== version) throw new Error(vscode.l10n.t('{0} changed since the comparison: nothing was written. Compare again (the view’s refresh button), then adopt.', p.document));
  // The version a coding refers to must be retrievable later, even if it is never committed.
  await feature.placements.versions.remember(text, version);
  const coder = service.coder;
  const from = comparison.labels[side === 'a' ? 0 : 1];
  const code = study.codebook.get(part.code)?.name ?? part.code;
  // Different boundaries and your own side in the working tree: your codings take their spans.
  const own = ownSide(comparison, coder);
  const reshape = p.kind === 'differentBoundaries' && own !== undefined ? p[own]!.codings.map((c) => c.coding.id) : [];
  const now = new Date().toISOString();
  let adoption: Adoption | undefined;
  const written = await service.history.record(vscode.l10n.t('Adopt {0}’s coding “{1}”', from, code), () =>
    study.updateCodings(coder, p.document, (onDisk) => {
      adoption = adoptCodings(onDisk, part.codings, { text, version, coder, created: now, codeOf: (id) => study.codebook.resolve(id), newId: randomUUID }, reshape);
      return stampModified(onDisk, adoption.codings, now);
    }),
  );
  service.notify({ kind: 'codings', documentPath: p.document });
  const { added, reshaped } = adoption!;
  const message =
    added.length + reshaped.length === 0
      ? vscode.l10n.t('You have already coded this passage “{0}”: nothing was changed.', code)
      : own === undefined
        ? vscode.l10n.t('Copied {0}’s coding “{1}” into your own codings ({2}), who is neither side of this comparison.', from, code, coder)
        : reshaped.length > 0
          ? vscode.l10n.t('Your coding “{0}” now has {1}’s boundaries.', code, from)
          : vscode.l10n.t('Adopted {0}’s coding “{1}” into your own codings.', from, code);
  return { file: written.path, added, reshaped, message };
}
