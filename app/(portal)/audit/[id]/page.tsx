import type { Metadata } from "next";
import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { outcomeBadge } from "@/lib/audit/components/audit-table";
import { ActorBadge, isActorType, settlementKey } from "@/lib/audit/components/badges";
import { EntryDiff } from "@/lib/audit/components/entry-diff";
import { describeChange } from "@/lib/audit/describe";
import { localActionLabel } from "@/lib/audit/i18n";
import { getAuditEntry, type AuditEntryView } from "@/lib/audit/queries";
import { auditViewerOf, canReadEntryOf } from "@/lib/audit/scope";
import type { Settlement } from "@/lib/audit/settlements";
import { Breadcrumbs, Card, formatDateTime, PageHeader } from "@/lib/ui/components";
import { LocalTime } from "@/lib/ui/local-time";
import { requirePageContext } from "@/lib/ui/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit.entry");
  return { title: t("title") };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function CompletionNote({ entry }: { entry: { completedAt: Date | null; outcome: string } }) {
  const t = useTranslations("audit.entry");
  const locale = useLocale();
  if (entry.completedAt) return <>{t("completed", { time: formatDateTime(entry.completedAt, locale) })}</>;
  return entry.outcome === "pending" ? <>{t("noOutcomeRecorded")}</> : null;
}

const entryLink = "font-medium text-brand-700 hover:underline";

/** An "unknown" entry links to the entry that settled it (what reading ezeep back showed). */
function UnknownOutcome({ settledBy }: { settledBy: Settlement | null | undefined }) {
  const t = useTranslations("audit");
  if (!settledBy)
    return (
      <span className="text-violet-800" data-testid="unknown-outcome">
        {t("entry.unknownChecking")}
      </span>
    );
  return (
    <span className="text-violet-800" data-testid="unknown-outcome">
      {t.rich("entry.unknownChecked", {
        result: t(`outcome.${settlementKey(settledBy)}`),
        id: settledBy.id,
        link: (chunks) => (
          <Link href={`/audit/${settledBy.id}`} className={entryLink}>
            {chunks}
          </Link>
        ),
      })}
    </span>
  );
}

function EzeepOutcome({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("audit");
  if (entry.outcome === "unknown") return <UnknownOutcome settledBy={entry.settledBy} />;
  const reconciles = entry.reconcilesId;
  if (reconciles !== null)
    return (
      <span data-testid="settles-entry">
        {t.rich("entry.settles", {
          id: reconciles,
          result: t(`outcome.${settlementKey({ id: entry.id, outcome: entry.outcome })}`),
          link: (chunks) => (
            <Link href={`/audit/${reconciles}`} className={entryLink}>
              {chunks}
            </Link>
          ),
        })}
      </span>
    );
  if (entry.outcome === "success") return <>{t("entry.accepted")}</>;
  if (entry.outcome === "failure")
    return (
      <span className="text-red-700">
        {entry.ezeepStatus ? `HTTP ${entry.ezeepStatus}: ` : ""}
        {entry.error ?? t("entry.failed")}
      </span>
    );
  return <span className="text-amber-800">{t("entry.unknownNoAnswer")}</span>;
}

export default async function AuditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("audit");
  const guard = await requirePageContext("audit.read", t("list.deniedWhat"));
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) notFound();
  const entry = await getAuditEntry(n);
  if (!entry || !canReadEntryOf(auditViewerOf(ctx), entry.organizationId)) notFound();
  const label = localActionLabel(t, entry.action);
  const org = ctx.memberships.find((m) => m.organization.id === entry.organizationId)?.organization;

  return (
    <>
      <Breadcrumbs
        items={[{ label: t("list.title"), href: "/audit" }, { label: t("entry.entryN", { id: entry.id }) }]}
      />
      <div className="mt-2">
        <PageHeader
          title={`${label}${entry.targetLabel ? ` · ${entry.targetLabel}` : ""}`}
          description={
            <>
              {t("entry.entryN", { id: entry.id })} · <LocalTime iso={entry.at.toISOString()} />
              {` · ${org ? org.name : t("entry.portalWide")}`}
            </>
          }
          actions={
            <div className="flex items-center gap-2">
              {entry.actorType !== "admin" ? <ActorBadge type={entry.actorType} /> : null}
              {outcomeBadge(entry.outcome, entry.settledBy)}
            </div>
          }
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="p-4 lg:col-span-2">
          <dl className="grid gap-4 sm:grid-cols-2">
            <Field label={t("entry.who")}>
              <span className="font-medium">{entry.actorLabel}</span>
              <span className="block text-xs text-slate-500">
                {isActorType(entry.actorType) ? t(`actor.${entry.actorType}.kind`) : entry.actorType}
                {entry.actorId ? ` · ${entry.actorId}` : ""}
              </span>
            </Field>
            <Field label={t("entry.when")}>
              <LocalTime iso={entry.at.toISOString()} />
              <span className="block text-xs text-slate-500">
                <CompletionNote entry={entry} />
              </span>
            </Field>
            <Field label={t("entry.fromWhere")}>
              {entry.ip ?? <span className="text-slate-500">{t("entry.noIp")}</span>}
              {entry.userAgent ? (
                <span className="block text-xs text-slate-500" data-testid="user-agent">
                  {entry.userAgent}
                </span>
              ) : null}
            </Field>
            <Field label={t("entry.what")}>
              <span className="font-medium" data-testid="entry-sentence">
                {describeChange(entry, t)}
              </span>
              <span className="block text-xs text-slate-500">
                {entry.targetType}
                {entry.targetLabel
                  ? ` ${t("entry.quotedTarget", { label: entry.targetLabel })}`
                  : null} · <code className="text-xs">{entry.action}</code>
              </span>
              {entry.targetId ? (
                <span className="block text-xs break-all text-slate-500">{entry.targetId}</span>
              ) : null}
            </Field>
            <Field label={t("entry.ezeepOutcome")}>
              <EzeepOutcome entry={entry} />
            </Field>
            <Field label={t("entry.request")}>
              {entry.requestId ? (
                <code className="text-xs break-all">{entry.requestId}</code>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </Field>
          </dl>
        </Card>
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("entry.tamper")}</h2>
          {entry.hash ? (
            <>
              <p
                className={`mt-2 text-sm ${entry.hashValid ? "text-emerald-800" : "text-red-700"}`}
                data-testid="entry-integrity"
              >
                {entry.hashValid ? t("entry.hashOk") : t("entry.hashBad")}
              </p>
              <dl className="mt-3 space-y-2 text-xs">
                <div>
                  <dt className="text-slate-500">{t("entry.chainPosition")}</dt>
                  <dd className="font-mono">{entry.chainSeq}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("entry.hash")}</dt>
                  <dd className="font-mono break-all text-slate-800">{entry.hash}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("entry.prevHash")}</dt>
                  <dd className="font-mono break-all text-slate-800">
                    {entry.prevHash ?? t("entry.firstEntry")}
                  </dd>
                </div>
              </dl>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{t("entry.notChained")}</p>
          )}
        </Card>
      </div>
      <Card className="mt-4 overflow-x-auto">
        <h2 className="px-4 pt-4 text-sm font-semibold text-slate-900">{t("entry.beforeAfter")}</h2>
        <EntryDiff before={entry.before} after={entry.after} />
      </Card>
    </>
  );
}
