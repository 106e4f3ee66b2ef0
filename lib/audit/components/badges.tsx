import { useTranslations } from "next-intl";

import type { Settlement } from "@/lib/audit/settlements";
import { Badge } from "@/lib/ui/components";

export const ACTOR_TYPES = ["admin", "api_token", "system", "external"] as const;
type ActorType = (typeof ACTOR_TYPES)[number];

const ACTOR_TONE: Record<ActorType, "slate" | "blue" | "violet" | "amber"> = {
  admin: "slate",
  api_token: "blue",
  system: "slate",
  external: "violet",
};

export function isActorType(type: string): type is ActorType {
  return (ACTOR_TYPES as readonly string[]).includes(type);
}

export function ActorBadge({ type }: { type: string }) {
  const t = useTranslations("audit.actor");
  if (!isActorType(type))
    return (
      <Badge tone="slate" title={type}>
        {type}
      </Badge>
    );
  return (
    <Badge tone={ACTOR_TONE[type]} title={t(`${type}.title`)}>
      {t(`${type}.label`)}
    </Badge>
  );
}

/**
 * Outcomes. "unknown": ezeep did not answer a write, so it may have applied it; the portal reads
 * the resource back and a later entry settles it. "pending": no outcome recorded at all (the portal
 * stopped between the call and its completion).
 */
export const OUTCOMES = ["success", "failure", "unknown", "pending"] as const;
type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_TONE: Record<Outcome, "green" | "red" | "amber" | "violet"> = {
  success: "green",
  failure: "red",
  unknown: "violet",
  pending: "amber",
};

export function isOutcome(outcome: string): outcome is Outcome {
  return (OUTCOMES as readonly string[]).includes(outcome);
}

/** How a settling entry reads: "applied", "not applied" or "still unknown" (a message key). */
export function settlementKey(settlement: Settlement): "applied" | "notApplied" | "stillUnknown" {
  if (settlement.outcome === "success") return "applied";
  if (settlement.outcome === "failure") return "notApplied";
  return "stillUnknown";
}

/** An "unknown" entry that a later read-back settled shows what it found: "Unknown → applied". */
export function OutcomeBadge({ outcome, settledBy }: { outcome: string; settledBy?: Settlement | null }) {
  const t = useTranslations("audit.outcome");
  const known: Outcome = isOutcome(outcome) ? outcome : "pending";
  if (known === "unknown" && settledBy) {
    const result = t(settlementKey(settledBy));
    return (
      <Badge tone={OUTCOME_TONE.unknown} title={t("settledTitle", { result, id: settledBy.id })}>
        {t("settledBadge", { result })}
      </Badge>
    );
  }
  return (
    <Badge tone={OUTCOME_TONE[known]} title={t(`${known}.title`)}>
      {t(`${known}.label`)}
    </Badge>
  );
}
