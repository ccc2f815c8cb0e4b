// Editing cases.yaml as text: one attribute value, a new attribute, a new or renamed case, a
// document assigned to a case or taken out of one. Each function takes the file's text and
// returns the new text, splicing only the lines the edit is about, so comments, blank lines,
// quoting and the order of keys elsewhere stay byte for byte as they were. Every result is read
// back and compared with the cases the edit should produce; on any mismatch, or when the edit
// does not make sense, a CasesEditError is thrown and the caller writes nothing.
import { isMap, isScalar, isSeq, parseDocument, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AttributeDefinition, AttributeValue, Case, CaseDocument } from '../model';
import { contentEndOffset, dashColumn, isEmptyValue, lastLineOf, pairOf, scalarValue, styleOf, type ParsedPair } from '../yaml/nodes';
import { removePairSplices } from '../yaml/pair-edits';
import { flowList, flowScalar, formatScalar } from '../yaml/scalar';
import { applySplices, deleteLines, insertLinesBefore, reindent, SourceText, type Splice } from '../yaml/text';
import { studyPathProblem } from '../storage/study-files';
import { CASES_FILE, parseCases, type Cases } from './cases';
import { attributeSource } from './values';

export class CasesEditError extends Error {}

/** Whose attribute a cell is: a case's, or one document's own (which overrides its case's). */
export type AttributeTarget = { readonly kind: 'case'; readonly caseId: string } | { readonly kind: 'document'; readonly path: string };

interface Layout {
  readonly source: SourceText;
  readonly root: YAMLMap.Parsed | undefined;
  readonly cases: Cases;
}

/** Default indentation of a new list under a key, and of a map's keys under its `-`. */
const INDENT = 2;

// ---- attribute values ----------------------------------------------------------------------

/** Sets (or, with `value` undefined, removes) one attribute of a case or of a document. */
export function setAttribute(text: string, target: AttributeTarget, name: string, value: AttributeValue | undefined): string {
  const layout = load(text);
  const definition = layout.cases.attributes.find((a) => a.name === name);
  const valueSource = value === undefined ? undefined : attributeSource(value, definition);
  const expected = withAttribute(layout.cases, target, name, value);
  if (target.kind === 'case') {
    const item = requireCase(layout, target.caseId);
    const splices = valueSource === undefined ? removeFromAttributes(layout, item, name) : setInAttributes(layout, item, name, valueSource);
    return verified(text, splices, expected);
  }
  const found = requireDocument(layout, target.path);
  if (isMap(found.entry)) {
    const entry = found.entry as YAMLMap.Parsed;
    const splices = valueSource === undefined ? removeFromAttributes(layout, entry, name) : setInAttributes(layout, entry, name, valueSource);
    return verified(text, splices, expected);
  }
  // `- path/of/document.txt`: it has no attributes yet; it becomes `- path: …` with `attributes:`.
  if (valueSource === undefined) return text;
  const scalar = found.entry;
  const { source } = layout;
  const pathSource = source.text.slice(scalar.range[0], contentEndOffset(scalar, source.text));
  if (found.seq.flow) {
    return verified(text, [{ start: scalar.range[0], end: contentEndOffset(scalar, source.text), insert: `{ path: ${pathSource}, attributes: { ${flowScalar(name)}: ${valueSource} } }` }], expected);
  }
  const keyColumn = source.column(scalar.range[0]);
  return verified(
    text,
    [
      { start: scalar.range[0], end: contentEndOffset(scalar, source.text), insert: `path: ${pathSource}` },
      insertLinesBefore(source, source.lineOf(scalar.range[0]) + 1, [`${' '.repeat(keyColumn)}attributes: { ${flowScalar(name)}: ${valueSource} }`]),
    ],
    expected,
  );
}

