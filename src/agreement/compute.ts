// Figures for the agreement view: reads the sides (a coder in the working tree or at a Git ref),
// keeps the chosen documents, and computes a few documents at a time so that the editor stays
// responsive. A newer request stops an older one; bad input becomes a refusal with its reason.
import * as vscode from 'vscode';
import { computeAgreementInSteps, type AgreementReport, type CodeAgreement, type UnitAgreement } from '../core/agreement/agreement';
import { StepsCancelled } from '../core/util/steps';
import { SideError } from '../core/agreement/sides';
import { loadSides, sideLabel } from '../core/agreement/study-sides';
import type { Coefficient } from '../core/agreement/reliability-data';
import type { Study } from '../core/study/study';
import type { TextVersions } from '../core/study/versions';
import type { AgreementChoice, AgreementOutcome, AgreementResult, AgreementRow, Figure, UnitFigures } from '../shared/agreement-protocol';

/** A computed report with what the exports need beside it. */
export interface Computed {
  readonly report: AgreementReport;
  readonly result: AgreementResult;
  readonly codeName: (code: string) => string;
}

/** Progress is told at most this often: each document is a step, each step need not be a message. */
const PROGRESS_EVERY_MS = 100;

export class AgreementComputation {
  private latest = 0;

  /** Computes `choice`; undefined when a newer request replaced this one before it finished. */
  async run(study: Study | undefined, versions: TextVersions, choice: AgreementChoice, progress: (message: string) => void): Promise<{ outcome: AgreementOutcome; computed?: Computed } | undefined> {
    const id = ++this.latest;
    const cancelled = () => id !== this.latest;
    const refused = (message: string) => ({ outcome: { kind: 'refused' as const, message } });
    const t = vscode.l10n.t;
    if (!study) return refused(t('No study is open. Open a folder that holds a codebook.yaml.'));
    const specs = choice.sides.map((side) => ({ coder: side.coder.trim(), ...(side.ref?.trim() ? { ref: side.ref.trim() } : {}) }));
    if (specs.length < 2) return refused(t('Agreement needs at least two sides; found {0}.', specs.length));
    if (specs.some((side) => side.coder === '')) return refused(t('Each side needs a coder.'));
    if (!vscode.workspace.isTrusted && specs.some((side) => side.ref !== undefined)) return refused(t('Git refs are read only in a trusted workspace: trust this folder to compare coders at branches, tags or commits.'));
    const started = performance.now();
    progress(t('Reading {0}…', specs.map(sideLabel).join(', ')));
    let loaded;
    try {
      loaded = await loadSides(study, specs, versions);
    } catch (error) {
      if (error instanceof SideError) return refused(error.message);
      throw error;
    }
    if (cancelled()) return undefined;

    const chosen = chosenDocuments(study, choice);
    const documents = chosen ? loaded.documents.filter((d) => chosen.has(d.path)) : loaded.documents;
    const coded = new Set([...loaded.documents.map((d) => d.path), ...loaded.missingTexts]);
    const uncoded = chosen ? [...chosen].filter((path) => !coded.has(path)).sort() : [];
    if (documents.length === 0) return refused(chosen ? t('No side coded the chosen documents.') : t('No side coded any document.'));
    const notCodedBy = new Map([...loaded.notCodedBy].filter(([path]) => !chosen || chosen.has(path)));
    const missingTexts = loaded.missingTexts.filter((path) => !chosen || chosen.has(path));

    const codebook = study.codebook;
    const reportAs = choice.rollUp ? (code: string) => codebook.path(codebook.resolve(code))[0]?.id ?? codebook.resolve(code) : (code: string) => codebook.resolve(code);
    const codes = choice.codes === null ? undefined : [...new Set(choice.codes.map(reportAs))];
    const labels = loaded.sides.map((side) => side.label);
    let report: AgreementReport;
    let told = 0;
    try {
      report = await computeAgreementInSteps(documents, { coders: labels, unit: choice.unit, notCodedBy, reportAs, ...(codes ? { codes } : {}) }, undefined, {
        onStep: (done, total) => {
          if (done < total && performance.now() - told < PROGRESS_EVERY_MS) return;
          told = performance.now();
          progress(done < total ? t('Computing: {0} of {1} documents…', done, total) : t('Computing the coefficients of each code…'));
        },
        cancelled,
      });
    } catch (error) {
      if (error instanceof StepsCancelled) return undefined;
      // More sides than the coefficients take.
      if (error instanceof RangeError) return refused(error.message);
      throw error;
    }
    if (cancelled()) return undefined;

    const codeName = (code: string) => (codebook.has(code) ? codebook.pathLabel(code) : t('{0} (not in the codebook)', code));
    const row = (agreement: CodeAgreement, name: string): AgreementRow => ({
      code: agreement.code ?? null,
      name,
      ...(agreement.code !== undefined && codebook.get(agreement.code)?.colour ? { colour: codebook.get(agreement.code)!.colour } : {}),
      allUnits: unitFigures(agreement.allUnits),
      codedUnits: unitFigures(agreement.codedUnits),
      unitizingAlpha: figure(agreement.unitizingAlpha),
      codings: agreement.codings,
    });
    const result: AgreementResult = {
      kind: 'result',
      sides: labels,
      specs,
      unit: report.unit,
      documents: report.documents,
      documentsCodedByAll: report.documentsCodedByAll,
      rows: report.codes.map((agreement) => row(agreement, codeName(agreement.code!))),
      overall: row(report.overall, t('All codes')),
      documentPaths: documents.map((d) => d.path),
      orphans: report.orphans,
      missingTexts,
      notCodedBy: [...notCodedBy].map(([path, sides]) => ({ path, sides })),
      uncoded,
      problems: loaded.problems.map((p) => ({ file: p.file, ...(p.line === undefined ? {} : { line: p.line }), message: p.message })),
      milliseconds: Math.round(performance.now() - started),
    };
    return { outcome: result, computed: { report, result, codeName } };
  }
}

/** The document paths the choice keeps; undefined for all. */
function chosenDocuments(study: Study, choice: AgreementChoice): Set<string> | undefined {
  const scope = choice.scope;
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'cases': {
      const cases = new Set(scope.cases);
      return new Set(study.cases.cases.filter((c) => cases.has(c.id)).flatMap((c) => c.documents.map((d) => d.path)));
    }
    case 'documents':
      return new Set(scope.documents);
  }
}

function figure(coefficient: Coefficient | undefined): Figure {
  return coefficient?.value ?? null;
}

function unitFigures(u: UnitAgreement): UnitFigures {
  return {
    units: u.units,
    percentAgreement: figure(u.percentAgreement),
    ...(u.cohenKappa === undefined ? {} : { cohenKappa: figure(u.cohenKappa) }),
    fleissKappa: figure(u.fleissKappa),
    krippendorffAlpha: figure(u.krippendorffAlpha),
  };
}
