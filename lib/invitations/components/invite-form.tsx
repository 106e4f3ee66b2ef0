"use client";

// Invite one or many addresses with a role and intended groups; after sending, the outcome of
// every address is listed (sent, invalid, listed twice, refused by ezeep, not sent).
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";

import { inviteAction } from "@/lib/invitations/actions";
import { parseAddressList } from "@/lib/invitations/addresses";
import {
  EmailsField,
  ExpiryField,
  GroupsField,
  RoleField,
  type AddressCounts,
  type GroupChoice,
  type InviteRole,
} from "@/lib/invitations/components/invite-form-fields";
import {
  addressesToRetry,
  InviteResults,
  type AddressResult,
} from "@/lib/invitations/components/invite-results";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

type Translate = ReturnType<typeof useTranslations<"invitations">>;

interface InviteFormProps {
  groups: GroupChoice[] | null;
  groupsError: string | null;
  canChooseAdmin: boolean;
  canChooseGroups: boolean;
  defaultExpiryDays: number;
}

/** The form's values live here, above the form, so they survive showing the results and back. */
function useInviteFormState(defaultExpiryDays: number) {
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<InviteRole>("user");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [days, setDays] = useState(String(defaultExpiryDays));
  const [results, setResults] = useState<AddressResult[] | null>(null);
  const parsed = useMemo(() => parseAddressList(emails), [emails]);
  const counts: AddressCounts = {
    total: parsed.length,
    valid: parsed.filter((p) => !p.problem).length,
    invalid: parsed.filter((p) => p.problem === "invalid").length,
    duplicates: parsed.filter((p) => p.problem === "duplicate").length,
  };
  const inviteMore = (shown: AddressResult[]) => {
    setEmails(addressesToRetry(shown));
    setResults(null);
  };
  return {
    emails,
    setEmails,
    role,
    setRole,
    groupIds,
    setGroupIds,
    filter,
    setFilter,
    days,
    setDays,
    results,
    setResults,
    counts,
    inviteMore,
  };
}

type InviteFormState = ReturnType<typeof useInviteFormState>;

/** Sends the invitations; on success the results replace the form. */
function useInviteSubmit(state: InviteFormState) {
  const router = useRouter();
  const form = useActionForm();
  const submit = () => {
    form.reset();
    form.run(
      () =>
        inviteAction({
          emails: state.emails,
          role: state.role,
          groupIds: state.groupIds,
          expiresInDays: state.days === "" ? undefined : Number(state.days),
        }),
      (data) => {
        state.setResults(data.results);
        router.refresh();
      },
    );
  };
  return { form, submit };
}

export function InviteForm(props: InviteFormProps) {
  const state = useInviteFormState(props.defaultExpiryDays);
  const { form, submit } = useInviteSubmit(state);
  const { pending, error, errorAnchor, fieldErrors } = form;
  const { results } = state;

  if (results) return <InviteResults results={results} onInviteMore={() => state.inviteMore(results)} />;

  return (
    <form
      noValidate
      className={`${cardClass} max-w-3xl`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="space-y-6 p-6">
        <FormAlert message={error} ref={errorAnchor} />
        <EmailsField
          value={state.emails}
          onChange={state.setEmails}
          counts={state.counts}
          errors={fieldErrors.emails}
        />
        <RoleField
          value={state.role}
          onChange={state.setRole}
          canChooseAdmin={props.canChooseAdmin}
          errors={fieldErrors.role}
        />
        <GroupsField
          groups={props.groups}
          groupsError={props.groupsError}
          canChooseGroups={props.canChooseGroups}
          chosen={state.groupIds}
          onChosenChange={state.setGroupIds}
          filter={state.filter}
          onFilterChange={state.setFilter}
          errors={fieldErrors.groupIds}
        />
        <ExpiryField value={state.days} onChange={state.setDays} errors={fieldErrors.expiresInDays} />
      </div>
      <InviteFormFooter pending={pending} valid={state.counts.valid} />
    </form>
  );
}

function InviteFormFooter({ pending, valid }: { pending: boolean; valid: number }) {
  const t = useTranslations("invitations");
  return (
    <div className="flex flex-wrap gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
      <button type="submit" disabled={pending} className={buttonClass.primary}>
        {submitLabel(t, pending, valid)}
      </button>
      <Link href="/invitations" className={buttonClass.secondary}>
        {t("form.cancel")}
      </Link>
    </div>
  );
}

function submitLabel(t: Translate, pending: boolean, valid: number): string {
  if (pending) return t("form.sending");
  return valid > 1 ? t("form.sendMany", { count: valid }) : t("form.sendOne");
}
