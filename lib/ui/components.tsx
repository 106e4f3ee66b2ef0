// Small presentational pieces shared by every area of the portal (server-renderable).
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode, Ref } from "react";

import { buttonClass, cardClass } from "@/lib/ui/styles";

// One date format across the portal (lib/ui/date-format.ts).
export { formatDateTime } from "@/lib/ui/date-format";

export function PageHeader(props: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        {props.description ? <p className="mt-1 text-sm text-slate-600">{props.description}</p> : null}
      </div>
      {props.actions ? <div className="flex shrink-0 flex-wrap gap-2">{props.actions}</div> : null}
    </div>
  );
}

const badgeTones = {
  slate: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-brand-50 text-brand-700 ring-brand-100",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
} as const;

export function Badge(props: { tone?: keyof typeof badgeTones; children: ReactNode; title?: string }) {
  return (
    <span
      title={props.title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${badgeTones[props.tone ?? "slate"]}`}
    >
      {props.children}
    </span>
  );
}

export function Card(props: { children: ReactNode; className?: string }) {
  return <div className={`${cardClass} ${props.className ?? ""}`}>{props.children}</div>;
}

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">{props.title}</h2>
      {props.children ? (
        <div className="mx-auto mt-2 max-w-md text-sm text-slate-600">{props.children}</div>
      ) : null}
      {props.action ? <div className="mt-5">{props.action}</div> : null}
    </div>
  );
}

export function Notice(props: { tone: "success" | "error" | "info"; children: ReactNode }) {
  const tone = {
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
    error: "border-red-200 bg-red-50 text-red-900",
    info: "border-brand-100 bg-brand-50 text-brand-900",
  }[props.tone];
  return (
    <div
      role={props.tone === "error" ? "alert" : "status"}
      className={`mb-4 rounded-lg border px-4 py-3 text-sm ${tone}`}
    >
      {props.children}
    </div>
  );
}

/**
 * The error line of a form (a failed action, a refused sign-in). Always rendered, empty until there
 * is a message, so the alert region exists before its text arrives; focusable for useActionForm.
 */
export function FormAlert({ message, ref }: { message: string | null; ref?: Ref<HTMLDivElement> }) {
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className={
        message
          ? "rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-300"
          : "sr-only"
      }
    >
      {message}
    </div>
  );
}

/** The result of an action (a polite live region, rendered empty beforehand). */
export function FormStatus({
  message,
  ref,
  className,
}: {
  message: string | null;
  ref?: Ref<HTMLParagraphElement>;
  className?: string;
}) {
  return (
    <p
      ref={ref}
      role="status"
      tabIndex={-1}
      data-testid="form-status"
      className={
        message
          ? `rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-300 ${className ?? ""}`
          : "sr-only"
      }
    >
      {message}
    </p>
  );
}

/** The message under an invalid field; its id matches `useActionForm().fieldProps(name)`. */
export function FieldError(props: { name: string; messages?: string[] }) {
  if (!props.messages?.length) return null;
  return (
    <p id={`${props.name}-error`} className="text-sm text-red-700">
      {props.messages[0]}
    </p>
  );
}

export function AccessDenied(props: { what: string }) {
  const t = useTranslations("common.accessDenied");
  return <EmptyState title={t("title")}>{t("body", { what: props.what })}</EmptyState>;
}

export function ComingSoon(props: { area: string; children?: ReactNode }) {
  const t = useTranslations("common.comingSoon");
  return <EmptyState title={t("title", { area: props.area })}>{props.children ?? t("body")}</EmptyState>;
}

/** Previous/next links that keep the current query string. */
export function Pagination(props: {
  page: number;
  pageCount: number;
  total: number;
  noun: string;
  hrefFor: (page: number) => string;
}) {
  const t = useTranslations("common");
  if (props.total === 0) return null;
  const { page, pageCount, total, noun } = props;
  return (
    <nav
      aria-label={t("pagination.label")}
      className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p className="text-slate-600">{t("pagination.summary", { page, pageCount, total, noun })}</p>
      <div className="flex gap-2">
        {props.page > 1 ? (
          <Link className={buttonClass.secondary} href={props.hrefFor(props.page - 1)} rel="prev">
            {t("previous")}
          </Link>
        ) : (
          <button type="button" className={buttonClass.secondary} disabled>
            {t("previous")}
          </button>
        )}
        {props.page < props.pageCount ? (
          <Link className={buttonClass.secondary} href={props.hrefFor(props.page + 1)} rel="next">
            {t("next")}
          </Link>
        ) : (
          <button type="button" className={buttonClass.secondary} disabled>
            {t("next")}
          </button>
        )}
      </div>
    </nav>
  );
}

export interface Crumb {
  label: string;
  /** Omitted for the current page (the last crumb). */
  href?: string;
}

/** Where a detail page sits: "Users / Ada Lovelace / Edit". The last crumb is the current page. */
export function Breadcrumbs(props: { items: Crumb[] }) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("breadcrumb")} className="mb-2 min-w-0 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-slate-600">
        {props.items.map((item, i) => (
          <li key={`${i}-${item.label}`} className="flex min-w-0 items-center gap-1.5">
            {i > 0 ? (
              <span aria-hidden className="text-slate-500">
                /
              </span>
            ) : null}
            {item.href ? (
              <Link href={item.href} className="font-medium text-brand-700 hover:underline">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="max-w-[16rem] truncate text-slate-700">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
