// Memos and framework matrices as REFI-QDA Notes (docs/refi-qda.md): one note per file, named by
// its study path, and one per coding memo. Where each is referenced from says what it is about.
import { MATRICES_FOLDER } from '../framework/model';
import { MEMOS_FOLDER } from '../memos/memos';
import type { Problem } from '../model';
import { listStudyFiles, readStudyFile, StudyFileError } from '../storage/study-files';
import { normaliseText } from '../text/normalise';
import { codingNoteGuid, fileNoteGuid } from './guids';
import type { XmlElement, XmlTextCleaner } from './xml-text';

/** Memos and matrices as Notes, and the notes of coding memos; each file note is looked up by path. */
export class Notes {
  private readonly fileNotes = new Map<string, XmlElement>();
  private readonly codingNotes: XmlElement[] = [];

  constructor(
    private readonly root: string,
    private readonly cleaner: XmlTextCleaner,
    private readonly problems: Problem[],
  ) {}

  async readFiles(): Promise<void> {
    const memos = await listStudyFiles(this.root, MEMOS_FOLDER, (p) => p.endsWith('.md'));
    const matrices = await listStudyFiles(this.root, MATRICES_FOLDER, (p) => /\.ya?ml$/i.test(p));
    this.problems.push(...memos.problems, ...matrices.problems);
    for (const file of [...memos.files, ...matrices.files]) {
      let text: string | undefined;
      try {
        text = await readStudyFile(this.root, file);
      } catch (error) {
        if (!(error instanceof StudyFileError)) throw error;
        this.problems.push({ ...error.problem, message: `Not exported: ${error.problem.message}` });
        continue;
      }
      if (text === undefined) continue;
      this.fileNotes.set(file, this.note(fileNoteGuid(file), file, text, file));
    }
  }

  /** The GUID of the note made from a study file, if that file exists. */
  refFor(file: string): string | undefined {
    return this.fileNotes.get(file)?.['@_guid'] as string | undefined;
  }

  /** Adds a coding's memo as a note; returns its GUID. */
  addCodingMemo(selection: string, memo: string, where: string): string {
    const guid = codingNoteGuid(selection);
    const firstLine = memo.split('\n', 1)[0].slice(0, 80);
    this.codingNotes.push(this.note(guid, firstLine, memo, where));
    return guid;
  }

  elements(): XmlElement[] {
    return [...this.fileNotes.values(), ...this.codingNotes];
  }

  private note(guid: string, name: string, text: string, file: string): XmlElement {
    return {
      '@_guid': guid,
      '@_name': this.cleaner.clean(name, file, 'its name'),
      PlainTextContent: this.cleaner.clean(normaliseText(text), file, 'its text'),
    };
  }
}
