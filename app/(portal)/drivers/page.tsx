import type { Metadata } from "next";
import { PlaceholderPage } from "@/lib/ui/placeholder-page";

export const metadata: Metadata = { title: "Drivers" };

export default function DriversPage() {
  return <PlaceholderPage title="Drivers" permission="drivers.read" purpose="driver vendors and the driver each printer uses" />;
}
