// Where each stored coding of a document sits on the document's current text. A coding made on
// this very text version sits at its stored offsets; the others are re-anchored from the version
// they were made on; what cannot be placed is an orphan, kept with its quote.
import { OrphanReason, reanchorCodings, type AnchorMethod } from '../anchoring/reanchor';
import type { Coding, Span } from '../model';
import { normaliseText, textVersion } from '../text/normalise';
import { TextIndex } from '../text/offsets';
import type { TextVersions } from './versions';

export interface PlacedCoding {
  /** The coding as stored on disk (an orphan keeps it unchanged). */
  readonly coding: Coding;
  /** Where it sits now, in code points of the current normalised text; undefined for an orphan. */
  readonly span: Span | undefined;
  /** Why it could not be placed, for an orphan. */
  readonly orphanReason?: string;
  /** How a coding of an older text version was placed, and how similar its text is now (1: the same). */
  readonly reanchored?: { readonly method: AnchorMethod; readonly score: number };
}

export interface PlacedDocument {
  readonly path: string;
  /** The current normalised text. */
  readonly text: string;
  readonly version: string;
  /** The codings placed (every coder's, or one coder's while coding blind), sorted by position (orphans last). */
  readonly codings: readonly PlacedCoding[];
}

/**
 * Places a document's stored codings on its current text (raw: a BOM and CRLF are fine).
 * Codings of other versions are grouped by version and re-anchored through a diff from that
 * version when `versions` has it, by their quotes and context otherwise.
 */
export async function placeDocument(
  path: string,
  rawText: string,
  stored: readonly Coding[],
  versions: TextVersions,
): Promise<PlacedDocument> {
  const text = normaliseText(rawText);
  const version = textVersion(text);
  const length = TextIndex.forText(text).codePointLength;
  const placed: PlacedCoding[] = [];
  const byOldVersion = new Map<string, Coding[]>();
  for (const coding of stored) {
    if (coding.version === version) {
      const fits = coding.start >= 0 && coding.start <= coding.end && coding.end <= length;
      placed.push(fits ? { coding, span: { start: coding.start, end: coding.end } } : { coding, span: undefined, orphanReason: OrphanReason.outsideText });
    } else {
      const group = byOldVersion.get(coding.version) ?? [];
      group.push(coding);
      byOldVersion.set(coding.version, group);
    }
  }
  for (const [oldVersion, codings] of byOldVersion) {
    const oldText = await versions.get(oldVersion, path);
    const results = reanchorCodings(oldText, text, codings, { newVersion: version });
    codings.forEach((coding, i) => {
      const result = results[i];
      placed.push(
        result.kind === 'orphan'
          ? { coding, span: undefined, orphanReason: result.reason }
          : { coding, span: result.span, reanchored: { method: result.method, score: result.score } },
      );
    });
  }
  placed.sort(comparePlaced);
  return { path, text, version, codings: placed };
}

function comparePlaced(a: PlacedCoding, b: PlacedCoding): number {
  if (a.span === undefined || b.span === undefined) {
    return (a.span === undefined ? 1 : 0) - (b.span === undefined ? 1 : 0) || a.coding.start - b.coding.start;
  }
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.coding.id < b.coding.id ? -1 : 1);
}

export function isOrphan(placed: PlacedCoding): boolean {
  return placed.span === undefined;
}
