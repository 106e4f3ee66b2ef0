// Environment for the benchmarks: a throwaway database (or BENCH_DATABASE_URL) and, because that
// database's audit chain is thrown away too, a random chain key when none is set. Import this
// module first: the portal's modules read DATABASE_URL when they are first imported.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-"));
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `file:${path.join(tmp, "bench.db")}`;
process.env.AUDIT_CHAIN_KEY ??= randomBytes(32).toString("base64");

/** Deletes the throwaway database's folder. */
export function cleanUpBenchEnv(): void {
  rmSync(tmp, { recursive: true, force: true });
}

/** Runs a benchmark's main; the throwaway database goes and the process ends either way. */
export function runBench(main: () => Promise<void>): void {
  main()
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      cleanUpBenchEnv();
      process.exit(); // an open simulator or timer must not keep a failed run alive
    });
}
