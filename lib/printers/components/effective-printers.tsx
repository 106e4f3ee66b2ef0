// The printers a user can print to: the union over the user's groups, each printer with the
// group(s) that give access. A server component; ezeep failures render as a notice (tryLoad).
import Link from "next/link";

import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { listEffectivePrinters } from "@/lib/printers/service";
import { Badge, Card, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

export async function EffectivePrinters(props: { ctx: OrgContext; userId: string }) {
  const { ctx, userId } = props;
  const title = (
    <h2 id="effective-printers-title" className="mb-2 text-sm font-semibold text-slate-900">
      Printers this user can print to
    </h2>
  );
  if (!can(ctx.role, "printers.read")) return null;
  const loaded = await tryLoad(() => listEffectivePrinters(ctx, userId));
  // Printers exist only for a user with a printing profile (an accepted invitation).
  const profile = loaded.ok && loaded.data.hasPrintingProfile ? loaded.data : null;
  return (
    <section aria-labelledby="effective-printers-title" data-testid="effective-printers">
      {title}
      {!loaded.ok ? (
        <Notice tone="error">The user’s printers could not be loaded from ezeep. {loaded.error}</Notice>
      ) : null}
      {loaded.ok && !loaded.data.hasPrintingProfile ? (
        <Card>
          <p className="px-4 py-6 text-sm text-slate-500">
            This user has no printing profile in ezeep yet (for example, the invitation has not been
            accepted).
          </p>
        </Card>
      ) : null}
      {profile && profile.printers.length === 0 ? (
        <Card>
          <p className="px-4 py-6 text-sm text-slate-500">
            {profile.groupCount === 0
              ? "This user is in no group, so no printer is assigned to them. Add them to a group that has printers."
              : `None of this user's ${profile.groupCount} group${profile.groupCount === 1 ? "" : "s"} has a printer assigned.`}
          </p>
        </Card>
      ) : null}
      {profile && profile.printers.length > 0 ? (
        <Card className="overflow-hidden">
          <ul className="divide-y divide-slate-100">
            {profile.printers.map((printer) => (
              <li
                key={printer.id}
                className="flex flex-col gap-1.5 px-4 py-3 text-sm sm:flex-row sm:items-center sm:gap-4"
              >
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/printers/${printer.id}`}
                    className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {printer.name}
                  </Link>
                  {printer.location ? <p className="truncate text-slate-500">{printer.location}</p> : null}
                </div>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="text-xs text-slate-500">via</span>
                  {printer.via.map((g) => (
                    <Link key={g.id} href={`/groups/${g.id}/printers`} className="hover:opacity-80">
                      <Badge tone="blue">{g.name}</Badge>
                    </Link>
                  ))}
                  {printer.status ? <StatusBadge status={printer.status} /> : null}
                </div>
              </li>
            ))}
          </ul>
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
            {profile.printers.length} printer{profile.printers.length === 1 ? "" : "s"} through{" "}
            {profile.groupCount} group
            {profile.groupCount === 1 ? "" : "s"}.
          </p>
        </Card>
      ) : null}
    </section>
  );
}
