import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { SetupForm } from "@/lib/setup/components/setup-form";
import { announceSetupCodeOnce, environmentCredentials, setupNeeded } from "@/lib/setup/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.setup");
  return { title: t("pageTitle") };
}

// The logo mark (decorative): not a word to translate.
const LOGO_MARK = "ez";
export const dynamic = "force-dynamic";

// Exists only while the portal has no admin; afterwards it is a 404.
export default async function SetupPage() {
  if (!(await setupNeeded())) notFound();
  await announceSetupCodeOnce(); // when the start-time check found no migrated database
  const credentials = environmentCredentials();
  const t = await getTranslations("auth.setup");
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 text-center">
          <span
            aria-hidden
            className="mx-auto grid h-12 w-12 place-items-center rounded-xl bg-brand-600 text-lg font-bold text-white"
          >
            {LOGO_MARK}
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        <SetupForm environmentClient={credentials !== null} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </div>
    </main>
  );
}
