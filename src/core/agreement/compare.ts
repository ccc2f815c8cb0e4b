// Two or more sides placed on the current texts, ready for computeAgreement: each side's codings
// carry the side's label as their coder, a document a side has no codings file for is "not coded
// by" that side (missing values, not disagreement), and a document whose text cannot be read is
// reported rather than compared.
import type { Coding } from '../model';
import { placeDocument, type PlacedDocument } from '../study/placement';
import type { TextVersions } from '../study/versions';
import { SideError } from './sides';

export interface Side {
  /** How the side is named in the report: a coder, or a coder at a ref. */
  readonly label: string;
  /** The side's codings by document path; a document with a codings file is present even when it is empty. */
  readonly byDocument: ReadonlyMap<string, readonly Coding[]>;
}

export interface PlacedSides {
  /** Documents some side has codings files for and whose text was read, sorted by path. */
  readonly documents: readonly PlacedDocument[];
  /** Per document path, the sides with no codings file for it. */
  readonly notCodedBy: ReadonlyMap<string, readonly string[]>;
  /** Documents a side coded whose current text could not be read. */
  readonly missingTexts: readonly string[];
}

/** `readText` gives a document's current raw text, or undefined when there is none. */
export async function placeSides(sides: readonly Side[], readText: (path: string) => Promise<string | undefined>, versions: TextVersions): Promise<PlacedSides> {
  const labels = new Set(sides.map((side) => side.label));
  if (labels.size !== sides.length) throw new SideError('Each side needs a name of its own.');
  for (const side of sides) if (side.byDocument.size === 0) throw new SideError(`${side.label} has no codings.`);
  const paths = [...new Set(sides.flatMap((side) => [...side.byDocument.keys()]))].sort();
  const documents: PlacedDocument[] = [];
  const notCodedBy = new Map<string, string[]>();
  const missingTexts: string[] = [];
  for (const path of paths) {
    const text = await readText(path);
    if (text === undefined) {
      missingTexts.push(path);
      continue;
    }
    const absent = sides.filter((side) => !side.byDocument.has(path)).map((side) => side.label);
    if (absent.length > 0) notCodedBy.set(path, absent);
    const stored = sides.flatMap((side) => (side.byDocument.get(path) ?? []).map((coding) => ({ ...coding, coder: side.label })));
    documents.push(await placeDocument(path, text, stored, versions));
  }
  return { documents, notCodedBy, missingTexts };
}
