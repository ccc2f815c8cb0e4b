// Word frequencies: the words of each document (Unicode segmentation, lower case, NFC), without the
// stop words of the document's language (lists from the `stopword` package), optionally grouped by
// their first N characters (a crude stand-in for a stemmer: "participação", "participar" →
// "partic…"). Counts of documents add up to counts of cases and attribute groups. The number of
// words (tokens) counts every word, stop words included: it is the corpus size relative
// frequencies and keyness divide by.
import { deu, eng, fra, nld, por, spa } from 'stopword';
import { scanWords } from './words';

export interface WordCounts {
  /** Every word of the texts counted, stop words and numbers included. */
  readonly tokens: number;
  readonly counts: ReadonlyMap<string, number>;
}

export const NO_WORDS: WordCounts = { tokens: 0, counts: new Map() };

export interface CountOptions {
  /** Words left out (lower case, NFC). */
  readonly stopWords?: ReadonlySet<string>;
  /** Group words by their first N characters (code points); 0 or undefined: no grouping. */
  readonly prefixLength?: number;
}

/** The languages with a stop-word list, by their ISO 639-1 code (as cases.yaml writes `language`). */
const STOP_LISTS: Readonly<Record<string, readonly string[]>> = { en: eng, nl: nld, es: spa, pt: por, fr: fra, de: deu };
const cache = new Map<string, ReadonlySet<string>>();

/** Accepts `en`, `EN`, `en-GB`, `eng`. */
export function stopWordsFor(language: string | undefined): ReadonlySet<string> {
  const code = languageCode(language);
  let set = cache.get(code);
  if (!set) {
    set = new Set((STOP_LISTS[code] ?? []).map((w) => w.toLowerCase().normalize('NFC')));
    cache.set(code, set);
  }
  return set;
}

const THREE_LETTER: Record<string, string> = { eng: 'en', nld: 'nl', dut: 'nl', spa: 'es', por: 'pt', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de' };

export function languageCode(language: string | undefined): string {
  const base = (language ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return THREE_LETTER[base] ?? base;
}

export function hasStopWords(language: string | undefined): boolean {
  return languageCode(language) in STOP_LISTS;
}

/** The key a word is counted under: itself, or its first N code points followed by "…". */
export function groupKey(word: string, prefixLength: number | undefined): string {
  if (!prefixLength || prefixLength <= 0) return word;
  const points = [...word];
  return points.length > prefixLength ? `${points.slice(0, prefixLength).join('')}…` : word;
}

export function countWords(text: string, options: CountOptions = {}): WordCounts {
  const { stopWords, prefixLength } = options;
  // One look-up per word met: each distinct word is settled once (stop word or not, its key).
  /** The slot of each word's key in `keys` and `tally`; -1 for a stop word. */
  const slotOfWord = new Map<string, number>();
  const slotOfKey = new Map<string, number>();
  const keys: string[] = [];
  const tally: number[] = [];
  let tokens = 0;
  scanWords(text.toLowerCase().normalize('NFC'), (word, _index, withLetter) => {
    tokens++;
    if (!withLetter) return;
    let slot = slotOfWord.get(word);
    if (slot === undefined) {
      slot = stopWords?.has(word) ? -1 : slotFor(groupKey(word, prefixLength));
      slotOfWord.set(word, slot);
    }
    if (slot >= 0) tally[slot]++;
  });
  function slotFor(key: string): number {
    let slot = slotOfKey.get(key);
    if (slot === undefined) {
      slot = keys.push(key) - 1;
      tally.push(0);
      slotOfKey.set(key, slot);
    }
    return slot;
  }
  return { tokens, counts: new Map(keys.map((key, slot) => [key, tally[slot]])) };
}

export function mergeCounts(list: readonly WordCounts[]): WordCounts {
  const counts = new Map<string, number>();
  let tokens = 0;
  for (const item of list) {
    tokens += item.tokens;
    for (const [word, n] of item.counts) counts.set(word, (counts.get(word) ?? 0) + n);
  }
  return { tokens, counts };
}

export interface FrequencyRow {
  readonly word: string;
  readonly count: number;
  /** Per `per` words of the group. */
  readonly relative: number;
}

/** The words by descending count (ties alphabetical), with relative frequencies per `per` words. */
export function frequencyRows(counts: WordCounts, per = 1000): FrequencyRow[] {
  return [...counts.counts]
    .map(([word, count]) => ({ word, count, relative: counts.tokens === 0 ? 0 : (count * per) / counts.tokens }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}
