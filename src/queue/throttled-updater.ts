/**
 * Keeps a Slack message current without flooding chat.update (Slack's tier 3: ~50/min per channel).
 * At most one update in flight and one per `intervalMs`; in between only the latest state is kept, so a
 * burst of checks finishing together becomes one update. `finish` waits for what is in flight, drops what
 * is pending and sends the final state, so the last write always wins.
 */
export class ThrottledUpdater<T> {
  private pending: T | undefined;
  private hasPending = false;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  private finished = false;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (state: T) => Promise<void>,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  push(state: T): void {
    if (this.finished) return;
    this.pending = state;
    this.hasPending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.inFlight || !this.hasPending || this.finished) return;
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushOne();
    }, wait);
  }

  private flushOne(): void {
    if (!this.hasPending || this.finished) return;
    const state = this.pending as T;
    this.hasPending = false;
    this.pending = undefined;
    this.lastSentAt = this.now();
    // Progress updates are best effort: a failed one is logged, the final update still goes out.
    this.inFlight = this.send(state)
      .catch(this.onError)
      .finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
  }

  /** Stop progress updates and send `final` (errors propagate: the final state must not be lost silently). */
  async finish(final: T): Promise<void> {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.hasPending = false;
    if (this.inFlight) await this.inFlight;
    await this.send(final);
  }

  /** Stop without a final update (the caller sends its own). */
  async stop(): Promise<void> {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight) await this.inFlight;
  }
}
