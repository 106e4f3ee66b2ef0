"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { createGroupAction, updateGroupAction } from "@/lib/groups/actions";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/groups/constants";
import { FieldError, FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";
import { useActionForm, type ActionForm } from "@/lib/ui/use-action-form";

interface Props {
  group?: { id: string; name: string; description: string; nameLocked: boolean };
}

type Group = NonNullable<Props["group"]>;

/** The name; read-only (with a hint saying why) when ezeep does not let it change. */
function NameField(props: { group?: Group; submission: ActionForm }) {
  const t = useTranslations("groups.form");
  const { group, submission } = props;
  const { fieldErrors } = submission;
  return (
    <div className="space-y-1.5">
      <label htmlFor="name" className={labelClass}>
        {t("name")}
      </label>
      <input
        id="name"
        name="name"
        defaultValue={group?.name}
        readOnly={group?.nameLocked}
        maxLength={GROUP_NAME_MAX + 50}
        {...submission.fieldProps("name", group?.nameLocked ? "name-hint" : undefined)}
        className={`${inputClass} read-only:bg-slate-50`}
      />
      <FieldError name="name" messages={fieldErrors.name} />
      {group?.nameLocked && !fieldErrors.name ? (
        <p id="name-hint" className="text-xs text-slate-500">
          {t("nameLocked")}
        </p>
      ) : null}
    </div>
  );
}

/** The optional description with a live character count against its limit. */
function DescriptionField(props: { initial: string; errors?: string[] }) {
  const t = useTranslations("groups.form");
  const [description, setDescription] = useState(props.initial);
  return (
    <div className="space-y-1.5">
      <label htmlFor="description" className={labelClass}>
        {t("description")} <span className="font-normal text-slate-500">{t("optional")}</span>
      </label>
      <textarea
        id="description"
        name="description"
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        aria-invalid={Boolean(props.errors)}
        aria-describedby="description-count"
        className={inputClass}
      />
      <div className="flex justify-between text-xs">
        <span className="text-red-700">{props.errors?.[0]}</span>
        <span
          id="description-count"
          className={description.length > GROUP_DESCRIPTION_MAX ? "text-red-700" : "text-slate-500"}
        >
          {description.length}/{GROUP_DESCRIPTION_MAX}
        </span>
      </div>
    </div>
  );
}

export function GroupForm({ group }: Props) {
  const t = useTranslations("groups.form");
  const router = useRouter();
  const submission = useActionForm();
  const { pending, error, errorAnchor, fieldErrors } = submission;

  const submitLabel = group ? t("save") : t("create");

  return (
    <form
      noValidate
      className={`${cardClass} max-w-2xl space-y-5 p-6`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const fields = {
          name: String(form.get("name") ?? ""),
          description: String(form.get("description") ?? ""),
        };
        submission.run(
          () => (group ? updateGroupAction({ id: group.id, ...fields }) : createGroupAction(fields)),
          (data) => {
            router.push(`/groups/${data.id}?notice=${group ? "updated" : "created"}`);
            router.refresh();
          },
        );
      }}
    >
      <FormAlert message={error} ref={errorAnchor} />
      <NameField group={group} submission={submission} />
      <DescriptionField initial={group?.description ?? ""} errors={fieldErrors.description} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? t("saving") : submitLabel}
        </button>
        <Link href={group ? `/groups/${group.id}` : "/groups"} className={buttonClass.secondary}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
