// What the agreement view is asked to compute, checked: from a command's argument (a script, a
// menu passing a tree item) or from the webview (whose messages are checked like any input).
import { parseSideSpec, type SideSpec } from '../core/agreement/study-sides';
import { AGREEMENT_UNITS, type AgreementUnit } from '../core/agreement/units';
import { DEFAULT_CHOICE, type AgreementChoice, type DocumentScope } from '../shared/agreement-protocol';

type Fields = { -readonly [K in keyof AgreementChoice]?: AgreementChoice[K] };

/**
 * The choices a command argument makes: `sides` as "coder@ref" strings or {coder, ref} objects,
 * `documents` or `cases`, `unit`, `rollUp`, `codes`. Anything else (a tree item, a URI) makes none.
 */
export function commandChoice(value: unknown): Partial<AgreementChoice> {
  if (!isRecord(value)) return {};
  const choice = commonFields(value);
  const documents = strings(value.documents);
  const cases = strings(value.cases);
  if (documents) choice.scope = { kind: 'documents', documents };
  else if (cases) choice.scope = { kind: 'cases', cases };
  return choice;
}

/** The webview's choice as it sends it; what is malformed falls back to the default. */
export function webviewChoice(value: unknown): AgreementChoice {
  if (!isRecord(value)) return DEFAULT_CHOICE;
  return { ...DEFAULT_CHOICE, ...commonFields(value), ...(isRecord(value.scope) ? { scope: scopeOf(value.scope) } : {}) };
}

function commonFields(value: Record<string, unknown>): Fields {
  const choice: Fields = {};
  if (Array.isArray(value.sides)) {
    const sides = value.sides.map(sideOf).filter((side): side is SideSpec => side !== undefined);
    if (sides.length === value.sides.length) choice.sides = sides;
  }
  if (typeof value.unit === 'string' && (AGREEMENT_UNITS as readonly string[]).includes(value.unit)) choice.unit = value.unit as AgreementUnit;
  if (typeof value.rollUp === 'boolean') choice.rollUp = value.rollUp;
  const codes = strings(value.codes);
  if (codes || value.codes === null) choice.codes = codes ?? null;
  return choice;
}

function scopeOf(scope: Record<string, unknown>): DocumentScope {
  const documents = strings(scope.documents);
  const cases = strings(scope.cases);
  if (scope.kind === 'documents' && documents) return { kind: 'documents', documents };
  if (scope.kind === 'cases' && cases) return { kind: 'cases', cases };
  return { kind: 'all' };
}

function sideOf(value: unknown): SideSpec | undefined {
  if (typeof value === 'string') return parseSideSpec(value);
  if (!isRecord(value)) return undefined;
  const { coder, ref } = value;
  if (typeof coder !== 'string' || (ref !== undefined && typeof ref !== 'string')) return undefined;
  return ref === undefined ? { coder } : { coder, ref };
}

function strings(list: unknown): string[] | undefined {
  return Array.isArray(list) && list.every((item) => typeof item === 'string') ? (list as string[]) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
