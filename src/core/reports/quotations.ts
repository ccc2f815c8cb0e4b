// All quotations of chosen codes for writing up: grouped by code (codebook order), then by case
// (cases.yaml order, documents of no case last), each with its source: case, document path,
// line and coder. The text is the current text; codings that cannot be placed are listed apart.
import { sourceReference } from '../retrieval/markdown';
import { queriedCodes, retrieveSegments } from '../retrieval/segments';
import { codeLabel, groupBy, orphansOf, orphanSection, unreadableSection, type ReportInput } from './input';
import type { Block, Report } from './model';
import { count } from '../text/count';

export interface QuotationsReportOptions {
  /** Codes whose quotations are wanted; empty: every code. */
  readonly codeIds: readonly string[];
  /** Include the codings of each code's sub-codes (default true). */
  readonly includeSubcodes?: boolean;
}

const NO_CASE = '\u0000';

export function quotationsReport(input: ReportInput, options: QuotationsReportOptions): Report {
  const { codebook, cases } = input;
  const query = { codeIds: options.codeIds, includeSubcodes: options.includeSubcodes !== false };
  const codes = queriedCodes(codebook, query);
  const segments = retrieveSegments(codebook, cases, input.documents, query);
  const placed = segments.filter((s) => !s.orphan);
  const caseOrder = new Map(cases.cases.map((c, i) => [c.id, i]));
  const blocks: Block[] = [];
  for (const [codeId, ofCode] of groupBy(placed, (s) => s.codeId)) {
    const code = codebook.get(codeId);
    blocks.push({ kind: 'heading', level: 2, text: `${codeLabel(codebook, codeId)} (${ofCode.length})`, ...(code?.colour ? { colour: code.colour } : {}) });
    if (code?.description) blocks.push({ kind: 'paragraph', text: code.description.trim() });
    const byCase = [...groupBy(ofCode, (s) => s.caseId ?? NO_CASE)].sort(([a], [b]) => (caseOrder.get(a) ?? Infinity) - (caseOrder.get(b) ?? Infinity));
    for (const [caseId, ofCase] of byCase) {
      blocks.push({ kind: 'heading', level: 3, text: caseId === NO_CASE ? 'Documents of no case' : (ofCase[0].caseName ?? caseId) });
      for (const segment of ofCase) blocks.push({ kind: 'quotation', segment, source: sourceReference(segment, 'full') });
    }
  }
  if (placed.length === 0) blocks.push({ kind: 'paragraph', text: 'No passage of the current texts is coded with these codes.' });
  const wanted = new Set(codes);
  const orphans = orphansOf(input.documents, (coding) => wanted.has(codebook.resolve(coding.code)));
  blocks.push(...orphanSection(codebook, orphans), ...unreadableSection(input.unreadable));
  const asked = options.codeIds.length === 0 ? 'all codes' : options.codeIds.map((id) => codeLabel(codebook, id)).join('; ');
  const documents = new Set(placed.map((s) => s.documentPath)).size;
  return {
    title: options.codeIds.length === 0 ? 'Quotations' : `Quotations: ${asked}`,
    subtitle: `${count(placed.length, 'quotation')} in ${count(documents, 'document')}, for ${asked}${query.includeSubcodes ? ' with sub-codes' : ''}. Quotations are from the current texts.`,
    blocks,
    orphans: orphans.length,
  };
}
