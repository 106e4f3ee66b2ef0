import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { Breadcrumbs, Notice, PageHeader } from "@/lib/ui/components";
import { tryLoad } from "@/lib/ui/load";
import { requirePageContext } from "@/lib/ui/page-guard";
import { UserForm } from "@/lib/users/components/user-form";
import { findUser } from "@/lib/users/service";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const guard = await requirePageContext("users.write", "editing users");
  if (!guard.ok) return guard.denied;
  const { ctx } = guard;
  const { id } = await params;
  const loaded = await tryLoad(() => findUser(ctx.current, id));
  if (loaded.ok && !loaded.data) notFound();
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "Users", href: "/users" },
          { label: loaded.ok && loaded.data ? loaded.data.name : "User", href: `/users/${id}` },
          { label: "Edit" },
        ]}
      />
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
