"use client";

// The navigation at phone width: a disclosure that closes with Escape (focus returns to its
// button), when a link in it is followed, and when focus or a click leaves it.
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

export function MobileMenu(props: { children: ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  const t = useTranslations("shell");

  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const closeOnOutsideClick = (event: MouseEvent) => {
      const el = details.current;
      if (el?.open && !el.contains(event.target as Node)) el.open = false;
    };
    document.addEventListener("click", closeOnOutsideClick);
    return () => document.removeEventListener("click", closeOnOutsideClick);
  }, []);

  return (
    <details
      ref={details}
      className="group relative lg:hidden"
      onKeyDown={(event) => {
        const el = details.current;
        if (event.key !== "Escape" || !el?.open) return;
        event.preventDefault();
        el.open = false;
        el.querySelector("summary")?.focus();
      }}
    >
      <summary className="flex cursor-pointer list-none items-center rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 [&::-webkit-details-marker]:hidden">
        {t("menu")}
      </summary>
      <nav
        aria-label={t("mainNav")}
        className="absolute top-11 left-0 z-30 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-lg"
      >
        {props.children}
      </nav>
    </details>
  );
}
