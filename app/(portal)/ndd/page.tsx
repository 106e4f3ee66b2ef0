import type { Metadata } from "next";

import { getPageContext } from "@/lib/auth/session";
import { IdentityList } from "@/lib/provisioning/components/identity-list";
import { listIdentities } from "@/lib/provisioning/ndd/queries";
import { identitySearchSchema } from "@/lib/provisioning/ndd/schemas";
import { AccessDenied, PageHeader } from "@/lib/ui/components";

export const metadata: Metadata = { title: "NDD" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NddPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getPageContext();
  if (!ctx.current || !ctx.can("users.read")) return <AccessDenied what="NDD identities" />;
  const params = await searchParams;
  const parsed = identitySearchSchema.safeParse({
    q: typeof params.q === "string" ? params.q : undefined,
    page: typeof params.page === "string" ? params.page : undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const data = await listIdentities(ctx.current, query);
  return (
    <>
      <PageHeader
        title="NDD"
        description="People the NDD Orbix integration manages, keyed by Client and Domain//Logon, and what each is in ezeep."
      />
      <IdentityList data={data} q={query.q ?? ""} />
    </>
  );
}
