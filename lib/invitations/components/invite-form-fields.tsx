"use client";

// The invite form's field groups: addresses (with a live count of valid, invalid and repeated
// ones), role, intended groups (filterable when there are many), and how long the link is valid.
import { useTranslations } from "next-intl";

import { MAX_ADDRESSES } from "@/lib/invitations/addresses";
import { Badge } from "@/lib/ui/components";
import { inputClass, labelClass } from "@/lib/ui/styles";

type Translate = ReturnType<typeof useTranslations<"invitations">>;

export type InviteRole = "user" | "admin";

export interface GroupChoice {
  id: string;
  name: string;
  azure: boolean;
}

export interface AddressCounts {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
}

/** Above this many groups the picker gets a filter box. */
const GROUP_FILTER_THRESHOLD = 8;

function FieldError({ errors }: { errors?: string[] }) {
  return errors ? <p className="text-sm text-red-700">{errors[0]}</p> : null;
}

export function EmailsField(props: {
  value: string;
  onChange: (value: string) => void;
  counts: AddressCounts;
  errors?: string[];
}) {
  const t = useTranslations("invitations");
  return (
    <div className="space-y-1.5">
      <label htmlFor="emails" className={labelClass}>
        {t("form.emails")}
      </label>
      <textarea
        id="emails"
        name="emails"
        rows={5}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={"ada@example.com, grace@example.com\nLin Chen <lin@example.com>"}
        aria-invalid={Boolean(props.errors)}
        aria-describedby="emails-hint"
        className={`${inputClass} font-mono text-[13px]`}
      />
      <div id="emails-hint" className="flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs">
        {props.errors ? (
          <span className="text-red-700">{props.errors[0]}</span>
        ) : (
          <span className="text-slate-500">{t("form.emailsHint", { max: MAX_ADDRESSES })}</span>
        )}
        {props.counts.total ? <AddressCountsLine counts={props.counts} /> : null}
      </div>
    </div>
  );
}

function AddressCountsLine({ counts }: { counts: AddressCounts }) {
  const t = useTranslations("invitations");
  return (
    <span className="text-slate-600" aria-live="polite">
      {t("form.validCount", { count: counts.valid })}
      {counts.invalid ? (
        <span className="text-red-700">
          {" · "}
          {t("form.invalidCount", { count: counts.invalid })}
        </span>
      ) : null}
      {counts.duplicates ? (
        <span>
          {" · "}
          {t("form.duplicateCount", { count: counts.duplicates })}
        </span>
      ) : null}
    </span>
  );
}

export function RoleField(props: {
  value: InviteRole;
  onChange: (value: InviteRole) => void;
  canChooseAdmin: boolean;
  errors?: string[];
}) {
  const t = useTranslations("invitations");
  const options = [
    ["user", t("form.roleUser"), t("form.roleUserHint")],
    ["admin", t("form.roleAdmin"), t("form.roleAdminHint")],
  ] as const;
  return (
    <fieldset className="space-y-2">
      <legend className={labelClass}>{t("form.role")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map(([value, label, hint]) => {
          const disabled = value === "admin" && !props.canChooseAdmin;
          return (
            <label
              key={value}
              className={`flex gap-3 rounded-lg border p-3 text-sm ${props.value === value ? "border-brand-500 bg-brand-50" : "border-slate-200"} ${disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer"}`}
            >
              <input
                type="radio"
                name="role"
                value={value}
                checked={props.value === value}
                disabled={disabled}
                onChange={() => props.onChange(value)}
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
      <FieldError errors={props.errors} />
    </fieldset>
  );
}

export interface GroupsFieldProps {
  groups: GroupChoice[] | null;
  groupsError: string | null;
  canChooseGroups: boolean;
  chosen: string[];
  onChosenChange: (update: (prev: string[]) => string[]) => void;
  filter: string;
  onFilterChange: (value: string) => void;
  errors?: string[];
}

export function GroupsField(props: GroupsFieldProps) {
  const t = useTranslations("invitations");
  return (
    <fieldset className="space-y-2">
      <legend className={labelClass}>
        {t("form.groups")} <span className="font-normal text-slate-500">{t("form.groupsHint")}</span>
      </legend>
      {groupsNotice(props, t) ?? <GroupPicker {...props} groups={props.groups ?? []} />}
      <FieldError errors={props.errors} />
    </fieldset>
  );
}

function GroupPicker(props: GroupsFieldProps & { groups: GroupChoice[] }) {
  const t = useTranslations("invitations");
  const needle = props.filter.trim().toLowerCase();
  const visibleGroups = props.groups.filter((g) => g.name.toLowerCase().includes(needle));
  const toggle = (id: string, checked: boolean) =>
    props.onChosenChange((prev) => (checked ? [...prev, id] : prev.filter((x) => x !== id)));
  return (
    <div className="rounded-lg border border-slate-200">
      {props.groups.length > GROUP_FILTER_THRESHOLD ? (
        <div className="border-b border-slate-100 p-2">
          <label htmlFor="group-filter" className="sr-only">
            {t("form.filterGroups")}
          </label>
          <input
            id="group-filter"
            type="search"
            value={props.filter}
            onChange={(e) => props.onFilterChange(e.target.value)}
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
                checked={props.chosen.includes(g.id)}
                onChange={(e) => toggle(g.id, e.target.checked)}
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
      {props.chosen.length ? (
        <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
          {t("form.groupsSelected", { count: props.chosen.length })}
        </p>
      ) : null}
    </div>
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

export function ExpiryField(props: { value: string; onChange: (value: string) => void; errors?: string[] }) {
  const t = useTranslations("invitations");
  return (
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
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-invalid={Boolean(props.errors)}
          className={inputClass}
        />
      </div>
      <FieldError errors={props.errors} />
    </div>
  );
}
