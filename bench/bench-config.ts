import { z } from 'zod';

// The benchmark's knobs, read once from the environment (defaults are what docs/benchmarks.md records).
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const BenchEnvSchema = z.object({
  BENCH_STARTS: count(1000),
  BENCH_START_CONCURRENCY: count(50),
  BENCH_SEQUENTIAL_UPDATES: count(300),
  BENCH_CONCURRENT_WORKFLOWS: count(16),
  BENCH_UPDATES_PER_WORKFLOW: count(50),
  BENCH_SYNTHETIC_SUBJECTS: count(2000),
  BENCH_LAUNCH_TIMEOUT_SECONDS: count(1800),
  /** People in the province of (h), the spreadsheet import. */
  BENCH_SPREADSHEET_PEOPLE: count(110_000),
  /** Subjects and audit entries of (i), the document exports. */
  BENCH_EXPORT_SUBJECTS: count(110_000),
  BENCH_EXPORT_AUDIT_ROWS: count(100_000),
  /** Reviews, audit entries and requests per persona × endpoint of (j), reads at province size. */
  BENCH_READS_SUBJECTS: count(115_000),
  BENCH_READS_AUDIT_ROWS: count(200_000),
  BENCH_READS_REQUESTS: count(50),
  /** Requests in flight in (k), people's actions over the synthetic province of (d) (BENCH_SYNTHETIC_SUBJECTS). */
  BENCH_ACTIONS_IN_FLIGHT: count(16),
  /** (k) runs again with the worker in a process of its own (`1`, default) or not (`0`). */
  BENCH_ACTIONS_WORKER_PROCESS: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
  /** (k) also samples pg_stat_activity and diffs the Temporal server's counters per step (`1`). */
  BENCH_DIAG: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  /** The counter-contention script's modes, in order. */
  BENCH_CONTENTION_MODES: z.string().default('ceiling,at commit,per statement'),
  /** Subjects of (l), the reminder wave, and how long after the launch starts their reminders are due (default 120 s + 60 ms a subject). */
  BENCH_WAVE_SUBJECTS: count(2000),
  BENCH_WAVE_LEAD_SECONDS: z.coerce.number().int().positive().optional(),
  /** `temporal` = only (a)/(b), `cycles` = only (c)/(d), `web` = only (e)/(f)/(g), `spreadsheet` = only (h), `exports` = only (i), `reads` = only (j), `actions` = only (k), `wave` = only (l), `sweep` = only (m). */
  BENCH_ONLY: z.enum(['all', 'temporal', 'cycles', 'web', 'spreadsheet', 'exports', 'reads', 'actions', 'wave', 'sweep']).default('all'),
  /** (m): the sizes of the cycles launched one after another on one stack, comma-separated. */
  BENCH_SWEEP_SIZES: z
    .string()
    .default('1000,5000,10000,20000')
    .transform((v) => v.split(',').map((n) => Number(n.trim())))
    .refine((sizes) => sizes.every((n) => Number.isInteger(n) && n > 0), 'a comma-separated list of positive integers'),
  BENCH_OUTPUT: z.string().default('docs/benchmarks.md'),
});

export type BenchConfig = Omit<z.infer<typeof BenchEnvSchema>, 'BENCH_WAVE_LEAD_SECONDS'> & { BENCH_WAVE_LEAD_SECONDS: number };

export function readBenchConfig(): BenchConfig {
  const parsed = BenchEnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid benchmark configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const lead = parsed.data.BENCH_WAVE_LEAD_SECONDS ?? Math.round(120 + parsed.data.BENCH_WAVE_SUBJECTS * 0.06);
  return { ...parsed.data, BENCH_WAVE_LEAD_SECONDS: lead };
}
