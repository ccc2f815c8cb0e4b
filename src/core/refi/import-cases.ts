// cases.yaml from a REFI-QDA project's cases and variables (docs/refi-qda.md): typed attributes,
// documents with their own values, and the case ids a Gloss export made its GUIDs from.
import { stringify } from 'yaml';
import { parseCases } from '../cases/cases';
import { coderSlug } from '../codings/paths';
import type { AttributeType } from '../model';
import { normaliseText } from '../text/normalise';
import { caseGuid } from './guids';
import { joinNotes, safeFileName } from './import-files';
import type { RefiCase, RefiProject, RefiSourceHeader } from './read-project';

/** The case's id: the one its GUID was made from when Gloss exported it, else a slug of its name. */
function caseId(refi: RefiCase, taken: Set<string>): string {
  const slug = coderSlug(refi.name);
  const candidates = [refi.name, slug, refi.name.toLowerCase()];
  let id = candidates.find((candidate) => caseGuid(candidate) === refi.guid && !taken.has(candidate)) ?? slug;
  for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
  taken.add(id);
  return id;
}

const VARIABLE_TYPES: Readonly<Record<string, AttributeType>> = { Text: 'text', Boolean: 'boolean', Integer: 'number', Float: 'number', Date: 'date', DateTime: 'text' };

export function formatCases(
  project: RefiProject<RefiSourceHeader>,
  transcriptOfSource: ReadonlyMap<string, string>,
  find: (s: string, m: string) => void,
  notesText: (guids: readonly string[]) => string[],
): { text: string; count: number; memos: [string, string][] } | undefined {
  if (project.cases.length === 0 && project.variables.length === 0) {
    const valued = project.sources.filter((s) => s.variableValues.length > 0).length;
    if (valued > 0) find(`${valued} source(s)`, 'have variable values but the project has no variables: not imported.');
    return undefined;
  }
  const variables = new Map(project.variables.map((v) => [v.guid, { name: v.name, type: VARIABLE_TYPES[v.type] ?? 'text' }]));
  const attributes: Record<string, { type: AttributeType; values?: string[] }> = {};
  for (const v of project.variables) {
    if (!VARIABLE_TYPES[v.type]) find(`Variable “${v.name}”`, `has the type “${v.type}”: imported as text.`);
    // Gloss exports a choice attribute as Text with its values in the description.
    const choices = v.type === 'Text' ? /^choice: (.*)$/.exec(v.description?.trim() ?? '')?.[1] : undefined;
    attributes[v.name] = choices !== undefined ? { type: 'choice', values: choices.split(', ') } : { type: VARIABLE_TYPES[v.type] ?? 'text' };
  }
  const values = (list: readonly { variableGuid: string; value: string }[], subject: string): Record<string, string | number | boolean> => {
    const out: Record<string, string | number | boolean> = {};
    for (const { variableGuid, value } of list) {
      const variable = variables.get(variableGuid);
      if (variable === undefined) {
        find(subject, `has a value of the unknown variable ${variableGuid}: not imported.`);
        continue;
      }
      const typed = typedValue(value, variable.type);
      if (typed === undefined) find(subject, `has the value “${value}” for “${variable.name}”, which is not a ${variable.type}: imported as text.`);
      out[variable.name] = typed ?? value;
      if (typed === undefined) attributes[variable.name] = { type: 'text' };
    }
    return out;
  };
  const sourceValues = new Map(project.sources.map((s) => [s.guid, s]));
  const caseIds = new Set<string>();
  const inCase = new Set<string>();
  const memos: [string, string][] = [];
  const cases = project.cases.map((c) => {
    const id = caseId(c, caseIds);
    const documents = c.sourceGuids.flatMap((guid) => {
      const documentPath = transcriptOfSource.get(guid);
      if (documentPath === undefined) {
        find(`Case “${c.name}”`, `names the source ${guid}, which was not imported as a transcript: left out of the case.`);
        return [];
      }
      if (inCase.has(documentPath)) {
        find(`Case “${c.name}”`, `names ${documentPath}, which already belongs to another case: left out of this one.`);
        return [];
      }
      inCase.add(documentPath);
      const source = sourceValues.get(guid)!;
      const own = values(source.variableValues, `TextSource “${source.name ?? guid}”`);
      return [Object.keys(own).length > 0 ? { path: documentPath, attributes: own } : { path: documentPath }];
    });
    const texts = [...(c.description ? [normaliseText(c.description).trim() + '\n'] : []), ...notesText(c.noteGuids)];
    if (texts.length > 0) memos.push([`memos/notes/case-${safeFileName(id)}.md`, joinNotes(texts)]);
    const own = values(c.values, `Case “${c.name}”`);
    return { id, name: c.name, ...(Object.keys(own).length > 0 ? { attributes: own } : {}), documents };
  });
  const outside = project.sources.filter((s) => s.variableValues.length > 0 && !inCase.has(transcriptOfSource.get(s.guid) ?? ''));
  for (const s of outside) find(`TextSource “${s.name ?? s.guid}”`, 'has variable values but belongs to no case: cases.yaml keeps attributes of documents in cases only, so they are not imported.');
  const text =
    '# Cases, their documents and typed attributes, imported from a REFI-QDA project.\n' +
    stringify({ attributes, cases }, { lineWidth: 0, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN' });
  const check = parseCases(text);
  for (const problem of check.problems) find('cases.yaml', `line ${problem.line ?? '?'}: ${problem.message}`);
  return { text, count: cases.length, memos };
}

function typedValue(value: string, type: AttributeType): string | number | boolean | undefined {
  switch (type) {
    case 'number': {
      const number = Number(value);
      return value.trim() !== '' && Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return /^(true|1)$/i.test(value) ? true : /^(false|0)$/i.test(value) ? false : undefined;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
    default:
      return value;
  }
}