/** `name: value` set in the map's `attributes:` (the key is added when missing). */
function setInAttributes(layout: Layout, owner: YAMLMap.Parsed, name: string, valueSource: string): Splice[] {
  const pair = pairOf(owner, 'attributes');
  if (!pair) return addPair(layout, owner, `attributes: { ${flowScalar(name)}: ${valueSource} }`, ['path', 'name', 'id']);
  if (isEmptyValue(pair.value)) return [afterColon(layout, pair, ` { ${flowScalar(name)}: ${valueSource} }`)];
  if (!isMap(pair.value)) throw new CasesEditError('"attributes" is not a map here; fix cases.yaml first.');
  const map = pair.value as YAMLMap.Parsed;
  const existing = pairOf(map, name);
  if (existing && !isEmptyValue(existing.value)) {
    const old = existing.value as ParsedNode;
    return [{ start: old.range[0], end: contentEndOffset(old, layout.source.text), insert: valueSource }];
  }
  if (existing) return [afterColon(layout, existing, ` ${valueSource}`)];
  return addPair(layout, map, `${flowScalar(name)}: ${valueSource}`, []);
}

function removeFromAttributes(layout: Layout, owner: YAMLMap.Parsed, name: string): Splice[] {
  const attributes = pairOf(owner, 'attributes')?.value;
  if (!isMap(attributes)) return [];
  return removePair(layout, attributes as YAMLMap.Parsed, name);
}

// ---- attribute definitions ------------------------------------------------------------------

/** Declares a new attribute at the end of the top-level `attributes:` map. */
export function addAttributeDefinition(text: string, definition: AttributeDefinition): string {
  const layout = load(text);
  const name = definition.name;
  checkAttributeName(name);
  if (layout.cases.attributes.some((a) => a.name === name)) throw new CasesEditError(`There is already an attribute "${name}".`);
  if (definition.type === 'choice' && (definition.values ?? []).length === 0) throw new CasesEditError('A choice attribute needs at least one value.');
  const values = definition.type === 'choice' ? `, values: ${flowList(definition.values ?? [])}` : '';
  const spec = `{ type: ${definition.type}${values} }`;
  const expected: Cases = { ...layout.cases, attributes: [...layout.cases.attributes, definition.type === 'choice' ? definition : { name, type: definition.type }] };
  const { root, source } = layout;
  const pair = pairOf(root, 'attributes');
  if (pair && isMap(pair.value)) return verified(text, addPair(layout, pair.value as YAMLMap.Parsed, `${name}: ${spec}`, []), expected);
  if (pair && isEmptyValue(pair.value)) return verified(text, [afterColon(layout, pair, ` { ${name}: ${spec} }`)], expected);
  if (pair) throw new CasesEditError('"attributes" at the top of cases.yaml is not a map; fix it first.');
  const lines = ['attributes:', `${' '.repeat(INDENT)}${name}: ${spec}`];
  const cases = pairOf(root, 'cases');
  // Above `cases:` and the comments just above it, which speak about it.
  let line = cases ? source.lineOf(cases.key.range[0]) : source.lineCount;
  while (cases && line > 0 && source.content(line - 1).trimStart().startsWith('#')) line--;
  return verified(text, [insertLinesBefore(source, line, lines)], expected);
}

function checkAttributeName(name: string): void {
  if (!/^[\p{L}\p{N}_][\p{L}\p{N}_-]*$/u.test(name) || flowScalar(name) !== name) {
    throw new CasesEditError(`"${name}" cannot be an attribute name: use letters, digits, "-" and "_", without spaces.`);
  }
}

// ---- cases ----------------------------------------------------------------------------------

