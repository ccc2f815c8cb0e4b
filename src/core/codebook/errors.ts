/**
 * An edit the codebook editor refuses (unknown code, a move into its own subtree, an unreadable
 * file…). The message is written for the researcher. Nothing has been written when it is thrown.
 */
export class CodebookEditError extends Error {
  override readonly name = 'CodebookEditError';
}
