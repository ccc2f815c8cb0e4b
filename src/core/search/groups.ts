// Word counts of a study by group: per document, per case or per value of an attribute (region:
// North, South), each document counted without the stop words of its own language (its `language`
// attribute in cases.yaml, else the fallback the person chose).
import { caseOfDocument, documentAttributes, type Cases } from '../cases/cases';
import { countWords, mergeCounts, stopWordsFor, type WordCounts } from './frequencies';
import { forEachInSteps, type Steps } from '../util/steps';

export type Grouping = { readonly kind: 'all' } | { readonly kind: 'document' } | { readonly kind: 'case' } | { readonly kind: 'attribute'; readonly attribute: string };

/** The group of a document with no value for the attribute, or in no case. */
export const NO_GROUP = '(none)';
export const WHOLE_STUDY = '(all documents)';

export interface GroupCountOptions {
  readonly grouping: Grouping;
  readonly removeStopWords: boolean;
  /** Language of documents whose `language` attribute is absent. */
  readonly fallbackLanguage: string;
  readonly prefixLength?: number;
}

export function groupOfDocument(cases: Cases, documentPath: string, grouping: Grouping): string {
  switch (grouping.kind) {
    case 'all': return WHOLE_STUDY;
    case 'document': return documentPath;
    case 'case': return caseOfDocument(cases, documentPath)?.id ?? NO_GROUP;
    case 'attribute': {
      const value = documentAttributes(cases, documentPath)[grouping.attribute];
      return value === undefined ? NO_GROUP : String(value);
    }
  }
}

export function documentLanguage(cases: Cases, documentPath: string, fallback: string): string {
  const value = documentAttributes(cases, documentPath).language;
  return value === undefined || String(value).trim() === '' ? fallback : String(value);
}

/** Word counts per group, groups in alphabetical order; counted a few documents at a time (`steps`). */
export async function countByGroup(documents: readonly { readonly path: string; readonly text: string }[], cases: Cases, options: GroupCountOptions, steps?: Steps): Promise<Map<string, WordCounts>> {
  const perGroup = new Map<string, WordCounts[]>();
  await forEachInSteps(documents, (document) => {
    const language = documentLanguage(cases, document.path, options.fallbackLanguage);
    const counts = countWords(document.text, {
      ...(options.removeStopWords ? { stopWords: stopWordsFor(language) } : {}),
      ...(options.prefixLength ? { prefixLength: options.prefixLength } : {}),
    });
    const group = groupOfDocument(cases, document.path, options.grouping);
    const list = perGroup.get(group);
    if (list === undefined) perGroup.set(group, [counts]);
    else list.push(counts);
  }, steps);
  return new Map([...perGroup.keys()].sort().map((group) => [group, mergeCounts(perGroup.get(group)!)]));
}
