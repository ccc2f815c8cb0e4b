// A count and its noun in English, for the files and command-line output Gloss writes ("1 coding",
// "3 codings"). Messages shown in the editor are translated instead (src/ui/counts.ts).

/** "1 coding", "3 codings". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
