import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { currentAdmin } from "@/lib/auth/session";
import { TwoFactorSection } from "@/lib/mfa/components/two-factor-section";
import { totpEnrolmentRequired } from "@/lib/mfa/service";
import { buttonClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };
export const dynamic = "force-dynamic";

// Where the portal sends admins who must set up a second factor before anything else (the
// owner's policy, lib/mfa). Outside the portal layout, which would send them here again.
export default async function TwoFactorPage() {
  const admin = await currentAdmin();
  if (!admin) redirect("/signin");
  const required = await totpEnrolmentRequired(admin.id);
  return (
    <main className="flex min-h-screen justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-2xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Set up two-factor sign-in</h1>
          <p className="mt-1 text-sm text-slate-600">
            {required
              ? "Your portal owner requires a second factor for every admin. Set it up to continue."
              : "Two-factor sign-in is set up. You can continue to the portal."}
          </p>
        </div>
        <TwoFactorSection admin={admin} canRequire={false} />
        <div className="flex gap-2">
          {required ? null : (
            <Link href="/" className={buttonClass.primary}>
              Continue to the portal
            </Link>
          )}
          <Link href="/signout" className={buttonClass.secondary}>
            Sign out
          </Link>
        </div>
      </div>
    </main>
  );
}
