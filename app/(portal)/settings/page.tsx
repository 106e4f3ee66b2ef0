import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return <PlaceholderPage title="Settings" permission="settings.read" purpose="portal admins, API tokens and connections" />;
}
