"use client";

// Invite one or many addresses with a role and intended groups; after sending, the outcome of
// every address is listed (sent, invalid, listed twice, refused by ezeep, not sent).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";

import { inviteAction } from "@/lib/invitations/actions";
import { MAX_ADDRESSES, parseAddressList } from "@/lib/invitations/addresses";
import { Badge, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

interface AddressResult {
  input: string;
  email: string | null;
  outcome: "sent" | "invalid" | "duplicate" | "rejected" | "failed" | "unknown";
  message: string;
  warning?: string;
}

type Translate = ReturnType<typeof useTranslations<"invitations">>;

const OUTCOME = {
  sent: { label: "form.outcomeSent", tone: "green" },
  invalid: { label: "form.outcomeInvalid", tone: "red" },
  duplicate: { label: "form.outcomeDuplicate", tone: "slate" },
  rejected: { label: "form.outcomeRejected", tone: "amber" },
  failed: { label: "form.outcomeFailed", tone: "red" },
  unknown: { label: "form.outcomeUnknown", tone: "amber" },
} as const satisfies Record<
  AddressResult["outcome"],
  { label: string; tone: "green" | "red" | "amber" | "slate" }
>;

export function InviteForm(props: {
  groups: { id: string; name: string; azure: boolean }[] | null;
  groupsError: string | null;
  canChooseAdmin: boolean;
  canChooseGroups: boolean;
  defaultExpiryDays: number;
}) {
  const t = useTranslations("invitations");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor, fieldErrors } = form;
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<"user" | "admin">("user");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [days, setDays] = useState(String(props.defaultExpiryDays));
  const [results, setResults] = useState<AddressResult[] | null>(null);
  // The form is replaced by the results: focus goes to their summary, not to <body>.
  useEffect(() => {
    if (results) resultsHeading.current?.focus();
  }, [results]);

  const parsed = useMemo(() => parseAddressList(emails), [emails]);
  const valid = parsed.filter((p) => !p.problem).length;
  const invalid = parsed.filter((p) => p.problem === "invalid").length;
  const duplicates = parsed.filter((p) => p.problem === "duplicate").length;
  const visibleGroups = (props.groups ?? []).filter((g) =>
    g.name.toLowerCase().includes(filter.trim().toLowerCase()),
  );

  if (results) {
    const sent = results.filter((r) => r.outcome === "sent").length;
    return (
      <section className={`${cardClass} max-w-3xl`} aria-labelledby="results-title">
        <div className="border-b border-slate-100 px-6 py-4">
          <h2
            id="results-title"
            ref={resultsHeading}
            tabIndex={-1}
            className="text-base font-semibold text-slate-900 focus:outline-none"
            role="status"
          >
            {sent === results.length
              ? t("form.allSent", { count: sent })
              : t("form.someSent", { sent, count: results.length })}
          </h2>
          {sent < results.length ? (
            <p className="mt-1 text-sm text-slate-600">{t("form.othersListed")}</p>
          ) : null}
        </div>
        <ul className="divide-y divide-slate-100" data-testid="invite-results">
          {results.map((r, i) => (
            <li
              key={`${r.input}-${i}`}
              className="flex flex-col gap-1 px-6 py-3 sm:flex-row sm:items-start sm:gap-4"
              data-testid="invite-result"
            >
              <div className="w-36 shrink-0">
                <Badge tone={OUTCOME[r.outcome].tone}>{t(OUTCOME[r.outcome].label)}</Badge>
              </div>
              <div className="min-w-0 text-sm">
                <p className="font-medium break-all text-slate-900">{r.email ?? r.input}</p>
                {r.outcome !== "sent" ? <p className="text-slate-600">{r.message}</p> : null}
                {r.warning ? <p className="text-amber-800">{r.warning}</p> : null}
              </div>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
          <Link href="/invitations" className={buttonClass.primary}>
            {t("form.viewInvitations")}
          </Link>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              // Keep what was not sent, to fix and try again.
              setEmails(
                results
                  .filter((r) => r.outcome === "invalid" || r.outcome === "failed")
                  .map((r) => r.input)
                  .join("\n"),
              );
              setResults(null);
            }}
          >
            {t("form.inviteMore")}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form
      noValidate
      className={`${cardClass} max-w-3xl`}
      onSubmit={(event) => {
        event.preventDefault();
        form.reset();
        form.run(
          () =>
            inviteAction({
              emails,
              role,
              groupIds,
              expiresInDays: days === "" ? undefined : Number(days),
            }),
          (data) => {
            setResults(data.results);
            router.refresh();
          },
        );
      }}
    >
      <div className="space-y-6 p-6">
        <FormAlert message={error} ref={errorAnchor} />
        <div className="space-y-1.5">
          <label htmlFor="emails" className={labelClass}>
            {t("form.emails")}
          </label>
          <textarea
            id="emails"
            name="emails"
            rows={5}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
            placeholder={"ada@example.com, grace@example.com\nLin Chen <lin@example.com>"}
            aria-invalid={Boolean(fieldErrors.emails)}
            aria-describedby="emails-hint"
            className={`${inputClass} font-mono text-[13px]`}
          />
          <div id="emails-hint" className="flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs">
            {fieldErrors.emails ? (
              <span className="text-red-700">{fieldErrors.emails[0]}</span>
            ) : (
              <span className="text-slate-500">{t("form.emailsHint", { max: MAX_ADDRESSES })}</span>
            )}
            {parsed.length ? (
              <span className="text-slate-600" aria-live="polite">
                {t("form.validCount", { count: valid })}
                {invalid ? (
                  <span className="text-red-700">
                    {" · "}
                    {t("form.invalidCount", { count: invalid })}
                  </span>
                ) : null}
                {duplicates ? (
                  <span>
                    {" · "}
                    {t("form.duplicateCount", { count: duplicates })}
                  </span>
                ) : null}
              </span>
            ) : null}
          </div>
        </div>

        <fieldset className="space-y-2">
          <legend className={labelClass}>{t("form.role")}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {(
              [
                ["user", t("form.roleUser"), t("form.roleUserHint")],
                ["admin", t("form.roleAdmin"), t("form.roleAdminHint")],
              ] as const
            ).map(([value, label, hint]) => {
              const disabled = value === "admin" && !props.canChooseAdmin;
              return (
                <label
                  key={value}
                  className={`flex gap-3 rounded-lg border p-3 text-sm ${role === value ? "border-brand-500 bg-brand-50" : "border-slate-200"} ${disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer"}`}
                >
                  <input
                    type="radio"
                    name="role"
                    value={value}
                    checked={role === value}
                    disabled={disabled}
                    onChange={() => setRole(value)}
                    className="mt-0.5"
                  />
                  <span>
                    <span className="font-medium text-slate-900">{label}</span>
                    <span className="block text-slate-600">{disabled ? t("form.roleUsersOnly") : hint}</span>
                  </span>
                </label>
              );
            })}
          </div>
          {fieldErrors.role ? <p className="text-sm text-red-700">{fieldErrors.role[0]}</p> : null}
        </fieldset>

        <fieldset className="space-y-2">
          <legend className={labelClass}>
            {t("form.groups")} <span className="font-normal text-slate-500">{t("form.groupsHint")}</span>
          </legend>
          {groupsNotice(props, t) ?? (
            <div className="rounded-lg border border-slate-200">
              {(props.groups?.length ?? 0) > 8 ? (
                <div className="border-b border-slate-100 p-2">
                  <label htmlFor="group-filter" className="sr-only">
                    {t("form.filterGroups")}
                  </label>
                  <input
                    id="group-filter"
                    type="search"
                    value={filter}
                    onChange={(e) => setFilter(e.target.value)}
                    placeholder={t("form.filterGroups")}
                    className={inputClass}
                  />
                </div>
              ) : null}
              <ul className="grid max-h-64 gap-x-4 overflow-y-auto p-2 sm:grid-cols-2">
                {visibleGroups.map((g) => (
                  <li key={g.id}>
                    <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50">
                      <input
                        type="checkbox"
                        className="size-4 rounded border-slate-300"
                        checked={groupIds.includes(g.id)}
                        onChange={(e) =>
                          setGroupIds((prev) =>
                            e.target.checked ? [...prev, g.id] : prev.filter((x) => x !== g.id),
                          )
                        }
                      />
                      <span className="truncate text-slate-800">{g.name}</span>
                      {g.azure ? <Badge tone="violet">{t("form.azure")}</Badge> : null}
                    </label>
                  </li>
                ))}
                {visibleGroups.length === 0 ? (
                  <li className="px-2 py-1.5 text-sm text-slate-500">{t("form.noGroupMatches")}</li>
                ) : null}
              </ul>
              {groupIds.length ? (
                <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
                  {t("form.groupsSelected", { count: groupIds.length })}
                </p>
              ) : null}
            </div>
          )}
          {fieldErrors.groupIds ? <p className="text-sm text-red-700">{fieldErrors.groupIds[0]}</p> : null}
        </fieldset>

        <div className="space-y-1.5">
          <label htmlFor="expires" className={labelClass}>
            {t("form.validFor")}
          </label>
          <div className="w-32">
            <input
              id="expires"
              type="number"
              min={1}
              max={90}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              aria-invalid={Boolean(fieldErrors.expiresInDays)}
              className={inputClass}
            />
          </div>
          {fieldErrors.expiresInDays ? (
            <p className="text-sm text-red-700">{fieldErrors.expiresInDays[0]}</p>
          ) : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {submitLabel(t, pending, valid)}
        </button>
        <Link href="/invitations" className={buttonClass.secondary}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}

/** Why there is no group picker (role, ezeep unreachable, no groups), or null to show it. */
function groupsNotice(
  props: {
    canChooseGroups: boolean;
    groups: { id: string }[] | null;
    groupsError: string | null;
  },
  t: Translate,
) {
  if (!props.canChooseGroups)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-600">
        {t("form.noGroupChoice")}
      </p>
    );
  if (props.groups === null)
    return (
      <p className="text-sm text-red-700">{t("form.groupsNotLoaded", { error: props.groupsError ?? "" })}</p>
    );
  if (props.groups.length === 0) return <p className="text-sm text-slate-600">{t("form.noGroups")}</p>;
  return null;
}

function submitLabel(t: Translate, pending: boolean, valid: number): string {
  if (pending) return t("form.sending");
  return valid > 1 ? t("form.sendMany", { count: valid }) : t("form.sendOne");
}
