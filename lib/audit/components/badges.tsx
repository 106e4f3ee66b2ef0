import type { Settlement } from "@/lib/audit/settlements";
import { Badge } from "@/lib/ui/components";

const ACTOR: Record<string, { tone: "slate" | "blue" | "violet" | "amber"; label: string; title: string }> = {
  admin: { tone: "slate", label: "Admin", title: "A portal admin, signed in" },
  api_token: { tone: "blue", label: "API token", title: "A portal API token" },
  system: { tone: "slate", label: "System", title: "The portal itself (background job)" },
  external: {
    tone: "violet",
    label: "External change",
    title: "Made outside the portal (e.g. in ezeep's own console), found by drift detection",
  },
};

export function ActorBadge({ type }: { type: string }) {
  const a = ACTOR[type] ?? { tone: "slate" as const, label: type, title: type };
  return (
    <Badge tone={a.tone} title={a.title}>
      {a.label}
    </Badge>
  );
}

export const ACTOR_TYPE_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(ACTOR).map(([k, v]) => [k, v.label]),
);

/**
 * Outcomes. "unknown": ezeep did not answer a write, so it may have applied it; the portal reads
 * the resource back and a later entry settles it. "pending": no outcome recorded at all (the portal
 * stopped between the call and its completion).
 */
const OUTCOME: Record<string, { tone: "green" | "red" | "amber" | "violet"; label: string; title: string }> =
  {
    success: { tone: "green", label: "Success", title: "ezeep applied the change" },
    failure: { tone: "red", label: "Failed", title: "The change was not applied" },
    unknown: {
      tone: "violet",
      label: "Unknown",
      title: "ezeep did not answer: ezeep may have applied this. The portal checks again.",
    },
    pending: { tone: "amber", label: "Outcome unknown", title: "No outcome was recorded" },
  };

export const OUTCOME_LABELS: Record<string, string> = {
  success: "Success",
  failure: "Failed",
  unknown: "Unknown (ezeep may have applied this)",
  pending: "Outcome unknown",
};

/** How a settling entry reads: "applied", "not applied" or "still unknown". */
export function settlementLabel(settlement: Settlement): string {
  if (settlement.outcome === "success") return "applied";
  if (settlement.outcome === "failure") return "not applied";
  return "still unknown";
}

/** An "unknown" entry that a later read-back settled shows what it found: "Unknown → applied". */
export function OutcomeBadge({ outcome, settledBy }: { outcome: string; settledBy?: Settlement | null }) {
  const o = OUTCOME[outcome] ?? OUTCOME.pending;
  if (outcome === "unknown" && settledBy) {
    const result = settlementLabel(settledBy);
    return (
      <Badge tone={o.tone} title={`ezeep did not answer; checked later: ${result} (entry ${settledBy.id})`}>
        {`Unknown → ${result}`}
      </Badge>
    );
  }
  return (
    <Badge tone={o.tone} title={o.title}>
      {o.label}
    </Badge>
  );
}
