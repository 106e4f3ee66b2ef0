// Bulk provisioning onto ezeep, shared by the NDD-compatible API (lib/provisioning/ndd/) and the
// CSV import: a grouping is an ezeep group (created, or its description updated); a person is
// matched by email (an existing ezeep user gets the membership; a new one gets an invitation that
// records the intended group; a person whose invitation is still open gets the group added to it).
//
// Idempotent: every step first reads the current state, so repeating a run changes nothing more.
// By use case: plan.ts (the dry run), apply.ts (orchestration), memberships.ts, invitations.ts.
export { applyProvisioning, type ApplyOptions } from "./apply";
export { removeIntendedGroups, withdrawInvitation } from "./invitations";
export { removeMemberships } from "./memberships";
export { LIST_PAGE_SIZE, planProvisioning, readPlanLists, type PlanLists, type PlanOptions } from "./plan";
export type * from "./types";
export { INVITATION_VALID_DAYS, lowerEmail, messageOf } from "./util";
