"use client";

// Settings → Sign-in: owners turn password sign-in off (once SSO works) or back on.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { setPasswordSignInAction } from "@/lib/auth/sso/actions";
import { FormAlert } from "@/lib/ui/components";
import { buttonClass } from "@/lib/ui/styles";
import { useActionForm } from "@/lib/ui/use-action-form";

export function PasswordSignInSetting(props: { enabled: boolean; canManage: boolean }) {
  const t = useTranslations("settings.signIn");
  const router = useRouter();
  const form = useActionForm();
  const { pending, error, errorAnchor } = form;
  if (!props.canManage) return null;
  return (
    <div className="mt-3 space-y-2">
      <FormAlert message={error} ref={errorAnchor} />
      <button
        type="button"
        className={props.enabled ? buttonClass.danger : buttonClass.secondary}
        disabled={pending}
        onClick={() =>
          form.run(
            () => setPasswordSignInAction({ enabled: !props.enabled }),
            () => router.refresh(),
          )
        }
      >
        {props.enabled ? t("turnOff") : t("turnOn")}
      </button>
    </div>
  );
}