/** A readable id for a new case named `name` that no case uses. */
export function newCaseId(cases: Cases, name: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'case';
  const used = new Set(cases.cases.map((c) => c.id));
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Adds a case (no attributes, no documents) at the end of `cases:`. */
export function addCase(text: string, id: string, name: string): string {
  const layout = load(text);
  if (id.trim() === '' || name.trim() === '') throw new CasesEditError('A case needs an id and a name.');
  if (layout.cases.cases.some((c) => c.id === id)) throw new CasesEditError(`There is already a case "${id}".`);
  const expected: Cases = { ...layout.cases, cases: [...layout.cases.cases, { id, name, attributes: {}, documents: [] }] };
  const { source, root } = layout;
  const pair = pairOf(root, 'cases');
  const entry = (dash: number) => [`${' '.repeat(dash)}- id: ${flowScalar(id)}`, `${' '.repeat(dash + INDENT)}name: ${flowScalar(name)}`];
  if (!pair) {
    const lines = ['cases:', ...entry(INDENT)];
    const blankBefore = source.text.trim() !== '' && !source.isBlank(source.lineCount - (source.endsWithLineBreak ? 2 : 1));
    return verified(text, [insertLinesBefore(source, source.lineCount, blankBefore ? ['', ...lines] : lines)], expected);
  }
  const seq = pair.value;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const last = seq.items.at(-1) as ParsedNode;
    const dash = dashColumn(source, last);
    return verified(text, [insertLinesBefore(source, lastLineOf(source, last) + 1, entry(dash))], expected);
  }
  if (isSeq(seq) && seq.flow && seq.items.length > 0) throw new CasesEditError('"cases" is written as a flow list [ … ]; write it as a block list first.');
  // `cases:` or `cases: []`: the list starts on the next line.
  const keyColumn = source.column(pair.key.range[0]);
  const splices: Splice[] = [];
  if (isSeq(seq)) splices.push({ start: seq.range[0], end: contentEndOffset(seq as ParsedNode, source.text), insert: '' });
  const line = seq ? lastLineOf(source, seq as ParsedNode) : source.lineOf(pair.key.range[0]);
  splices.push(insertLinesBefore(source, line + 1, entry(keyColumn + INDENT)));
  return verified(text, trimBeforeRemovedFlow(source, splices), expected);
}

/** Renames a case. Its id stays: matrices and the case's documents keep pointing at it. */
export function renameCase(text: string, id: string, name: string): string {
  const layout = load(text);
  const item = requireCase(layout, id);
  if (name.trim() === '') throw new CasesEditError('A case needs a name.');
  const expected: Cases = { ...layout.cases, cases: layout.cases.cases.map((c) => (c.id === id ? { ...c, name } : c)) };
  const pair = pairOf(item, 'name');
  const old = pair && !isEmptyValue(pair.value) ? (pair.value as ParsedNode) : undefined;
  // The researcher's quoting is kept when it can hold the new name.
  const value = formatScalar(name, { inFlow: true, blockIndent: 0, preferred: isScalar(old) ? styleOf(old) : undefined }).head;
  if (old) {
    return verified(text, [{ start: old.range[0], end: contentEndOffset(old, layout.source.text), insert: value }], expected);
  }
  if (pair) return verified(text, [afterColon(layout, pair, ` ${value}`)], expected);
  return verified(text, addPair(layout, item, `name: ${value}`, ['id']), expected);
}

// ---- documents ------------------------------------------------------------------------------

/**
 * Puts documents into a case. A document of another case moves with its own attributes (and the
 * comments on its lines); a document in no case gets a new `- path:` entry. Documents already in
 * the case are left as they are.
 */
export function assignDocuments(text: string, paths: readonly string[], caseId: string): string {
  let current = text;
  for (const documentPath of paths) current = assignDocument(current, documentPath, caseId);
  return current;
}

function assignDocument(text: string, documentPath: string, caseId: string): string {
  const pathProblem = studyPathProblem(documentPath);
  if (pathProblem !== undefined) throw new CasesEditError(pathProblem);
  const layout = load(text);
  const target = requireCase(layout, caseId);
  const owner = layout.cases.cases.find((c) => c.documents.some((d) => d.path === documentPath));
  if (owner?.id === caseId) return text;
  const { source } = layout;
  const moved = owner ? owner.documents.find((d) => d.path === documentPath)! : { path: documentPath, attributes: {} };
  const expected: Cases = {
    ...layout.cases,
    cases: layout.cases.cases.map((c) => {
      if (c.id === caseId) return { ...c, documents: [...c.documents, moved] };
      if (c.id === owner?.id) return { ...c, documents: c.documents.filter((d) => d.path !== documentPath) };
      return c;
    }),
  };
  let entry: EntrySource;
  const splices: Splice[] = [];
  if (owner) {
    const found = requireDocument(layout, documentPath);
    entry = entrySource(source, found);
    splices.push(...removeEntry(layout, found));
  } else {
    entry = { lines: [`- path: ${flowScalar(documentPath)}`], dashColumn: 0 };
  }
  splices.push(...appendEntry(layout, target, entry));
  return verified(text, splices, expected);
}

