// An EzeepError's message in the reader's language. The English text built in ./errors.ts is
// the reference (logs and audit entries keep it); German gets the same sentence for the failures
// the portal itself describes (timeouts, outages, rate limits, credentials). ezeep's own wording
// (a validation message from its body) cannot be translated and is shown as ezeep sent it.
import "server-only";

import { localized, scopeLocale } from "@/lib/i18n/scope";

import { defaultMessageForStatus, type EzeepError } from "./errors";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function seconds(ms: number): string {
  const s = ms / 1000;
  return String(Number(s.toFixed(s < 1 ? 2 : 1)));
}

function httpMessage(err: EzeepError, status: number): string {
  if (err.message.startsWith("ezeep's gateway"))
    return localized((t) => t("errors.ezeep.gatewayLost", { status }));
  if (status === 429)
    return err.retryAfterMs === undefined
      ? localized((t) => t("errors.ezeep.rateLimited"))
      : localized((t) => t("errors.ezeep.rateLimitedFor", { seconds: seconds(err.retryAfterMs ?? 0) }));
  if (status >= 500) return localized((t) => t("errors.ezeep.unavailable", { status }));
  // Only the portal's default sentence is ours to translate; ezeep's own text stays as sent.
  if (err.message !== defaultMessageForStatus(status, err.retryAfterMs)) return err.message;
  const known = [400, 403, 404, 405, 409, 412] as const;
  const match = known.find((code) => code === status);
  return match ? localized((t) => t(`errors.ezeep.status${match}`)) : err.message;
}

export function localizedEzeepMessage(err: EzeepError): string {
  if (scopeLocale() === "en") return err.message;
  const write = WRITE_METHODS.has(err.method.toUpperCase());
  switch (err.kind) {
    case "timeout":
      return localized((t) => t(write ? "errors.ezeep.timeoutWrite" : "errors.ezeep.timeoutRead"));
    case "network":
      return err.message.startsWith("The connection")
        ? localized((t) => t("errors.ezeep.connectionBroke"))
        : localized((t) => t("errors.ezeep.unreachable"));
    case "malformed":
      return localized((t) => t("errors.ezeep.malformed"));
    case "auth":
      return localized((t) => t("errors.ezeep.credentials"));
    default:
      return err.status === null ? err.message : httpMessage(err, err.status);
  }
}
