import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Connectors" };

export default function ConnectorsPage() {
  return <PlaceholderPage title="Connectors" permission="connectors.read" purpose="the connectors (ezeep Hubs, print servers) your printers sit behind" />;
}