/** Takes a document out of its case; its own attributes go with its entry. */
export function removeDocument(text: string, documentPath: string): string {
  const layout = load(text);
  const found = requireDocument(layout, documentPath);
  const expected: Cases = { ...layout.cases, cases: layout.cases.cases.map((c) => ({ ...c, documents: c.documents.filter((d) => d.path !== documentPath) })) };
  return verified(text, removeEntry(layout, found), expected);
}

interface FoundDocument {
  readonly caseItem: YAMLMap.Parsed;
  readonly documentsPair: ParsedPair;
  readonly seq: YAMLSeq.Parsed;
  readonly entry: ParsedNode;
}

/** A document entry's whole lines (`- …` included), and the column of its `-`. */
interface EntrySource {
  readonly lines: readonly string[];
  readonly dashColumn: number;
}

function entrySource(source: SourceText, found: FoundDocument): EntrySource {
  const { entry, seq } = found;
  if (seq.flow) {
    const itemText = source.text.slice(entry.range[0], contentEndOffset(entry, source.text));
    if (itemText.includes('\n')) throw new CasesEditError('A document entry written over several lines inside [ … ]; write that list as a block list first.');
    return { lines: [`- ${itemText}`], dashColumn: 0 };
  }
  const first = source.lineOf(entry.range[0]);
  const lines: string[] = [];
  for (let line = first; line <= lastLineOf(source, entry); line++) lines.push(source.content(line));
  return { lines, dashColumn: dashColumn(source, entry) };
}

function removeEntry(layout: Layout, found: FoundDocument): Splice[] {
  const { source } = layout;
  const { seq, entry } = found;
  const index = seq.items.indexOf(entry);
  if (seq.flow) {
    const end = contentEndOffset(entry, source.text);
    if (index > 0) return [{ start: contentEndOffset(seq.items[index - 1] as ParsedNode, source.text), end, insert: '' }];
    if (seq.items.length > 1) return [{ start: entry.range[0], end: (seq.items[1] as ParsedNode).range[0], insert: '' }];
    return [{ start: entry.range[0], end, insert: '' }];
  }
  const removal = deleteLines(source, source.lineOf(entry.range[0]), lastLineOf(source, entry));
  // The last entry of a block list: the key keeps an empty list, `documents: []`.
  return seq.items.length === 1 ? [afterColon(layout, found.documentsPair, ' []'), removal] : [removal];
}

