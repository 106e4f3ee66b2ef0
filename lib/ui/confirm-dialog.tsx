"use client";

// The one confirmation dialog: a trigger button, a modal that says what will happen, Cancel, and
// a confirm button that runs a server action and shows its error in place when it fails.
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type ReactNode } from "react";

import type { ActionResult } from "@/lib/auth/action";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

const DIALOG_WIDTH = {
  md: "w-[min(28rem,calc(100vw-2rem))]",
  lg: "w-[min(30rem,calc(100vw-2rem))]",
} as const;

/** Cancel and the (danger) confirm button along the dialog's bottom edge. */
function ConfirmDialogFooter(props: {
  pending: boolean;
  confirmDisabled?: boolean;
  confirmLabel: string;
  pendingLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations("common");
  return (
    <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={props.onCancel}
        disabled={props.pending}
      >
        {t("cancel")}
      </button>
      <button
        type="button"
        className={buttonClass.danger}
        disabled={props.pending || props.confirmDisabled}
        onClick={props.onConfirm}
      >
        {props.pending ? props.pendingLabel : props.confirmLabel}
      </button>
    </div>
  );
}

interface ConfirmDialogProps<T> {
  /** The button that opens the dialog. */
  triggerLabel: ReactNode;
  triggerAriaLabel?: string;
  triggerClassName?: string;
  title: ReactNode;
  /** What will happen (and any extra inputs, e.g. typing a name to confirm). */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** Keeps the confirm button disabled, e.g. until a name has been typed. */
  confirmDisabled?: boolean;
  width?: "md" | "lg";
  /** Called when the dialog opens (reset inputs kept by the caller). */
  onOpen?: () => void;
  action: () => Promise<ActionResult<T>>;
  onSuccess: (data: T) => void;
}

export function ConfirmDialog<T>(props: ConfirmDialogProps<T>) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const open = () => {
    setError(null);
    props.onOpen?.();
    dialog.current?.showModal();
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await props.action();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      dialog.current?.close();
      props.onSuccess(result.data);
    });
  return (
    <>
      <button
        type="button"
        className={props.triggerClassName ?? buttonClass.secondary}
        aria-label={props.triggerAriaLabel}
        onClick={open}
      >
        {props.triggerLabel}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className={`m-auto text-left ${DIALOG_WIDTH[props.width === "lg" ? "lg" : "md"]} rounded-xl bg-white p-0 text-slate-900 shadow-xl`}
      >
        <div className="space-y-3 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {props.title}
          </h2>
          {props.children}
          <FormAlert message={error} />
        </div>
        <ConfirmDialogFooter
          pending={pending}
          confirmDisabled={props.confirmDisabled}
          confirmLabel={props.confirmLabel}
          pendingLabel={props.pendingLabel}
          onCancel={() => dialog.current?.close()}
          onConfirm={confirm}
        />
      </dialog>
    </>
  );
}
