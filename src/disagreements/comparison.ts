// The comparison the Disagreements view shows: two sides (a coder in the working tree or at a Git
// ref) read and placed on the current texts, and the passages where they differ. Computed again
// whenever the study's files change, since a working-tree side may have changed.
import * as vscode from 'vscode';
import { findDisagreements, type DisagreementReport } from '../core/agreement/disagreements';
import { SideError } from '../core/agreement/sides';
import { loadSides, sideLabel, type SideSpec } from '../core/agreement/study-sides';
import { coderSlug } from '../core/codings/paths';
import type { Coding, Problem } from '../core/model';
import type { PlacedDocument } from '../core/study/placement';
import type { StudyFeature } from '../study/register';

/** What gloss.showDisagreements takes (the agreement view passes these). */
export interface DisagreementsArguments {
  readonly sides: readonly SideSpec[];
  /** Only passages of this code (its id in the codebook). */
  readonly code?: string;
  /** Only these documents (paths relative to the study). */
  readonly documents?: readonly string[];
  /** Count each coding for its top-level code. */
  readonly rollUp?: boolean;
}

export interface Comparison {
  readonly args: DisagreementsArguments;
  readonly sides: readonly [SideSpec, SideSpec];
  readonly labels: readonly [string, string];
  readonly report: DisagreementReport<Coding>;
  /** The compared documents' current texts, by path. */
  readonly documents: ReadonlyMap<string, PlacedDocument>;
  readonly missingTexts: readonly string[];
  readonly problems: readonly Problem[];
}

/** Checks arguments from the palette, another view or a test; a SideError says what is wrong. */
export function checkArguments(value: unknown): DisagreementsArguments {
  const v = value as Partial<DisagreementsArguments> | undefined;
  const sides = v?.sides;
  if (!Array.isArray(sides) || sides.length !== 2) throw new SideError(vscode.l10n.t('Compare exactly two sides.'));
  for (const side of sides) {
    const s = side as Partial<SideSpec> | undefined;
    if (typeof s?.coder !== 'string' || s.coder.trim() === '' || (s.ref !== undefined && typeof s.ref !== 'string')) {
      throw new SideError(vscode.l10n.t('Each side needs a coder, and optionally a Git ref.'));
    }
  }
  if (v?.code !== undefined && typeof v.code !== 'string') throw new SideError(vscode.l10n.t('The code must be a code id.'));
  if (v?.documents !== undefined && (!Array.isArray(v.documents) || v.documents.some((d) => typeof d !== 'string'))) {
    throw new SideError(vscode.l10n.t('The documents must be a list of paths.'));
  }
  return {
    sides: sides.map((s: SideSpec) => (s.ref === undefined ? { coder: s.coder.trim() } : { coder: s.coder.trim(), ref: s.ref.trim() })),
    ...(v?.code === undefined ? {} : { code: v.code }),
    ...(v?.documents === undefined ? {} : { documents: [...v.documents] }),
    ...(v?.rollUp === true ? { rollUp: true } : {}),
  };
}

export async function compare(feature: StudyFeature, args: DisagreementsArguments): Promise<Comparison> {
  const study = feature.study.current;
  if (!study) throw new SideError(vscode.l10n.t('No study is open.'));
  const sides = [args.sides[0], args.sides[1]] as const;
  if (sides.some((s) => s.ref !== undefined) && !vscode.workspace.isTrusted) {
    throw new SideError(vscode.l10n.t('Comparing codings at a Git ref runs Git, which Restricted Mode does not allow. Trust the workspace, or compare the working tree.'));
  }
  const loaded = await loadSides(study, sides, feature.placements.versions);
  const wanted = args.documents === undefined ? undefined : new Set(args.documents);
  const documents = loaded.documents.filter((d) => wanted === undefined || wanted.has(d.path));
  const codebook = study.codebook;
  const labels = [sideLabel(sides[0]), sideLabel(sides[1])] as const;
  const report = findDisagreements(documents, {
    a: labels[0],
    b: labels[1],
    reportAs: (code) => {
      const id = codebook.resolve(code);
      return args.rollUp ? (codebook.path(id)[0]?.id ?? id) : id;
    },
    code: args.code,
    notCodedBy: loaded.notCodedBy,
  });
  return {
    args,
    sides,
    labels,
    report,
    documents: new Map(documents.map((d) => [d.path, d])),
    missingTexts: loaded.missingTexts.filter((p) => wanted === undefined || wanted.has(p)),
    problems: loaded.problems,
  };
}

/** Which side is the current coder's own working tree (what adopting writes to), if either. */
export function ownSide(comparison: Comparison, coder: string): 'a' | 'b' | undefined {
  const own = (side: SideSpec) => side.ref === undefined && coderSlug(side.coder) === coderSlug(coder);
  return own(comparison.sides[0]) ? 'a' : own(comparison.sides[1]) ? 'b' : undefined;
}
