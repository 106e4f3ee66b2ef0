"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

import { buttonClass } from "@/lib/ui/styles";

export function SignOutButton({ variant = "ghost" }: { variant?: "ghost" | "primary" }) {
  const t = useTranslations("shell");
  return (
    <button
      type="button"
      className={`${buttonClass[variant]} whitespace-nowrap`}
      onClick={() => signOut({ callbackUrl: "/signin" })}
    >
      {t("signOut")}
    </button>
  );
}
