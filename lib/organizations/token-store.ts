// Refresh tokens of organizations connected by authorization code (docs/ezeep.md#authentication):
// stored encrypted (AES-256-GCM, lib/crypto.ts, bound to the organization id), rotated on every
// use (single use, §1.2) and never used twice — not even by two portal instances at once:
//
//   issue() ─▶ withKeyLock(`oauth-refresh:${orgId}`)  (in-process FIFO + database lease)
//                 ├─ re-read the stored refresh token INSIDE the lock (another instance may have rotated it)
//                 ├─ POST /oauth/access_token/ grant_type=refresh_token (never retried: single use)
//                 └─ save the rotated refresh token BEFORE the new access token is handed out
//
// createCachingTokenProvider adds single-flight and caching in front, so N concurrent calls with
// an expired access token cause exactly one refresh per instance.
import "server-only";

import { decryptSecret, encryptSecret, KEY_VERSION } from "@/lib/crypto";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import {
  createCachingTokenProvider,
  EzeepError,
  requestToken,
  type CachingTokenProvider,
  type IssuedToken,
  type LaneResolver,
} from "@/lib/ezeep";
import { withKeyLock } from "@/lib/locks";

const aad = (organizationId: string) => `refresh-token:${organizationId}`;

export const RECONNECT_MESSAGE =
  "The ezeep connection of this organization is no longer valid. An owner can connect it again under Organizations.";

export async function saveRefreshToken(
  organizationId: string,
  refreshToken: string,
  accessExpiresAt: Date | null,
): Promise<void> {
  await db.organization.update({
    where: { id: organizationId },
    data: {
      refreshTokenCipher: encryptSecret(refreshToken, aad(organizationId)),
      refreshTokenKeyVersion: KEY_VERSION,
      tokenExpiresAt: accessExpiresAt,
    },
  });
}

export async function readRefreshToken(organizationId: string): Promise<string | null> {
  const row = await db.organization.findUnique({
    where: { id: organizationId },
    select: { refreshTokenCipher: true },
  });
  if (!row?.refreshTokenCipher) return null;
  return decryptSecret(row.refreshTokenCipher, aad(organizationId));
}

export async function clearRefreshToken(organizationId: string): Promise<void> {
  await db.organization.update({
    where: { id: organizationId },
    data: { refreshTokenCipher: null, refreshTokenKeyVersion: null, tokenExpiresAt: null },
  });
}

// The access token obtained by the code exchange, handed to the first provider built in this
// process so that connecting does not cost an immediate refresh.
const g = globalThis as unknown as { __ezeepInitialTokens?: Map<string, { token: IssuedToken; at: number }> };
const initialTokens = (g.__ezeepInitialTokens ??= new Map());

export function rememberInitialToken(organizationId: string, token: IssuedToken): void {
  initialTokens.set(organizationId, { token, at: Date.now() });
}

export interface RefreshConfig {
  accountUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The portal client's lanes (lib/ezeep/lanes.ts), so refreshes count against its budget. */
  lanes?: LaneResolver;
}

/** A token provider for one authorization-code organization (see the header comment). */
export function createAuthorizationCodeTokenProvider(
  org: { id: string; ezeepId: string },
  config: RefreshConfig,
): CachingTokenProvider {
  return createCachingTokenProvider(async () => {
    const initial = initialTokens.get(org.id);
    if (initial) {
      initialTokens.delete(org.id);
      const left = initial.token.expiresInSeconds - (Date.now() - initial.at) / 1000;
      if (left > 120) return { ...initial.token, expiresInSeconds: Math.floor(left) };
    }
    return withKeyLock(
      `oauth-refresh:${org.id}`,
      async () => {
        const refreshToken = await readRefreshToken(org.id);
        if (!refreshToken) throw new UserFacingError(RECONNECT_MESSAGE);
        let issued: IssuedToken;
        try {
          issued = await requestToken({
            accountUrl: config.accountUrl,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            form: {
              grant_type: "refresh_token",
              refresh_token: refreshToken,
              scope: "printing",
              organization_id: org.ezeepId,
            },
            retry: false, // single use: a repeated request could burn the rotated token
            ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
            ...(config.fetch ? { fetch: config.fetch } : {}),
            ...(config.lanes ? { lanes: config.lanes } : {}),
          });
        } catch (err) {
          if (err instanceof EzeepError && (err.status === 400 || err.status === 401))
            throw new UserFacingError(RECONNECT_MESSAGE);
          throw err;
        }
        if (!issued.refreshToken) throw new UserFacingError(RECONNECT_MESSAGE);
        await saveRefreshToken(
          org.id,
          issued.refreshToken,
          new Date(Date.now() + issued.expiresInSeconds * 1000),
        );
        return issued;
      },
      {
        ttlMs: 60_000,
        waitMs: 30_000,
        busyMessage: "Another portal instance is renewing the ezeep connection. Try again in a moment.",
      },
    );
  });
}
