import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { getPageContext } from "@/lib/auth/session";
import { AccessDenied, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { UserForm } from "@/lib/users/components/user-form";
import { findUser } from "@/lib/users/service";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("users.write")) return <AccessDenied what="editing users" />;
  const { id } = await params;
  const loaded = await tryLoad(() => findUser(ctx.current!, id));
  if (loaded.ok && !loaded.data) notFound();
  return (
    <>
      <Link href={`/users/${id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to the user
      </Link>
      <div className="mt-2">
        <PageHeader
          title={loaded.ok && loaded.data ? `Edit ${loaded.data.name}` : "Edit user"}
          description="Name and role live in ezeep's account service."
        />
      </div>
      {!loaded.ok ? (
        <Notice tone="error">The user could not be loaded from ezeep. {loaded.error}</Notice>
      ) : (
        <UserForm
          user={{
            id: loaded.data!.id,
            email: loaded.data!.email,
            firstName: loaded.data!.firstName,
            lastName: loaded.data!.lastName,
            role: loaded.data!.role,
          }}
        />
      )}
    </>
  );
}
