// The printers a user can print to: the union over the user's groups, each printer with the
// group(s) that give access. A server component; ezeep failures render as a notice (tryLoad).
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { StatusBadge } from "@/lib/printers/components/status-badge";
import { listEffectivePrinters } from "@/lib/printers/service";
import { Badge, Card, Notice } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";

type EffectivePrinterSet = Awaited<ReturnType<typeof listEffectivePrinters>>;
type EffectivePrinter = EffectivePrinterSet["printers"][number];

export async function EffectivePrinters(props: { ctx: OrgContext; userId: string }) {
  const { ctx, userId } = props;
  const t = await getTranslations("printers");
  const title = (
    <h2 id="effective-printers-title" className="mb-2 text-sm font-semibold text-slate-900">
      {t("effective.title")}
    </h2>
  );
  if (!can(ctx.role, "printers.read")) return null;
  const loaded = await tryLoad(() => listEffectivePrinters(ctx, userId));
  // Printers exist only for a user with a printing profile (an accepted invitation).
  const profile = loaded.ok && loaded.data.hasPrintingProfile ? loaded.data : null;
  return (
    <section aria-labelledby="effective-printers-title" data-testid="effective-printers">
      {title}
      {!loaded.ok ? <Notice tone="error">{t("effective.loadFailed", { error: loaded.error })}</Notice> : null}
      {loaded.ok && !loaded.data.hasPrintingProfile ? (
        <Card>
          <p className="px-4 py-6 text-sm text-slate-500">{t("effective.noProfile")}</p>
        </Card>
      ) : null}
      {profile && profile.printers.length === 0 ? (
        <Card>
          <p className="px-4 py-6 text-sm text-slate-500">
            {profile.groupCount === 0
              ? t("effective.noGroup")
              : t("effective.noPrinterInGroups", { count: profile.groupCount })}
          </p>
        </Card>
      ) : null}
      {profile && profile.printers.length > 0 ? <EffectivePrinterList profile={profile} /> : null}
    </section>
  );
}

async function EffectivePrinterList({ profile }: { profile: EffectivePrinterSet }) {
  const t = await getTranslations("printers");
  return (
    <Card className="overflow-hidden">
      <ul className="divide-y divide-slate-100">
        {profile.printers.map((printer) => (
          <EffectivePrinterItem key={printer.id} printer={printer} viaLabel={t("effective.via")} />
        ))}
      </ul>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        {t("effective.summary", { printers: profile.printers.length, groups: profile.groupCount })}
      </p>
    </Card>
  );
}

/** A printer, its location, the groups that give access (each a link), and its status. */
function EffectivePrinterItem({ printer, viaLabel }: { printer: EffectivePrinter; viaLabel: string }) {
  return (
    <li className="flex flex-col gap-1.5 px-4 py-3 text-sm sm:flex-row sm:items-center sm:gap-4">
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
        <span className="text-xs text-slate-500">{viaLabel}</span>
        {printer.via.map((g) => (
          <Link key={g.id} href={`/groups/${g.id}/printers`} className="hover:opacity-80">
            <Badge tone="blue">{g.name}</Badge>
          </Link>
        ))}
        {printer.status ? <StatusBadge status={printer.status} /> : null}
      </div>
    </li>
  );
}
