"use client";

// The one way a client form runs a server action: pending state, the error line, field errors
// (with aria-invalid / aria-describedby for each field), and a result message. After the action,
// focus moves to what happened — the error line or the result message — instead of being lost
// to <body> when the pressed button disappears or is disabled; both live in regions that are
// rendered empty beforehand, so screen readers announce the text when it arrives.
import { useCallback, useEffect, useRef, useState, useTransition } from "react";

import type { ActionResult } from "@/lib/auth/action";

export type FieldErrors = Record<string, string[]>;

export interface ActionForm {
  pending: boolean;
  error: string | null;
  fieldErrors: FieldErrors;
  /** The result of the last successful action, shown in the form's status region. */
  status: string | null;
  /** Callback refs for FormAlert and FormStatus (the elements focus moves to). */
  errorAnchor: (element: HTMLDivElement | null) => void;
  statusAnchor: (element: HTMLParagraphElement | null) => void;
  /**
   * Runs `action`; on success calls `onSuccess`, whose returned text (if any) becomes the status
   * message and receives focus. Return nothing when the page navigates away instead.
   */
  run<T>(
    action: () => Promise<ActionResult<T>>,
    onSuccess?: (data: T) => string | void | Promise<string | void>,
  ): void;
  /** Props for an input: aria-invalid and the id of its error (`<name>-error`) or hint. */
  fieldProps(name: string, hintId?: string): { "aria-invalid"?: true; "aria-describedby"?: string };
  setError(message: string | null): void;
  setStatus(message: string | null): void;
  reset(): void;
}

type FocusTarget = "error" | "status";

/**
 * The error line and status message elements, and which of them gets focus once the action has
 * finished and its text is rendered.
 */
function useFocusAfterAction(pending: boolean) {
  const errorElement = useRef<HTMLDivElement | null>(null);
  const statusElement = useRef<HTMLParagraphElement | null>(null);
  const errorAnchor = useCallback((element: HTMLDivElement | null) => {
    errorElement.current = element;
  }, []);
  const statusAnchor = useCallback((element: HTMLParagraphElement | null) => {
    statusElement.current = element;
  }, []);
  const focusNext = useRef<FocusTarget | null>(null);

  // Runs after the render that shows the message, so the element has its text when focused.
  useEffect(() => {
    if (pending || !focusNext.current) return;
    const target = focusNext.current === "error" ? errorElement.current : statusElement.current;
    focusNext.current = null;
    target?.focus();
  });

  const focusAfterRender = useCallback((target: FocusTarget) => {
    focusNext.current = target;
  }, []);
  return { errorAnchor, statusAnchor, focusAfterRender };
}

function ariaPropsFor(fieldErrors: FieldErrors, name: string, hintId?: string) {
  const invalid = Boolean(fieldErrors[name]?.length);
  const describedBy = invalid ? `${name}-error` : hintId;
  return {
    ...(invalid ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

export function useActionForm(): ActionForm {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const { errorAnchor, statusAnchor, focusAfterRender } = useFocusAfterAction(pending);

  const run = useCallback(
    <T>(
      action: () => Promise<ActionResult<T>>,
      onSuccess?: (data: T) => string | void | Promise<string | void>,
    ) => {
      startTransition(async () => {
        const result = await action();
        if (!result.ok) {
          setStatus(null);
          setError(result.error);
          setFieldErrors(result.fieldErrors ?? {});
          focusAfterRender("error");
          return;
        }
        setError(null);
        setFieldErrors({});
        const message = await onSuccess?.(result.data);
        if (typeof message === "string") {
          setStatus(message);
          focusAfterRender("status");
        }
      });
    },
    [focusAfterRender],
  );

  const fieldProps = useCallback(
    (name: string, hintId?: string) => ariaPropsFor(fieldErrors, name, hintId),
    [fieldErrors],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
    setStatus(null);
  }, []);

  return {
    pending,
    error,
    fieldErrors,
    status,
    errorAnchor,
    statusAnchor,
    run,
    fieldProps,
    setError,
    setStatus,
    reset,
  };
}
