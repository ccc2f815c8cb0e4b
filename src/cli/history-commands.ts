// The history commands' arguments and help: `gloss changes`, `gloss codebook-diff`, `gloss textconv`.
import type { Command } from 'commander';
import { changesCommand, codebookDiffCommand } from './history';
import { textconvCommand } from './textconv';

export function registerHistoryCommands(gloss: Command, write: (text: string) => void): void {
  gloss
    .command('changes')
    .description('What changed in the working tree since a Git ref, in the terms of the analysis: codings added, removed, moved, recoded or with a new memo (per code and per document), memos and codebook changes. Exit code 1 when some file could not be read.')
    .argument('<study>', 'the study folder (the one holding codebook.yaml)')
    .option('--since <ref>', 'the branch, tag or commit to compare with', 'HEAD')
    .option('--coder <name>', "only this coder's codings (memos and the codebook are the study's and always compared)")
    .option('--json', 'print JSON instead of Markdown')
    .action(async (study: string, options: { since: string; coder?: string; json?: boolean }) => {
      process.exitCode = await changesCommand(study, { since: options.since, coder: options.coder, json: options.json === true }, write);
    });

  gloss
    .command('codebook-diff')
    .description('Codes added, removed, merged, renamed, moved, recoloured and redescribed between two Git refs, or between a ref and the working tree. Exit code 1 when a codebook could not be read.')
    .argument('<study>', 'the study folder (the one holding codebook.yaml)')
    .argument('<from>', 'the earlier branch, tag or commit')
    .argument('[to]', 'the later branch, tag or commit (default: the working tree)')
    .option('--json', 'print JSON instead of Markdown')
    .action(async (study: string, from: string, to: string | undefined, options: { json?: boolean }) => {
      process.exitCode = await codebookDiffCommand(study, from, to, { json: options.json === true }, write);
    });

  gloss
    .command('textconv')
    .description('Print a codings file as readable lines (code, span, quote, coder, memo), for Git: `git config diff.gloss-codings.textconv "gloss textconv"` with `codings/**/*.jsonl diff=gloss-codings` in .gitattributes.')
    .argument('<file>', 'a codings .jsonl file')
    .option('--codebook <file>', 'the codebook.yaml naming the codes (default: found above the file, above the current folder, or the repository\'s only one)')
    .action(async (file: string, options: { codebook?: string }) => {
      process.exitCode = await textconvCommand(file, options, write);
    });
}
