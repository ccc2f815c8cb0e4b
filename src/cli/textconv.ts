// `gloss textconv <file>`: a codings file as readable lines, for Git's textconv, so that `git diff`
// and `git log -p` show codes, spans and quotes instead of JSON. Git passes a temporary copy of an
// old version and runs in the repository's root, so the codebook is looked for above the file,
// then above the current folder, then as the repository's only codebook.yaml.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Codebook } from '../core/codebook/codebook';
import { parseCodebook } from '../core/codebook/parse';
import { runGit } from '../core/git/git';
import { readableCodings } from '../core/history/readable-codings';
import { decodeUtf8, NotUtf8Error } from '../core/storage/files';
import { CODEBOOK_FILE } from '../core/study/study';
import { EXIT_SUCCESS, InputError } from './input-error';

export async function textconvCommand(file: string, options: { codebook?: string }, write: (text: string) => void): Promise<number> {
  const text = await readText(file);
  const codebookFile = options.codebook ?? (await findCodebook(path.dirname(path.resolve(file)))) ?? (await findCodebook(process.cwd())) ?? (await onlyCodebookOfRepository());
  write(readableCodings(text, codebookFile === undefined ? undefined : await loadCodebook(codebookFile, options.codebook !== undefined)));
  return EXIT_SUCCESS;
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw new InputError(`${file} is not UTF-8 (line ${error.line}).`);
    throw error;
  }
}

/** codebook.yaml in `folder` or the nearest folder above it. */
async function findCodebook(folder: string): Promise<string | undefined> {
  for (let current = folder; ; current = path.dirname(current)) {
    const candidate = path.join(current, CODEBOOK_FILE);
    if ((await fs.stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The repository's codebook.yaml when it has exactly one (a study in a sub-folder). */
async function onlyCodebookOfRepository(): Promise<string | undefined> {
  const listed = await runGit(process.cwd(), ['ls-files', '-z', '--full-name', '--', `:(top,glob)**/${CODEBOOK_FILE}`]);
  const files = listed.ok ? listed.stdout.split('\0').filter((f) => f !== '') : [];
  if (files.length !== 1) return undefined;
  const top = await runGit(process.cwd(), ['rev-parse', '--show-toplevel']);
  return top.ok ? path.join(top.stdout.trim(), files[0]) : undefined;
}

/** The codebook, or undefined (ids are shown) when it cannot be read; an explicit --codebook must be readable. */
async function loadCodebook(file: string, explicit: boolean): Promise<Codebook | undefined> {
  try {
    const parsed = parseCodebook(decodeUtf8(await fs.readFile(file)), file);
    if (parsed.ok) return parsed.codebook;
    if (explicit) throw new InputError(`${file} is not a readable codebook: ${parsed.problems[0]?.message ?? 'unknown problem'}`);
  } catch (error) {
    if (explicit) throw error instanceof InputError ? error : new InputError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return undefined;
}
