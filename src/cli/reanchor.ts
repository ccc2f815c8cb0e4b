// `gloss reanchor [study] [--coder NAME] [--write]`: places every coder's codings on the current
// texts and reports which moved (made on an older version of the text) and which became orphans.
// Writes nothing unless --write, and then only the named coder's files, each through the study's
// write protocol from what is on disk at that moment: codings that moved are re-based on the
// current text (offsets, quote, context, version); orphans are left exactly as they are.
import { shortQuote } from '../core/anchoring/quote';
import { reattachOrphan, type AnchorMethod } from '../core/anchoring/reanchor';
import { coderSlug, sameFolderName } from '../core/codings/paths';
import { formatCodingLine, stampModified } from '../core/codings/format';
import type { Coding } from '../core/model';
import { WriteRefusedError } from '../core/storage/update';
import { CodingLines } from '../core/study/check';
import { placeStudyDocuments } from '../core/study/place-all';
import type { CodingsFile, Study } from '../core/study/study';
import { EXIT_FINDING, EXIT_SUCCESS, InputError } from './input-error';
import { openStudy } from './study-input';

/** How a coding made on an older text was found on the current one (AnchorMethod), in words. */
const HOW: Record<AnchorMethod, string> = { exact: 'at its offsets', mapped: 'through the changes to the text', fuzzy: 'by its text and context' };

export interface ReanchorOptions {
  /** Only this coder's codings (a name or folder name); all coders when undefined. */
  readonly coder: string | undefined;
  readonly write: boolean;
}

export async function reanchorCommand(folder: string | undefined, options: ReanchorOptions, write: (text: string) => void, warn: (line: string) => void): Promise<number> {
  if (options.write && options.coder === undefined) throw new InputError('--write needs --coder NAME: only that coder\'s files are written.');
  const { study, versions, shown } = await openStudy(folder);
  const ofCoder = (file: CodingsFile) => options.coder === undefined || sameFolderName(file.coderSlug, coderSlug(options.coder));
  const files = study.codingsFileList.filter(ofCoder).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (files.length === 0) throw new InputError(options.coder === undefined ? 'The study has no codings.' : `${options.coder} has no codings in this study.`);
  const { documents, unreadable } = await placeStudyDocuments(study, versions);
  const placedOf = new Map(documents.map((d) => [d.path, d]));
  const lines = new CodingLines(study.root);
  const at = async (file: CodingsFile, id: string) => {
    const where = await lines.locate(file.path, id);
    return `${shown(where.file)}${where.line === undefined ? '' : `:${where.line}`}`;
  };
  let moved = 0;
  let orphans = 0;
  let written = 0;
  let problems = 0;
  for (const problem of unreadable.filter((p) => files.some((f) => f.documentPath === p.file))) {
    write(`${shown(problem.file)}: not read, its codings are not placed: ${problem.message}\n`);
    problems++;
  }
  for (const file of files) {
    const document = placedOf.get(file.documentPath);
    if (!document) continue;
    const own = new Set(file.codings);
    const placed = document.codings.filter((p) => own.has(p.coding));
    const rebased = new Map<string, { stored: Coding; record: Coding }>();
    for (const { coding, span, orphanReason, reanchored } of placed) {
      if (span === undefined) {
        orphans++;
        write(`${await at(file, coding.id)}: orphan: coding ${coding.id} (${coding.code}) of "${shortQuote(coding.quote)}": ${orphanReason ?? 'not found'}\n`);
      } else if (coding.version !== document.version) {
        moved++;
        rebased.set(coding.id, { stored: coding, record: reattachOrphan(coding, document.text, span, document.version) });
        const where = span.start === coding.start && span.end === coding.end ? 'same offsets' : `[${coding.start}, ${coding.end}) → [${span.start}, ${span.end})`;
        write(`${await at(file, coding.id)}: moved: coding ${coding.id} (${coding.code}) onto the current text, ${where}, ${HOW[reanchored?.method ?? 'exact']}${reanchored && reanchored.score < 1 ? ` (text ${(reanchored.score * 100).toFixed(0)} % alike)` : ''}\n`);
      }
    }
    if (options.write && rebased.size > 0) {
      const outcome = await writeRebased(study, file, rebased);
      if (typeof outcome === 'string') {
        write(`${shown(file.path)}: not written: ${outcome}\n`);
        problems++;
      } else written++;
    }
  }
  const scope = options.coder === undefined ? 'all coders' : options.coder;
  write(`${moved} coding(s) of ${scope} moved onto the current texts, ${orphans} orphan(s). ${options.write ? `Wrote ${written} file(s); orphans were left as they are.` : moved > 0 ? 'Nothing was written: --write --coder NAME re-bases that coder\'s codings on the current texts.' : ''}`.trimEnd() + '\n');
  if (orphans > 0) warn(`${orphans} coding(s) could not be placed on the current text (orphans); re-attach them in the editor.`);
  else if (problems > 0) warn(`${problems} file(s) could not be placed or written; see above.`);
  return orphans > 0 || problems > 0 ? EXIT_FINDING : EXIT_SUCCESS;
}

/**
 * Re-bases the file's moved codings on the current text, starting from the file as it is on disk
 * now: a coding whose line changed since it was placed is left alone. The reason when refused.
 */
async function writeRebased(study: Study, file: CodingsFile, rebased: ReadonlyMap<string, { stored: Coding; record: Coding }>): Promise<true | string> {
  const now = new Date().toISOString();
  try {
    await study.updateCodingsFile(file.path, (current) =>
      stampModified(
        current,
        current.map((coding) => {
          const change = rebased.get(coding.id);
          return change && formatCodingLine(change.stored) === formatCodingLine(coding) ? change.record : coding;
        }),
        now,
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof WriteRefusedError) return error.message;
    throw error;
  }
}
