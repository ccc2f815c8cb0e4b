// Short names for documents where their full paths take too much room (the comparison's column
// headers): the file name without its folders and extension, made unique, only where names clash,
// by its extension and then by its folders from the nearest.

/**
 * One short name per study-relative path ('/'-separated), in the same order. Distinct paths get
 * distinct names.
 */
export function shortDocumentNames(paths: readonly string[]): string[] {
  const candidates = paths.map(candidateNames);
  const level = paths.map(() => 0);
  for (;;) {
    const names = paths.map((_, i) => candidates[i][level[i]]);
    const byName = new Map<string, number[]>();
    names.forEach((name, i) => {
      const same = byName.get(name);
      if (same) same.push(i);
      else byName.set(name, [i]);
    });
    let advanced = false;
    for (const clashing of byName.values()) {
      if (clashing.length < 2) continue;
      for (const i of clashing) {
        if (level[i] + 1 >= candidates[i].length) continue;
        level[i]++;
        advanced = true;
      }
    }
    // Done when nothing clashes, or when only the same path given twice still does.
    if (!advanced) return names;
  }
}

/**
 * A path's names from shortest to longest: with 0, 1, 2… of its nearest folders, the file name
 * without its extension and then with it; the last is the path itself.
 */
function candidateNames(path: string): string[] {
  const folders = path.split('/');
  const file = folders.pop() ?? path;
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const names: string[] = [];
  for (let n = 0; n <= folders.length; n++) {
    const nearest = folders.slice(folders.length - n);
    for (const name of [stem, file]) {
      const candidate = [...nearest, name].join('/');
      if (names.at(-1) !== candidate) names.push(candidate);
    }
  }
  return names;
}
