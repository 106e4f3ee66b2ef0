// First-run setup: while the portal has no admin, every server process that starts prints a
// one-time setup code in its log (stored here only as a SHA-256 digest). /setup asks for one of
// them, creates the first owner and connects the first organization; completing it deletes every
// code, so the page is gone for good. Every attempt, refused ones included, is audited.
import "server-only";

import { createHash, randomInt } from "node:crypto";

import { z } from "zod";

import { newAdminSchema } from "@/lib/admins/service";
import { recordAudit } from "@/lib/audit/service";
import { fieldErrorsOf, type ActionResult } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";
import { safeParseForRequest } from "@/lib/i18n/validation";
import { moduleLogger } from "@/lib/observability/logger";
import { ensureOrganization } from "@/lib/organizations/service";
import { discoverOrganizationOverHttp } from "@/lib/setup/discover";

// Crockford's base32 without look-alikes: 12 characters = 60 bits, read aloud or typed easily.
const ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

export function generateSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** Digest of a code as typed: case, spaces and dashes do not matter. */
export function hashSetupCode(code: string): string {
  const normalized = code.toUpperCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(`portal-setup:${normalized}`).digest("hex");
}

export async function setupNeeded(): Promise<boolean> {
  return (await db.admin.count()) === 0;
}

/** A fresh code for this process when setup is still needed (stored hashed), else null. */
export async function issueSetupCode(): Promise<string | null> {
  if (!(await setupNeeded())) return null;
  const code = generateSetupCode();
  await db.setupCode.create({ data: { codeHash: hashSetupCode(code) } });
  return code;
}

const announced = globalThis as unknown as {
  __portalSetupCodeAnnounced?: boolean;
  __portalSetupCheckFailed?: boolean;
};

/**
 * Prints this process's setup code in the log once, when setup is still needed. Called at start
 * (lib/observability/startup.ts) and again by /setup, for a portal started before its database
 * was migrated. Returns false when the database could not be asked.
 */
export async function announceSetupCodeOnce(): Promise<boolean> {
  if (announced.__portalSetupCodeAnnounced) return true;
  try {
    const code = await issueSetupCode();
    announced.__portalSetupCodeAnnounced = true;
    const portalUrl = env().NEXTAUTH_URL;
    // Printed on purpose (the operator needs it); the database keeps only its digest.
    if (code)
      moduleLogger("setup").warn(
        `The portal has no admin yet. Open ${portalUrl ?? ""}/setup and enter the setup code ${code}`,
      );
    return true;
  } catch (err) {
    if (!announced.__portalSetupCheckFailed)
      moduleLogger("setup").error(
        { err },
        "the database is not usable yet (run npm run db:migrate); retrying",
      );
    announced.__portalSetupCheckFailed = true;
    // Hold no connection to a database that is about to be migrated (SQLite: it would block it).
    await db.$disconnect().catch(() => {});
    return false;
  }
}

export const setupInputSchema = newAdminSchema.pick({ email: true, name: true, password: true }).extend({
  code: z.string().trim().min(1, "Enter the setup code from the server log.").max(40),
  organization: z.enum(["environment", "connect"], { error: "Choose how to connect the organization." }),
});
export type SetupInput = z.input<typeof setupInputSchema>;

export interface SetupMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

async function refuse(email: string, meta: SetupMeta, reason: string, message: string): Promise<never> {
  await recordAudit({
    organizationId: null,
    actor: { type: "admin", id: null, label: email.slice(0, 200) || "(unknown)", ...meta },
    action: "setup.complete",
    target: { type: "portal", label: "first-run setup" },
    outcome: "failure",
    error: reason,
  });
  throw new UserFacingError(message);
}

/** Whether the environment holds client credentials the setup can use. */
export function environmentCredentials() {
  const vars = env();
  if (!vars.EZEEP_CLIENT_ID || !vars.EZEEP_CLIENT_SECRET) return null;
  return {
    clientId: vars.EZEEP_CLIENT_ID,
    clientSecret: vars.EZEEP_CLIENT_SECRET,
    accountUrl: vars.EZEEP_ACCOUNT_URL,
    organizationId: vars.EZEEP_ORGANIZATION_ID,
    timeoutMs: vars.EZEEP_TIMEOUT_MS,
  };
}

