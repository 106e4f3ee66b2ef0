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
