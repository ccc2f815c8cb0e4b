// Counts over the stored codings: codings and documents per code (own and with sub-codes), and how
// much of a document is coded. Stored codings are what is on disk for every coder; an orphan is
// still a coding of its code and counts.
import type { Codebook } from '../codebook/codebook';
import type { Coding } from '../model';
import type { PlacedDocument } from '../study/placement';

export interface CodeCount {
  readonly codings: number;
  readonly documents: number;
}

export interface CodebookCounts {
  /** Codings of the code itself. */
  readonly own: ReadonlyMap<string, CodeCount>;
  /** Codings of the code and all its sub-codes (documents counted once). */
  readonly total: ReadonlyMap<string, CodeCount>;
  /** Codings whose code is not in the codebook, by code id. */
  readonly unknown: ReadonlyMap<string, CodeCount>;
}

export const NO_COUNT: CodeCount = { codings: 0, documents: 0 };

/** Every coding of the study grouped by document, as Study.codingsFileList gives them. */
export interface DocumentCodings {
  readonly documentPath: string;
  readonly codings: readonly Pick<Coding, 'code'>[];
}

/** One pass over the codings, then one pass up the tree. */
export function countCodings(codebook: Codebook, files: Iterable<DocumentCodings>): CodebookCounts {
  const codings = new Map<string, number>();
  const documents = new Map<string, Set<string>>();
  for (const file of files) {
    for (const coding of file.codings) {
      // A code merged into another counts there (its id is an alias of the other).
      const code = codebook.resolve(coding.code);
      codings.set(code, (codings.get(code) ?? 0) + 1);
      let set = documents.get(code);
      if (!set) documents.set(code, (set = new Set()));
      set.add(file.documentPath);
    }
  }
  const own = new Map<string, CodeCount>();
  const unknown = new Map<string, CodeCount>();
  for (const [code, n] of codings) {
    const count = { codings: n, documents: documents.get(code)!.size };
    if (codebook.has(code)) own.set(code, count);
    else unknown.set(code, count);
  }
  // Children come after their parent in `codes`: walking it backwards visits every child first.
  const total = new Map<string, CodeCount>();
  const totalDocuments = new Map<string, Set<string>>();
  for (let i = codebook.codes.length - 1; i >= 0; i--) {
    const code = codebook.codes[i];
    let n = codings.get(code.id) ?? 0;
    let docs = documents.get(code.id);
    for (const child of codebook.children(code.id)) {
      n += total.get(child.id)!.codings;
      const childDocs = totalDocuments.get(child.id);
      if (childDocs && childDocs.size > 0) {
        if (!docs) docs = new Set(childDocs);
        else if (docs === documents.get(code.id)) docs = new Set([...docs, ...childDocs]);
        else for (const d of childDocs) docs.add(d);
      }
    }
    if (docs) totalDocuments.set(code.id, docs);
    total.set(code.id, { codings: n, documents: docs?.size ?? 0 });
  }
  return { own, total, unknown };
}

export interface DocumentProgress {
  /** All coders' codings of the document. */
  readonly codings: number;
  /** Codings that could not be placed on the current text. */
  readonly orphans: number;
  /** Ids of codes used in the document but missing from the codebook. */
  readonly unknownCodes: readonly string[];
  /** Code points covered by at least one placed coding. */
  readonly codedLength: number;
  /** Code points of the text. */
  readonly length: number;
  /** codedLength / length, 0 for an empty text. */
  readonly coverage: number;
}

/** How much of a document is coded, and what is wrong with its codings. */
export function documentProgress(codebook: Codebook, document: PlacedDocument): DocumentProgress {
  const spans: Array<{ start: number; end: number }> = [];
  let orphans = 0;
  const unknown = new Set<string>();
  for (const placed of document.codings) {
    if (!codebook.has(placed.coding.code)) unknown.add(placed.coding.code);
    if (placed.span === undefined) orphans++;
    else if (placed.span.end > placed.span.start) spans.push(placed.span);
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let codedLength = 0;
  let reach = -1;
  for (const { start, end } of spans) {
    if (end <= reach) continue;
    codedLength += end - Math.max(start, reach);
    reach = end;
  }
  const length = codePointLength(document.text);
  return {
    codings: document.codings.length,
    orphans,
    unknownCodes: [...unknown].sort(),
    codedLength,
    length,
    coverage: length === 0 ? 0 : Math.min(1, codedLength / length),
  };
}

function codePointLength(text: string): number {
  let surrogates = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) surrogates++;
  }
  return text.length - surrogates;
}