/** The organization the environment's client credentials act for (EZEEP_ORGANIZATION_* override). */
export async function discoverEnvironmentOrganization(overrides: { ezeepId?: string; name?: string } = {}) {
  const credentials = environmentCredentials();
  if (!credentials) throw new UserFacingError(localized((t) => t("auth.setup.noCredentials")));
  const ezeepId = overrides.ezeepId ?? credentials.organizationId;
  const name = overrides.name ?? env().EZEEP_ORGANIZATION_NAME;
  if (ezeepId && name) return { ezeepId, name };
  try {
    const found = await discoverOrganizationOverHttp({ ...credentials, organizationId: ezeepId });
    return { ezeepId: found.ezeepId, name: name ?? found.name };
  } catch (err) {
    // The discovery's messages name the variable to fix and never contain the secret.
    throw new UserFacingError(
      localized((t) =>
        t("auth.setup.unreachable", { reason: err instanceof Error ? err.message : String(err) }),
      ),
    );
  }
}

/**
 * Checks the code and creates the first owner; with "environment" also registers the organization
 * the client credentials act for, with the new admin as its owner. With "connect" the owner is
 * created alone and connects an organization through ezeep's sign-in next. Returns the action
 * result shape; every refusal is audited.
 */
export async function completeSetup(raw: unknown, meta: SetupMeta): Promise<ActionResult<SetupDone>> {
  const label = String((raw as { email?: unknown } | null)?.email ?? "").trim();
  const parsed = await safeParseForRequest(setupInputSchema, raw);
  try {
    if (!parsed.success) {
      await refuse(
        label,
        meta,
        "invalid input",
        localized((t) => t("auth.setup.checkFields")),
      );
      throw new Error("unreachable");
    }
    const input = parsed.data;
    if (!(await setupNeeded()))
      await refuse(
        input.email,
        meta,
        "setup already done",
        localized((t) => t("auth.setup.alreadyDone")),
      );
    const code = await db.setupCode.findUnique({ where: { codeHash: hashSetupCode(input.code) } });
    if (!code)
      await refuse(
        input.email,
        meta,
        "wrong setup code",
        localized((t) => t("auth.setup.wrongCode")),
      );
    const organization =
      input.organization === "environment" ? await discoverEnvironmentOrganization() : null;
    const admin = await createFirstOwner(input, organization);
    if (!admin)
      await refuse(
        input.email,
        meta,
        "setup already done",
        localized((t) => t("auth.setup.alreadyDone")),
      );
    await recordAudit({
      organizationId: null,
      actor: { type: "admin", id: admin!.id, label: admin!.email, ...meta },
      action: "setup.complete",
      target: { type: "portal", label: "first-run setup" },
      after: { owner: admin!.email, organization: organization ?? "connect with ezeep" },
      outcome: "success",
    });
    return { ok: true, data: { email: admin!.email, organization: organization?.name ?? null } };
  } catch (err) {
    if (err instanceof UserFacingError) {
      const fieldErrors = parsed.success ? undefined : fieldErrorsOf(parsed.error);
      return { ok: false, error: err.message, ...(fieldErrors ? { fieldErrors } : {}) };
    }
    moduleLogger("setup", { requestId: meta.requestId }).error({ err }, "setup failed");
    return { ok: false, error: localized((t) => t("errors.unexpected", { reference: meta.requestId })) };
  }
}

export interface SetupDone {
  email: string;
  /** The registered organization's name; null when the owner connects one next. */
  organization: string | null;
}

/**
 * Consumes every setup code and creates the owner in one transaction; null when another request
 * finished setup first (its delete took the codes: on PostgreSQL the second delete waits for the
 * first commit and then finds nothing).
 */
async function createFirstOwner(
  input: z.output<typeof setupInputSchema>,
  organization: { ezeepId: string; name: string } | null,
) {
  const { hashPassword } = await import("@/lib/auth/password");
  const passwordHash = await hashPassword(input.password);
  const org = organization ? await ensureOrganization(organization) : null;
  return db.$transaction(async (tx) => {
    const { count } = await tx.setupCode.deleteMany({});
    if (count === 0 || (await tx.admin.count()) > 0) return null;
    return tx.admin.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        ...(org ? { roles: { create: { organizationId: org.id, role: "owner" } } } : {}),
      },
      select: { id: true, email: true, name: true },
    });
  });
}

/**
 * "Connect with ezeep" right after setup: only for the first owner while the portal manages no
 * organization at all (then the page that starts it, /setup/connect, is a 404 like /setup).
 */
export async function firstRunConnectAllowed(adminId: string): Promise<boolean> {
  const [organizations, roles] = await Promise.all([
    db.organization.count(),
    db.role.count({ where: { adminId } }),
  ]);
  return organizations === 0 && roles === 0;
}
