import { Badge } from "@/lib/ui/components";

export function RoleBadge({ role }: { role: "admin" | "user" }) {
  return role === "admin" ? <Badge tone="blue">Admin</Badge> : <Badge tone="slate">User</Badge>;
}

export function StatusBadge({
  verified,
  invitation,
}: {
  verified: boolean;
  invitation?: { status: string } | null;
}) {
  if (verified) return <Badge tone="green">Active</Badge>;
  if (invitation?.status === "EXPIRED") return <Badge tone="red">Invitation expired</Badge>;
  return <Badge tone="amber">Invited</Badge>;
}
