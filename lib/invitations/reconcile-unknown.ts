// The follow-up job's reconcile step: every audit entry still "unknown" (ezeep did not answer a
// write and could not be read back at once) is read back again, with each feature's reconciler.
import "server-only";

import { reconcileUnknownEntries, type ReconcileSummary } from "@/lib/audit/unknown";
import type { OrganizationRef } from "@/lib/auth/context";

import "@/lib/groups/reconcile";
import "@/lib/invitations/reconcile";
import "@/lib/invitations/reconcile-changes";
import "@/lib/memberships/reconcile";
import "@/lib/organizations/reconcile";
import "@/lib/printers/reconcile";
import "@/lib/provisioning/reconcile";
import "@/lib/users/reconcile";

export function reconcileUnknownChanges(org: OrganizationRef, now = new Date()): Promise<ReconcileSummary> {
  return reconcileUnknownEntries(org, { now });
}
