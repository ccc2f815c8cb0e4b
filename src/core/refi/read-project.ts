// A REFI-QDA project.qde (or the codebook of a .qdc) read into plain data, leniently: files in the
// wild break the schema, so what can be read is read and everything else becomes a finding for the
// import report. Nothing is dropped without a finding.
import { guidOf, uuidV5 } from '../codebook/ids';
import { childNamed, childrenNamed, parseXmlBytes, type XmlElement } from './xml';

/** Something the import could not take over as it was, for the import report. */
export interface Finding {
  /** What it is about: "Code “Policy”", "PDFSource “minutes.pdf”". */
  readonly subject: string;
  readonly message: string;
}

export interface RefiCode {
  readonly guid: string;
  readonly name: string;
  /** As written: `#RRGGBB`, `#RGB` or something else (reported when unusable). */
  readonly color?: string;
  readonly description?: string;
  readonly isCodable: boolean;
  readonly noteGuids: readonly string[];
  readonly children: readonly RefiCode[];
}

export interface RefiCoding {
  readonly guid: string;
  readonly codeGuid: string;
  readonly user?: string;
  readonly created?: string;
  readonly noteGuids: readonly string[];
}

export interface RefiSelection {
  readonly guid: string;
  readonly start: number;
  readonly end: number;
  /** The selection's name and description: some tools store the quote there. */
  readonly storedTexts: readonly string[];
  readonly user?: string;
  readonly created?: string;
  readonly modified?: string;
  readonly codings: readonly RefiCoding[];
  readonly noteGuids: readonly string[];
}

export interface RefiVariableValue {
  readonly variableGuid: string;
  readonly value: string;
}

/** What the rest of a project needs of a text source: all but its text and codings. */
export interface RefiSourceHeader {
  readonly guid: string;
  readonly name?: string;
  readonly plainTextPath?: string;
  readonly noteGuids: readonly string[];
  readonly variableValues: readonly RefiVariableValue[];
}

export interface RefiTextSource extends RefiSourceHeader {
  readonly richTextPath?: string;
  /** Text given inline as PlainTextContent. */
  readonly content?: string;
  readonly user?: string;
  readonly created?: string;
  readonly selections: readonly RefiSelection[];
  /** Codings of the whole source (Coding elements right under the source). */
  readonly wholeCodings: readonly RefiCoding[];
}

export interface RefiVariable {
  readonly guid: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
}

export interface RefiCase {
  readonly guid: string;
  readonly name: string;
  readonly description?: string;
  readonly values: readonly RefiVariableValue[];
  readonly sourceGuids: readonly string[];
  readonly noteGuids: readonly string[];
}

export interface RefiNote {
  readonly guid: string;
  readonly name?: string;
  readonly content?: string;
  readonly plainTextPath?: string;
}

/** A project; its text sources are whole (`readProjectBytes`) or only their headers (sources read on other threads). */
export interface RefiProject<Source extends RefiSourceHeader = RefiTextSource> {
  readonly name: string;
  readonly origin?: string;
  readonly description?: string;
  readonly creatingUser?: string;
  /** User names by GUID. */
  readonly users: ReadonlyMap<string, string>;
  readonly codes: readonly RefiCode[];
  readonly sources: readonly Source[];
  readonly variables: readonly RefiVariable[];
  readonly cases: readonly RefiCase[];
  readonly notes: readonly RefiNote[];
  readonly projectNoteGuids: readonly string[];
  readonly findings: readonly Finding[];
}

/** How deep in project.qde an element under <Sources> is, counted as `parseXml` counts: below Project and Sources. */
export const SOURCE_DEPTH = 2;

/** Namespace of GUIDs made up for elements that have none (deterministic, for repeatable imports). */
const MADE_UP_GUID_NAMESPACE = 'c1a1c7f2-3d0b-4f8e-9b6a-0e5f2d7c4a19';

