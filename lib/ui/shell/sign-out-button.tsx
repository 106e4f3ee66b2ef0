"use client";
import { signOut } from "next-auth/react";
import { buttonClass } from "@/lib/ui/styles";

export function SignOutButton() {
  return (
    <button type="button" className={`${buttonClass.ghost} whitespace-nowrap`} onClick={() => signOut({ callbackUrl: "/signin" })}>
      Sign out
    </button>
  );
}
