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

/** Where a coder's file goes in a study with no folder for them yet (Study.coderFolder finds one). */
export function codingsFilePath(coder: string, documentPath: string): string {
  return codingsFilePathIn(coderSlug(coder), documentPath);
}

/** The codings file of a document in a coder's folder (a name in codings/, as found on disk). */
export function codingsFilePathIn(coderFolder: string, documentPath: string): string {
  return `${CODINGS_FOLDER}/${coderFolder}/${documentPath}${CODINGS_EXTENSION}`;
}

/**
 * Whether a folder name in codings/ is a coder's slug on a case-insensitive file system (macOS,
 * Windows): `Marike` is `marike` there. Compared the same way everywhere, so a study behaves alike.
 */
export function sameFolderName(folder: string, slug: string): boolean {
  return folder.normalize('NFC').toLowerCase() === slug.normalize('NFC').toLowerCase();
}

/** Groups of folder names that differ only in case: one folder where the case is ignored. */
export function caseTwins(folders: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const name of folders) {
    const key = name.normalize('NFC').toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return [...groups.values()].filter((names) => names.length > 1);
}

export function caseTwinsMessage(twins: readonly string[]): string {
  return (
    `The coder folders ${twins.map((t) => `${CODINGS_FOLDER}/${t}`).join(' and ')} differ only in case: on macOS and Windows they are one folder. ` +
    'Move their files into one of them; until then these codings are not written.'
  );
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
