// Connecting an organization by OAuth2 authorization code with PKCE (docs/ezeep.md#authentication).
//
// 1. An owner presses "Connect with ezeep": beginAuthorization() makes a random `state` and a PKCE
//    verifier, and keeps them — with the admin, the organization and a 10-minute expiry — in an
//    AES-256-GCM-encrypted, httpOnly cookie scoped to /code. The browser goes to ezeep's
//    authorize page with the S256 challenge and the redirect URI (EZEEP_REDIRECT_URI, default
//    http://localhost:3000/code).
// 2. ezeep sends the browser to /code?code=…&state=…; app/code/route.ts calls
//    completeAuthorization(): the state must equal the cookie's (constant-time), the cookie must be
//    unexpired; the code is exchanged on the server with redirect_uri and code_verifier; the
//    refresh token is stored encrypted (token-store.ts); connection = "authorization_code"; audited.
//    The token's `org` claim names the ezeep organization: the current one is reconnected, another
//    one is added to the portal with the connecting admin as its owner.
// 3. disconnectOrganization() revokes the refresh token at /oauth/revoke/ and deletes it.
import "server-only";

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import { audited, recordAudit } from "@/lib/audit/service";
import type { Actor, OrganizationRef, OrgContext } from "@/lib/auth/context";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { decodeJwtClaims, EzeepError, requestToken, revokeToken, type IssuedToken } from "@/lib/ezeep";
import { ezeepSettings, forgetEzeepClient, partnerClient } from "@/lib/organizations/connections";
import {
  clearRefreshToken,
  readRefreshToken,
  rememberInitialToken,
  saveRefreshToken,
} from "@/lib/organizations/token-store";

export const OAUTH_COOKIE = "portal_oauth";
export const OAUTH_COOKIE_PATH = "/code";
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
const COOKIE_AAD = "oauth-pending";

export function redirectUri(): string {
  return env().EZEEP_REDIRECT_URI;
}

interface Pending {
  state: string;
  verifier: string;
  adminId: string;
  organizationId: string;
  expiresAt: number;
}

/** The portal's ezeep settings, or the one "not configured" error (connections.ts). */
const requireConfig = ezeepSettings;

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** The authorize URL to send the browser to, and the encrypted cookie that remembers the attempt. */
export function beginAuthorization(
  ctx: OrgContext,
  now = Date.now(),
): { url: string; cookieValue: string; maxAgeSeconds: number } {
  if (ctx.actor.type !== "admin" || !ctx.actor.id)
    throw new UserFacingError("Only a signed-in admin can connect an organization.");
  return authorizationFor(ctx.actor.id, ctx.organization.id, now);
}

/** First-run setup (lib/setup): the first owner, with no organization yet, connects the first one. */
export const FIRST_RUN_ORGANIZATION = "";

export function beginFirstRunAuthorization(adminId: string, now = Date.now()) {
  return authorizationFor(adminId, FIRST_RUN_ORGANIZATION, now);
}

function authorizationFor(adminId: string, organizationId: string, now: number) {
  const config = requireConfig();
  const pending: Pending = {
    state: randomBytes(24).toString("base64url"),
    verifier: randomBytes(48).toString("base64url"),
    adminId,
    organizationId,
    expiresAt: now + OAUTH_STATE_TTL_MS,
  };
  const url = new URL(`${config.accountUrl}/oauth/authorize/`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: "printing",
    state: pending.state,
    code_challenge: pkceChallenge(pending.verifier),
    code_challenge_method: "S256",
  }).toString();
  return {
    url: url.toString(),
    cookieValue: encryptSecret(JSON.stringify(pending), COOKIE_AAD),
    maxAgeSeconds: OAUTH_STATE_TTL_MS / 1000,
  };
}

