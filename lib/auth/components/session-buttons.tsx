"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

import { endAllSessionsAction, endSessionAction } from "@/lib/auth/actions";
import { ConfirmDialog } from "@/lib/ui/confirm-dialog";

export function EndSessionButton(props: { session: { id: string; device: string; current: boolean } }) {
  const router = useRouter();
  const { session } = props;
  return (
    <ConfirmDialog
      triggerLabel={session.current ? "Sign out" : "End"}
      triggerAriaLabel={`End the session on ${session.device}`}
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title={session.current ? "Sign out of this browser?" : `End the session on ${session.device}?`}
      confirmLabel={session.current ? "Sign out" : "End session"}
      pendingLabel="Ending…"
      action={() => endSessionAction({ id: session.id })}
      onSuccess={(data) => {
        if (data.current) void signOut({ callbackUrl: "/signin" });
        else router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        That browser is signed out at once, also any copy of its cookie; signing in again needs the password.
      </p>
    </ConfirmDialog>
  );
}

export function EndAllSessionsButton() {
  return (
    <ConfirmDialog
      triggerLabel="Sign out everywhere"
      triggerClassName="text-sm font-medium text-red-700 hover:underline"
      title="Sign out everywhere?"
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      action={() => endAllSessionsAction({})}
      onSuccess={() => void signOut({ callbackUrl: "/signin" })}
    >
      <p className="text-sm text-slate-600">
        Every browser signed in to your account, this one included, is signed out at once.
      </p>
    </ConfirmDialog>
  );
}
