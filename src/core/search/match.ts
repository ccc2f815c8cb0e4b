// Matching a query in one text: words or phrases, or a regular expression (with the `u` flag), on
// the folded copy of the text (fold.ts), mapped back to the original's offsets. A phrase matches
// across any run of white space, line breaks included.
import { fold, FoldedText, type FoldOptions } from './fold';
import type { FoldCache } from './fold-cache';
import { isWholeWord } from './words';

export interface SearchOptions {
  readonly query: string;
  readonly regex: boolean;
  readonly matchCase: boolean;
  readonly matchAccents: boolean;
  readonly wholeWord: boolean;
}

export const DEFAULT_SEARCH: SearchOptions = { query: '', regex: false, matchCase: false, matchAccents: false, wholeWord: true };

/** A hit in UTF-16 units of the original text. */
export interface TextMatch {
  readonly start: number;
  readonly end: number;
}

export interface CompiledSearch {
  readonly options: SearchOptions;
  /**
   * Every hit in `text`, in order, none overlapping. With a cache, the folded copy of a document
   * is taken from it (and kept in it) under the document's key.
   */
  find(text: string, cached?: { readonly cache: FoldCache; readonly key: string }): TextMatch[];
}

export class SearchError extends Error {}

const MARK = /\p{M}/u;

/** A search ready to run; throws SearchError with a message for the person (empty query, bad regex). */
export function compileSearch(options: SearchOptions): CompiledSearch {
  if (options.query.trim() === '') throw new SearchError('Type a word, a phrase or a regular expression to search for.');
  const folding: FoldOptions = { lowerCase: !options.matchCase && !options.regex, stripAccents: !options.matchAccents };
  const query = fold(options.regex ? options.query : options.query.trim(), folding);
  let pattern: RegExp | undefined;
  if (options.regex) {
    try {
      pattern = new RegExp(query, options.matchCase ? 'gu' : 'giu');
    } catch (error) {
      throw new SearchError(`This is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (/\s/.test(query)) {
    pattern = new RegExp(query.split(/\s+/).map(escapeRegExp).join('\\s+'), 'gu');
  }
  return {
    options,
    find(text, cached) {
      const folded = cached ? cached.cache.fold(cached.key, text, folding) : FoldedText.of(text, folding);
      const hits: TextMatch[] = [];
      const accept = (start: number, end: number) => {
        if (end <= start) return;
        // With accents kept, "e" must not match the e of e + combining acute.
        if (options.matchAccents && (MARK.test(folded.text[start]) || (end < folded.text.length && MARK.test(folded.text[end])))) return;
        if (options.wholeWord && !isWholeWord(folded.text, start, end)) return;
        hits.push({ start: folded.toOriginal(start, 'start'), end: folded.toOriginal(end, 'end') });
      };
      if (pattern) {
        pattern.lastIndex = 0;
        for (const match of folded.text.matchAll(pattern)) accept(match.index, match.index + match[0].length);
      } else {
        for (let at = folded.text.indexOf(query); at !== -1; at = folded.text.indexOf(query, at + Math.max(1, query.length))) {
          const before = hits.length;
          accept(at, at + query.length);
          // A rejected candidate (not a whole word) lets the next one start inside it.
          if (hits.length === before) at = at + 1 - Math.max(1, query.length);
        }
      }
      return hits;
    },
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
