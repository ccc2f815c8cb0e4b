// Reading a framework matrix file. Every problem is reported with its line; what can be read is
// kept (an unknown key, a rating outside the scale, a cell for a row that is not listed), and a
// file that is not valid YAML reads as an empty matrix that must not be edited.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Problem } from '../model';
import { DEFAULT_SCALE, type FrameworkCell, type FrameworkMatrix, type FrameworkRow, type FrameworkTheme } from './model';

export interface FrameworkParseResult {
  readonly matrix: FrameworkMatrix;
  readonly problems: Problem[];
  /** False when the file is not valid YAML or not a map: it is then left untouched. */
  readonly ok: boolean;
}

const EMPTY: FrameworkMatrix = { scale: DEFAULT_SCALE, rows: [], themes: [], cells: [] };
const TOP_KEYS = new Set(['title', 'description', 'scale', 'cases', 'themes', 'cells']);
const CELL_KEYS = new Set(['case', 'theme', 'rating', 'summary', 'evidence']);

export function parseFramework(text: string, file: string): FrameworkParseResult {
  const lineCounter = new LineCounter();
  // The failsafe schema reads every scalar as the text written: a rating `+` or an id `007` stays a string.
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const report = (node: Node | null | undefined, message: string, severity: Problem['severity'] = 'warning') =>
    problems.push({ file, line: lineOf(node), message, severity });

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({ file, line: lineCounter.linePos(error.pos[0]).line, message: error.message.split('\n')[0], severity: 'error' });
    }
    return { matrix: EMPTY, problems, ok: false };
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { matrix: EMPTY, problems, ok: true };
  if (!isMap(root)) {
    report(root, 'A framework matrix should be a map with "cases", "themes" and "cells".', 'error');
    return { matrix: EMPTY, problems, ok: false };
  }
  for (const pair of root.items) {
    const key = scalarText(pair.key as Node);
    if (key === undefined || !TOP_KEYS.has(key)) report(pair.key as Node, `Unknown key "${key ?? '?'}" is ignored.`);
  }

  const title = stringValue(root, 'title', report);
  const description = stringValue(root, 'description', report);
  const scale = readScale(root.get('scale', true) as Node | undefined, report);
  const rows = readRows(root.get('cases', true) as Node | undefined, report, lineOf);
  const themes = readThemes(root.get('themes', true) as Node | undefined, report, lineOf);
  const cells = readCells(root.get('cells', true) as Node | undefined, { scale, rows, themes }, report, lineOf);
  const matrix: FrameworkMatrix = {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    scale,
    rows,
    themes,
    cells,
  };
  return { matrix, problems, ok: true };
}

type Report = (node: Node | null | undefined, message: string, severity?: Problem['severity']) => void;
type LineOf = (node: Node | null | undefined) => number | undefined;

function scalarText(node: Node | null | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function stringValue(map: YAMLMap, key: string, report: Report): string | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) return undefined;
  const value = scalarText(node);
  if (value === undefined) report(node, `"${key}" should be text.`);
  return value;
}

function readScale(node: Node | undefined, report: Report): readonly string[] {
  if (node === undefined) return DEFAULT_SCALE;
  if (!isSeq(node)) {
    report(node, '"scale" should be a list of ratings, e.g. ["++", "+", "-", "+/-"]; the default scale is used.');
    return DEFAULT_SCALE;
  }
  const scale: string[] = [];
  for (const item of node.items as Node[]) {
    const value = scalarText(item);
    if (value === undefined || value.trim() === '') report(item, 'A rating should be a short text such as "+".');
    else if (scale.includes(value)) report(item, `Rating "${value}" is listed twice.`);
    else scale.push(value);
  }
  return scale;
}