function appendEntry(layout: Layout, caseItem: YAMLMap.Parsed, entry: EntrySource): Splice[] {
  const { source } = layout;
  const pair = pairOf(caseItem, 'documents');
  const shifted = (dash: number) => entry.lines.map((line, i) => (i === 0 ? ' '.repeat(dash) + line.trimStart() : reindent(line, dash - entry.dashColumn)));
  if (!pair) {
    const keyColumn = keyColumnOf(source, caseItem);
    return addPair(layout, caseItem, 'documents:', [], shifted(keyColumn + INDENT));
  }
  const seq = pair.value;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const last = seq.items.at(-1) as ParsedNode;
    return [insertLinesBefore(source, lastLineOf(source, last) + 1, shifted(dashColumn(source, last)))];
  }
  if (isSeq(seq) && seq.flow && seq.items.length > 0) {
    if (entry.lines.length > 1) throw new CasesEditError('This case lists its documents inside [ … ]; write that list as a block list first.');
    const at = contentEndOffset(seq.items.at(-1) as ParsedNode, source.text);
    return [{ start: at, end: at, insert: `, ${entry.lines[0].trimStart().slice(2)}` }];
  }
  if (seq && !isEmptyValue(seq) && !isSeq(seq)) throw new CasesEditError('"documents" is not a list here; fix cases.yaml first.');
  // `documents:` or `documents: []`: the list starts on the next line.
  const splices: Splice[] = [];
  if (isSeq(seq)) splices.push({ start: seq.range[0], end: contentEndOffset(seq as ParsedNode, source.text), insert: '' });
  const line = seq && !isEmptyValue(seq) ? lastLineOf(source, seq as ParsedNode) : source.lineOf(pair.key.range[0]);
  splices.push(insertLinesBefore(source, line + 1, shifted(source.column(pair.key.range[0]) + INDENT)));
  return trimBeforeRemovedFlow(source, splices);
}

// ---- shared splicing ------------------------------------------------------------------------

/**
 * Adds `pairText` to a map: in a flow map before its `}`, in a block map on a new line after the
 * last of the keys in `after` that it has (else after its last key). `continuation` lines follow.
 */
function addPair(layout: Layout, map: YAMLMap.Parsed, pairText: string, after: readonly string[], continuation: readonly string[] = []): Splice[] {
  const { source } = layout;
  if (map.flow) {
    if (continuation.length > 0) throw new CasesEditError('This entry is written as { … }; write it in block style first.');
    const last = map.items.at(-1);
    if (!last) return [{ start: map.range[0], end: contentEndOffset(map as ParsedNode, source.text), insert: `{ ${pairText} }` }];
    const at = contentEndOffset((last.value ?? last.key) as ParsedNode, source.text);
    return [{ start: at, end: at, insert: `, ${pairText}` }];
  }
  const anchor = after.map((key) => pairOf(map, key)).find((pair) => pair !== undefined);
  const keyColumn = keyColumnOf(source, map);
  const line = anchor ? lastLineOf(source, (anchor.value ?? anchor.key) as ParsedNode) : lastLineOf(source, map as ParsedNode);
  return [insertLinesBefore(source, line + 1, [' '.repeat(keyColumn) + pairText, ...continuation])];
}

/** The only key leaves `{}` (nothing inside braces); cases.yaml's maps of values never sit on a `-` line. */
function removePair(layout: Layout, map: YAMLMap.Parsed, key: string): Splice[] {
  const pair = pairOf(map, key);
  if (!pair) return [];
  return removePairSplices(layout.source, map, pair, {
    onlyKey: 'leave-empty',
    keepInnerCommentLines: false,
    refusal: () => new CasesEditError(`Cannot remove "${key}" here without losing a comment; edit ${CASES_FILE} by hand.`),
  });
}

/** Inserts `insert` right after the colon of `pair` (whose value is empty or about to be moved). */
function afterColon(layout: Layout, pair: ParsedPair, insert: string): Splice {
  const at = layout.source.text.indexOf(':', pair.key.range[1]) + 1;
  return { start: at, end: at, insert };
}

/** A removed `[]` leaves `key: ` with a trailing space: the removal starts at the colon instead. */
function trimBeforeRemovedFlow(source: SourceText, splices: Splice[]): Splice[] {
  return splices.map((splice) => {
    if (splice.insert !== '' || splice.end === splice.start) return splice;
    let start = splice.start;
    while (start > 0 && source.text[start - 1] === ' ') start--;
    return { ...splice, start };
  });
}

// ---- reading the layout ---------------------------------------------------------------------

function load(text: string): Layout {
  const { cases, problems } = parseCases(text, CASES_FILE);
  if (!cases.ok) {
    const first = problems.find((p) => p.severity === 'error');
    throw new CasesEditError(`${CASES_FILE} has errors${first ? ` (line ${first.line ?? '?'}: ${first.message})` : ''}; fix them before editing it here.`);
  }
  const doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: true, prettyErrors: false });
  const contents = doc.contents;
  return { source: new SourceText(text), root: isMap(contents) ? (contents as YAMLMap.Parsed) : undefined, cases };
}

