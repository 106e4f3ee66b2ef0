// What happens after the identity provider vouched for someone (the ID token is already
// validated by next-auth/openid-client): the person must have a VERIFIED e-mail; they are matched
// to an existing portal admin by that e-mail, or — when OIDC_JIT_ROLE_MAP maps one of their IdP
// groups — created just in time with the mapped role(s). Every outcome is audited.
import "server-only";

import { randomBytes } from "node:crypto";

import { createAdmin } from "@/lib/admins/service";
import { recordAudit } from "@/lib/audit/service";
import { ssoConfig, type SsoConfig } from "@/lib/auth/sso/config";
import { db } from "@/lib/db";

/** Codes the sign-in page turns into sentences (`/signin?error=<code>`). */
export const SSO_ERRORS = {
  SsoUnverifiedEmail:
    "Your identity provider has not verified your e-mail address, so it cannot be used here.",
  SsoNoAdmin: "There is no portal admin with your e-mail address. Ask an owner to add you.",
  SsoDisabled: "Your portal account is disabled.",
  SsoLinkedElsewhere: "This identity is linked to another portal admin.",
  OAuthCallback: "Single sign-on failed: the identity provider's answer was not accepted. Try again.",
  SsoNotConfigured: "Single sign-on is not configured.",
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

interface SsoRequest {
  claims: Record<string, unknown>;
  subject: string;
}

const refusal = (code: SsoErrorCode) => `/signin?error=${code}`;

async function audit(label: string, adminId: string | null, outcome: "success" | "failure", details: object) {
  const reason = "error" in details ? String(details.error) : "refused";
  await recordAudit({
    organizationId: null,
    actor: { type: "admin", id: adminId, label },
    action: "admin.sign_in",
    target: { type: "admin", id: adminId, label },
    after: { method: "sso", ...details },
    outcome,
    error: outcome === "failure" ? reason : null,
  });
}

function groupsOf(claims: Record<string, unknown>, config: SsoConfig): string[] {
  const value = claims[config.groupsClaim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  return typeof value === "string" ? [value] : [];
}

const RANK = { auditor: 1, helpdesk: 2, admin: 3 } as const;

/** The role per portal organization that the person's IdP groups map to (highest wins). */
async function jitRoles(config: SsoConfig, groups: string[]) {
  const best = new Map<string, keyof typeof RANK>();
  for (const m of config.jit.filter((j) => groups.includes(j.group))) {
    const org = await db.organization.findFirst({
      where: { OR: [{ ezeepId: m.organization }, { name: m.organization }] },
    });
    if (!org) continue;
    const current = best.get(org.id);
    if (!current || RANK[m.role] > RANK[current]) best.set(org.id, m.role);
  }
  return [...best].map(([organizationId, role]) => ({ organizationId, role }));
}

async function findOrCreateAdmin(config: SsoConfig, email: string, claims: Record<string, unknown>) {
  const existing = await db.admin.findUnique({ where: { email } });
  if (existing)
    return { admin: existing, created: false, roles: [] as { organizationId: string; role: string }[] };
  const roles = await jitRoles(config, groupsOf(claims, config));
  if (roles.length === 0) return null;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : email;
  // A random password nobody knows: this admin signs in with SSO (an owner can set one later).
  const created = await createAdmin({ email, name, password: randomBytes(24).toString("base64url"), roles });
  return { admin: await db.admin.findUniqueOrThrow({ where: { id: created.id } }), created: true, roles };
}

/** next-auth's signIn callback for the OIDC provider: true, or the sign-in page with a reason. */
export async function ssoSignIn(req: SsoRequest): Promise<true | string> {
  const config = ssoConfig();
  if (!config) return refusal("SsoNotConfigured");
  const rawEmail = typeof req.claims.email === "string" ? req.claims.email.trim().toLowerCase() : "";
  const label = rawEmail || `sso:${req.subject}`;
  const issuer = typeof req.claims.iss === "string" ? req.claims.iss : config.issuer;
  const verified = req.claims.email_verified === true || req.claims.email_verified === "true";
  if (!rawEmail || !verified) {
    await audit(label, null, "failure", { issuer, error: "e-mail not verified by the identity provider" });
    return refusal("SsoUnverifiedEmail");
  }
  const found = await findOrCreateAdmin(config, rawEmail, req.claims);
  if (!found) {
    await audit(label, null, "failure", {
      issuer,
      groups: groupsOf(req.claims, config),
      error: "no portal admin with this e-mail",
    });
    return refusal("SsoNoAdmin");
  }
  const { admin, created, roles } = found;
  if (admin.disabledAt) {
    await audit(label, admin.id, "failure", { issuer, error: "account disabled" });
    return refusal("SsoDisabled");
  }
  const linked = await db.adminSsoIdentity.findUnique({
    where: { issuer_subject: { issuer, subject: req.subject } },
  });
  if (linked && linked.adminId !== admin.id) {
    await audit(label, admin.id, "failure", { issuer, error: "identity linked to another admin" });
    return refusal("SsoLinkedElsewhere");
  }
  await db.adminSsoIdentity.upsert({
    where: { issuer_subject: { issuer, subject: req.subject } },
    create: { adminId: admin.id, issuer, subject: req.subject, email: rawEmail },
    update: { email: rawEmail, lastLoginAt: new Date() },
  });
  if (created) {
    await recordAudit({
      organizationId: null,
      actor: { type: "system", id: null, label: "Single sign-on" },
      action: "admin.sso_create",
      target: { type: "admin", id: admin.id, label: rawEmail },
      after: { email: rawEmail, issuer, roles },
      outcome: "success",
    });
  }
  await audit(label, admin.id, "success", { issuer, ...(created ? { createdJustInTime: true } : {}) });
  return true;
}

/** The admin an SSO identity belongs to (for the session token). */
export async function ssoAdminId(issuer: unknown, subject: string): Promise<string | null> {
  const config = ssoConfig();
  if (!config) return null;
  const iss = typeof issuer === "string" ? issuer : config.issuer;
  const row = await db.adminSsoIdentity.findUnique({ where: { issuer_subject: { issuer: iss, subject } } });
  return row?.adminId ?? null;
}

/** next-auth logs a rejected provider answer (bad audience, expired token, …): audit it. */
export async function auditSsoCallbackError(code: string, metadata: unknown): Promise<void> {
  if (code !== "OAUTH_CALLBACK_ERROR") return;
  const error = (metadata as { error?: unknown } | null)?.error ?? metadata;
  const message = error instanceof Error ? error.message : String(error);
  await audit("sso", null, "failure", { error: message.slice(0, 500) }).catch(() => undefined);
}
