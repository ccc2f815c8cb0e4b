// Auto-coding: search hits, a query's results or a speaker's turns coded with one code, widened as
// chosen, after a preview where every passage can be unticked. The codings go to the current
// coder's own files through the study's write protocol (the file as it is on disk now, atomic,
// under the lock), all documents as one step of Gloss: Undo.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Code } from '../core/model';
import { planAutoCoding, WIDENINGS, withNewCodings, type Hit, type PlannedPassage, type Widening } from '../core/queries/auto-code';
import { normaliseText, textVersion } from '../core/text/normalise';
import { readTranscript } from '../core/text/transcript-text';
import type { StudyFeature } from '../study/register';
import { showWithUndo } from '../study/undo-message';
import { pickCode, pickOne } from './pickers';
import type { Swatches } from '../ui/swatches';

export interface AutoCodeOptions {
  /** Code id; asked for when absent. */
  readonly code?: string;
  /** Asked for when absent. */
  readonly widening?: Widening;
  /** Test mode only: the indices of the previewed passages to keep, instead of the preview. */
  readonly keep?: readonly number[];
}

export interface AutoCodeResult {
  /** Codings written, by document. */
  readonly written: Readonly<Record<string, number>>;
  /** Documents left alone: their text changed since the preview or cannot be read. */
  readonly skipped: readonly string[];
}

export async function autoCode(feature: StudyFeature, swatches: Swatches, hits: readonly Hit[], options: AutoCodeOptions, testMode: boolean, source: string): Promise<AutoCodeResult | undefined> {
  const service = feature.study;
  const study = service.current;
  if (!study) return undefined;
  if (hits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to code: {0} found no passage.', source));
    return undefined;
  }
  const code = await chooseCode(feature, swatches, options.code);
  if (!code) return undefined;
  const widening = options.widening ?? (await pickWidening());
  if (!widening) return undefined;
  const texts = new Map<string, string>();
  const versions = new Map<string, string>();
  // Only the study's documents: a hit elsewhere (a path leaving the study) is left out as unknown.
  const documents = new Set(study.documentPaths);
  for (const path of new Set(hits.map((h) => h.path))) {
    if (!documents.has(path)) continue;
    const placed = await feature.placements.get(path);
    if (!placed) continue;
    texts.set(path, placed.text);
    versions.set(path, placed.version);
  }
  const plan = planAutoCoding(texts, hits, widening);
  if (plan.skipped.length > 0) service.log.warn(`Auto-coding left out ${plan.skipped.length} hits outside their document's text.`);
  if (plan.passages.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to code: no hit lies in the current text of its document.'));
    return undefined;
  }
  const kept = testMode && options.keep ? plan.passages.filter((_, i) => options.keep!.includes(i)) : await preview(plan.passages, code);
  if (!kept || kept.length === 0) return undefined;
  return write(feature, code, kept, versions);
}

async function chooseCode(feature: StudyFeature, swatches: Swatches, given: string | undefined): Promise<Code | undefined> {
  const codebook = feature.study.current!.codebook;
  if (given === undefined) return pickCode(codebook, swatches, vscode.l10n.t('Auto-code with which code?'));
  const code = codebook.get(codebook.resolve(given));
  if (!code) void vscode.window.showErrorMessage(vscode.l10n.t('The codebook has no code “{0}”.', given));
  return code;
}

function pickWidening(): Promise<Widening | undefined> {
  const labels: Record<Widening, string> = {
    none: vscode.l10n.t('Exactly the hits'),
    sentence: vscode.l10n.t('The sentence of each hit'),
    paragraph: vscode.l10n.t('The paragraph of each hit'),
    turn: vscode.l10n.t('The speaker turn of each hit'),
  };
  return pickOne(vscode.l10n.t('Code what around each hit?'), WIDENINGS.map((w) => ({ label: labels[w], value: w })));
}

/** Lists every passage, all ticked; returns those left ticked, undefined when cancelled. */
async function preview(passages: readonly PlannedPassage[], code: Code): Promise<PlannedPassage[] | undefined> {
  const items = passages.map((passage) => ({
    label: `${passage.path}:${passage.line}`,
    detail: passage.text.replace(/\s+/g, ' ').trim(),
    picked: true,
    passage,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Code {0} passages with “{1}”', passages.length, code.name),
    placeHolder: vscode.l10n.t('Untick the passages not to code, then press Enter'),
    canPickMany: true,
    matchOnDetail: true,
  });
  return picked?.map((p) => p.passage);
}

async function write(feature: StudyFeature, code: Code, passages: readonly PlannedPassage[], plannedVersions: ReadonlyMap<string, string>): Promise<AutoCodeResult> {
  const service = feature.study;
  const study = service.current!;
  const coder = service.coder;
  const byDocument = new Map<string, PlannedPassage[]>();
  for (const p of passages) byDocument.set(p.path, [...(byDocument.get(p.path) ?? []), p]);
  const written: Record<string, number> = {};
  const skipped: string[] = [];
  const created = new Date().toISOString();
  await service.history.record(vscode.l10n.t('Auto-code {0} passages with “{1}”', passages.length, code.name), async () => {
    for (const [path, list] of byDocument) {
      // The passages were found on the text the preview showed: the file must still hold it.
      const read = await readTranscript(study.root, path);
      const text = 'text' in read && read.text !== undefined ? normaliseText(read.text) : undefined;
      const version = text === undefined ? undefined : textVersion(text);
      if (text === undefined || version === undefined || version !== plannedVersions.get(path)) {
        skipped.push(path);
        continue;
      }
      await feature.placements.versions.remember(text, version);
      let added = 0;
      await study.updateCodings(coder, path, (onDisk) => {
        const result = withNewCodings(onDisk, list, { code: code.id, coder, text, version, created, newId: randomUUID });
        added = result.added.length;
        return result.codings;
      });
      written[path] = added;
      service.notify({ kind: 'codings', documentPath: path });
    }
  });
  const total = Object.values(written).reduce((a, b) => a + b, 0);
  if (skipped.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Not coded (the text changed since the preview, or is unsaved): {0}. Save, then auto-code again.', skipped.join(', ')));
  }
  if (total > 0) void showWithUndo(service.history, vscode.l10n.t('Coded {0} passages in {1} documents with “{2}”.', total, Object.keys(written).filter((p) => written[p] > 0).length, code.name));
  else if (skipped.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('You had already coded these passages with “{0}”: nothing was changed.', code.name));
  return { written, skipped };
}
