// The signed-in frame: sidebar navigation (a disclosure menu at phone width), organization
// switcher, and who is signed in with which role.
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";

import type { PageContext } from "@/lib/auth/session";
import { GlobalSearch } from "@/lib/search/components/global-search";
import { Badge } from "@/lib/ui/components";
import { MobileMenu } from "@/lib/ui/shell/mobile-menu";
import { NAV_ITEMS, type NavItem } from "@/lib/ui/shell/nav-items";
import { NavLinks } from "@/lib/ui/shell/nav-links";
import { OrgSwitcher } from "@/lib/ui/shell/org-switcher";
import { SignOutButton } from "@/lib/ui/shell/sign-out-button";

// The logo mark (decorative, hidden from screen readers): not a word to translate.
const LOGO_MARK = "ez";

function Brand() {
  const t = useTranslations("shell");
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
      <span
        aria-hidden
        className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white"
      >
        {LOGO_MARK}
      </span>
      <span className="hidden sm:inline">{t("appName")}</span>
      <span className="sm:hidden">{t("brandShort")}</span>
    </Link>
  );
}

/** The signed-in admin's name and email (from the sm width up) and their role in this organization. */
function SignedInAs(props: { ctx: PageContext }) {
  const { ctx } = props;
  const t = useTranslations("shell");
  const role = ctx.current?.role;
  return (
    <>
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium text-slate-900" data-testid="admin-name">
          {ctx.admin.name}
        </p>
        <p className="text-xs text-slate-500">{ctx.admin.email}</p>
      </div>
      {role ? (
        <Badge tone={role === "auditor" ? "amber" : "blue"} title={t(`roles.${role}`)}>
          <span className="capitalize sm:hidden">{t(`roleShort.${role}`)}</span>
          <span className="hidden sm:inline">{t(`roles.${role}`)}</span>
        </Badge>
      ) : null}
    </>
  );
}

/** The sticky top bar: phone menu and brand, organization switcher, search, who is signed in. */
function ShellHeader(props: { ctx: PageContext; items: NavItem[] }) {
  const { ctx } = props;
  const options = ctx.memberships.map((m) => ({
    id: m.organization.id,
    name: m.organization.name,
    role: m.role,
  }));
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
      {/* One organization selector for every width: on phones it wraps onto its own row. */}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 pt-3 pb-2 sm:px-6 lg:pb-3">
        <MobileMenu>
          <NavLinks items={props.items} />
        </MobileMenu>
        <div className="lg:hidden">
          <Brand />
        </div>
        <div className="order-last -mx-4 w-[calc(100%+2rem)] border-t border-slate-100 px-4 pt-2 sm:-mx-6 sm:w-[calc(100%+3rem)] sm:px-6 lg:order-none lg:mx-0 lg:w-auto lg:border-0 lg:p-0">
          <OrgSwitcher current={ctx.current?.organization.id ?? null} options={options} />
        </div>
        <div className="ml-auto flex items-center gap-3">
          {ctx.current ? <GlobalSearch /> : null}
          <SignedInAs ctx={ctx} />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

export function AppShell(props: { ctx: PageContext; children: ReactNode }) {
  const { ctx } = props;
  const t = useTranslations("shell");
  const items = NAV_ITEMS.filter((item) => ctx.can(item.permission));
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      <a
        href="#main-content"
        className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-700 shadow-lg ring-2 ring-brand-500 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t("skipToContent")}
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:block">
        <div className="sticky top-0 flex h-screen flex-col gap-6 p-4">
          <Brand />
          <nav aria-label={t("mainNav")}>
            <NavLinks items={items} />
          </nav>
        </div>
      </aside>
      <div className="min-w-0">
        <ShellHeader ctx={ctx} items={items} />
        <main
          id="main-content"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl px-4 py-6 focus:outline-none sm:px-6 lg:py-8"
        >
          {props.children}
        </main>
      </div>
    </div>
  );
}
