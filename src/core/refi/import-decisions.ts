// What a REFI-QDA import decides from the whole project before it imports any source: each code's
// id (the one a Gloss export made its GUID from, else a readable one from its name), the coders'
// names, the notes' texts. Every source's codings are made with these (source-import.ts), on
// whichever thread imports it.
import { nameKey } from '../codebook/codebook';
import { isGuid, newCodeId, toRefiGuid } from '../codebook/ids';
import { coderSlug } from '../codings/paths';
import type { Code } from '../model';
import { normaliseText } from '../text/normalise';
import type { Finding, RefiCode, RefiProject, RefiSourceHeader } from './read-project';
import type { ArchiveEntries, CodingContext } from './source-import';

/** What the whole project decides before any source is imported, and what deciding it found. */
export interface ProjectDecisions {
  readonly codes: readonly Code[];
  /** Each code's notes, by code id. */
  readonly codeMemos: ReadonlyMap<string, readonly string[]>;
  readonly noteTexts: ReadonlyMap<string, NoteText>;
  readonly coders: Coders;
  /** Its coders are those of the project's users; others are named here as their sources come. */
  readonly context: CodingContext & { readonly coders: Map<string | undefined, string> };
  /** Findings of the import (after those of reading the project), added to as the import goes on. */
  readonly findings: Finding[];
}

export function decide(project: RefiProject<RefiSourceHeader>, entries: ArchiveEntries, now = new Date().toISOString()): ProjectDecisions {
  const findings: Finding[] = [];
  const find = (subject: string, message: string): void => {
    findings.push({ subject, message });
  };
  // Codes: the ids a Gloss export made the GUIDs from, else readable ids; names unique among siblings.
  const codes: Code[] = [];
  const codeIds = new Map<string, string>();
  const codeMemos = new Map<string, string[]>();
  // Notes by GUID (read first: their words name the codes' ids).
  const noteTexts = readNotes(project, entries, find);
  const exportedIds = exportedCodeIds(project, noteTexts);
  // Codes of other tools get readable ids from their names, unique ignoring case (a memo file is named by it).
  const takenIds = new Set([...exportedIds.values()].map((id) => id.toLowerCase()));
  const readableId = (name: string): string => {
    const id = newCodeId(name, (candidate) => takenIds.has(candidate.toLowerCase()));
    takenIds.add(id.toLowerCase());
    return id;
  };
  const addCodes = (list: readonly RefiCode[], parentId: string | undefined) => {
    const names = new Set<string>();
    for (const refi of list) {
      const exportedId = exportedIds.get(refi.guid);
      const code = importedCode(refi, exportedId ?? readableId(refi.name), exportedId !== undefined, parentId, names, find);
      codes.push(code);
      codeIds.set(refi.guid, code.id);
      if (refi.noteGuids.length > 0) codeMemos.set(code.id, [...refi.noteGuids]);
      addCodes(refi.children, code.id);
    }
  };
  addCodes(project.codes, undefined);
  const notCodable = codes.length - countCodable(project.codes);
  if (notCodable > 0) find(`${notCodable} code${notCodable === 1 ? '' : 's'}`, 'are not codable in the other tool (folders of codes); here every code is codable.');
  // Coders: the project's users, in their order (display names made unique by slug: a slug is a folder), and whoever the project names as its creator for codings that name nobody.
  const coders = new Coders(project.users, project.creatingUser, find);
  const coderNames = new Map<string | undefined, string>();
  for (const user of project.users.keys()) coderNames.set(user, coders.name(user));
  if (project.creatingUser === undefined || project.users.has(project.creatingUser)) coderNames.set(undefined, coders.name(undefined));
  const notes = new Map([...noteTexts].map(([guid, note]) => [guid, note.text]));
  return { codes, codeMemos, noteTexts, coders, context: { codeIds, coders: coderNames, notes, now }, findings };
}

function countCodable(codes: readonly RefiCode[]): number {
  return codes.reduce((sum, code) => sum + (code.isCodable ? 1 : 0) + countCodable(code.children), 0);
}

/**
 * Code ids a Gloss export made GUIDs from (uuidV5 of the id), found back where the project names
 * them: the code memos' note names (memos/codes/<id>.md), the words of every note (a framework
 * matrix names its themes by id) and the codes' own names. A candidate counts only when its GUID is
 * the code's, which no other tool's GUID can match by chance: a proof, not a guess.
 */
function exportedCodeIds(project: RefiProject<RefiSourceHeader>, noteTexts: ReadonlyMap<string, { readonly text: string }>): Map<string, string> {
  const guids = new Set<string>();
  const candidates = new Set<string>();
  const visit = (codes: readonly RefiCode[]) => {
    for (const code of codes) {
      guids.add(code.guid);
      candidates.add(newCodeId(code.name, () => false));
      visit(code.children);
    }
  };
  visit(project.codes);
  for (const note of project.notes) {
    const memoId = /^memos\/codes\/([^/]+)\.md$/.exec(note.name ?? '')?.[1];
    if (memoId !== undefined) candidates.add(memoId);
    for (const word of (noteTexts.get(note.guid)?.text ?? '').match(/[\p{L}\p{N}][\p{L}\p{N}._-]*/gu) ?? []) candidates.add(word);
  }
  const ids = new Map<string, string>();
  for (const candidate of candidates) {
    if (isGuid(candidate)) continue;
    const guid = toRefiGuid(candidate);
    if (guids.has(guid) && !ids.has(guid)) ids.set(guid, candidate);
  }
  return ids;
}

