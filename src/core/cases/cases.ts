// cases.yaml: cases, the documents that belong to them, and typed attributes.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { AttributeDefinition, AttributeType, AttributeValue, Case, CaseDocument, Problem } from '../model';
import { studyPathProblem } from '../storage/study-files';
import { parseYamlWithLines } from '../yaml/lines';

export const CASES_FILE = 'cases.yaml';

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'date', 'boolean', 'choice'];

export interface Cases {
  readonly ok: boolean;
  readonly attributes: readonly AttributeDefinition[];
  readonly cases: readonly Case[];
}

export const NO_CASES: Cases = { ok: true, attributes: [], cases: [] };

export function parseCases(text: string, file = CASES_FILE): { cases: Cases; problems: Problem[] } {
  const { document, lineOf, errors } = parseYamlWithLines(text, file);
  if (errors.length > 0) return { cases: { ...NO_CASES, ok: false }, problems: errors };
  const problems: Problem[] = [];
  const report = (node: Node | null | undefined, message: string, severity: Problem['severity'] = 'warning') =>
    problems.push({ file, line: lineOf(node), message, severity });

  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { cases: NO_CASES, problems };
  if (!isMap(root)) {
    report(root, 'cases.yaml should be a map with "attributes" and "cases".', 'error');
    return { cases: { ...NO_CASES, ok: false }, problems };
  }

  const attributes = readAttributeDefinitions(root.get('attributes', true) as Node | undefined, report);
  const types = new Map(attributes.map((a) => [a.name, a]));
  const readValues = (node: Node | undefined): Record<string, AttributeValue> => {
    const values: Record<string, AttributeValue> = {};
    if (node === undefined) return values;
    if (!isMap(node)) {
      report(node, '"attributes" should be a map of names to values.');
      return values;
    }
    for (const pair of node.items) {
      const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const checked = checkAttributeValue(name, value, types.get(name));
      if (typeof checked === 'string') report(pair.value as Node, checked);
      else values[name] = checked.value;
    }
    return values;
  };

  const cases: Case[] = [];
  const caseIds = new Set<string>();
  const documentPaths = new Map<string, string>();
  const casesNode = root.get('cases', true) as Node | undefined;
  if (casesNode !== undefined && !isSeq(casesNode)) report(casesNode, '"cases" should be a list.', 'error');
  for (const item of isSeq(casesNode) ? casesNode.items : []) {
    if (!isMap(item)) {
      report(item as Node, 'A case should be a map with id, name, attributes and documents.', 'error');
      continue;
    }
    const id = scalarString(item, 'id');
    if (id === undefined) {
      report(item, 'A case needs an "id".', 'error');
      continue;
    }
    if (caseIds.has(id)) {
      report(item, `Duplicate case id "${id}": the first is used.`, 'error');
      continue;
    }
    caseIds.add(id);
    const documents: CaseDocument[] = [];
    const documentsNode = item.get('documents', true) as Node | undefined;
    if (documentsNode !== undefined && !isSeq(documentsNode)) report(documentsNode, '"documents" should be a list.');
    for (const entry of isSeq(documentsNode) ? documentsNode.items : []) {
      const documentPath = isScalar(entry) ? String(entry.value) : isMap(entry) ? scalarString(entry, 'path') : undefined;
      if (documentPath === undefined) {
        report(entry as Node, 'A document needs a "path".');
        continue;
      }
      const pathProblem = studyPathProblem(documentPath);
      if (pathProblem !== undefined) {
        report(entry as Node, `${pathProblem} This document is left out.`, 'error');
        continue;
      }
      const owner = documentPaths.get(documentPath);
      if (owner !== undefined) {
        report(entry as Node, `Document "${documentPath}" already belongs to case "${owner}".`, 'error');
        continue;
      }
      documentPaths.set(documentPath, id);
      const attributesNode = isMap(entry) ? (entry.get('attributes', true) as Node | undefined) : undefined;
      documents.push({ path: documentPath, attributes: readValues(attributesNode) });
    }
    cases.push({
      id,
      name: scalarString(item, 'name') ?? id,
      attributes: readValues(item.get('attributes', true) as Node | undefined),
      documents,
    });
  }
  return { cases: { ok: true, attributes, cases }, problems };
}

function readAttributeDefinitions(
  node: Node | undefined,
  report: (node: Node | null | undefined, message: string) => void,
): AttributeDefinition[] {
  if (node === undefined) return [];
  if (!isMap(node)) {
    report(node, '"attributes" should be a map of attribute names to their type.');
    return [];
  }
  const definitions: AttributeDefinition[] = [];
  for (const pair of node.items) {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const spec = pair.value;
    let type: AttributeType = 'text';
    let values: string[] | undefined;
    if (isMap(spec)) {
      const declared = scalarString(spec, 'type') ?? 'text';
      if ((ATTRIBUTE_TYPES as readonly string[]).includes(declared)) type = declared as AttributeType;
      else report(spec, `Unknown attribute type "${declared}" for "${name}"; read as text.`);
      const valuesNode = spec.get('values', true);
      if (isSeq(valuesNode)) values = valuesNode.items.map((v) => String(isScalar(v) ? v.value : v));
      if (type === 'choice' && values === undefined) report(spec, `Choice attribute "${name}" lists no "values".`);
    } else if (isScalar(spec) && typeof spec.value === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(spec.value)) {
      type = spec.value as AttributeType;
    } else {
      report(spec as Node, `Attribute "${name}" should give a type.`);
    }
    definitions.push(values ? { name, type, values } : { name, type });
  }
  return definitions;
}

function checkAttributeValue(
  name: string,
  value: unknown,
  definition: AttributeDefinition | undefined,
): { value: AttributeValue } | string {
  if (value === null || value === undefined) return `Attribute "${name}" has no value.`;
  const asText = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  switch (definition?.type ?? 'text') {
    case 'number':
      return typeof value === 'number' ? { value } : `Attribute "${name}" should be a number, not "${asText}".`;
    case 'boolean':
      return typeof value === 'boolean' ? { value } : `Attribute "${name}" should be true or false, not "${asText}".`;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(asText) ? { value: asText } : `Attribute "${name}" should be a date (YYYY-MM-DD), not "${asText}".`;
    case 'choice':
      return definition?.values && !definition.values.includes(asText)
        ? `Attribute "${name}" should be one of ${definition.values.join(', ')}, not "${asText}".`
        : { value: asText };
    default:
      return { value: typeof value === 'number' || typeof value === 'boolean' ? value : asText };
  }
}

function scalarString(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true);
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** A document's attributes: its case's, overridden by its own. */
export function documentAttributes(cases: Cases, documentPath: string): Record<string, AttributeValue> {
  for (const c of cases.cases) {
    const document = c.documents.find((d) => d.path === documentPath);
    if (document) return { ...c.attributes, ...document.attributes };
  }
  return {};
}

export function caseOfDocument(cases: Cases, documentPath: string): Case | undefined {
  return cases.cases.find((c) => c.documents.some((d) => d.path === documentPath));
}
