"use client";

// Settings → Sign-in: owners turn password sign-in off (once SSO works) or back on.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { setPasswordSignInAction } from "@/lib/auth/sso/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";

export function PasswordSignInSetting(props: { enabled: boolean; canManage: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!props.canManage) return null;
  return (
    <div className="mt-3 space-y-2">
      <FormAlert message={error} />
      <button
        type="button"
        className={props.enabled ? buttonClass.danger : buttonClass.secondary}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await setPasswordSignInAction({ enabled: !props.enabled });
            if (!result.ok) setError(result.error);
            else router.refresh();
          })
        }
      >
        {props.enabled ? "Turn password sign-in off" : "Turn password sign-in on"}
      </button>
    </div>
  );
}
