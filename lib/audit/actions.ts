"use server";

// Server actions of the audit log. Reading only: nobody can edit or delete an entry through the app.
// "Run drift now" only adds entries (changes found outside the portal), like the scheduled job.
import { z } from "zod";

import { chainKey } from "@/lib/audit/chain";
import { runDriftNow } from "@/lib/audit/drift";
import { verifyChain } from "@/lib/audit/verify";
import { defineAction } from "@/lib/auth/action";

export const verifyAuditAction = defineAction({
  name: "audit.verify",
  permission: "audit.read",
  mutation: false,
  input: z.object({}).strip(),
  handler: async (ctx) => {
    const report = await verifyChain(chainKey(ctx.organization.id));
    return {
      intact: report.intact,
      checked: report.checked,
      pending: report.pending,
      checkpointSeq: report.checkpointSeq,
      firstBreak: report.firstBreak,
      verifiedAt: report.verifiedAt.toISOString(),
    };
  },
});

export const runDriftAction = defineAction({
  name: "drift.run",
  permission: "audit.drift_run",
  mutation: true,
  input: z.object({}).strip(),
  handler: (ctx) => runDriftNow(ctx),
});
