// Finding secrets in text that reaches the browser (bundles, HTML, network responses).
// Used by tests/security/no-secrets.test.ts (static build output) and
// tests/e2e/no-secrets.spec.ts (rendered pages of a running portal).

export interface Leak {
  where: string;
  what: string;
}

/** Known secret values: exact matches (values shorter than 8 characters are ignored). */
export function findSecrets(
  text: string,
  secrets: Record<string, string | undefined>,
  where: string,
): Leak[] {
  const leaks: Leak[] = [];
  for (const [what, value] of Object.entries(secrets)) {
    if (value && value.length >= 8 && text.includes(value)) leaks.push({ where, what });
  }
  return leaks;
}

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}/g;

/**
 * Access tokens by shape: any signed JWT whose claims look like an ezeep token (docs/ezeep.md#authentication:
 * iss/org/scopes/client_id). Catches tokens we do not know the value of.
 */
export function findEzeepTokens(text: string, where: string): Leak[] {
  const leaks: Leak[] = [];
  for (const match of text.matchAll(JWT)) {
    try {
      const claims = JSON.parse(Buffer.from(match[0].split(".")[1], "base64url").toString("utf8")) as Record<
        string,
        unknown
      >;
      if ("org" in claims || "scopes" in claims || "client_id" in claims) {
        leaks.push({
          where,
          what: `an ezeep-style access token (claims: ${Object.keys(claims).join(", ")})`,
        });
      }
    } catch {
      /* not a JWT after all */
    }
  }
  return leaks;
}

/**
 * Token strings the simulator issued, if it exposes them (GET /__sim/tokens). Returns [] when the
 * simulator is not reachable or has no such endpoint; the shape-based check still applies.
 */
export async function simulatorIssuedTokens(accountUrl: string | undefined): Promise<string[]> {
  if (!accountUrl) return [];
  try {
    const res = await fetch(`${accountUrl}/__sim/tokens`);
    if (!res.ok) return [];
    const body = (await res.json()) as unknown;
    const list = Array.isArray(body) ? body : ((body as { tokens?: unknown[] })?.tokens ?? []);
    const out: string[] = [];
    for (const t of list) {
      if (typeof t === "string") out.push(t);
      else if (t && typeof t === "object") {
        for (const key of ["token", "access_token", "refresh_token", "value"]) {
          const v = (t as Record<string, unknown>)[key];
          if (typeof v === "string") out.push(v);
        }
      }
    }
    return out;
  } catch {
    return [];
  }
}

export function formatLeaks(leaks: Leak[]): string {
  return leaks.map((l) => `${l.what} in ${l.where}`).join("\n");
}
