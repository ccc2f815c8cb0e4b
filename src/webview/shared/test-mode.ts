// Whether this webview answers the integration tests' queries and actions: only when the extension
// runs in test mode and says so on the page (src/util/webview-page.ts), never for a researcher.
export function inTestMode(): boolean {
  return document.body.dataset.testMode === 'true';
}

/** The integration tests' requests to a webview (src/ui/webview-panel.ts numbers them). */
export type TestRequest<Action> = { readonly type: 'query'; readonly requestId: number } | { readonly type: 'act'; readonly requestId: number; readonly action: Action };

/** The webview's answers: what it shows, or that it acted (with the error when it could not). */
export type TestAnswer<Report> = { readonly type: 'report'; readonly requestId: number; readonly report: Report } | { readonly type: 'acted'; readonly requestId: number; readonly error?: string };

/** Answers a test's `query` with `report()` and its `act` by acting, in test mode only. */
export async function answerTest<Report, Action>(
  request: TestRequest<Action>,
  post: (answer: TestAnswer<Report>) => void,
  report: () => Report,
  act?: (action: Action) => void | Promise<void>,
): Promise<void> {
  if (!inTestMode()) return;
  if (request.type === 'query') {
    post({ type: 'report', requestId: request.requestId, report: report() });
    return;
  }
  try {
    if (!act) throw new Error('This webview takes no actions.');
    await act(request.action);
    post({ type: 'acted', requestId: request.requestId });
  } catch (error) {
    post({ type: 'acted', requestId: request.requestId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** The tests' `click` action: clicks the `index`th element marked `data-test="<testId>"`. */
export function clickTestElement(testId: string, index = 0): void {
  const found = document.querySelectorAll<HTMLElement>(`[data-test="${testId}"]`)[index];
  if (!found) throw new Error(`no element ${testId}`);
  found.click();
}
