// A case profile: the case's attributes, its documents (with their own attributes, codings and how
// much of each is coded) and the codes used in them, with counts.
import { documentProgress } from '../statistics/counts';
import type { AttributeValue } from '../model';
import { codeLabel, coderList, groupBy, orphansOf, orphanSection, unreadableSection, type ReportInput } from './input';
import type { Block, Report } from './model';
import { count } from '../text/count';

export class UnknownCaseError extends Error {}

export function caseReport(input: ReportInput, caseId: string): Report {
  const { codebook } = input;
  const theCase = input.cases.cases.find((c) => c.id === caseId);
  if (!theCase) throw new UnknownCaseError(`"${caseId}" is not a case in cases.yaml.`);
  const paths = new Set(theCase.documents.map((d) => d.path));
  const documents = input.documents.filter((d) => paths.has(d.path));
  const codings = documents.flatMap((d) => d.codings.map((placed) => ({ documentPath: d.path, coding: placed.coding })));
  const blocks: Block[] = [];
  blocks.push({ kind: 'facts', facts: [['Id', theCase.id], ...Object.entries(theCase.attributes).map(([name, value]) => [name, attributeText(value)] as const)] });

  blocks.push({ kind: 'heading', level: 2, text: 'Documents' });
  blocks.push({
    kind: 'table',
    header: ['Document', 'Attributes', 'Codings', 'Orphans', 'Coded'],
    numeric: [false, false, true, true, true],
    rows: theCase.documents.map((d) => {
      const placed = documents.find((p) => p.path === d.path);
      const attributes = Object.entries(d.attributes).map(([name, value]) => `${name}: ${attributeText(value)}`).join('; ');
      if (!placed) return [d.path, attributes, '—', '—', 'not read'];
      const progress = documentProgress(codebook, placed);
      return [d.path, attributes, String(progress.codings), String(progress.orphans), `${Math.round(progress.coverage * 100)} %`];
    }),
  });

  blocks.push({ kind: 'heading', level: 2, text: 'Codes' });
  const byCode = groupBy(codings, (c) => codebook.resolve(c.coding.code));
  const order = new Map(codebook.codes.map((c, i) => [c.id, i]));
  const rows = [...byCode]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b))
    .map(([code, ofCode]) => [codeLabel(codebook, code), String(ofCode.length), String(new Set(ofCode.map((c) => c.documentPath)).size), coderList(ofCode.map((c) => c.coding.coder))]);
  blocks.push(rows.length === 0 ? { kind: 'paragraph', text: 'No document of this case is coded yet.' } : { kind: 'table', header: ['Code', 'Codings', 'Documents', 'Coders'], numeric: [false, true, true, false], rows });

  const orphans = orphansOf(documents, () => true);
  blocks.push(...orphanSection(codebook, orphans), ...unreadableSection(input.unreadable.filter((p) => paths.has(p.file))));
  return {
    title: `Case: ${theCase.name}`,
    subtitle: `${count(theCase.documents.length, 'document')}; ${count(codings.length, 'coding')} of ${count(byCode.size, 'code')} by ${coderList(codings.map((c) => c.coding.coder)) || 'no coder'}.`,
    blocks,
    orphans: orphans.length,
  };
}

function attributeText(value: AttributeValue): string {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}
