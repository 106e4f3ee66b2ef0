// Shapes shared by the provisioning engine's use cases (plan, memberships, invitations, apply).
import type { AccountUser } from "@/lib/ezeep";

export interface GroupingInput {
  name: string;
  /** undefined = leave an existing description alone */
  description?: string;
  users: UserInput[];
}

export interface UserInput {
  /** How the caller names this user in results (NDD: "Domain//Logon", CSV: "7" for line 7). */
  ref: string;
  email: string;
}

export type GroupAction = "create" | "update" | "unchanged";
/** add = becomes a member; member = already is; invite = new invitation; invited = has an open invitation; unknown = read inside the lock. */
export type UserAction = "add" | "member" | "invite" | "invited" | "unknown";

export interface PlannedGroup {
  name: string;
  action: GroupAction;
  id: string | null;
  description: string | null;
  previousDescription: string | null;
}

export interface PlannedUser {
  /** Index into the plan's groups; null for a person provisioned without a grouping (NDD /v1/users). */
  grouping: number | null;
  ref: string;
  email: string;
  action: UserAction;
  userId: string | null;
}

export interface Plan {
  groups: PlannedGroup[];
  users: PlannedUser[];
  /** The ezeep account users read for the plan, by lower-case email. */
  accounts: Map<string, AccountUser>;
}

export type UserOutcome = "added" | "unchanged" | "invited" | "invitation_updated" | "failed" | "skipped";

export interface UserResult extends PlannedUser {
  outcome: UserOutcome;
  error?: string;
}

export interface GroupResult extends PlannedGroup {
  outcome: "created" | "updated" | "unchanged" | "failed";
  error?: string;
}

export interface ApplyResult {
  groups: GroupResult[];
  users: UserResult[];
}

/** One person's work in a run: every group they should join, so each user is locked and written once. */
export interface Task {
  email: string;
  userId: string | null;
  action: UserAction;
  groupIds: string[];
  entries: number[];
}

/** Reports a task's outcome (and the reason when it failed). */
export type Finish = (task: Task, outcome: UserOutcome, error?: string) => void;
