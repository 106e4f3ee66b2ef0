// Portal API tokens: created and revoked by owners in Settings, shown once, stored as a SHA-256
// hash, scoped to one organization. Route handlers (app/v1/…) authenticate callers with them.
import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { audited } from "@/lib/audit/service";
import type { OrganizationRef, OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { localized } from "@/lib/i18n/scope";

/** Tokens look like `ezp_<43 base64url chars>`; the prefix tells them apart in lists and logs. */
export const TOKEN_PREFIX = "ezp_";
const PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const viewSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listApiTokens(ctx: OrgContext): Promise<ApiTokenView[]> {
  return db.apiToken.findMany({
    where: { organizationId: ctx.organization.id },
    select: viewSelect,
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** Creates a token; the plaintext is returned here once and never stored. */
export async function createApiToken(
  ctx: OrgContext,
  input: { name: string },
): Promise<ApiTokenView & { token: string }> {
  const active = await db.apiToken.count({
    where: { organizationId: ctx.organization.id, revokedAt: null, name: input.name },
  });
  if (active > 0) {
    throw new UserFacingError(
      localized((t) => t("settings.apiTokens.nameTaken")),
      {
        name: [localized((t) => t("settings.apiTokens.nameTakenField"))],
      },
    );
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, PREFIX_LENGTH);
  return audited(ctx, {
    action: "api_token.create",
    target: { type: "api_token", label: input.name },
    intended: { name: input.name, prefix },
    run: async () => {
      const row = await db.apiToken.create({
        data: {
          organizationId: ctx.organization.id,
          name: input.name,
          tokenHash: hashApiToken(token),
          prefix,
          createdById: ctx.actor.type === "admin" ? ctx.actor.id : null,
        },
        select: viewSelect,
      });
      return {
        result: { ...row, token },
        after: { name: row.name, prefix },
        target: { type: "api_token", id: row.id, label: row.name },
      };
    },
  });
}

export async function revokeApiToken(ctx: OrgContext, input: { id: string }): Promise<ApiTokenView> {
  // Scoped lookup: a token of another organization is "not found", never revoked.
  const before = await db.apiToken.findFirst({
    where: { id: input.id, organizationId: ctx.organization.id },
    select: viewSelect,
  });
  if (!before) throw new NotFoundError(localized((t) => t("settings.apiTokens.notFoundWhat")));
  if (before.revokedAt) return before;
  return audited(ctx, {
    action: "api_token.revoke",
    target: { type: "api_token", id: before.id, label: before.name },
    before: { name: before.name, prefix: before.prefix, revoked: false },
    intended: { name: before.name, prefix: before.prefix, revoked: true },
    run: async () => {
      await db.apiToken.updateMany({
        where: { id: before.id, organizationId: ctx.organization.id },
        data: { revokedAt: new Date() },
      });
      const row = await db.apiToken.findUniqueOrThrow({ where: { id: before.id }, select: viewSelect });
      return { result: row };
    },
  });
}

export interface AuthenticatedToken {
  id: string;
  name: string;
  organization: OrganizationRef;
}

/** `Authorization: Bearer ezp_…` → the token and its organization, or null (unknown, revoked, malformed). */
export async function authenticateApiToken(authorization: string | null): Promise<AuthenticatedToken | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    include: { organization: true },
  });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const o = row.organization;
  return {
    id: row.id,
    name: row.name,
    organization: { id: o.id, ezeepId: o.ezeepId, name: o.name, connection: o.connection },
  };
}
