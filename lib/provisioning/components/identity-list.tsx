// The NDD page's table: one row per identity, stacked on narrow screens.
import Link from "next/link";

import type { IdentityView } from "@/lib/provisioning/ndd/queries";
import { Badge, Card, EmptyState, formatDateTime, Notice, Pagination } from "@/lib/ui/components";
import { buttonClass, inputClass } from "@/lib/ui/styles";

const STATES: Record<string, { label: string; tone: "green" | "amber" | "blue" | "slate" }> = {
  active: { label: "ezeep user", tone: "green" },
  invited: { label: "Invited", tone: "blue" },
  pending: { label: "Not matched yet", tone: "slate" },
  waiting_email: { label: "Waiting for an e-mail", tone: "amber" },
};

function EzeepLink({ item }: { item: IdentityView }) {
  if (item.state === "active" && item.ezeepUserId)
    return (
      <Link className="text-blue-700 hover:underline" href={`/users/${item.ezeepUserId}`}>
        User page
      </Link>
    );
  if (item.state === "invited")
    return (
      <Link
        className="text-blue-700 hover:underline"
        href={`/invitations?q=${encodeURIComponent(item.email ?? "")}`}
      >
        Invitation{item.invitedByNdd ? " (sent for NDD)" : ""}
      </Link>
    );
  return <span className="text-slate-500">—</span>;
}

export function IdentityList(props: {
  data: { items: IdentityView[]; total: number; page: number; pageCount: number; waiting: number };
  q: string;
}) {
  const { data, q } = props;
  const hrefFor = (page: number) =>
    `/ndd?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <div className="space-y-4">
      {data.waiting > 0 ? (
        <Notice tone="info">
          {data.waiting === 1 ? "1 person is" : `${data.waiting} people are`} waiting for an e-mail: NDD sent
          them without one. They are invited or matched as soon as a request brings their address.
        </Notice>
      ) : null}
      <form className="flex flex-col gap-2 sm:flex-row" role="search" action="/ndd">
        <label htmlFor="ndd-q" className="sr-only">
          Search identities
        </label>
        <input
          id="ndd-q"
          name="q"
          defaultValue={q}
          placeholder="Search Domain//Logon, name, e-mail or Client"
          className={`${inputClass} sm:max-w-md`}
        />
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
      </form>
      <Card className="overflow-hidden">
        {data.items.length === 0 ? (
          <EmptyState title={q ? "No identity matches this search." : "NDD has sent nobody yet."}>
            {q ? null : "People appear here once NDD Orbix sends its first users or groupings to the portal."}
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase md:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Domain//Logon
                </th>
                <th scope="col" className="px-4 py-3">
                  Name and e-mail
                </th>
                <th scope="col" className="px-4 py-3">
                  In ezeep
                </th>
                <th scope="col" className="px-4 py-3">
                  Groupings
                </th>
                <th scope="col" className="px-4 py-3">
                  Last seen
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((item) => {
                const state = STATES[item.state] ?? STATES.pending!;
                return (
                  <tr
                    key={item.id}
                    data-testid="ndd-identity"
                    className="block px-4 py-3 md:table-row md:p-0"
                  >
                    <td className="block md:table-cell md:px-4 md:py-3">
                      <p className="font-mono text-slate-900">{item.user}</p>
                      <p className="text-xs text-slate-500">Client {item.client}</p>
                    </td>
                    <td className="block md:table-cell md:px-4 md:py-3">
                      <p className="text-slate-900">
                        {item.name ?? <span className="text-slate-500">no name</span>}
                      </p>
                      <p className="break-all text-slate-600">{item.email ?? "no e-mail yet"}</p>
                    </td>
                    <td className="mt-1 block md:table-cell md:px-4 md:py-3">
                      <Badge tone={state.tone}>{state.label}</Badge> <EzeepLink item={item} />
                    </td>
                    <td className="mt-1 block text-slate-700 md:table-cell md:px-4 md:py-3">
                      {item.groupings.length ? (
                        item.groupings.join(", ")
                      ) : (
                        <span className="text-slate-500">none</span>
                      )}
                    </td>
                    <td className="mt-1 block text-slate-600 md:table-cell md:px-4 md:py-3">
                      <span className="md:hidden">Last seen </span>
                      {formatDateTime(item.lastSeenAt)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Pagination
          page={data.page}
          pageCount={data.pageCount}
          total={data.total}
          noun="identities"
          hrefFor={hrefFor}
        />
      </Card>
    </div>
  );
}
