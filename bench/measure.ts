/** One measured quantity: how many operations, over how long, and the rate that makes. */
export interface Measurement {
  label: string;
  n: number;
  ms: number;
  /** Operations per second; null where a rate means nothing (a single launch). */
  perSecond: number | null;
  /** Latency percentiles of single operations, when they were timed one by one. */
  p50Ms?: number;
  p95Ms?: number;
  note?: string;
}

export function rate(label: string, n: number, ms: number, latencies?: number[], note?: string): Measurement {
  const sorted = latencies ? ascending(latencies) : undefined;
  const pick = (q: number) => (sorted && sorted.length > 0 ? percentile(sorted, q) : undefined);
  return { label, n, ms, perSecond: (n * 1000) / ms, p50Ms: pick(0.5), p95Ms: pick(0.95), note };
}

/** A copy of the values, smallest first. */
export function ascending(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) of values sorted ascending; 0 when there are none. */
export function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function duration(label: string, n: number, ms: number, note?: string): Measurement {
  return { label, n, ms, perSecond: null, note };
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight; returns each call's latency. */
export async function runConcurrently(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies = new Array<number>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const started = performance.now();
      await task(i);
      latencies[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return latencies;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}
