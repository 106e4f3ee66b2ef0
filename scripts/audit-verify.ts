// npm run audit:verify — verifies every audit hash chain (each organization's and the
// portal-wide one) in DATABASE_URL; prints "intact" or the first broken entry per chain and
// exits 1 when any chain is broken.
async function main() {
  const { verifyAll } = await import("@/lib/audit/verify");
  const { db } = await import("@/lib/db");
  const reports = await verifyAll();
  let broken = 0;
  if (reports.length === 0) console.log("No audit entries yet.");
  for (const r of reports) {
    const name = r.organizationId ? `organization ${r.organizationId}` : "portal-wide";
    if (r.intact) {
      console.log(
        `${name}: intact — ${r.checked} entries verified${r.checkpointSeq ? ` after retention checkpoint #${r.checkpointSeq}` : ""}${r.pending ? `, ${r.pending} pending` : ""}`,
      );
    } else {
      broken++;
      console.log(
        `${name}: BROKEN at ${r.firstBreak!.entryId ? `entry ${r.firstBreak!.entryId}` : "the end of the chain"} (${r.firstBreak!.kind}) — ${r.firstBreak!.message}`,
      );
    }
  }
  await db.$disconnect();
  process.exit(broken ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
