import "server-only";

import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
// What every page of one group (details, members, printers) starts with: the "groups.read" guard,
// then the group itself. An unknown id is a 404; a group ezeep could not be asked for is absent
// (null) with the reason in `loadError`, so the page shows its frame and the failure notice.
import type { ReactElement } from "react";

import { findGroup, type GroupView } from "@/lib/groups/service";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext, type OrgPageContext } from "@/lib/ui/page-guard";

/** The props Next.js gives a page under /groups/[id]. */
export interface GroupPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export type GroupPageData =
  | { ok: false; denied: ReactElement }
  | { ok: true; ctx: OrgPageContext; id: string; group: GroupView | null; loadError: string };

export async function loadGroupPage(params: Promise<{ id: string }>): Promise<GroupPageData> {
  const tAccess = await getTranslations("groups.access");
  const guard = await requirePageContext("groups.read", tAccess("groups"));
  if (!guard.ok) return guard;
  const { ctx } = guard;
  const { id } = await params;
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  if (!loaded.ok) return { ok: true, ctx, id, group: null, loadError: loaded.error };
  return { ok: true, ctx, id, group: loaded.data, loadError: "" };
}
