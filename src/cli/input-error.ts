// Bad input the user can fix (a missing file, an unknown ref, too few coders): reported in one
// line on stderr with exit code 2, never with a stack trace.
export class InputError extends Error {}

export const EXIT_SUCCESS = 0;
/** The command ran, and found something that needs a look (codings not counted). */
export const EXIT_FINDING = 1;
export const EXIT_BAD_INPUT = 2;
