import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/lib/auth/session";
import { auditQuerySchema, distinctAuditActions, listAuditEntries } from "@/lib/audit/queries";
import { AuditTable } from "@/lib/audit/components/audit-table";
import { AccessDenied, Card, EmptyState, PageHeader } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("audit.read")) return <AccessDenied what="the audit log" />;
  const params = await searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v !== "")));
  const [{ entries, nextBefore }, actions] = await Promise.all([listAuditEntries(ctx.current, query), distinctAuditActions(ctx.current)]);
  const filtered = Boolean(query.action || query.outcome || query.targetId || query.before);
  const olderHref = () => {
    const next = new URLSearchParams();
    if (query.action) next.set("action", query.action);
    if (query.outcome) next.set("outcome", query.outcome);
    if (query.targetType) next.set("targetType", query.targetType);
    if (query.targetId) next.set("targetId", query.targetId);
    next.set("before", String(nextBefore));
    return `/audit?${next}`;
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change made through the portal in ${ctx.current.organization.name}, including failed attempts. Entries cannot be edited or deleted.`}
      />
      <form className="mb-4 flex flex-col gap-2 sm:flex-row" action="/audit">
        <label htmlFor="audit-action" className="sr-only">Action</label>
        <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={`${inputClass} sm:w-56`}>
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a} value={a}>{a}</option>
          ))}
        </select>
        <label htmlFor="audit-outcome" className="sr-only">Outcome</label>
        <select id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ""} className={`${inputClass} sm:w-48`}>
          <option value="">All outcomes</option>
          <option value="success">Success</option>
          <option value="failure">Failed</option>
          <option value="pending">Outcome unknown</option>
        </select>
        <button type="submit" className={buttonClass.secondary}>Filter</button>
        {filtered ? <Link href="/audit" className={buttonClass.ghost}>Clear</Link> : null}
      </form>
      {entries.length === 0 ? (
        <EmptyState title={filtered ? "No entries match" : "Nothing recorded yet"}>
          {filtered ? "Try another filter." : "Changes made through the portal will appear here."}
        </EmptyState>
      ) : (
        <Card>
          <AuditTable entries={entries} />
          {nextBefore ? (
            <div className="border-t border-slate-200 px-4 py-3 text-right">
              <Link href={olderHref()} className={buttonClass.secondary}>Older entries</Link>
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
