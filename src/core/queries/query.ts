// A saved coding query (queries/<name>.yaml): two codes combined by an operator, narrowed by case,
// attribute and coder. Read with every problem reported at its line; written in the same readable
// form the researcher would type. docs/queries.md says what each operator returns.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Problem } from '../model';

export const QUERIES_FOLDER = 'queries';

/** Operators that return regions of text (runs covered by A and/or B), not A's passages. */
export const REGION_OPERATORS = ['and', 'or', 'not'] as const;
/** Operators that return A's passages (whole codings) that meet a condition about B. */
export const PASSAGE_OPERATORS = ['overlapping', 'not-overlapping', 'same-turn', 'same-paragraph', 'near', 'followed-by'] as const;
export const OPERATORS = [...REGION_OPERATORS, ...PASSAGE_OPERATORS] as const;
export type Operator = (typeof OPERATORS)[number];

/** `followed-by` without `within`: B must start in the turn where A ends. */
export type Within = number | 'turn';

export interface CodingQuery {
  /** Code id (or name) of A. */
  readonly code: string;
  readonly operator: Operator;
  /** Code id (or name) of B. */
  readonly other: string;
  /** Code points, for `near` (required) and `followed-by` (default: the same turn). */
  readonly within?: Within;
  /** Codes count with their sub-codes (default true). */
  readonly includeSubcodes: boolean;
  readonly description?: string;
  /** Each present, non-empty filter keeps only what matches one of its values. */
  readonly cases?: readonly string[];
  readonly coders?: readonly string[];
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
}

export interface QueryParseResult {
  /** Undefined when the file cannot be read as a query: it is then left untouched. */
  readonly query: CodingQuery | undefined;
  readonly problems: Problem[];
}

const KEYS = new Set(['description', 'code', 'operator', 'other', 'within', 'include-subcodes', 'cases', 'coders', 'attributes']);

export function parseQuery(text: string, file: string): QueryParseResult {
  const lineCounter = new LineCounter();
  // The failsafe schema reads every scalar as the text written: a coder `007` or a code `yes` stays itself.
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  if (document.errors.length > 0) {
    return { query: undefined, problems: document.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, message: e.message.split('\n')[0], severity: 'error' as const })) };
  }
  const problems: Problem[] = [];
  const fail = (node: Node | null | undefined, message: string): QueryParseResult => {
    problems.push({ file, line: lineOf(node) ?? 1, message, severity: 'error' });
    return { query: undefined, problems };
  };
  const root = document.contents;
  if (!isMap(root)) return fail(root, 'A query is a map with "code", "operator" and "other".');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || !KEYS.has(key)) return fail(pair.key as Node, `Unknown key "${key ?? '?'}": expected one of ${[...KEYS].join(', ')}.`);
  }
  const text_ = (key: string): string | undefined | Error => {
    const node = root.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (!isScalar(node) || node.value === null || typeof node.value === 'object' || String(node.value).trim() === '') return new Error(`"${key}" must be a text.`);
    return String(node.value).trim();
  };
  const required: Record<string, string> = {};
  for (const key of ['code', 'operator', 'other']) {
    const value = text_(key);
    if (value instanceof Error) return fail(root.get(key, true) as Node, value.message);
    if (value === undefined) return fail(root, `"${key}" is missing.`);
    required[key] = value;
  }
  const operator = required.operator.toLowerCase().replace(/[\s_]+/g, '-');
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    return fail(root.get('operator', true) as Node, `Unknown operator "${required.operator}": expected one of ${OPERATORS.join(', ')}.`);
  }
  const description = text_('description');
  if (description instanceof Error) return fail(root.get('description', true) as Node, description.message);
  const within = readWithin(root);
  if (within instanceof Error) return fail(root.get('within', true) as Node, within.message);
  if (operator === 'near' && within === undefined) return fail(root, '"near" needs "within": a number of characters.');
  if (operator === 'near' && within === 'turn') return fail(root.get('within', true) as Node, '"near" needs "within": a number of characters.');
  if (within !== undefined && operator !== 'near' && operator !== 'followed-by') return fail(root.get('within', true) as Node, `"within" applies only to near and followed-by, not ${operator}.`);
  const subcodesNode = root.get('include-subcodes', true) as Node | undefined;
  const subcodes = isScalar(subcodesNode) ? String(subcodesNode.value) : undefined;
  if (subcodesNode !== undefined && subcodes !== 'true' && subcodes !== 'false') return fail(subcodesNode, '"include-subcodes" must be true or false.');
  const cases = readList(root, 'cases');
  if (cases instanceof Error) return fail(root.get('cases', true) as Node, cases.message);
  const coders = readList(root, 'coders');
  if (coders instanceof Error) return fail(root.get('coders', true) as Node, coders.message);
  const attributes = readAttributes(root.get('attributes', true) as Node | undefined);
  if (attributes instanceof Error) return fail(root.get('attributes', true) as Node, attributes.message);
  const query: CodingQuery = {
    code: required.code,
    operator: operator as Operator,
    other: required.other,
    includeSubcodes: subcodes !== 'false',
    ...(within === undefined ? {} : { within }),
    ...(description === undefined ? {} : { description }),
    ...(cases === undefined ? {} : { cases }),
    ...(coders === undefined ? {} : { coders }),
    ...(attributes === undefined ? {} : { attributes }),
  };
  return { query, problems };
}

