import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Organizations" };

export default function OrganizationsPage() {
  return <PlaceholderPage title="Organizations" permission="organizations.read" purpose="the ezeep organizations this portal manages" />;
}
