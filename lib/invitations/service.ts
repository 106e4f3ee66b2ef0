// Invitations of one organization: sent through ezeep (POST /v1/userinvitations/), tracked in the
// portal's database (status, expiry, reminders, intended role and groups), resent with a
// cooldown, adopted, and followed up by lib/invitations/follow-up.ts. Every change and every
// failed attempt is audited. One module per use case; this file names them all.
export * from "@/lib/invitations/views";
export * from "@/lib/invitations/ezeep-data";
export * from "@/lib/invitations/invite";
export * from "@/lib/invitations/apply";
export * from "@/lib/invitations/resend";
export * from "@/lib/invitations/sync";
