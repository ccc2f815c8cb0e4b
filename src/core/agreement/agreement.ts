// Inter-coder agreement over a set of documents, per code and over all codes: the unit-based
// coefficients on the unit the user chose, reported both with and without the units no coder
// coded, and unitizing alpha on the characters, which needs no unit.
import type { Coding, Span } from '../model';
import { TextIndex } from '../text/offsets';
import { cohenKappa } from './coefficients/cohen-kappa';
import { fleissKappa } from './coefficients/fleiss-kappa';
import { krippendorffAlpha, type AlphaResult } from './coefficients/krippendorff-alpha';
import { percentAgreement } from './coefficients/percent-agreement';
import { poolUnitizing, unitizingAlpha, type UnitizingResult } from './coefficients/unitizing-alpha';
import type { Coefficient } from './reliability-data';
import { addDocumentUnits, mergeSpans, notCodedValues, UnitValueCounts } from './unit-values';
import { textUnits, type AgreementUnit } from './units';
import { pause, type StepCalls } from '../util/steps';

/** A document with its placed codings; a PlacedDocument (src/core/study/placement.ts) is one. */
export interface AgreementDocument {
  readonly path: string;
  /** The current normalised text. */
  readonly text: string;
  /** Codings placed on the text; `span` undefined for an orphan, which is reported and not counted. */
  readonly codings: readonly { readonly coding: Pick<Coding, 'code' | 'coder'>; readonly span: Span | undefined }[];
}

export interface AgreementOptions {
  /** The coders (or sides) compared, as named in `coding.coder`; codings of others are ignored. */
  readonly coders: readonly string[];
  readonly unit: AgreementUnit;
  /** The codes reported, in this order; default: every code the coders used (after `reportAs`), sorted. */
  readonly codes?: readonly string[];
  /**
   * The code a coding counts for, e.g. its top-level code to roll sub-codes up (a coder's codings
   * of a parent and its sub-codes then merge); undefined leaves the coding out. Default: its own code.
   */
  readonly reportAs?: (code: string) => string | undefined;
  /** Per document path, coders who have not coded that document: their values are missing, not "not coded". */
  readonly notCodedBy?: ReadonlyMap<string, readonly string[]>;
}

/** The unit-based coefficients over one set of units. */
export interface UnitAgreement {
  /** Units with at least one coder's value. */
  readonly units: number;
  readonly percentAgreement: Coefficient;
  /** Two coders only. */
  readonly cohenKappa: Coefficient | undefined;
  /** Units every coder coded. */
  readonly fleissKappa: Coefficient;
  /** Binary (coded / not coded), nominal. */
  readonly krippendorffAlpha: AlphaResult;
}

export interface CodeAgreement {
  /** The code id; undefined for all codes pooled (each unit once per code). */
  readonly code: string | undefined;
  /** Every unit, including those no coder coded with this code. */
  readonly allUnits: UnitAgreement;
  /** Only the units at least one coder coded with this code. */
  readonly codedUnits: UnitAgreement;
  /** uα on the characters of the documents every coder coded, one after another. */
  readonly unitizingAlpha: UnitizingResult;
  /** Codings per coder, in the order of `coders` (orphans not included). */
  readonly codings: readonly number[];
}

export interface AgreementReport {
  readonly unit: AgreementUnit;
  readonly coders: readonly string[];
  readonly documents: number;
  /** Documents every coder coded: the continuum of unitizing alpha. */
  readonly documentsCodedByAll: number;
  readonly codes: readonly CodeAgreement[];
  readonly overall: CodeAgreement;
  /** Codings that could not be placed on the current text: not counted, listed here. */
  readonly orphans: readonly { readonly path: string; readonly coder: string; readonly count: number }[];
}

/** What the unit value counts can key exactly (unit-values.ts). */
const MAX_CODERS = 26;

export function computeAgreement(documents: readonly AgreementDocument[], options: AgreementOptions): AgreementReport {
  const accumulator = new AgreementAccumulator(documents, options);
  for (const document of documents) accumulator.add(document);
  return accumulator.report();
}

/**
 * The same report, computed a document (then a code) at a time so that the caller's thread
 * stays responsive. The steps are counted in documents and codes, never timed: the result
 * does not depend on how busy the machine is. `steps.cancelled` true stops it (StepsCancelled).
 */
export async function computeAgreementInSteps(documents: readonly AgreementDocument[], options: AgreementOptions, documentsPerStep = 1, steps: StepCalls = {}): Promise<AgreementReport> {
  const accumulator = new AgreementAccumulator(documents, options);
  for (let i = 0; i < documents.length; i++) {
    if (i > 0 && i % documentsPerStep === 0) {
      steps.onStep?.(i, documents.length);
      await pause(steps);
    }
    accumulator.add(documents[i]);
  }
  steps.onStep?.(documents.length, documents.length);
  const reporting = accumulator.reportSteps();
  for (;;) {
    const step = reporting.next();
    if (step.done) return step.value;
    await pause(steps);
  }
}

interface CodeEntry {
  readonly counts: UnitValueCounts;
  /** Per coder, the stretches on the continuum of the documents every coder coded. */
  readonly continuum: Span[][];
  readonly codings: number[];
}

/** Adds documents one by one (in order: the continuum follows it), then reports. */
class AgreementAccumulator {
  private readonly coderIndex: ReadonlyMap<string, number>;
  private readonly perCode: ReadonlyMap<string, CodeEntry>;
  private readonly orphans: { path: string; coder: string; count: number }[] = [];
  private continuumLength = 0;
  private documentsCodedByAll = 0;
  private documents = 0;

