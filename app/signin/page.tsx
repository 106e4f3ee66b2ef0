import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentAdmin } from "@/lib/auth/session";
import { SignInForm } from "@/lib/auth/sign-in-form";
import { SsoSignIn } from "@/lib/auth/sso/components/sso-sign-in";
import { signInPageOptions } from "@/lib/auth/sso/page";
import { setupNeeded } from "@/lib/setup/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("pageTitle") };
}

// The logo mark (decorative): not a word to translate.
const LOGO_MARK = "ez";
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const params = await searchParams;
  // Back to the page that was asked for (deep links such as /audit/41), never off the portal.
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await currentAdmin()) redirect(callbackUrl);
  // A portal without any admin starts with the first-run setup.
  if (await setupNeeded()) redirect("/setup");
  const sso = await signInPageOptions(params.error); // SSO (lib/auth/sso)
  const t = await getTranslations("auth.signIn");
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
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
        {sso.name ? (
          <SsoSignIn
            name={sso.name}
            error={sso.error}
            passwordSignIn={sso.passwordSignIn}
            callbackUrl={callbackUrl}
          />
        ) : null}
        {sso.passwordSignIn ? <SignInForm callbackUrl={callbackUrl} /> : null}
      </div>
    </main>
  );
}
