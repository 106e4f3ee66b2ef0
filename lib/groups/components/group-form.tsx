"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { createGroupAction, updateGroupAction } from "@/lib/groups/actions";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from "@/lib/groups/constants";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, cardClass, inputClass, labelClass } from "@/lib/ui/styles";

interface Props {
  group?: { id: string; name: string; description: string; nameLocked: boolean };
}

export function GroupForm({ group }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [description, setDescription] = useState(group?.description ?? "");

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
        startTransition(async () => {
          const result = group
            ? await updateGroupAction({ id: group.id, ...fields })
            : await createGroupAction(fields);
          if (!result.ok) {
            setError(result.error);
            setFieldErrors(result.fieldErrors ?? {});
            return;
          }
          const notice = group ? "updated" : "created";
          router.push(`/groups/${result.data.id}?notice=${notice}`);
          router.refresh();
        });
      }}
    >
      <FormAlert message={error} />
      <div className="space-y-1.5">
        <label htmlFor="name" className={labelClass}>
          Name
        </label>
        <input
          id="name"
          name="name"
          defaultValue={group?.name}
          readOnly={group?.nameLocked}
          maxLength={GROUP_NAME_MAX + 50}
          aria-invalid={Boolean(fieldErrors.name)}
          aria-describedby={fieldErrors.name ? "name-error" : group?.nameLocked ? "name-hint" : undefined}
          className={`${inputClass} read-only:bg-slate-50`}
        />
        {fieldErrors.name ? (
          <p id="name-error" className="text-sm text-red-700">
            {fieldErrors.name[0]}
          </p>
        ) : group?.nameLocked ? (
          <p id="name-hint" className="text-xs text-slate-500">
            Synchronised from Azure AD: rename it there.
          </p>
        ) : null}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="description" className={labelClass}>
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id="description"
          name="description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={Boolean(fieldErrors.description)}
          aria-describedby="description-count"
          className={inputClass}
        />
        <div className="flex justify-between text-xs">
          <span className="text-red-700">{fieldErrors.description?.[0]}</span>
          <span
            id="description-count"
            className={description.length > GROUP_DESCRIPTION_MAX ? "text-red-700" : "text-slate-500"}
          >
            {description.length}/{GROUP_DESCRIPTION_MAX}
          </span>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? "Saving…" : group ? "Save changes" : "Create group"}
        </button>
        <Link href={group ? `/groups/${group.id}` : "/groups"} className={buttonClass.secondary}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
