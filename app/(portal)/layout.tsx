import type { ReactNode } from "react";

import { getPageContext } from "@/lib/auth/session";
import { AppShell } from "@/lib/ui/shell/app-shell";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const ctx = await getPageContext();
  return <AppShell ctx={ctx}>{children}</AppShell>;
}
