// The files of a new, empty study: what "Create a Study" writes (existing files are kept).
import { LOCK_FILE_PATTERN, TEMPORARY_FILE_PATTERN } from '../storage/files';

/** The .gitattributes line that shows codings files through `gloss textconv` in Git diffs. */
export const READABLE_DIFF_ATTRIBUTES_LINE = 'codings/**/*.jsonl diff=gloss-codings';

/** What "Create a Study" excludes from VS Code's search (search.exclude): codings are JSON lines, not text to search. */
export const SEARCH_EXCLUDED = 'codings/**';

export const NEW_STUDY_FILES: Readonly<Record<string, string>> = {
  'codebook.yaml': `# The codebook: hierarchical codes. Edit by hand or from the Codebook view;
# comments and order are kept either way. Each code needs an id and a name.
codes: []
`,
  'cases.yaml': `# Cases, their documents and typed attributes (text, number, date, boolean, choice).
attributes:
  region: { type: choice, values: [North, South] }
cases: []
`,
  '.gitattributes': `# Each coder's codings are one JSON object per line: a union merge keeps both sides' additions.
codings/** merge=union
# Codings as readable lines (code, span, quote, coder, memo) in \`git diff\` and \`git log -p\`,
# once Git knows the converter: "Gloss: Set Up Readable Git Diffs", or by hand
#   git config diff.gloss-codings.textconv "gloss textconv"
${READABLE_DIFF_ATTRIBUTES_LINE}
# Transcripts and study files are stored with LF endings: Git then holds exactly the text
# versions codings refer to.
transcripts/** text eol=lf
*.yaml text eol=lf
*.md text eol=lf
# Originals of imported documents stay byte for byte.
*.pdf binary
*.docx binary
`,
  '.gitignore': `# Temporary files of interrupted writes (Gloss removes them when it opens the study),
# and the lock files writers hold for a moment.
${TEMPORARY_FILE_PATTERN}
${LOCK_FILE_PATTERN}
`,
  'memos/project.md': `# Project memo

Research questions, decisions and reflections on the analysis.
`,
  'transcripts/.gitkeep': '',
};

/**
 * What "Create a Study" writes to one of its files, given what the file holds now; undefined to
 * leave it alone. Existing files are kept, except that an existing .gitignore gets the temporary
 * and lock files' patterns appended when missing (a study in a Git repository usually has one).
 */
export function newStudyFileText(relativePath: string, current: string | undefined): string | undefined {
  const text = NEW_STUDY_FILES[relativePath];
  if (current === undefined) return text;
  if (relativePath !== '.gitignore') return undefined;
  const lines = current.split(/\r?\n/);
  const missing = [TEMPORARY_FILE_PATTERN, LOCK_FILE_PATTERN].filter((pattern) => !lines.includes(pattern));
  if (missing.length === 0) return undefined;
  return `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`;
}
