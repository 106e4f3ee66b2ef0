import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return <PlaceholderPage title="Users" permission="users.read" purpose="the users of your organization, their roles, printing settings and group memberships" />;
}
