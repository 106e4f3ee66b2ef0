// The import page's preview card: what the file would change, row by row, and the apply bar.
// Rendered inside the CsvImport client component.
import { useTranslations } from "next-intl";

import type { ImportPreview, ImportRowResult } from "@/lib/provisioning/csv";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass } from "@/lib/ui/styles";

import type { CsvImportState, ImportBusy, ImportProgress } from "./use-csv-import";

const OUTCOME_KEY = {
  added: "added",
  unchanged: "unchanged",
  invited: "invited",
  invitation_updated: "invitationUpdated",
  failed: "failed",
  skipped: "skipped",
} as const satisfies Record<ImportRowResult["outcome"], string>;

const sectionClass = "border-b border-slate-200 px-4 py-4 sm:px-6";

export function ImportPreviewCard({ state, preview }: { state: CsvImportState; preview: ImportPreview }) {
  return (
    <div className={`${cardClass} overflow-hidden`}>
      <PreviewCounts fileName={state.fileName} counts={preview.counts} />
      {preview.groups.length > 0 ? <PreviewGroups groups={preview.groups} /> : null}
      {preview.invalid.length > 0 ? <InvalidRows invalid={preview.invalid} /> : null}
      <PeopleTable users={preview.users} results={state.results} />
      <ApplyBar state={state} rowCount={preview.users.length} />
    </div>
  );
}

function PreviewCounts(props: { fileName: string | null; counts: ImportPreview["counts"] }) {
  const t = useTranslations("imports");
  const { counts } = props;
  return (
    <div className={sectionClass}>
      <h2 className="text-base font-semibold text-slate-900">
        {t("preview.title", { file: props.fileName ?? "" })}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="import-counts">
        {[
          [t("preview.groupsToCreate"), counts.create],
          [t("preview.groupsToUpdate"), counts.update],
          [t("preview.joinGroup"), counts.add],
          [t("preview.toInvite"), counts.invite + counts.invited],
          [t("preview.alreadyMembers"), counts.member],
          [t("preview.invalidRows"), counts.invalid],
        ].map(([label, n]) => (
          <div key={label} className="rounded-lg bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{n}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function PreviewGroups({ groups }: { groups: ImportPreview["groups"] }) {
  const t = useTranslations("imports");
  return (
    <div className={sectionClass}>
      <h3 className="text-sm font-semibold text-slate-900">{t("preview.groups")}</h3>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {groups.map((g) => (
          <li key={g.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <span className="min-w-0 flex-1 font-medium text-slate-900">{g.name}</span>
            <span className="text-slate-500">{t("preview.rows", { count: g.rows })}</span>
            <GroupActionBadge action={g.action} previousDescription={g.previousDescription} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function GroupActionBadge(props: { action: string; previousDescription: string | null }) {
  const t = useTranslations("imports.preview");
  if (props.action === "create") return <Badge tone="green">{t("create")}</Badge>;
  if (props.action === "update")
    return (
      <Badge tone="amber" title={t("was", { description: props.previousDescription ?? "" })}>
        {t("update")}
      </Badge>
    );
  return <Badge>{t("exists")}</Badge>;
}

function InvalidRows({ invalid }: { invalid: ImportPreview["invalid"] }) {
  const t = useTranslations("imports");
  return (
    <div className={sectionClass} data-testid="invalid-rows">
      <h3 className="text-sm font-semibold text-red-800">{t("preview.invalidHeading")}</h3>
      <ul className="mt-2 space-y-1 text-sm">
        {invalid.map((i) => (
          <li key={i.line}>
            <span className="font-medium text-slate-900">{t("preview.line", { line: i.line })}</span>{" "}
            <span className="text-slate-700">{i.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

type PreviewUser = ImportPreview["users"][number];

function PeopleTable(props: { users: PreviewUser[]; results: ImportRowResult[] | null }) {
  const t = useTranslations("imports");
  return (
    <div className="max-h-80 overflow-y-auto px-4 py-4 sm:px-6">
      <h3 className="text-sm font-semibold text-slate-900">{t("preview.people")}</h3>
      <table className="mt-2 w-full text-left text-sm">
        <tbody className="divide-y divide-slate-100">
          {props.users.map((u) => (
            <PersonRow key={u.line} user={u} result={props.results?.find((r) => r.line === u.line)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One planned row: its outcome once applied, until then what the import will do. */
function PersonRow({ user, result }: { user: PreviewUser; result: ImportRowResult | undefined }) {
  const t = useTranslations("imports");
  return (
    <tr className="flex flex-wrap gap-x-3 py-1.5 sm:table-row">
      <td className="text-slate-500 sm:py-1.5 sm:pr-3">{user.line}</td>
      <td className="min-w-0 font-medium break-all text-slate-900 sm:py-1.5 sm:pr-3">{user.email}</td>
      <td className="text-slate-600 sm:py-1.5 sm:pr-3">{user.group}</td>
      <td className="sm:py-1.5">
        {result ? (
          <Badge tone={result.outcome === "failed" ? "red" : "green"} title={result.error ?? undefined}>
            {t(`outcome.${OUTCOME_KEY[result.outcome]}`)}
          </Badge>
        ) : (
          <Badge tone={user.action === "member" ? "slate" : "blue"}>{t(`action.${user.action}`)}</Badge>
        )}
      </td>
    </tr>
  );
}

function ApplyBar({ state, rowCount }: { state: CsvImportState; rowCount: number }) {
  const t = useTranslations("imports");
  const { busy, progress, results, stopped } = state;
  return (
    <div className="space-y-3 border-t border-slate-200 bg-slate-50 px-4 py-4 sm:px-6">
      {progress ? <ApplyProgress progress={progress} busy={busy} /> : null}
      {stopped ? <FormAlert message={stopped} /> : null}
      {results && busy === null && !stopped ? <ApplySummary results={results} /> : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={busy !== null || rowCount === 0}
          onClick={state.apply}
        >
          {results ? t("apply.again") : t("apply.submit", { count: rowCount })}
        </button>
        {results ? (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={state.download}
            disabled={busy !== null}
          >
            {t("apply.report")}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function ApplyProgress({ progress, busy }: { progress: ImportProgress; busy: ImportBusy }) {
  const t = useTranslations("imports");
  const pct = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div>
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span>{busy === "apply" ? t("apply.applying") : t("apply.applied")}</span>
        <span>{t("apply.progress", { done: progress.done, total: progress.total })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t("apply.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function ApplySummary({ results }: { results: ImportRowResult[] }) {
  const t = useTranslations("imports");
  const failed = results.filter((r) => r.outcome === "failed").length;
  return (
    <p role="status" className="text-sm text-slate-700">
      {failed
        ? t("apply.doneWithFailures", { applied: results.length - failed, failed })
        : t("apply.done", { applied: results.length })}
    </p>
  );
}
