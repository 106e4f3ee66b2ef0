import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Invitations" };

export default function InvitationsPage() {
  return <PlaceholderPage title="Invitations" permission="invitations.read" purpose="invitations you send, with follow-up and reminders" />;
}
