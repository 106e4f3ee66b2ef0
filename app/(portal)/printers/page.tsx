import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Printers" };

export default function PrintersPage() {
  return <PlaceholderPage title="Printers" permission="printers.read" purpose="printers, their drivers and which groups may use them" />;
}
