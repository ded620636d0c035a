/**
 * Where a request's time went, phase by phase (principal load, idempotency record, audit entry,
 * the Workflow Update…): sent back as a standard Server-Timing header, so a browser's developer
 * tools or the action benchmark can tell which part of an action is slow without a profiler.
 */
export class RequestTimings {
  private readonly started = performance.now();
  private readonly phases: Array<{ name: string; ms: number }> = [];

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.phases.push({ name, ms: performance.now() - started });
    }
  }

  /** `name;dur=ms` per phase, then `total` since the request arrived. */
  header(): string {
    return [...this.phases, { name: 'total', ms: performance.now() - this.started }].map((p) => `${p.name};dur=${p.ms.toFixed(1)}`).join(', ');
  }
}
