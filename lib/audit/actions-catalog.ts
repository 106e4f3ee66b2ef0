// Every audit action name, in one typed list: what the audit log records, what its filters offer,
// what the README documents. One name per KIND of change: the server actions that do the same
// kind of change (add a user to groups, remove them, add many users to a group) are separate
// actions with separate permissions checks and tests, but they record one audit action, so that
// filtering for it shows the whole story — granted, denied and failed attempts alike.
//
// `label`: a short noun phrase for filters and headings; `sentence`: what happened, in the past
// tense, used when an entry has no more specific description (lib/audit/describe.ts).

interface ActionInfo {
  label: string;
  sentence: string;
}

export const AUDIT_ACTIONS = {
  "action.signed_out": { label: "Attempt while signed out", sentence: "tried an action while signed out" },
  "admin.sign_in": { label: "Sign-in", sentence: "signed in" },
  "admin.sso_create": {
    label: "Admin created by single sign-on",
    sentence: "created an admin by single sign-on",
  },
  "admin.totp.disable": { label: "Two-factor sign-in turned off", sentence: "turned off two-factor sign-in" },
  "admin.language": { label: "Language changed", sentence: "changed their language" },
  "admin.totp.enable": { label: "Two-factor sign-in turned on", sentence: "turned on two-factor sign-in" },
  "admin.totp.enrol": { label: "Two-factor enrolment started", sentence: "started two-factor enrolment" },
  "api_token.authenticate": { label: "API token sign-in", sentence: "authenticated with an API token" },
  "api_token.create": { label: "API token created", sentence: "created the API token" },
  "api_token.revoke": { label: "API token revoked", sentence: "revoked the API token" },
  "user.export": { label: "Users exported", sentence: "exported the users list" },
  "group.export": { label: "Groups exported", sentence: "exported the groups list" },
  "printer.export": { label: "Printers exported", sentence: "exported the printers list" },
  "search.global": { label: "Searched the portal", sentence: "searched the portal" },
  "audit.export": { label: "Audit log export", sentence: "exported the audit log" },
  "audit.prune": { label: "Old audit entries removed", sentence: "removed audit entries past retention" },
  "audit.verify": { label: "Audit log verified", sentence: "verified the audit log" },
  "domain_rule.apply": { label: "Domain rule applied", sentence: "applied a domain rule" },
  "domain_rule.apply_existing": {
    label: "Domain rule applied to existing users",
    sentence: "applied a domain rule to existing users",
  },
  "domain_rule.create": { label: "Domain rule created", sentence: "created a domain rule" },
  "domain_rule.delete": { label: "Domain rule deleted", sentence: "deleted a domain rule" },
  "domain_rule.preview": { label: "Domain rule preview", sentence: "previewed a domain rule" },
  "domain_rule.preview_saved": {
    label: "Saved domain rule preview",
    sentence: "previewed a saved domain rule",
  },
  "domain_rule.update": { label: "Domain rule changed", sentence: "changed a domain rule" },
  "drift.run": { label: "Drift check", sentence: "checked ezeep for outside changes" },
  "driver.search": { label: "Driver search", sentence: "searched drivers" },
  "group.create": { label: "Group created", sentence: "created the group" },
  "group.delete": { label: "Group deleted", sentence: "deleted the group" },
  "group.update": { label: "Group changed", sentence: "changed the group" },
  "import.apply": { label: "CSV import", sentence: "imported a CSV file" },
  "import.preview": { label: "CSV import preview", sentence: "previewed a CSV import" },
  "invitation.apply_groups": {
    label: "Invited user's groups applied",
    sentence: "applied an invitee's groups",
  },
  "invitation.adopt": { label: "Invitation adopted", sentence: "adopted the invitation of" },
  "invitation.withdraw": { label: "Invitation withdrawn", sentence: "withdrew the invitation of" },
  "invitation.apply_role": { label: "Invited user's role applied", sentence: "applied an invitee's role" },
  "invitation.bulk_resend": { label: "Invitations resent", sentence: "resent invitations" },
  "invitation.create": { label: "Invitation sent", sentence: "invited" },
  "invitation.resend": { label: "Invitation resent", sentence: "resent the invitation to" },
  "invitation.sync": { label: "Invitations followed up", sentence: "followed up invitations" },
  "membership.update": { label: "Group membership changed", sentence: "changed the groups of" },
  "metrics.read": { label: "Metrics read", sentence: "read the metrics" },
  "ndd.client_add": { label: "NDD client added", sentence: "added an NDD client" },
  "ndd.client_remove": { label: "NDD client removed", sentence: "removed an NDD client" },
  "ndd.grouping_remove": { label: "NDD grouping removed", sentence: "removed an NDD grouping" },
  "ndd.grouping_unlink": { label: "NDD grouping unlinked", sentence: "unlinked an NDD grouping" },
  "ndd.groups_users": { label: "NDD group members read", sentence: "read NDD group members" },
  "ndd.groups_users_sync": { label: "NDD group members synced", sentence: "synced NDD group members" },
  "ndd.identity_remove": { label: "NDD identity removed", sentence: "removed an NDD identity" },
  "ndd.invitation_replace": { label: "NDD invitation replaced", sentence: "replaced an NDD invitation" },
  "ndd.invitation_withdraw": { label: "NDD invitation withdrawn", sentence: "withdrew an NDD invitation" },
  "ndd.member_remove": { label: "NDD member removed", sentence: "removed an NDD member" },
  "ndd.settings_update": { label: "NDD settings changed", sentence: "changed NDD settings" },
  "ndd.user_update": { label: "NDD user changed", sentence: "changed an NDD user" },
  "ndd.users": { label: "NDD users read", sentence: "read NDD users" },
  "ndd.users_sync": { label: "NDD users synced", sentence: "synced NDD users" },
  "organization.azure_activate": { label: "Azure AD activated", sentence: "activated Azure AD" },
  "organization.azure_check": { label: "Azure AD checked", sentence: "checked Azure AD" },
  "organization.azure_import": { label: "Azure AD import", sentence: "imported from Azure AD" },
  "organization.connect": { label: "Organization connected", sentence: "connected the organization" },
  "organization.create": { label: "Organization created", sentence: "created the organization" },
  "organization.delete": { label: "Organization removed", sentence: "removed the organization" },
  "organization.disconnect": {
    label: "Organization disconnected",
    sentence: "disconnected the organization",
  },
  "organization.register": { label: "Organization registered", sentence: "registered the organization" },
  "portal.require_totp": {
    label: "Two-factor requirement changed",
    sentence: "changed the two-factor requirement",
  },
  "printer.assignment": { label: "Printer assignment changed", sentence: "changed the groups of printer" },
  "printer.set_driver": { label: "Printer driver set", sentence: "set the driver of" },
  "provisioning.invitation_groups": {
    label: "Provisioned invitation groups",
    sentence: "set the groups of a provisioned invitation",
  },
  "provisioning.invite": { label: "Provisioned invitation", sentence: "invited through provisioning" },
  "provisioning.membership": {
    label: "Provisioned membership",
    sentence: "changed groups through provisioning",
  },
  "provisioning.not_done": {
    label: "Provisioning step not done",
    sentence: "could not finish a provisioning step",
  },
  "session.end": { label: "Session ended", sentence: "ended a session" },
  "session.end_all": { label: "All sessions ended", sentence: "ended all sessions" },
  "settings.password_sign_in": {
    label: "Password sign-in setting",
    sentence: "changed the password sign-in setting",
  },
  "setup.complete": { label: "Setup completed", sentence: "completed the setup" },
  "user.delete": { label: "User deleted", sentence: "deleted the user" },
  "user.search": { label: "User search", sentence: "searched users" },
  "user.update": { label: "User changed", sentence: "changed the user" },
  "user.update_printing": {
    label: "Printing settings changed",
    sentence: "changed the printing settings of",
  },
} as const satisfies Record<string, ActionInfo>;

