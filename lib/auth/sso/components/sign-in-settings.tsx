// Settings → Sign-in (portal-wide): whether SSO is configured and whether passwords still work.
import { PasswordSignInSetting } from "@/lib/auth/sso/components/password-sign-in-setting";
import { signInStatus } from "@/lib/auth/sso/settings";
import { Badge, Card } from "@/lib/ui/components";

export async function SignInSettingsSection(props: { adminId: string; canManage: boolean }) {
  const status = await signInStatus(props.adminId);
  return (
    <Card className="p-4 sm:p-6">
      <h2 className="text-base font-semibold text-slate-900">Sign-in</h2>
      <p className="mt-1 text-sm text-slate-600">
        Applies to every admin of this portal. Single sign-on is configured by the server&apos;s environment
        (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).
      </p>
      <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Single sign-on</dt>
          <dd className="mt-0.5">
            {status.ssoConfigured ? (
              <Badge tone="green">On: {status.ssoName}</Badge>
            ) : (
              <Badge tone="slate">Not configured</Badge>
            )}
            {status.youUsedSso ? (
              <span className="ml-2 text-slate-600">You have signed in with it.</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Password sign-in</dt>
          <dd className="mt-0.5">
            {status.passwordSignIn ? <Badge tone="green">On</Badge> : <Badge tone="amber">Off</Badge>}
          </dd>
        </div>
      </dl>
      <PasswordSignInSetting enabled={status.passwordSignIn} canManage={props.canManage} />
    </Card>
  );
}
