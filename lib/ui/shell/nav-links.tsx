"use client";

import { useTranslations } from "next-intl";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

import type { NavItem } from "@/lib/ui/shell/nav-items";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** While a page loads after a click, a dot beside its link says so (pages render on the server). */
function PendingIndicator() {
  const { pending } = useLinkStatus();
  const t = useTranslations("common");
  if (!pending) return null;
  return (
    <span className="ml-auto flex items-center">
      <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-brand-500" />
      <span className="sr-only">{t("loading")}</span>
    </span>
  );
}

export function NavLinks(props: { items: NavItem[] }) {
  const pathname = usePathname();
  const t = useTranslations("shell.nav");
  return (
    <ul className="space-y-0.5">
      {props.items.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
                active
                  ? "bg-brand-50 text-brand-700"
                  : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              <svg
                aria-hidden
                viewBox="0 0 24 24"
                className="h-5 w-5 shrink-0"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.7}
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={item.icon} />
              </svg>
              {t(item.label)}
              <PendingIndicator />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
