// The codebook as REFI-QDA codes: nested as in codebook.yaml, with GUIDs, colours and
// descriptions. The same elements go into a project (.qdpx) and a codebook file (.qdc).
import type { Codebook } from '../codebook/codebook';
import { CODEBOOK_FILE } from '../study/study';
import type { Code, Problem } from '../model';
import { codeGuid } from './guids';
import { CODEBOOK_NAMESPACE, qdaXml, XmlTextCleaner, type XmlElement } from './xml-text';

const RGB = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;

/**
 * The Code elements of the codebook's top-level codes, children inside. `noteOf` gives the GUID
 * of a code's memo note (projects only: the codebook schema has no notes).
 */
export function codeElements(codebook: Codebook, cleaner: XmlTextCleaner, noteOf: (code: Code) => string | undefined = () => undefined): XmlElement[] {
  const element = (code: Code): XmlElement => {
    const note = noteOf(code);
    const children = codebook.children(code.id);
    return {
      '@_guid': codeGuid(code),
      '@_name': cleaner.clean(code.name, CODEBOOK_FILE, `the name of code "${code.id}"`),
      '@_isCodable': 'true',
      '@_color': code.colour !== undefined && RGB.test(code.colour) ? code.colour : undefined,
      Description: code.description === undefined ? undefined : cleaner.clean(code.description, CODEBOOK_FILE, `the description of code "${code.id}"`),
      NoteRef: note === undefined ? undefined : { '@_targetGUID': note },
      Code: children.length === 0 ? undefined : children.map(element),
    };
  };
  return codebook.roots.map(element);
}

/** A `.qdc` file: the codebook alone (at least one code), valid against Codebook.xsd. */
export function buildQdc(codebook: Codebook, origin: string): { xml: string; problems: Problem[] } {
  const cleaner = new XmlTextCleaner();
  const xml = qdaXml('CodeBook', { '@_xmlns': CODEBOOK_NAMESPACE, '@_origin': origin, Codes: { Code: codeElements(codebook, cleaner) } });
  return { xml, problems: cleaner.problems };
}