  constructor(documents: readonly AgreementDocument[], private readonly options: AgreementOptions) {
    const { coders } = options;
    if (coders.length < 2 || coders.length > MAX_CODERS) throw new RangeError(`Agreement compares 2 to ${MAX_CODERS} coders, not ${coders.length}.`);
    if (new Set(coders).size !== coders.length) throw new RangeError('Each coder may be compared only once.');
    this.coderIndex = new Map(coders.map((coder, k) => [coder, k]));
    const codes = options.codes ?? usedCodes(documents, this.coderIndex, options.reportAs);
    this.perCode = new Map(codes.map((code) => [code, { counts: new UnitValueCounts(), continuum: coders.map((): Span[] => []), codings: coders.map(() => 0) }]));
  }

  add(document: AgreementDocument): void {
    const { coders, unit } = this.options;
    const missing = new Set(this.options.notCodedBy?.get(document.path) ?? []);
    const present = coders.map((coder) => !missing.has(coder));
    const byCode = spansByCodeAndCoder(document, this.coderIndex, this.orphans, this.options.reportAs);
    const length = TextIndex.forText(document.text).codePointLength;
    const units = unit === 'character' ? undefined : textUnits(document.text, unit);
    const codedByAll = present.every(Boolean);
    const notCoded = notCodedValues(present);
    const offset = this.continuumLength;
    for (const [code, entry] of this.perCode) {
      const spans = byCode.get(code);
      if (spans === undefined) {
        entry.counts.add(notCoded, units === undefined ? length : units.length);
        continue;
      }
      spans.forEach((s, k) => (entry.codings[k] += s.length));
      // Placed spans lie inside the text; clamping keeps one that does not from spilling into the next document.
      const merged = spans.map((s) => mergeSpans(s.map((span) => ({ start: Math.min(span.start, length), end: Math.min(span.end, length) }))));
      addDocumentUnits(entry.counts, merged, present, length, units);
      if (codedByAll) merged.forEach((s, k) => s.forEach((span) => entry.continuum[k].push({ start: span.start + offset, end: span.end + offset })));
    }
    if (codedByAll) {
      this.continuumLength += length;
      this.documentsCodedByAll++;
    }
    this.documents++;
  }

  report(): AgreementReport {
    const steps = this.reportSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** The report, one code per step: the coefficients of many codes take a while. */
  *reportSteps(): Generator<void, AgreementReport> {
    const { coders } = this.options;
    const pooled = new UnitValueCounts();
    const results: CodeAgreement[] = [];
    for (const [code, entry] of this.perCode) {
      pooled.addAll(entry.counts);
      results.push({ code, ...unitAgreements(entry.counts, coders), unitizingAlpha: unitizingAlpha([{ length: this.continuumLength, coders: entry.continuum }]), codings: entry.codings });
      yield;
    }
    const totalCodings = coders.map((_, k) => results.reduce((sum, r) => sum + r.codings[k], 0));
    const overall: CodeAgreement = { code: undefined, ...unitAgreements(pooled, coders), unitizingAlpha: poolUnitizing(results.map((r) => r.unitizingAlpha)), codings: totalCodings };
    return { unit: this.options.unit, coders, documents: this.documents, documentsCodedByAll: this.documentsCodedByAll, codes: results, overall, orphans: this.orphans };
  }
}

function unitAgreements(counts: UnitValueCounts, coders: readonly string[]): Pick<CodeAgreement, 'allUnits' | 'codedUnits'> {
  const measure = (codedOnly: boolean): UnitAgreement => {
    const data = counts.data(coders, codedOnly);
    return {
      units: data.rows.reduce((n, row) => n + (row.values.some((v) => v !== undefined) ? row.count : 0), 0),
      percentAgreement: percentAgreement(data),
      cohenKappa: coders.length === 2 ? cohenKappa(data) : undefined,
      fleissKappa: fleissKappa(data),
      krippendorffAlpha: krippendorffAlpha(data, 'nominal'),
    };
  };
  return { allUnits: measure(false), codedUnits: measure(true) };
}

/** Placed codings by code, then by coder index; orphans counted into `orphans`. */
function spansByCodeAndCoder(document: AgreementDocument, coderIndex: ReadonlyMap<string, number>, orphans: { path: string; coder: string; count: number }[], reportAs = (code: string): string | undefined => code): Map<string, Span[][]> {
  const byCode = new Map<string, Span[][]>();
  const orphansByCoder = new Map<string, number>();
  for (const { coding, span } of document.codings) {
    const k = coderIndex.get(coding.coder);
    if (k === undefined) continue;
    if (span === undefined) {
      orphansByCoder.set(coding.coder, (orphansByCoder.get(coding.coder) ?? 0) + 1);
      continue;
    }
    const code = reportAs(coding.code);
    if (code === undefined) continue;
    let spans = byCode.get(code);
    if (!spans) byCode.set(code, (spans = [...coderIndex.keys()].map((): Span[] => [])));
    spans[k].push(span);
  }
  for (const [coder, count] of orphansByCoder) orphans.push({ path: document.path, coder, count });
  return byCode;
}

function usedCodes(documents: readonly AgreementDocument[], coderIndex: ReadonlyMap<string, number>, reportAs = (code: string): string | undefined => code): string[] {
  const codes = new Set<string>();
  for (const document of documents) {
    for (const { coding, span } of document.codings) {
      const code = span !== undefined && coderIndex.has(coding.coder) ? reportAs(coding.code) : undefined;
      if (code !== undefined) codes.add(code);
    }
  }
  return [...codes].sort();
}
