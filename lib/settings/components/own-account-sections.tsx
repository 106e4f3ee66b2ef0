// The settings every admin manages for themselves, whatever their role: language, second factor
// and active sessions.
import { SessionsSection } from "@/lib/auth/components/sessions-section";
import type { SignedInAdmin } from "@/lib/auth/session";
import { LanguageSection } from "@/lib/i18n/components/language-section";
import { TwoFactorSection } from "@/lib/mfa/components/two-factor-section";

/** `canRequire`: may the admin require a second factor of the organization's admins. */
export function OwnAccountSections({ admin, canRequire }: { admin: SignedInAdmin; canRequire: boolean }) {
  return (
    <>
      <LanguageSection current={admin.locale} />
      <TwoFactorSection admin={admin} canRequire={canRequire} />
      <SessionsSection adminId={admin.id} currentSessionId={admin.sessionId} />
    </>
  );
}
