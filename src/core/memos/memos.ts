// Memos are Markdown files: the project's, a code's and a document's. A coding's memo is short
// and lives on the coding itself (its `memo` key), so it moves and merges with the coding.

export const MEMOS_FOLDER = 'memos';

export type MemoSubject =
  | { readonly kind: 'project' }
  | { readonly kind: 'code'; readonly codeId: string }
  | { readonly kind: 'document'; readonly documentPath: string };

export function memoPath(subject: MemoSubject): string {
  switch (subject.kind) {
    case 'project':
      return `${MEMOS_FOLDER}/project.md`;
    case 'code':
      return `${MEMOS_FOLDER}/codes/${safeFileName(subject.codeId)}.md`;
    case 'document':
      return `${MEMOS_FOLDER}/documents/${subject.documentPath}.md`;
  }
}

/** The subject a memo file belongs to, or undefined when the path is not a memo's. */
export function memoSubject(path: string): MemoSubject | undefined {
  if (path === `${MEMOS_FOLDER}/project.md`) return { kind: 'project' };
  const code = new RegExp(`^${MEMOS_FOLDER}/codes/([^/]+)\\.md$`).exec(path);
  if (code) return { kind: 'code', codeId: code[1] };
  const document = new RegExp(`^${MEMOS_FOLDER}/documents/(.+)\\.md$`).exec(path);
  if (document) return { kind: 'document', documentPath: document[1] };
  return undefined;
}

/** The first text a new memo gets: a title, so the file is not empty and says what it is about. */
export function memoTemplate(title: string): string {
  return `# ${title}\n\n`;
}

/** Code ids are free text in a hand-written codebook; keep them from escaping the memos folder. */
function safeFileName(id: string): string {
  return id.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
}
