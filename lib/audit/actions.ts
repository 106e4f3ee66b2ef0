"use server";

// Server actions of the audit log. Reading only: nobody can edit or delete an entry through the app.
import { z } from "zod";

import { chainKey } from "@/lib/audit/chain";
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
