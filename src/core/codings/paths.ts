// Where a coder's codings of a document live: codings/<coder slug>/<document path>.jsonl.

export const CODINGS_FOLDER = 'codings';
const CODINGS_EXTENSION = '.jsonl';

/** Lower case, runs of anything but letters and digits turned into `-`, accents dropped. */
export function coderSlug(coder: string): string {
  const slug = coder
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'coder' : slug;
}

export function codingsFilePath(coder: string, documentPath: string): string {
  return `${CODINGS_FOLDER}/${coderSlug(coder)}/${documentPath}${CODINGS_EXTENSION}`;
}

/** The coder slug and document path a codings file belongs to, or undefined if it is not one. */
export function parseCodingsFilePath(path: string): { coderSlug: string; documentPath: string } | undefined {
  const prefix = `${CODINGS_FOLDER}/`;
  if (!path.startsWith(prefix) || !path.endsWith(CODINGS_EXTENSION)) return undefined;
  const rest = path.slice(prefix.length, -CODINGS_EXTENSION.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { coderSlug: rest.slice(0, slash), documentPath: rest.slice(slash + 1) };
}
