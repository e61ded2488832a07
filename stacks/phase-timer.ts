// Milliseconds per synthesis phase, printed for `npm run bench` (CERTKIT_TIMINGS=1).

export class PhaseTimer {
  private readonly timings: Record<string, number> = {};
  private last = 0;

  /** Ends the phase `name` now; the first one runs from process start (Node, bundle, cdktf). */
  phase(name: string): void {
    const now = performance.now();
    this.timings[name] = Math.round(now - this.last);
    this.last = now;
  }

  /** The line scripts/bench.js reads from stderr. */
  report(): string {
    return `certkit-timings ${JSON.stringify(this.timings)}`;
  }
}