/** A code of the codebook with the id given: the one a Gloss export made the GUID from (no guid key needed), or a readable one that keeps the GUID. */
function importedCode(refi: RefiCode, id: string, idMakesGuid: boolean, parentId: string | undefined, siblingNames: Set<string>, find: (subject: string, message: string) => void): Code {
  const subject = `Code “${refi.name}”`;
  let name = refi.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
  if (name === '') {
    name = `Code ${refi.guid.slice(0, 8)}`;
    find(subject, `has no name; it is called “${name}”.`);
  }
  if (siblingNames.has(nameKey(name))) {
    let n = 2;
    while (siblingNames.has(nameKey(`${name} (${n})`))) n++;
    find(subject, `has a sibling of the same name; it is called “${name} (${n})”.`);
    name = `${name} (${n})`;
  }
  siblingNames.add(nameKey(name));
  const colour = importedColour(refi.color);
  if (refi.color !== undefined && colour === undefined) find(subject, `has the colour “${refi.color}”, which is not #RRGGBB: left without a colour.`);
  else if (colour !== undefined && refi.color!.trim().length === 9) find(subject, `has the colour “${refi.color}” with transparency (.NET's #AARRGGBB): taken as ${colour}.`);
  return {
    id,
    name,
    ...(colour !== undefined ? { colour } : {}),
    ...(refi.description !== undefined ? { description: refi.description.replace(/\r\n?/g, '\n') } : {}),
    // An id the GUID is made from needs no guid key; a GUID id keeps it, as the import found it.
    ...(idMakesGuid ? {} : { guid: refi.guid }),
    ...(parentId !== undefined ? { parentId } : {}),
  };
}

/** `#RRGGBB` from `#RRGGBB`, `#RGB` or .NET's `#AARRGGBB`; undefined for anything else. */
export function importedColour(color: string | undefined): string | undefined {
  const value = color?.trim();
  if (value === undefined) return undefined;
  if (/^#[0-9a-fA-F]{6}$/.test(value)) return value;
  if (/^#[0-9a-fA-F]{3}$/.test(value)) return ('#' + [...value.slice(1)].map((c) => c + c).join('')).toUpperCase();
  if (/^#[0-9a-fA-F]{8}$/.test(value)) return ('#' + value.slice(3)).toUpperCase();
  return undefined;
}

export class Coders {
  private readonly names = new Map<string | undefined, string>();
  private readonly slugs = new Set<string>();

  constructor(
    private readonly users: ReadonlyMap<string, string>,
    private readonly projectUser: string | undefined,
    private readonly find: (subject: string, message: string) => void,
  ) {}

  /** The display name of the user with this GUID (the project's creator, else “imported”, when none is named). */
  name(userGuid: string | undefined): string {
    const key = userGuid ?? this.projectUser;
    let name = this.names.get(key);
    if (name === undefined) {
      const given = key === undefined ? undefined : this.users.get(key);
      if (key !== undefined && given === undefined) this.find(`User ${key}`, 'made codings but is not in the project’s users: they are imported as the coder “' + `user ${key.slice(0, 8)}”.`);
      name = given ?? (key === undefined ? 'imported' : `user ${key.slice(0, 8)}`);
      let unique = name;
      for (let n = 2; this.slugs.has(coderSlug(unique)); n++) unique = `${name} ${n}`;
      if (unique !== name) this.find(`User “${name}”`, `would share a codings folder with another user; their codings are under the coder “${unique}”.`);
      this.slugs.add(coderSlug(unique));
      this.names.set(key, unique);
      name = unique;
    }
    return name;
  }
}

export interface NoteText {
  readonly name?: string;
  readonly text: string;
}

/** Each note's text as written (BOM dropped, LF line endings), by GUID. */
function readNotes(project: RefiProject<RefiSourceHeader>, entries: ArchiveEntries, find: (s: string, m: string) => void): Map<string, NoteText> {
  const notes = new Map<string, NoteText>();
  for (const note of project.notes) {
    const subject = `Note “${note.name ?? note.guid}”`;
    let body = note.content;
    const entry = entries.internal(note.plainTextPath);
    if (body === undefined && entry !== undefined) {
      const text = entries.text(entry);
      if (typeof text !== 'string') {
        find(subject, text.skipped);
        continue;
      }
      body = text;
    }
    if (body === undefined || body.trim() === '') {
      find(subject, 'has no text: not imported.');
      continue;
    }
    notes.set(note.guid, { name: note.name, text: normaliseText(body) });
  }
  return notes;
}
