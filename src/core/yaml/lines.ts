// Shared by the YAML files' readers: turn the yaml package's errors into Problems with a line.
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../model';

export interface ParsedYaml {
  readonly document: Document.Parsed;
  /** 1-based line of a node, for problem reports. */
  readonly lineOf: (node: Node | null | undefined) => number | undefined;
  /** Parse errors; when any, the file must be left untouched. */
  readonly errors: Problem[];
}

export function parseYamlWithLines(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false });
  const errors: Problem[] = document.errors.map((error) => ({
    file,
    line: lineCounter.linePos(error.pos[0]).line,
    message: error.message.split('\n')[0],
    severity: 'error' as const,
  }));
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  return { document, lineOf, errors };
}