export type AuditActionName = keyof typeof AUDIT_ACTIONS;
/** What an entry may be recorded as: a catalogue name, or a test's own `test.*` name (tests only). */
export type RecordedActionName = AuditActionName | `test.${string}`;

/**
 * Server actions that record under another action's name (see the top of this file). These are
 * names in the action registry (tests call them), never names in the audit log — except in entries
 * written before the names were unified, which filters and descriptions still understand.
 */
export const ACTION_ALIASES = {
  "membership.add": "membership.update",
  "membership.remove": "membership.update",
  "membership.bulk_add": "membership.update",
  "membership.bulk_remove": "membership.update",
  "invitation.bulk_resend_users": "invitation.bulk_resend",
  "printer.assign_groups": "printer.assignment",
  "printer.unassign_groups": "printer.assignment",
  "printer.assign_to_group": "printer.assignment",
  "printer.unassign_from_group": "printer.assignment",
  "apiToken.create": "api_token.create",
  "apiToken.revoke": "api_token.revoke",
} as const satisfies Record<string, AuditActionName>;

export type ActionAlias = keyof typeof ACTION_ALIASES;
/** What a server action may be named: an audit action, or an alias of one. */
export type ServerActionName = AuditActionName | ActionAlias;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS).sort() as AuditActionName[];

