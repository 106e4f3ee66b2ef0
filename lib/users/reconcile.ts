// After a lost answer (docs/ezeep.md, unknown outcomes): reads a user back from ezeep and says
// whether an identity, role, printing-settings or delete change landed. Only the fields the change
// touched are compared, so someone else's edit of another field does not hide it. ezeep never
// reports `pull_printing_enabled`: a change of only that flag cannot be decided and is settled
// "unknown" with that reason.
import "server-only";

import { objectOf, registerReconciler, type Observation, type UnknownChange } from "@/lib/audit/reconcilers";
import type { OrgContext } from "@/lib/auth/context";
import { nullIfNotFound, type AccountUser, type PrintingUser } from "@/lib/ezeep";
import { ezeepFor } from "@/lib/organizations/service";
import { flagsOf, patchDirectory, userRow } from "@/lib/users/directory";
import { USER_ROLE_LABELS } from "@/lib/users/schemas";
import { findUser } from "@/lib/users/service";

const GONE = { found: "ezeep answers 404: the user no longer exists" };

/** The fields of `intended` that differ from `before` (what the change set out to do). */
function changedFields(change: UnknownChange): [string, unknown][] {
  const before = objectOf(change.before) ?? {};
  return Object.entries(objectOf(change.intended) ?? {}).filter(([k, v]) => before[k] !== v);
}

function identityOf(account: AccountUser) {
  const row = userRow(account, null);
  return { firstName: row.firstName, lastName: row.lastName, role: USER_ROLE_LABELS[row.role] };
}

/** user.update: applied when ezeep shows every changed name or role field. */
async function reconcileIdentity(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const id = change.targetId ?? "";
  const account = await nullIfNotFound(ezeepFor(ctx.organization).users.get(id));
  if (!account) return { applied: false, observed: GONE };
  const observed: Record<string, unknown> = identityOf(account);
  if (!changedFields(change).every(([k, v]) => observed[k] === v)) return { applied: false, observed };
  const detail = await findUser(ctx, id);
  if (!detail) return { applied: false, observed: GONE };
  return { applied: true, result: detail, observed };
}

const NOT_REPORTED = "not reported by ezeep";

function flagState(printing: PrintingUser, flag: string): string {
  const value = (printing as Record<string, unknown>)[flag];
  if (value === undefined || value === null) return NOT_REPORTED;
  return value ? "on" : "off";
}

/** user.update_printing: decided by the flags ezeep reports; a PATCH carries all of them or none. */
async function reconcilePrinting(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const id = change.targetId ?? "";
  const printing = await nullIfNotFound(ezeepFor(ctx.organization).printingUsers.get(id));
  if (!printing) return { applied: false, observed: GONE };
  const changed = changedFields(change);
  const observed = Object.fromEntries(changed.map(([flag]) => [flag, flagState(printing, flag)]));
  const reported = changed.filter(([flag]) => observed[flag] !== NOT_REPORTED);
  if (reported.length === 0)
    return { applied: null, observed, reason: `ezeep does not report ${changed.map(([f]) => f).join(", ")}` };
  if (!reported.every(([flag, value]) => observed[flag] === value)) return { applied: false, observed };
  await patchDirectory(ctx.organization.id, { userId: id, flags: flagsOf(printing) });
  const detail = await findUser(ctx, id);
  if (!detail) return { applied: false, observed: GONE };
  return { applied: true, result: detail, observed };
}

/** user.delete: applied when ezeep answers 404 for the account user. */
async function reconcileDelete(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const id = change.targetId ?? "";
  const account = await nullIfNotFound(ezeepFor(ctx.organization).users.get(id));
  if (account) return { applied: false, observed: { email: account.email, ...identityOf(account) } };
  await patchDirectory(ctx.organization.id, { removeId: id });
  return { applied: true, result: { id, email: change.targetLabel ?? "" }, observed: GONE };
}

/** ndd.user_update: a PATCH of e-mail and/or names; applied when ezeep shows each sent field. */
async function reconcileAccountPatch(ctx: OrgContext, change: UnknownChange): Promise<Observation> {
  const account = await nullIfNotFound(ezeepFor(ctx.organization).users.get(change.targetId ?? ""));
  if (!account) return { applied: false, observed: GONE };
  const observed: Record<string, unknown> = {
    email: account.email,
    first_name: account.first_name ?? "",
    last_name: account.last_name ?? "",
  };
  const sent = Object.entries(objectOf(change.intended) ?? {});
  if (!sent.every(([k, v]) => observed[k] === v)) return { applied: false, observed };
  return { applied: true, result: undefined, observed };
}

registerReconciler("user.update", reconcileIdentity);
registerReconciler("user.update_printing", reconcilePrinting);
registerReconciler("user.delete", reconcileDelete);
registerReconciler("ndd.user_update", reconcileAccountPatch);