function readWithin(root: YAMLMap): Within | undefined | Error {
  const node = root.get('within', true) as Node | undefined;
  if (node === undefined) return undefined;
  const value = isScalar(node) ? String(node.value) : '';
  if (value === 'turn') return 'turn';
  if (/^\d+$/.test(value)) return Number(value);
  return new Error('"within" must be a whole number of characters (0 or more), or "turn".');
}

function readList(root: YAMLMap, key: string): string[] | undefined | Error {
  const node = root.get(key, true) as Node | undefined;
  if (node === undefined) return undefined;
  const values = scalarList(node);
  return values ?? new Error(`"${key}" must be a list of names, e.g. [a, b].`);
}

function scalarList(node: Node): string[] | undefined {
  if (isScalar(node) && node.value !== null && typeof node.value !== 'object') return [String(node.value)];
  if (!isSeq(node)) return undefined;
  const values: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || item.value === null || typeof item.value === 'object') return undefined;
    values.push(String(item.value));
  }
  return values;
}

function readAttributes(node: Node | undefined): Record<string, string[]> | undefined | Error {
  if (node === undefined) return undefined;
  const error = new Error('"attributes" must map each attribute to a list of values, e.g. { region: [South] }.');
  if (!isMap(node)) return error;
  const attributes: Record<string, string[]> = {};
  for (const pair of node.items) {
    if (!isScalar(pair.key)) return error;
    const values = pair.value ? scalarList(pair.value as Node) : undefined;
    if (!values) return error;
    attributes[String(pair.key.value)] = values;
  }
  return attributes;
}

/** The query as the YAML a researcher would write (parseQuery reads it back the same). */
export function formatQuery(query: CodingQuery): string {
  const lines: string[] = [];
  if (query.description) lines.push(`description: ${yamlText(query.description)}`);
  lines.push(`code: ${yamlText(query.code)}`, `operator: ${query.operator}`, `other: ${yamlText(query.other)}`);
  if (query.within !== undefined) lines.push(`within: ${query.within}`);
  if (!query.includeSubcodes) lines.push('include-subcodes: false');
  if (query.cases?.length) lines.push(`cases: ${yamlList(query.cases)}`);
  if (query.coders?.length) lines.push(`coders: ${yamlList(query.coders)}`);
  const attributes = Object.entries(query.attributes ?? {}).filter(([, values]) => values.length > 0);
  if (attributes.length > 0) {
    lines.push('attributes:');
    for (const [name, values] of attributes) lines.push(`  ${yamlText(name)}: ${yamlList(values)}`);
  }
  return `${lines.join('\n')}\n`;
}

function yamlList(values: readonly string[]): string {
  return `[${values.map(yamlText).join(', ')}]`;
}

/** A plain scalar when YAML reads it back as the same text, else a double-quoted one. */
function yamlText(value: string): string {
  const plain = /^[\p{L}\p{N}_][\p{L}\p{M}\p{N}_ .\-’']*$/u.test(value) && value.trim() === value && !/^(true|false|null|yes|no|on|off|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** A file name (without folder and extension) for a query: letters, digits and dashes. */
export function queryFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'query';
}

/** The query's name: its file name without folder and extension. */
export function queryName(relativePath: string): string {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/i, '');
}
