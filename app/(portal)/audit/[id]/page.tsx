import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { actionLabel } from "@/lib/audit/actions-catalog";
import { outcomeBadge } from "@/lib/audit/components/audit-table";
import { ActorBadge, settlementLabel } from "@/lib/audit/components/badges";
import { EntryDiff } from "@/lib/audit/components/entry-diff";
import { describeChange } from "@/lib/audit/describe";
import { getAuditEntry, type AuditEntryView } from "@/lib/audit/queries";
import { auditViewerOf, canReadEntryOf } from "@/lib/audit/scope";
import type { Settlement } from "@/lib/audit/settlements";
import { Breadcrumbs, Card, formatDateTime, PageHeader } from "@/lib/ui/components";
import { LocalTime } from "@/lib/ui/local-time";
import { requirePageContext } from "@/lib/ui/page-guard";

export const metadata: Metadata = { title: "Audit entry" };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const ACTOR_KIND: Record<string, string> = {
  admin: "Portal admin",
  api_token: "API token",
  system: "The portal (background job)",
  external: "Someone outside the portal (found by drift detection)",
};

function completionNote(entry: { completedAt: Date | null; outcome: string }): string {
  if (entry.completedAt) return `completed ${formatDateTime(entry.completedAt)}`;
  return entry.outcome === "pending" ? "no outcome recorded" : "";
}

const entryLink = "font-medium text-brand-700 hover:underline";

/** An "unknown" entry links to the entry that settled it (what reading ezeep back showed). */
function UnknownOutcome({ settledBy }: { settledBy: Settlement | null | undefined }) {
  if (!settledBy)
    return (
      <span className="text-violet-800" data-testid="unknown-outcome">
        ezeep did not answer; the portal is checking whether the change was applied.
      </span>
    );
  return (
    <span className="text-violet-800" data-testid="unknown-outcome">
      ezeep did not answer; checked later: {settlementLabel(settledBy)} (
      <Link href={`/audit/${settledBy.id}`} className={entryLink}>
        entry {settledBy.id}
      </Link>
      ).
    </span>
  );
}

function EzeepOutcome({ entry }: { entry: AuditEntryView }) {
  if (entry.outcome === "unknown") return <UnknownOutcome settledBy={entry.settledBy} />;
  if (entry.reconcilesId !== null)
    return (
      <span data-testid="settles-entry">
        Read back from ezeep after it did not answer{" "}
        <Link href={`/audit/${entry.reconcilesId}`} className={entryLink}>
          entry {entry.reconcilesId}
        </Link>
        : checked later, {settlementLabel({ id: entry.id, outcome: entry.outcome })}.
      </span>
    );
  if (entry.outcome === "success") return <>ezeep accepted the change.</>;
  if (entry.outcome === "failure")
    return (
      <span className="text-red-700">
        {entry.ezeepStatus ? `HTTP ${entry.ezeepStatus}: ` : ""}
        {entry.error ?? "failed"}
      </span>
    );
  return (
    <span className="text-amber-800">Unknown: the portal recorded the attempt but no answer from ezeep.</span>
  );
}

export default async function AuditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("audit.read", "the audit log");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) notFound();
  const entry = await getAuditEntry(n);
  if (!entry || !canReadEntryOf(auditViewerOf(ctx), entry.organizationId)) notFound();
  const org = ctx.memberships.find((m) => m.organization.id === entry.organizationId)?.organization;

  return (
    <>
      <Breadcrumbs items={[{ label: "Audit log", href: "/audit" }, { label: `Entry ${entry.id}` }]} />
      <div className="mt-2">
        <PageHeader
          title={`${actionLabel(entry.action)}${entry.targetLabel ? ` · ${entry.targetLabel}` : ""}`}
          description={
            <>
              Entry {entry.id} · <LocalTime iso={entry.at.toISOString()} />
              {org ? ` · ${org.name}` : " · portal-wide"}
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
            <Field label="Who">
              <span className="font-medium">{entry.actorLabel}</span>
              <span className="block text-xs text-slate-500">
                {ACTOR_KIND[entry.actorType] ?? entry.actorType}
                {entry.actorId ? ` · ${entry.actorId}` : ""}
              </span>
            </Field>
            <Field label="When">
              <LocalTime iso={entry.at.toISOString()} />
              <span className="block text-xs text-slate-500">{completionNote(entry)}</span>
            </Field>
            <Field label="From where">
              {entry.ip ?? <span className="text-slate-500">no IP recorded</span>}
              {entry.userAgent ? (
                <span className="block text-xs text-slate-500" data-testid="user-agent">
                  {entry.userAgent}
                </span>
              ) : null}
            </Field>
            <Field label="What">
              <span className="font-medium" data-testid="entry-sentence">
                {describeChange(entry)}
              </span>
              <span className="block text-xs text-slate-500">
                {entry.targetType}
                {entry.targetLabel ? <> “{entry.targetLabel}”</> : null} ·{" "}
                <code className="text-xs">{entry.action}</code>
              </span>
              {entry.targetId ? (
                <span className="block text-xs break-all text-slate-500">{entry.targetId}</span>
              ) : null}
            </Field>
            <Field label="ezeep outcome">
              <EzeepOutcome entry={entry} />
            </Field>
            <Field label="Request">
              {entry.requestId ? (
                <code className="text-xs break-all">{entry.requestId}</code>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </Field>
          </dl>
        </Card>
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">Tamper evidence</h2>
          {entry.hash ? (
            <>
              <p
                className={`mt-2 text-sm ${entry.hashValid ? "text-emerald-800" : "text-red-700"}`}
                data-testid="entry-integrity"
              >
                {entry.hashValid
                  ? "Content matches its hash."
                  : "Content does NOT match its hash: this entry was changed."}
              </p>
              <dl className="mt-3 space-y-2 text-xs">
                <div>
                  <dt className="text-slate-500">Position in chain</dt>
                  <dd className="font-mono">{entry.chainSeq}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Hash</dt>
                  <dd className="font-mono break-all text-slate-800">{entry.hash}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Previous hash</dt>
                  <dd className="font-mono break-all text-slate-800">
                    {entry.prevHash ?? "— (first entry)"}
                  </dd>
                </div>
              </dl>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              Not chained yet: the entry joins the chain when its outcome is recorded.
            </p>
          )}
        </Card>
      </div>
      <Card className="mt-4 overflow-x-auto">
        <h2 className="px-4 pt-4 text-sm font-semibold text-slate-900">Before and after</h2>
        <EntryDiff before={entry.before} after={entry.after} />
      </Card>
    </>
  );
}
