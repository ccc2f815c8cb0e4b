// Which coders' codings the views show. Blind coding shows a coder only their own folder's codings,
// so that they code without seeing the others'. This filters what is shown, never what is kept:
// writes and clean-ups read the study's files themselves, so hidden codings stay on disk untouched.
import { coderSlug, sameFolderName } from './paths';

export interface Viewer {
  /** The current coder's name (their folder is its slug, in any case). */
  readonly coder: string;
  /** True while blind coding is on. */
  readonly blind: boolean;
}

/** The codings files the viewer sees: every coder's, or while coding blind only the viewer's own folder's. */
export function visibleCodingsFiles<F extends { readonly coderSlug: string }>(files: readonly F[], viewer: Viewer): readonly F[] {
  if (!viewer.blind) return files;
  const own = coderSlug(viewer.coder);
  return files.filter((file) => sameFolderName(file.coderSlug, own));
}
