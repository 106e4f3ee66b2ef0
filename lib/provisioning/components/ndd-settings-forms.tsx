"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  addNddClientAction,
  removeNddClientAction,
  setMassRemovalAction,
} from "@/lib/provisioning/ndd/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass, inputClass, labelClass } from "@/lib/ui/styles";

type Result = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

function useSubmit() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<Result>, onDone?: () => void) =>
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        const field = Object.values(result.fieldErrors ?? {})[0]?.[0];
        setError(field ? `${result.error} ${field}` : result.error);
        return;
      }
      setError(null);
      onDone?.();
      router.refresh();
    });
  return { pending, error, run };
}

export function NddClientForms(props: { clients: string[] }) {
  const { pending, error, run } = useSubmit();
  return (
    <div className="space-y-3">
      <FormAlert message={error} />
      {props.clients.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Registered Clients">
          {props.clients.map((name) => (
            <li
              key={name}
              className="flex items-center gap-1 rounded-lg border border-slate-200 py-1 pr-1 pl-3 text-sm"
            >
              <span className="font-mono">{name}</span>
              <button
                type="button"
                disabled={pending}
                className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-red-700"
                aria-label={`Remove Client ${name}`}
                onClick={() => run(() => removeNddClientAction({ name }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        noValidate
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          run(
            () => addNddClientAction({ name }),
            () => form.reset(),
          );
        }}
      >
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="ndd-client" className={labelClass}>
            Add a Client name
          </label>
          <input id="ndd-client" name="name" placeholder="e.g. ABC" maxLength={120} className={inputClass} />
        </div>
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          Add Client
        </button>
      </form>
    </div>
  );
}

export function MassRemovalForm(props: { percent: number }) {
  const { pending, error, run } = useSubmit();
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const percent = Number(new FormData(event.currentTarget).get("percent"));
        run(() => setMassRemovalAction({ percent }));
      }}
    >
      <FormAlert message={error} />
      <label htmlFor="ndd-percent" className={labelClass}>
        Largest share of a grouping (or of a Client&apos;s users) a sync may remove, in %
      </label>
      <div className="flex gap-2">
        <input
          id="ndd-percent"
          name="percent"
          type="number"
          min={0}
          max={100}
          defaultValue={props.percent}
          className={`${inputClass} w-28`}
        />
        <button type="submit" disabled={pending} className={buttonClass.secondary}>
          Save
        </button>
      </div>
    </form>
  );
}
