// The libraries that read Word (mammoth) and PDF files (unpdf, which bundles pdf.js) are large:
// they load on the first import, never when the extension activates. In the built extension and
// command line esbuild.js makes each its own file in dist/document-engines/.
import type * as Mammoth from 'mammoth';

export async function loadMammoth(): Promise<typeof Mammoth> {
  const loaded = (await import('mammoth')) as typeof Mammoth & { default?: typeof Mammoth };
  return loaded.default ?? loaded;
}

/** The module, typed as unpdf declares it. */
export function loadUnpdf() {
  return import('unpdf');
}
