// The one polling helper of the integration tests: the extension reacts to files and editors
// asynchronously, so a test waits for a condition, never for a fixed time.

/**
 * Polls `probe` every `intervalMs` until it gives a value other than undefined or false, and
 * returns it; fails after `timeoutMs` naming `what` (and the last error the probe threw, if any:
 * a probe may throw to say what is still missing).
 */
export async function waitFor<T>(
  what: string,
  probe: () => PromiseLike<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
