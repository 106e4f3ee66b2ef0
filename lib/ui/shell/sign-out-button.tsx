"use client";

import { signOut } from "next-auth/react";

import { buttonClass } from "@/lib/ui/styles";

export function SignOutButton({ variant = "ghost" }: { variant?: "ghost" | "primary" }) {
  return (
    <button
      type="button"
      className={`${buttonClass[variant]} whitespace-nowrap`}
      onClick={() => signOut({ callbackUrl: "/signin" })}
    >
      Sign out
    </button>
  );
}