function sameText(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export interface CompletedConnection {
  organization: OrganizationRef;
  created: boolean;
}

interface RedirectInput {
  code: string | null;
  state: string | null;
  error: string | null;
  cookieValue: string | null;
  meta: { ip: string | null; userAgent: string | null; requestId: string };
  now?: number;
}

type ConnectingActor = Actor & RedirectInput["meta"];

/** Handles the redirect back from ezeep. Throws UserFacingError with a message for the admin. */
export async function completeAuthorization(input: RedirectInput): Promise<CompletedConnection> {
  const now = input.now ?? Date.now();
  const { pending, code } = verifiedRedirect(input, now);
  const admin = await connectingOwner(pending);
  const actor: ConnectingActor = { type: "admin", id: admin.id, label: admin.email, ...input.meta };
  const issued = await exchangeCode(code, pending, actor);
  const ezeepId = decodeJwtClaims(issued.accessToken)?.org;
  if (typeof ezeepId !== "string" || !ezeepId || !issued.refreshToken) {
    throw new UserFacingError("ezeep's answer names no organization; this account cannot be connected.");
  }
  const { org, existing } = await organizationToConnect(ezeepId, admin.id);
  const ref: OrganizationRef = {
    id: org.id,
    ezeepId: org.ezeepId,
    name: org.name,
    connection: "authorization_code",
  };
  await audited(
    { actor, organization: ref, role: "owner" },
    {
      action: "organization.connect",
      target: { type: "organization", id: org.id, label: org.name },
      before: existing ? { connection: existing.connection } : null,
      intended: { connection: "authorization_code", ezeepId, created: !existing },
      run: async () => {
        await storeConnection(org.id, issued, now);
        return { result: undefined };
      },
    },
  );
  return { organization: ref, created: !existing };
}

const NOT_STARTED_HERE = "This sign-in was not started from this browser, or it took too long. Start again.";

/** The pending attempt from the cookie, checked against ezeep's redirect (state, expiry, error, code). */
function verifiedRedirect(input: RedirectInput, now: number): { pending: Pending; code: string } {
  if (!input.cookieValue) throw new UserFacingError(NOT_STARTED_HERE);
  let pending: Pending;
  try {
    pending = JSON.parse(decryptSecret(input.cookieValue, COOKIE_AAD)) as Pending;
  } catch {
    throw new UserFacingError(NOT_STARTED_HERE);
  }
  if (!input.state || !sameText(input.state, pending.state))
    throw new UserFacingError("The answer from ezeep does not belong to this sign-in. Start again.");
  if (pending.expiresAt < now)
    throw new UserFacingError("The sign-in took longer than 10 minutes. Start again.");
  if (input.error) {
    throw new UserFacingError(
      input.error === "access_denied"
        ? "The connection was not allowed in ezeep."
        : `ezeep refused the sign-in (${input.error.slice(0, 60)}).`,
    );
  }
  if (!input.code) throw new UserFacingError("ezeep sent no authorization code. Start again.");
  return { pending, code: input.code };
}

/** The admin who started the attempt: still active, and an owner (or the first-run setup owner). */
async function connectingOwner(pending: Pending) {
  const admin = await db.admin.findUnique({ where: { id: pending.adminId } });
  if (!admin || admin.disabledAt) throw new UserFacingError("Your portal account is no longer active.");
  const startedIn = await db.role.findUnique({
    where: { adminId_organizationId: { adminId: admin.id, organizationId: pending.organizationId } },
  });
  const firstRun = pending.organizationId === FIRST_RUN_ORGANIZATION && (await db.organization.count()) === 0;
  if (!firstRun && startedIn?.role !== "owner")
    throw new UserFacingError("Only owners can connect organizations.");
  return admin;
}

/** Exchanges the code on the server (with the PKCE verifier); a refusal is audited as a failed connect. */
async function exchangeCode(code: string, pending: Pending, actor: ConnectingActor): Promise<IssuedToken> {
  const config = requireConfig();
  try {
    return await requestToken({
      accountUrl: config.accountUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      form: {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
        scope: "printing",
      },
      retry: false,
      timeoutMs: config.timeoutMs,
    });
  } catch (err) {
    await recordAudit({
      organizationId: pending.organizationId || null,
      actor,
      action: "organization.connect",
      target: { type: "organization" },
      outcome: "failure",
      ezeepStatus: err instanceof EzeepError ? err.status : null,
      error: err instanceof Error ? err.message : String(err),
    });
    throw new UserFacingError(
      `ezeep did not accept the sign-in: ${err instanceof Error ? err.message : "unknown error"}`,
    );
  }
}

/** The portal's organization for `ezeepId` (the admin must own it), or a new one the admin owns. */
async function organizationToConnect(ezeepId: string, adminId: string) {
  const existing = await db.organization.findUnique({ where: { ezeepId } });
  if (existing) {
    const role = await db.role.findUnique({
      where: { adminId_organizationId: { adminId, organizationId: existing.id } },
    });
    if (role?.role !== "owner")
      throw new UserFacingError(
        "That ezeep organization is managed in this portal by other people: ask one of its owners.",
      );
  }
  const name = existing?.name ?? (await organizationName(ezeepId));
  const org =
    existing ??
    (await db.organization.create({
      data: {
        ezeepId,
        name,
        connection: "authorization_code",
        roles: { create: { adminId, role: "owner" } },
      },
    }));
  return { org, existing };
}

/** Stores the refresh token encrypted, marks the connection and seeds the token cache with the first token. */
async function storeConnection(organizationId: string, issued: IssuedToken, now: number): Promise<void> {
  await saveRefreshToken(
    organizationId,
    issued.refreshToken!,
    new Date(now + issued.expiresInSeconds * 1000),
  );
  await db.organization.update({ where: { id: organizationId }, data: { connection: "authorization_code" } });
  forgetEzeepClient(organizationId);
  rememberInitialToken(organizationId, issued);
}

/**
 * The organization's name from the Partner API (GET /partner/v1/organizations/<id>/ with the
 * portal's client credentials, §3.1), or a fallback when the client is not a partner client.
 */
async function organizationName(ezeepId: string): Promise<string> {
  try {
    const org = await partnerClient().organizations.get(ezeepId);
    if (org.name) return org.name;
  } catch {
    // not a partner client, or ezeep is unreachable: fall back
  }
  return `ezeep organization ${ezeepId.slice(0, 8)}`;
}

/** Revokes and deletes the stored refresh token; the organization falls back to the portal's client credentials. */
export async function disconnectOrganization(ctx: OrgContext): Promise<{ id: string; name: string }> {
  const org = await db.organization.findUnique({ where: { id: ctx.organization.id } });
  if (!org) throw new UserFacingError("This organization was not found.");
  if (org.connection !== "authorization_code" && !org.refreshTokenCipher) {
    throw new UserFacingError("This organization is not connected by sign-in.");
  }
  const config = requireConfig();
  return audited(ctx, {
    action: "organization.disconnect",
    target: { type: "organization", id: org.id, label: org.name },
    before: { connection: org.connection },
    intended: { connection: "client_credentials", refreshToken: "deleted" },
    run: async () => {
      let revoked = true;
      const token = await readRefreshToken(org.id).catch(() => null);
      if (token) {
        try {
          await revokeToken({
            accountUrl: config.accountUrl,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            token,
            timeoutMs: config.timeoutMs,
          });
        } catch {
          revoked = false; // deleted anyway: the portal never uses it again
        }
      }
      await clearRefreshToken(org.id);
      await db.organization.update({ where: { id: org.id }, data: { connection: "client_credentials" } });
      forgetEzeepClient(org.id);
      return {
        result: { id: org.id, name: org.name },
        after: { connection: "client_credentials", refreshToken: "deleted", revokedAtEzeep: revoked },
      };
    },
  });
}
