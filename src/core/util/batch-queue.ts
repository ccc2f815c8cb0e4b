// Collects items (paths that changed on disk) and hands them over in batches, one batch at a time.
// A checkout touches many files within milliseconds: they are gathered for a short delay. Items
// that arrive while a batch is being handled form the next batch, handled after it: never lost,
// and never handled alongside, where an older read could land after a newer one.

export class BatchQueue<T> {
  private pending = new Set<T>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;

  constructor(
    private readonly handle: (batch: T[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(item: T): void {
    this.pending.add(item);
    if (!this.running) this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.delayMs);
  }

  private async run(): Promise<void> {
    const batch = [...this.pending];
    this.pending = new Set();
    this.running = true;
    try {
      await this.handle(batch);
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    // What arrived meanwhile is gathered like any change, then handled.
    if (this.pending.size > 0) this.schedule();
  }
}