function readRows(node: Node | undefined, report: Report, lineOf: LineOf): FrameworkRow[] {
  if (node === undefined) return [];
  if (!isSeq(node)) {
    report(node, '"cases" should be a list of case ids (or groups with id, name and cases).', 'error');
    return [];
  }
  const rows: FrameworkRow[] = [];
  const ids = new Set<string>();
  for (const item of node.items as Node[]) {
    let row: FrameworkRow | undefined;
    const line = lineOf(item);
    const id = scalarText(item);
    if (id !== undefined) {
      row = { id, ...(line === undefined ? {} : { line }) };
    } else if (isMap(item)) {
      const rowId = scalarText(item.get('id', true) as Node);
      if (rowId === undefined) {
        report(item, 'A row needs an "id": a case id, or the id of a group of cases.', 'error');
        continue;
      }
      const name = scalarText(item.get('name', true) as Node);
      const casesNode = item.get('cases', true) as Node | undefined;
      let cases: string[] | undefined;
      if (casesNode !== undefined) {
        if (!isSeq(casesNode)) report(casesNode, '"cases" of a group should be a list of case ids.');
        else cases = (casesNode.items as Node[]).map(scalarText).filter((c): c is string => c !== undefined);
      }
      row = { id: rowId, ...(name === undefined ? {} : { name }), ...(cases === undefined ? {} : { cases }), ...(line === undefined ? {} : { line }) };
    } else {
      report(item, 'A row should be a case id, or a map with id, name and cases.', 'error');
      continue;
    }
    if (ids.has(row.id)) {
      report(item, `Row "${row.id}" is listed twice; the first is used.`, 'error');
      continue;
    }
    ids.add(row.id);
    rows.push(row);
  }
  return rows;
}

function readThemes(node: Node | undefined, report: Report, lineOf: LineOf): FrameworkTheme[] {
  if (node === undefined) return [];
  if (!isSeq(node)) {
    report(node, '"themes" should be a list of code ids (or maps with code and name).', 'error');
    return [];
  }
  const themes: FrameworkTheme[] = [];
  for (const item of node.items as Node[]) {
    const line = lineOf(item);
    let theme: FrameworkTheme | undefined;
    const code = scalarText(item);
    if (code !== undefined) {
      theme = { code, ...(line === undefined ? {} : { line }) };
    } else if (isMap(item)) {
      const mapCode = scalarText(item.get('code', true) as Node);
      if (mapCode === undefined) {
        report(item, 'A theme needs a "code": the id of a code in the codebook.', 'error');
        continue;
      }
      const name = scalarText(item.get('name', true) as Node);
      theme = { code: mapCode, ...(name === undefined ? {} : { name }), ...(line === undefined ? {} : { line }) };
    } else {
      report(item, 'A theme should be a code id, or a map with code and name.', 'error');
      continue;
    }
    if (themes.some((t) => t.code === theme.code)) {
      report(item, `Theme "${theme.code}" is listed twice; the first is used.`, 'error');
      continue;
    }
    themes.push(theme);
  }
  return themes;
}

