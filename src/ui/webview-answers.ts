// The extension's side of a webview's answers: each request gets a number, and the answer carrying
// it resolves the request once; a webview that does not answer in time is reported, not waited for.
const ANSWER_TIMEOUT_MS = 10_000;

export class WebviewAnswers<Answer extends { requestId: number }> {
  private nextRequestId = 1;
  private readonly waiting = new Map<number, (answer: Answer) => void>();

  /** `who`: how errors name the webview ("The comparison webview"). */
  constructor(private readonly who: string) {}

  /** Sends a request made for a new number; resolves with what `read` makes of its answer (throwing rejects). */
  ask<T>(send: (requestId: number) => unknown, read: (answer: Answer) => T | undefined): Promise<T> {
    const requestId = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error(`${this.who} did not answer.`));
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(requestId, (answer) => {
        clearTimeout(timer);
        try {
          resolve(read(answer) as T);
        } catch (error) {
          reject(error);
        }
      });
      send(requestId);
    });
  }

  /** Hands an answer to the request waiting for it. */
  answer(message: Answer): void {
    this.waiting.get(message.requestId)?.(message);
    this.waiting.delete(message.requestId);
  }
}