const PROJECT_CHILDREN = new Set(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef']);
const OTHER_SOURCES: Readonly<Record<string, string>> = {
  PictureSource: 'PictureSelection',
  PDFSource: 'PDFSelection',
  AudioSource: 'AudioSelection',
  VideoSource: 'VideoSelection',
};

/** What an element is called in a finding: given as it is, or built only when a finding needs it. */
type Subject = string | (() => string);

/** Nothing found: shared, so that the 100,000 selections and codings of a large project make no empty arrays. */
const NONE: readonly never[] = Object.freeze([]);

/** Reads GUIDs in the order of the file: the first element of a GUID has it, any later one is skipped. */
export class Reader {
  readonly findings: Finding[] = [];
  /** Every GUID seen. */
  private readonly seen = new Set<string>();
  /** What had each GUID, when that was said for free (codes, sources, users; not the many selections and codings). */
  private readonly named = new Map<string, string>();
  /** GUIDs made up so far: the next one is made from this count. */
  private madeUp = 0;

  /** `given`: a hash of each GUID given out is kept, to be checked against the rest of the project later (`detached`). */
  constructor(private readonly given?: number[]) {}

  /** What this reader, which read one element of a project apart from the rest, found. */
  detached(): DetachedReading {
    return { findings: this.findings, guids: Float64Array.from(this.given ?? []), madeUp: this.madeUp > 0 };
  }

  /** A hash of each GUID given out so far (`guidHash`). */
  guidHashes(): Set<number> {
    return new Set([...this.seen].map(guidHash));
  }

  find(subject: Subject, message: string): void {
    this.findings.push({ subject: typeof subject === 'string' ? subject : subject(), message });
  }

  /**
   * The element's GUID (lower case, braces dropped), made up when missing or malformed, or
   * undefined when another element already has it (the element is then skipped, with a finding).
   */
  guid(element: XmlElement, subject: Subject): string | undefined {
    const raw = element.attributes.guid;
    let guid = raw === undefined ? undefined : guidOf(raw.trim());
    if (guid === undefined) {
      guid = uuidV5(`${element.name}#${this.madeUp++}#${raw ?? ''}`, MADE_UP_GUID_NAMESPACE);
      this.find(subject, raw === undefined ? `has no GUID; it was given ${guid}.` : `has the GUID "${raw}", which is not 8-4-4-4-12 hex digits; it was given ${guid}.`);
    }
    // One look-up in the large set: adding tells whether it was there.
    const size = this.seen.size;
    this.seen.add(guid);
    if (this.seen.size === size) {
      this.find(subject, `has the GUID ${guid}, already used by ${this.named.get(guid) ?? 'an earlier selection or coding'}: skipped, with everything inside it.`);
      return undefined;
    }
    if (typeof subject === 'string') this.named.set(guid, subject);
    this.given?.push(guidHash(guid));
    return guid;
  }

  unknownChildren(element: XmlElement, known: ReadonlySet<string>, subject: Subject): void {
    let counts: Map<string, number> | undefined;
    for (const child of element.children) {
      if (known.has(child.name)) continue;
      counts ??= new Map();
      counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    }
    for (const [name, count] of counts ?? []) this.find(subject, `holds ${count} <${name}> element${count === 1 ? '' : 's'} Gloss does not know: not imported.`);
  }
}

/** What a reader found reading one element apart from the rest of its project (`Reader.detached`). */
export interface DetachedReading {
  readonly findings: readonly Finding[];
  /** A hash of each GUID it gave out (numbers cost far less to send and to look up than strings). */
  readonly guids: Float64Array;
  /** Whether it made up a GUID. */
  readonly madeUp: boolean;
}

/**
 * A 52-bit hash of a GUID (two 32-bit FNV-1a hashes joined). Equal GUIDs have equal hashes; two
 * of the GUIDs of a project of 200,000 share one by chance about once in 200,000 projects, and
 * that only sends the import back to one pass.
 */
export function guidHash(guid: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < guid.length; i++) {
    const c = guid.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/** A GUID reference attribute, normalised; undefined when missing or malformed. */
function reference(value: string | undefined): string | undefined {
  return value === undefined ? undefined : guidOf(value.trim());
}

/** The notes an element refers to: one pass over its children (most elements of a project have none). */
function noteRefs(element: XmlElement): readonly string[] {
  let refs: string[] | undefined;
  for (const child of element.children) {
    if (child.name !== 'NoteRef') continue;
    const guid = reference(child.attributes.targetGUID);
    if (guid !== undefined) (refs ??= []).push(guid);
  }
  return refs ?? NONE;
}

function descriptionOf(element: XmlElement): string | undefined {
  const text = childNamed(element, 'Description')?.text;
  return text === undefined || text.trim() === '' ? undefined : text;
}

function quoted(name: string | undefined): string {
  return name === undefined || name === '' ? '(unnamed)' : `“${name}”`;
}

/**
 * Reads a project.qde from its bytes. Each part under the root (and each source under Sources) is
 * read as soon as it closes and then let go, in the order of the file: a project of 100,000
 * codings is never held as one tree.
 */
export function readProjectBytes(bytes: Uint8Array, file: string): RefiProject {
  const project = new ProjectReader<RefiTextSource>();
  const root = parseXmlBytes(bytes, file, (element, parent, depth) => {
    if (depth === SOURCE_DEPTH && parent.name === 'Sources') {
      const source = readSourceElement(element, project.reader);
      if (source !== undefined) project.sources.push(source);
    } else if (depth === 1) project.part(element);
    else return false;
    return true;
  });
  return project.finish(root);
}

/**
 * A project read without what is inside its `<Sources>` (project-layout.ts): the sources, read
 * apart, are given to it afterwards (`adopt`), in order. Undefined when the skeleton has no
 * `<Sources>` right under its root. The parts after the sources (notes, sets) are read at once, so
 * that the sources can be imported as they come; a source reading that would have changed what was
 * read of them (a GUID a later part has too) is refused, as is any reading that depends on where
 * its source is in the file (a GUID another element has, a GUID made up).
 */
export function readProjectSkeleton(skeleton: Uint8Array, file: string): ProjectSkeleton | undefined {
  const project = new ProjectReader<RefiSourceHeader>(true);
  const sources: XmlElement[] = [];
  const root = parseXmlBytes(skeleton, file, (element, _parent, depth) => {
    if (depth !== 1) return false;
    if (element.name === 'Sources') sources.push(element);
    project.part(element);
    return true;
  });
  // The one <Sources> must be the one emptied: another (with a prefix the layout does not look for) holds sources this reading would miss.
  return sources.length === 1 && sources[0].children.length === 0 ? new ProjectSkeleton(project, root) : undefined;
}

export class ProjectSkeleton {
  /** Where in the project's findings the next source's go: after those of the parts before the sources and of the sources before it. */
  private findingsAt: number;
  /** Hashes of every GUID read so far, here and in the sources adopted. */
  private readonly guids: Set<number>;
  /** The project; each source adopted adds its header and its findings (in the order of the file). */
  readonly project: RefiProject<RefiSourceHeader> & { readonly findings: Finding[] };

  constructor(
    private readonly reader: ProjectReader<RefiSourceHeader>,
    root: XmlElement,
  ) {
    this.findingsAt = reader.reader.findings.length;
    this.project = reader.finish(root);
    this.guids = reader.reader.guidHashes();
  }

  /**
   * Takes in the next element under `<Sources>` as another reader read it. False (nothing taken)
   * when that reading depends on where the element is in the project, so that one pass must read
   * the project instead: it made up a GUID (numbered in the order of the whole file), or gave one
   * another element has (only one of them is read, the first in the file).
   */
  adopt(reading: DetachedReading, header: RefiSourceHeader | undefined): boolean {
    if (reading.madeUp || reading.guids.some((hash) => this.guids.has(hash))) return false;
    for (const hash of reading.guids) this.guids.add(hash);
    this.project.findings.splice(this.findingsAt, 0, ...reading.findings);
    this.findingsAt += reading.findings.length;
    if (header !== undefined) this.reader.sources.push(header);
    return true;
  }
}

/**
 * Reads an element under `<Sources>`: a text source is returned; another kind of source, or an
 * element Gloss does not know, becomes a finding.
 */
export function readSourceElement(element: XmlElement, reader: Reader): RefiTextSource | undefined {
  if (element.name === 'TextSource') return readTextSource(element, reader);
  if (OTHER_SOURCES[element.name]) {
    const selections = childrenNamed(element, OTHER_SOURCES[element.name]).length;
    reader.find(
      `${element.name} ${quoted(element.attributes.name)}`,
      `is not a text source: not imported (${selections} selection${selections === 1 ? '' : 's'} on it not imported; the file stays in the archive).`,
    );
  } else reader.find('The sources', `hold a <${element.name}> element Gloss does not know: not imported.`);
  return undefined;
}

class ProjectReader<Source extends RefiSourceHeader> {
  readonly reader = new Reader();
  readonly sources: Source[] = [];
  /** Whether a `<Sources>` has closed right under the root. */
  private sourcesClosed = false;
  /** Parts after the sources, read in `finish` (when `readLater`). */
  private readonly later: XmlElement[] = [];
  private readonly parts = new Map<string, number>();
  private readonly users = new Map<string, string>();
  private codes: RefiCode[] = [];
  private readonly variables: RefiVariable[] = [];
  private readonly cases: RefiCase[] = [];
  private readonly notes: RefiNote[] = [];
  private readonly unknownParts = new Map<string, number>();
  private description: string | undefined;
  private readonly projectNoteGuids: string[] = [];

  /** `readLater`: parts after the sources wait for `finish`. */
  constructor(private readonly readLater = false) {}

  /** An element right under the root. */
  part(element: XmlElement): void {
    if (this.readLater && this.sourcesClosed) this.later.push(element);
    else this.readPart(element);
    if (element.name === 'Sources') this.sourcesClosed = true;
  }

  /** A second one of a kind is not read, and said so (but a second Sources: its sources are read one by one). */
  private readPart(element: XmlElement): void {
    const { reader } = this;
    const seen = this.parts.get(element.name) ?? 0;
    this.parts.set(element.name, seen + 1);
    if (!PROJECT_CHILDREN.has(element.name)) {
      this.unknownParts.set(element.name, (this.unknownParts.get(element.name) ?? 0) + 1);
      return;
    }
    if (element.name === 'NoteRef') {
      const guid = reference(element.attributes.targetGUID);
      if (guid !== undefined) this.projectNoteGuids.push(guid);
      return;
    }
    if (seen > 0 && element.name !== 'Sources') {
      reader.find('The project', `holds a second <${element.name}> element: not imported.`);
      return;
    }
    switch (element.name) {
      case 'Description':
        this.description = element.text.trim() === '' ? undefined : element.text;
        return;
      case 'Users':
        for (const user of childrenNamed(element, 'User')) {
          const name = user.attributes.name ?? user.attributes.id;
          const guid = reader.guid(user, `User ${quoted(name)}`);
          if (guid !== undefined) this.users.set(guid, name !== undefined && name.trim() !== '' ? name.trim() : `user ${guid.slice(0, 8)}`);
        }
        return;
      case 'CodeBook':
        this.codes = readCodes(element, reader);
        return;
      case 'Variables':
        for (const variable of childrenNamed(element, 'Variable')) this.variable(variable);
        return;
      case 'Cases':
        for (const item of childrenNamed(element, 'Case')) this.case(item);
        return;
      case 'Notes':
        for (const note of childrenNamed(element, 'Note')) this.note(note);
        return;
      case 'Links':
      case 'Sets':
      case 'Graphs':
        if (element.children.length > 0) reader.find(`The project's ${element.name}`, `(${element.children.length}) are not imported: Gloss has no place for them.`);
        return;
    }
  }

  private variable(element: XmlElement): void {
    const name = element.attributes.name;
    const guid = this.reader.guid(element, `Variable ${quoted(name)}`);
    if (guid === undefined) return;
    if (name === undefined || name.trim() === '') this.reader.find(`Variable ${guid}`, 'has no name: not imported.');
    else this.variables.push({ guid, name: name.trim(), type: element.attributes.typeOfVariable ?? 'Text', description: descriptionOf(element) });
  }

  private case(element: XmlElement): void {
    const { reader } = this;
    const name = element.attributes.name;
    const guid = reader.guid(element, `Case ${quoted(name)}`);
    if (guid === undefined) return;
    const subject = `Case ${quoted(name)}`;
    const selectionRefs = childrenNamed(element, 'SelectionRef').length;
    if (selectionRefs > 0) reader.find(subject, `names ${selectionRefs} selection${selectionRefs === 1 ? '' : 's'} as its parts: cases.yaml holds whole documents, so these are not imported.`);
    const codeRefs = childrenNamed(element, 'CodeRef').length;
    if (codeRefs > 0) reader.find(subject, `is linked to ${codeRefs} code${codeRefs === 1 ? '' : 's'}: not imported (cases.yaml has no place for it).`);
    reader.unknownChildren(element, CASE_CHILDREN, subject);
    this.cases.push({
      guid,
      name: name !== undefined && name.trim() !== '' ? name.trim() : `case ${guid.slice(0, 8)}`,
      description: descriptionOf(element),
      values: readValues(element, reader, subject),
      sourceGuids: childrenNamed(element, 'SourceRef').flatMap((ref) => reference(ref.attributes.targetGUID) ?? []),
      noteGuids: noteRefs(element),
    });
  }

  private note(element: XmlElement): void {
    const guid = this.reader.guid(element, `Note ${quoted(element.attributes.name)}`);
    if (guid === undefined) return;
    const selections = childrenNamed(element, 'PlainTextSelection').length;
    if (selections > 0) this.reader.find(`Note ${quoted(element.attributes.name)}`, `has ${selections} coded selection${selections === 1 ? '' : 's'}: the note's text is imported as a memo, its codings are not.`);
    this.notes.push({ guid, name: element.attributes.name, content: childNamed(element, 'PlainTextContent')?.text, plainTextPath: element.attributes.plainTextPath });
  }

  finish(root: XmlElement): RefiProject<Source> & { readonly findings: Finding[] } {
    for (const element of this.later.splice(0)) this.readPart(element);
    for (const [name, count] of this.unknownParts) this.reader.find('The project', `holds ${count} <${name}> element${count === 1 ? '' : 's'} Gloss does not know: not imported.`);
    return {
      name: root.attributes.name ?? 'Imported project',
      origin: root.attributes.origin,
      description: this.description,
      creatingUser: reference(root.attributes.creatingUserGUID),
      users: this.users,
      codes: this.codes,
      sources: this.sources,
      variables: this.variables,
      cases: this.cases,
      notes: this.notes,
      projectNoteGuids: this.projectNoteGuids,
      findings: this.reader.findings,
    };
  }
}

const CASE_CHILDREN = new Set(['Description', 'CodeRef', 'VariableValue', 'SourceRef', 'SelectionRef', 'NoteRef']);

/** The codes of a CodeBook element (a project's or a .qdc's root). */
export function readCodebook(codebook: XmlElement): { codes: RefiCode[]; findings: Finding[] } {
  const reader = new Reader();
  return { codes: readCodes(codebook, reader), findings: reader.findings };
}

function readCodes(codebook: XmlElement, reader: Reader): RefiCode[] {
  const codesElement = childNamed(codebook, 'Codes');
  const sets = childNamed(codebook, 'Sets');
  if (sets && sets.children.length > 0) reader.find('The codebook', `has ${sets.children.length} code set(s): not imported.`);
  return codesElement ? codeList(codesElement, reader) : [];
}

const CODE_CHILDREN = new Set(['Description', 'NoteRef', 'Code']);

function codeList(parent: XmlElement, reader: Reader): RefiCode[] {
  const codes: RefiCode[] = [];
  for (const element of childrenNamed(parent, 'Code')) {
    const name = element.attributes.name ?? '';
    const subject = `Code ${quoted(name)}`;
    const guid = reader.guid(element, subject);
    if (guid === undefined) continue;
    reader.unknownChildren(element, CODE_CHILDREN, subject);
    codes.push({
      guid,
      name,
      color: element.attributes.color,
      description: descriptionOf(element),
      isCodable: element.attributes.isCodable !== 'false' && element.attributes.isCodable !== '0',
      noteGuids: noteRefs(element),
      children: codeList(element, reader),
    });
  }
  return codes;
}

const TEXT_SOURCE_CHILDREN = new Set(['Description', 'PlainTextContent', 'PlainTextSelection', 'Coding', 'NoteRef', 'VariableValue']);

function readTextSource(element: XmlElement, reader: Reader): RefiTextSource | undefined {
  const subject = `TextSource ${quoted(element.attributes.name ?? element.attributes.plainTextPath)}`;
  const guid = reader.guid(element, subject);
  if (guid === undefined) return undefined;
  reader.unknownChildren(element, TEXT_SOURCE_CHILDREN, subject);
  const selections: RefiSelection[] = [];
  for (const selection of element.children) {
    if (selection.name !== 'PlainTextSelection') continue;
    const selectionSubject = () => `Selection ${selection.attributes.guid ?? '(no GUID)'} of ${subject}`;
    const selectionGuid = reader.guid(selection, selectionSubject);
    if (selectionGuid === undefined) continue;
    const { startPosition, endPosition, name } = selection.attributes;
    const start = integer(startPosition);
    const end = integer(endPosition);
    if (start === undefined || end === undefined) {
      reader.find(selectionSubject, `has no usable startPosition and endPosition ("${startPosition ?? ''}", "${endPosition ?? ''}"): not imported.`);
      continue;
    }
    const description = selection.children.length === 0 ? undefined : descriptionOf(selection);
    selections.push({
      guid: selectionGuid,
      start,
      end,
      storedTexts: name === undefined ? (description === undefined ? NONE : [description]) : description === undefined ? [name] : [name, description],
      user: reference(selection.attributes.creatingUser),
      created: selection.attributes.creationDateTime,
      modified: selection.attributes.modifiedDateTime,
      codings: readCodings(selection, reader, selectionSubject),
      noteGuids: noteRefs(selection),
    });
  }
  return {
    guid,
    name: element.attributes.name,
    plainTextPath: element.attributes.plainTextPath,
    richTextPath: element.attributes.richTextPath,
    content: childNamed(element, 'PlainTextContent')?.text,
    user: reference(element.attributes.creatingUser),
    created: element.attributes.creationDateTime,
    selections,
    wholeCodings: readCodings(element, reader, subject),
    noteGuids: noteRefs(element),
    variableValues: readValues(element, reader, subject),
  };
}

function readCodings(parent: XmlElement, reader: Reader, parentSubject: Subject): readonly RefiCoding[] {
  let codings: RefiCoding[] | undefined;
  for (const element of parent.children) {
    if (element.name !== 'Coding') continue;
    const subject = () => `Coding ${element.attributes.guid ?? '(no GUID)'} of ${typeof parentSubject === 'string' ? parentSubject : parentSubject()}`;
    const guid = reader.guid(element, subject);
    if (guid === undefined) continue;
    const codeGuid = reference(childNamed(element, 'CodeRef')?.attributes.targetGUID);
    if (codeGuid === undefined) {
      reader.find(subject, 'names no code (CodeRef): not imported.');
      continue;
    }
    (codings ??= []).push({ guid, codeGuid, user: reference(element.attributes.creatingUser), created: element.attributes.creationDateTime, noteGuids: noteRefs(element) });
  }
  return codings ?? NONE;
}

function readValues(parent: XmlElement, reader: Reader, subject: string): readonly RefiVariableValue[] {
  let values: RefiVariableValue[] | undefined;
  for (const element of parent.children) {
    if (element.name !== 'VariableValue') continue;
    const variableGuid = reference(childNamed(element, 'VariableRef')?.attributes.targetGUID);
    const valueElement = element.children.find((child) => child.name.endsWith('Value'));
    if (variableGuid === undefined || valueElement === undefined) {
      reader.find(subject, 'has a variable value without a variable or a value: not imported.');
      continue;
    }
    (values ??= []).push({ variableGuid, value: valueElement.text.trim() });
  }
  return values ?? NONE;
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}
