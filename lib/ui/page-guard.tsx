import "server-only";

// The guard at the top of every portal page: signed in (else the sign-in page), acting for an
// organization, and holding `permission` there — otherwise the page renders "Not available for
// your role" instead of its content. Deny by default: a page without this guard shows nothing of
// an organization because it has no organization context to read with.
import type { ReactElement } from "react";

import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { getPageContext, type PageContext } from "@/lib/auth/session";
import { AccessDenied } from "@/lib/ui/components";

export interface OrgPageContext extends PageContext {
  current: OrgContext;
}

export type PageGuard = { ok: true; ctx: OrgPageContext } | { ok: false; denied: ReactElement };

/**
 * `what` completes "Your role in this organization does not include …", e.g. "the audit log".
 * Usage: `const guard = await requirePageContext("users.read", "users"); if (!guard.ok) return guard.denied;`
 */
export async function requirePageContext(permission: Permission, what: string): Promise<PageGuard> {
  const ctx = await getPageContext();
  const current = ctx.current;
  if (!current || !ctx.can(permission)) return { ok: false, denied: <AccessDenied what={what} /> };
  return { ok: true, ctx: { ...ctx, current } };
}