function readCells(
  node: Node | undefined,
  header: { scale: readonly string[]; rows: readonly FrameworkRow[]; themes: readonly FrameworkTheme[] },
  report: Report,
  lineOf: LineOf,
): FrameworkCell[] {
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) return [];
  if (!isSeq(node)) {
    report(node, '"cells" should be a list, one entry per case and theme.', 'error');
    return [];
  }
  const cells: FrameworkCell[] = [];
  const seen = new Set<string>();
  for (const item of node.items as Node[]) {
    if (!isMap(item)) {
      report(item, 'A cell should be a map with case, theme, rating, summary and evidence.', 'error');
      continue;
    }
    for (const pair of item.items) {
      const key = scalarText(pair.key as Node);
      if (key === undefined || !CELL_KEYS.has(key)) report(pair.key as Node, `Unknown key "${key ?? '?'}" in a cell is ignored.`);
    }
    const caseId = scalarText(item.get('case', true) as Node);
    const theme = scalarText(item.get('theme', true) as Node);
    if (caseId === undefined || theme === undefined) {
      report(item, 'A cell needs a "case" and a "theme".', 'error');
      continue;
    }
    const key = `${caseId}\u0000${theme}`;
    if (seen.has(key)) {
      report(item, `A second cell for case "${caseId}" and theme "${theme}"; the first is used.`, 'error');
      continue;
    }
    seen.add(key);
    if (!header.rows.some((r) => r.id === caseId)) report(item, `Case "${caseId}" is not one of the matrix's "cases".`);
    if (!header.themes.some((t) => t.code === theme)) report(item, `Theme "${theme}" is not one of the matrix's "themes".`);
    const ratingNode = item.get('rating', true) as Node | undefined;
    const rating = ratingNode === undefined ? undefined : scalarText(ratingNode);
    if (ratingNode !== undefined && rating === undefined) report(ratingNode, 'A rating should be one value of the scale.');
    if (rating !== undefined && rating !== '' && !header.scale.includes(rating)) {
      report(ratingNode, `Rating "${rating}" is not on the matrix's scale (${header.scale.join(', ')}).`);
    }
    const summaryNode = item.get('summary', true) as Node | undefined;
    const summary = summaryNode === undefined ? undefined : scalarText(summaryNode);
    if (summaryNode !== undefined && summary === undefined && !(isScalar(summaryNode) && summaryNode.value === null)) report(summaryNode, 'A summary should be text.');
    const evidenceNode = item.get('evidence', true) as Node | undefined;
    const evidence: string[] = [];
    if (evidenceNode !== undefined && !(isScalar(evidenceNode) && (evidenceNode.value === null || evidenceNode.value === ''))) {
      if (!isSeq(evidenceNode)) {
        report(evidenceNode, '"evidence" should be a list of coding ids.');
      } else {
        for (const entry of evidenceNode.items as Node[]) {
          const id = scalarText(entry);
          if (id === undefined) report(entry, 'Evidence should be a coding id.');
          else if (!evidence.includes(id)) evidence.push(id);
        }
      }
    }
    const line = lineOf(item);
    cells.push({
      case: caseId,
      theme,
      ...(rating === undefined || rating === '' ? {} : { rating }),
      ...(summary === undefined || summary === '' ? {} : { summary }),
      evidence,
      ...(line === undefined ? {} : { line }),
    });
  }
  return cells;
}

/** What the rest of the study knows, for checking a matrix's references. */
export interface FrameworkContext {
  readonly caseIds: ReadonlySet<string>;
  readonly codeIds: ReadonlySet<string>;
  /** Every coding id of the study, or undefined to skip that check. */
  readonly codingIds?: ReadonlySet<string>;
}

/** Problems with references to cases, codes and codings of the study. */
export function checkFramework(matrix: FrameworkMatrix, context: FrameworkContext, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (line: number | undefined, message: string) => problems.push({ file, ...(line === undefined ? {} : { line }), message, severity: 'warning' });
  for (const row of matrix.rows) {
    if (row.cases === undefined) {
      if (!context.caseIds.has(row.id)) at(row.line, `"${row.id}" is not a case in cases.yaml.`);
    } else {
      for (const c of row.cases) if (!context.caseIds.has(c)) at(row.line, `Group "${row.id}" names "${c}", which is not a case in cases.yaml.`);
    }
  }
  for (const theme of matrix.themes) {
    if (!context.codeIds.has(theme.code)) at(theme.line, `Theme "${theme.code}" is not a code in codebook.yaml.`);
  }
  if (context.codingIds) {
    for (const cell of matrix.cells) {
      const missing = cell.evidence.filter((id) => !context.codingIds!.has(id));
      if (missing.length > 0) {
        at(cell.line, `Evidence ${missing.map((id) => `"${id}"`).join(', ')} of ${cell.case} / ${cell.theme} is not a coding of the study (removed, or on another branch).`);
      }
    }
  }
  return problems;
}
