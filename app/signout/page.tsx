import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { SignOutButton } from "@/lib/ui/shell/sign-out-button";
import { buttonClass, cardClass } from "@/lib/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signOut");
  return { title: t("pageTitle") };
}

export default function SignOutPage() {
  const t = useTranslations("auth.signOut");
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className={`${cardClass} w-full max-w-sm space-y-4 p-6 text-center`}>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("body")}</p>
        <div className="flex justify-center gap-3">
          <Link href="/" className={buttonClass.secondary}>
            {t("stay")}
          </Link>
          <SignOutButton variant="primary" />
        </div>
      </div>
    </main>
  );
}
