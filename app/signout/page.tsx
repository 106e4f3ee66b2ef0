import type { Metadata } from "next";
import Link from "next/link";

import { SignOutButton } from "@/lib/ui/shell/sign-out-button";
import { buttonClass, cardClass } from "@/lib/ui/styles";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className={`${cardClass} w-full max-w-sm space-y-4 p-6 text-center`}>
        <h1 className="text-xl font-semibold">Sign out of the portal?</h1>
        <p className="text-sm text-slate-600">You will need your email and password to come back.</p>
        <div className="flex justify-center gap-3">
          <Link href="/" className={buttonClass.secondary}>
            Stay signed in
          </Link>
          <SignOutButton variant="primary" />
        </div>
      </div>
    </main>
  );
}
