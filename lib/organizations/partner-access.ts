import "server-only";

import { toActionError } from "@/lib/auth/action";
// Whether the portal's ezeep client may create and delete organizations (a partner client). The
// pages ask this before offering the form, so an admin learns in plain words that a step cannot
// work instead of filling in a form that ezeep will refuse.
import type { OrgContext } from "@/lib/auth/context";
import { EzeepError } from "@/lib/ezeep";
import { listPartnerOrganizations, type PartnerOrganizationView } from "@/lib/organizations/partner";

export type PartnerAccess =
  | { state: "partner"; organizations: PartnerOrganizationView[] }
  /** ezeep refused: the client is not a partner client. */
  | { state: "not-partner" }
  /** ezeep could not be asked (outage, timeout): `error` says so for people. */
  | { state: "unavailable"; error: string };

export const NOT_PARTNER_MESSAGE =
  "Creating and deleting organizations needs partner rights at ezeep, and the ezeep API client this portal " +
  "uses does not have them. Ask ezeep support to make the client a partner client, or create the " +
  "organization at ezeep and add it here with “Connect with ezeep”.";

export async function partnerAccess(ctx: OrgContext): Promise<PartnerAccess> {
  try {
    return { state: "partner", organizations: await listPartnerOrganizations(ctx) };
  } catch (err) {
    const digest = (err as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_")) throw err;
    if (err instanceof EzeepError && (err.status === 401 || err.status === 403))
      return { state: "not-partner" };
    return { state: "unavailable", error: toActionError(err, ctx.actor.requestId).error };
  }
}
