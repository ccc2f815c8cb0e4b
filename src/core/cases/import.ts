// Attributes from a table (a CSV file): the first column names a document (by its path or its
// file name) or a case (by id or name), every other column an attribute. The plan lists the
// values that will change, the rows and columns that match nothing, and the values refused; it is
// applied in one write.
import * as path from 'node:path';
import type { AttributeDefinition, AttributeType, AttributeValue } from '../model';
import { documentAttributes, type Cases } from './cases';
import type { CsvTable } from './csv';
import { addAttributeDefinition, setAttribute, type AttributeTarget } from './edit';
import { attributeText, readAttributeInput } from './values';

export interface PlannedChange {
  readonly target: AttributeTarget;
  /** The document's path or the case's name, for the preview. */
  readonly label: string;
  readonly attribute: string;
  readonly before: AttributeValue | undefined;
  readonly after: AttributeValue;
}

/** A column naming no attribute of the study: added (typed as guessed) if the researcher agrees. */
export interface NewAttribute {
  readonly name: string;
  readonly type: Extract<AttributeType, 'text' | 'number'>;
}

export interface ImportPlan {
  readonly changes: readonly PlannedChange[];
  /** Changes that only apply once their new attribute is added. */
  readonly changesOfNewAttributes: readonly PlannedChange[];
  readonly newAttributes: readonly NewAttribute[];
  /** Rows that match no document or case, with why. */
  readonly unmatched: readonly { readonly line: number; readonly key: string; readonly reason: string }[];
  /** Cells whose value does not fit the attribute's type. */
  readonly refused: readonly { readonly line: number; readonly key: string; readonly attribute: string; readonly reason: string }[];
  /** Values that are already there. */
  readonly unchanged: number;
}

/**
 * Plans the import of `table` (first row: headers). `documentPaths` are the study's documents;
 * a row matches a document by path, else by file name when exactly one document has it, else a
 * case by id or name. Documents must be in a case to carry attributes.
 */
export function planAttributeImport(cases: Cases, documentPaths: readonly string[], table: CsvTable): ImportPlan {
  const [header, ...rows] = table.rows;
  const changes: PlannedChange[] = [];
  const changesOfNewAttributes: PlannedChange[] = [];
  const unmatched: { line: number; key: string; reason: string }[] = [];
  const refused: { line: number; key: string; attribute: string; reason: string }[] = [];
  let unchanged = 0;
  if (!header) return { changes, changesOfNewAttributes, newAttributes: [], unmatched, refused, unchanged };
  const columns = header.slice(1).map((name) => name.trim());
  const definitions = new Map(cases.attributes.map((a) => [a.name, a]));
  const newAttributes = columns
    .map((name, index): NewAttribute | undefined => {
      if (name === '' || definitions.has(name)) return undefined;
      const values = rows.map((row) => (row[index + 1] ?? '').trim()).filter((v) => v !== '');
      const numeric = values.length > 0 && values.every((v) => 'value' in readAttributeInput({ name, type: 'number' }, v));
      return { name, type: numeric ? 'number' : 'text' };
    })
    .filter((a): a is NewAttribute => a !== undefined && columns.indexOf(a.name) === columns.lastIndexOf(a.name));
  const newTypes = new Map(newAttributes.map((a) => [a.name, a]));

  const byName = new Map<string, string[]>();
  for (const documentPath of documentPaths) {
    const name = path.posix.basename(documentPath);
    byName.set(name, [...(byName.get(name) ?? []), documentPath]);
  }
  const inCase = (documentPath: string) => cases.cases.some((c) => c.documents.some((d) => d.path === documentPath));

  rows.forEach((row, index) => {
    const line = table.lines[index + 1];
    const key = (row[0] ?? '').trim();
    const match = matchRow(cases, documentPaths, byName, key.replaceAll('\\', '/'));
    if ('reason' in match) {
      unmatched.push({ line, key, reason: match.reason });
      return;
    }
    if (match.target.kind === 'document' && !inCase(match.target.path)) {
      unmatched.push({ line, key, reason: `${match.target.path} is in no case; assign it to a case first.` });
      return;
    }
    const current: Readonly<Record<string, AttributeValue>> =
      match.target.kind === 'case' ? cases.cases.find((c) => c.id === (match.target as { caseId: string }).caseId)!.attributes : ownAttributes(cases, match.target.path);
    columns.forEach((attribute, column) => {
      const raw = row[column + 1] ?? '';
      if (attribute === '' || raw.trim() === '') return;
      const definition: AttributeDefinition | undefined = definitions.get(attribute) ?? newTypes.get(attribute);
      if (!definition) return;
      const read = readAttributeInput(definition, raw);
      if ('error' in read) {
        refused.push({ line, key, attribute, reason: read.error });
        return;
      }
      if (read.value === undefined) return;
      if (current[attribute] === read.value) {
        unchanged++;
        return;
      }
      const change: PlannedChange = { target: match.target, label: match.label, attribute, before: current[attribute], after: read.value };
      (definitions.has(attribute) ? changes : changesOfNewAttributes).push(change);
    });
  });
  return { changes, changesOfNewAttributes, newAttributes, unmatched, refused, unchanged };
}

function ownAttributes(cases: Cases, documentPath: string): Readonly<Record<string, AttributeValue>> {
  for (const c of cases.cases) for (const d of c.documents) if (d.path === documentPath) return d.attributes;
  return documentAttributes(cases, documentPath);
}

function matchRow(
  cases: Cases,
  documentPaths: readonly string[],
  byName: ReadonlyMap<string, string[]>,
  key: string,
): { target: AttributeTarget; label: string } | { reason: string } {
  if (key === '') return { reason: 'The first column is empty.' };
  if (documentPaths.includes(key)) return { target: { kind: 'document', path: key }, label: key };
  const named = byName.get(path.posix.basename(key)) ?? [];
  if (named.length === 1) return { target: { kind: 'document', path: named[0] }, label: named[0] };
  if (named.length > 1) return { reason: `${named.length} documents are named ${path.posix.basename(key)}; give the path.` };
  const theCase = cases.cases.find((c) => c.id === key) ?? cases.cases.find((c) => c.name === key);
  if (theCase) return { target: { kind: 'case', caseId: theCase.id }, label: theCase.name };
  return { reason: 'No document or case of the study has this path, file name, id or name.' };
}

/** The new text of cases.yaml with the plan applied; `addNew`: also the new attributes and their values. */
export function applyAttributeImport(text: string, plan: ImportPlan, addNew: boolean): string {
  let current = text;
  if (addNew) for (const attribute of plan.newAttributes) current = addAttributeDefinition(current, attribute);
  for (const change of addNew ? [...plan.changes, ...plan.changesOfNewAttributes] : plan.changes) {
    current = setAttribute(current, change.target, change.attribute, change.after);
  }
  return current;
}

/** One line of the preview: `San Aurelio · region: South → North`. */
export function describeChange(change: PlannedChange): string {
  const before = change.before === undefined ? '∅' : attributeText(change.before);
  return `${change.label} · ${change.attribute}: ${before} → ${attributeText(change.after)}`;
}
