// npm run audit:verify [-- --checkpoint FILE] — verifies every audit hash chain (each
// organization's and the portal-wide one) in DATABASE_URL with AUDIT_CHAIN_KEY; prints "intact"
// or the first broken link per chain. With --checkpoint, also proves that the log still extends
// the signed heads in FILE (made by `npm run audit:checkpoint`), which detects a rewrite even by
// someone holding the chain key. Exit code 1 when anything is broken, 2 on a usage error.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import type { ChainReport } from "@/lib/audit/verify";

import { loadAuditKeys } from "./lib/audit-keys";

function describe(r: ChainReport): string {
  const name = r.organizationId ? `organization ${r.organizationId}` : "portal-wide";
  if (!r.intact) {
    const where = r.firstBreak!.entryId ? `entry ${r.firstBreak!.entryId}` : "the end of the chain";
    return `${name}: BROKEN at ${where} (${r.firstBreak!.kind}) — ${r.firstBreak!.message}`;
  }
  const notes = [
    r.checkpointSeq ? ` after retention checkpoint #${r.checkpointSeq}` : "",
    r.keyedFromSeq > 1 ? `, keyed from #${r.keyedFromSeq} (earlier links: legacy SHA-256)` : "",
    r.pending ? `, ${r.pending} pending` : "",
  ];
  return `${name}: intact — ${r.checked} links verified${notes.join("")}`;
}

async function checkpointFailures(file: string): Promise<number> {
  const { compareWithCheckpoint, parseCheckpoint, verificationKey } = await import("@/lib/audit/checkpoint");
  const checkpoint = parseCheckpoint(readFileSync(file, "utf8"), verificationKey());
  let failures = 0;
  console.log(`checkpoint of ${checkpoint.time} (signature valid):`);
  for (const f of await compareWithCheckpoint(checkpoint)) {
    if (f.status === "rewritten") failures++;
    console.log(`  ${f.chain}: ${f.status === "rewritten" ? "REWRITTEN" : f.status} — ${f.message}`);
  }
  return failures;
}

async function main() {
  const { values } = parseArgs({ options: { checkpoint: { type: "string" } } });
  loadAuditKeys();
  const { verifyAll } = await import("@/lib/audit/verify");
  const { db } = await import("@/lib/db");
  try {
    const reports = await verifyAll();
    if (reports.length === 0) console.log("No audit entries yet.");
    for (const r of reports) console.log(describe(r));
    let broken = reports.filter((r) => !r.intact).length;
    if (values.checkpoint) broken += await checkpointFailures(values.checkpoint);
    return broken ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