export function isAuditAction(name: string): name is AuditActionName {
  return Object.hasOwn(AUDIT_ACTIONS, name);
}

/** The audit action a server action (or an old entry's action) records under. */
export function auditActionOf(name: string): string {
  return Object.hasOwn(ACTION_ALIASES, name) ? ACTION_ALIASES[name as ActionAlias] : name;
}

/** The audit action a server action records its refusals under. */
export function recordedAs(name: ServerActionName): AuditActionName {
  return Object.hasOwn(ACTION_ALIASES, name)
    ? ACTION_ALIASES[name as ActionAlias]
    : (name as AuditActionName);
}

/** The names that mean one audit action in stored entries: itself and its older aliases. */
export function storedNamesOf(action: AuditActionName): string[] {
  const old = Object.entries(ACTION_ALIASES)
    .filter(([, canonical]) => canonical === action)
    .map(([alias]) => alias);
  return [action, ...old];
}

/** "group.update" → "group"; "admin.totp.enable" → "admin". */
export function familyOf(name: string): string {
  return name.split(".")[0];
}

export const AUDIT_FAMILIES = [...new Set(AUDIT_ACTION_NAMES.map(familyOf))].sort();

/** A label for any action string, including ones this version does not know. */
export function actionLabel(name: string): string {
  const canonical = auditActionOf(name);
  return isAuditAction(canonical) ? AUDIT_ACTIONS[canonical].label : name;
}

export function actionSentence(name: string): string {
  const canonical = auditActionOf(name);
  return isAuditAction(canonical) ? AUDIT_ACTIONS[canonical].sentence : `did ${name}`;
}

/**
 * Actions whose change is a write to ezeep (POST/PATCH/PUT/DELETE): when its answer is lost the
 * entry is "unknown", and each of these has a reconciler that reads ezeep back
 * (lib/audit/reconcilers.ts). tests/integration/reconcile-coverage.test.ts holds every one to it
 * and fails on a module that writes to ezeep under an action missing here.
 */
export const EZEEP_WRITE_ACTIONS = [
  "domain_rule.apply",
  "group.create",
  "group.delete",
  "group.update",
  "invitation.apply_groups",
  "invitation.apply_role",
  "invitation.bulk_resend",
  "invitation.create",
  "invitation.resend",
  "invitation.withdraw",
  "membership.update",
  "ndd.invitation_replace",
  "ndd.invitation_withdraw",
  "ndd.member_remove",
  "ndd.user_update",
  "organization.create",
  "organization.delete",
  "printer.assignment",
  "printer.set_driver",
  "provisioning.invite",
  "provisioning.membership",
  "user.delete",
  "user.update",
  "user.update_printing",
] as const satisfies readonly AuditActionName[];
