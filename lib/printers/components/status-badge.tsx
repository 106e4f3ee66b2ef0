import { Badge } from "@/lib/ui/components";

/** A printer's or connector's status as ezeep reports it ("Online", "Offline", "ON", "OFF", …). */
export function StatusBadge({ status }: { status: string }) {
  const s = status.trim().toLowerCase();
  if (s === "online" || s === "on") return <Badge tone="green">{status === "ON" ? "Online" : status}</Badge>;
  if (s === "offline" || s === "off")
    return <Badge tone="slate">{status === "OFF" ? "Offline" : status}</Badge>;
  if (!s) return <Badge tone="slate">Unknown</Badge>;
  return <Badge tone="amber">{status}</Badge>;
}
