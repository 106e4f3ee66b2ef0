import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { RecentChanges } from "@/lib/audit/components/recent-changes";
import { listAuditEntries } from "@/lib/audit/queries";
import { GroupHeader } from "@/lib/groups/components/group-header";
import { OriginBadge } from "@/lib/groups/components/origin-badge";
import { findGroup } from "@/lib/groups/service";
import { Badge, Breadcrumbs, Card, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "Group" };

const NOTICES: Record<string, string> = {
  created: "The group was created.",
  updated: "Your changes were saved.",
};

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const guard = await requirePageContext("groups.read", "groups");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const { notice } = await searchParams;
  const loaded = await tryLoad(() => findGroup(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  const history = ctx.can("audit.read")
    ? await listAuditEntries(ctx.current, { targetType: "group", targetId: id, limit: 10 })
    : null;
  const canWrite = ctx.can("groups.write");

  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Groups", href: "/groups" },
          { label: loaded.ok && loaded.data ? loaded.data.name : "Group" },
        ]}
      />
      {!loaded.ok ? (
        <div className="mt-4">
          <Notice tone="error">The group could not be loaded from ezeep. {loaded.error}</Notice>
        </div>
      ) : (
        <div className="mt-2">
          {typeof notice === "string" && NOTICES[notice] ? (
            <Notice tone="success">{NOTICES[notice]}</Notice>
          ) : null}
          <GroupHeader group={loaded.data!} canWrite={canWrite} />
          <Card className="mb-6">
            <dl className="grid grid-cols-2 gap-4 p-5 sm:grid-cols-4">
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Origin</dt>
                <dd className="mt-1">
                  <OriginBadge group={loaded.data!} />
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Members</dt>
                <dd className="mt-1 text-lg font-semibold">{loaded.data!.members}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Printers</dt>
                <dd className="mt-1 text-lg font-semibold">{loaded.data!.printers}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                  Printing options
                </dt>
                <dd className="mt-1 flex flex-wrap gap-1">
                  <Badge tone={loaded.data!.localPrintingEnabled ? "green" : "slate"}>
                    Local printing {loaded.data!.localPrintingEnabled ? "on" : "off"}
                  </Badge>
                  <Badge tone={loaded.data!.myPrintersEnabled ? "green" : "slate"}>
                    My printers {loaded.data!.myPrintersEnabled ? "on" : "off"}
                  </Badge>
                </dd>
              </div>
            </dl>
            {loaded.data!.origin === "azure" ? (
              <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
                Imported from Azure AD{loaded.data!.foreignId ? ` (object id ${loaded.data!.foreignId})` : ""}
                . Its name follows Azure AD.
              </p>
            ) : null}
          </Card>
        </div>
      )}
      {history ? (
        <RecentChanges
          entries={history.entries}
          emptyText="No changes were made to this group through the portal yet."
        />
      ) : null}
    </>
  );
}