function caseItems(layout: Layout): YAMLMap.Parsed[] {
  const seq = pairOf(layout.root, 'cases')?.value;
  return isSeq(seq) ? (seq.items.filter((item) => isMap(item)) as YAMLMap.Parsed[]) : [];
}

function requireCase(layout: Layout, id: string): YAMLMap.Parsed {
  // The first entry with the id is the case (the reader skips later duplicates).
  const item = caseItems(layout).find((map) => scalarValue(pairOf(map, 'id')?.value) === id);
  if (!item) throw new CasesEditError(`There is no case "${id}" in ${CASES_FILE}.`);
  return item;
}

function requireDocument(layout: Layout, documentPath: string): FoundDocument {
  const owner = layout.cases.cases.find((c) => c.documents.some((d) => d.path === documentPath));
  if (!owner) throw new CasesEditError(`${documentPath} is in no case.`);
  const caseItem = requireCase(layout, owner.id);
  const documentsPair = pairOf(caseItem, 'documents');
  const seq = documentsPair?.value;
  if (!documentsPair || !isSeq(seq)) throw new CasesEditError(`Internal: the documents of case "${owner.id}" were not found.`);
  for (const entry of seq.items as ParsedNode[]) {
    const entryPath = isScalar(entry) ? scalarValue(entry) : isMap(entry) ? scalarValue(pairOf(entry as YAMLMap.Parsed, 'path')?.value) : undefined;
    if (entryPath === documentPath) return { caseItem, documentsPair, seq: seq as YAMLSeq.Parsed, entry };
  }
  throw new CasesEditError(`Internal: the entry of ${documentPath} was not found.`);
}

function keyColumnOf(source: SourceText, map: YAMLMap.Parsed): number {
  const first = map.items[0];
  return source.column(first ? first.key.range[0] : map.range[0]);
}

// ---- checking the result --------------------------------------------------------------------

function withAttribute(cases: Cases, target: AttributeTarget, name: string, value: AttributeValue | undefined): Cases {
  const change = (attributes: Readonly<Record<string, AttributeValue>>) => {
    const next = { ...attributes };
    if (value === undefined) delete next[name];
    else next[name] = value;
    return next;
  };
  if (target.kind === 'case') {
    if (!cases.cases.some((c) => c.id === target.caseId)) throw new CasesEditError(`There is no case "${target.caseId}" in ${CASES_FILE}.`);
    return { ...cases, cases: cases.cases.map((c) => (c.id === target.caseId ? { ...c, attributes: change(c.attributes) } : c)) };
  }
  return {
    ...cases,
    cases: cases.cases.map((c) => ({ ...c, documents: c.documents.map((d): CaseDocument => (d.path === target.path ? { ...d, attributes: change(d.attributes) } : d)) })),
  };
}

function verified(text: string, splices: readonly Splice[], expected: Cases): string {
  const after = applySplices(text, splices);
  const { cases, problems } = parseCases(after, CASES_FILE);
  const before = parseCases(text, CASES_FILE).problems.length;
  if (!cases.ok || problems.length > before || canonical(cases) !== canonical(expected)) {
    throw new CasesEditError(`Internal: the change to ${CASES_FILE} did not read back as intended; nothing was written.`);
  }
  return after;
}

function canonical(cases: Cases): string {
  const sorted = (record: Readonly<Record<string, AttributeValue>>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({
    attributes: cases.attributes.map((a: AttributeDefinition) => ({ name: a.name, type: a.type, values: a.values ?? null })),
    cases: cases.cases.map((c: Case) => ({
      id: c.id,
      name: c.name,
      attributes: sorted(c.attributes),
      documents: c.documents.map((d) => ({ path: d.path, attributes: sorted(d.attributes) })),
    })),
  });
}
