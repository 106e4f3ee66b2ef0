import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { currentAdmin } from "@/lib/auth/session";
import { TwoFactorSection } from "@/lib/mfa/components/two-factor-section";
import { totpEnrolmentRequired } from "@/lib/mfa/service";
import { buttonClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.twoFactorPage");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

// Where the portal sends admins who must set up a second factor before anything else (the
// owner's policy, lib/mfa). Outside the portal layout, which would send them here again.
export default async function TwoFactorPage() {
  const admin = await currentAdmin();
  if (!admin) redirect("/signin");
  const required = await totpEnrolmentRequired(admin.id);
  const t = await getTranslations("auth.twoFactorPage");
  return (
    <main className="flex min-h-screen justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-2xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{required ? t("required") : t("done")}</p>
        </div>
        <TwoFactorSection admin={admin} canRequire={false} />
        <div className="flex gap-2">
          {required ? null : (
            <Link href="/" className={buttonClass.primary}>
              {t("continue")}
            </Link>
          )}
          <Link href="/signout" className={buttonClass.secondary}>
            {t("signOut")}
          </Link>
        </div>
      </div>
    </main>
  );
}
