// Calls the NDD-compatible route handlers as Next calls them, with a real API token.
import { POST as groupsUsersSync } from "@/app/v1/groups/users-sync/route";
import { POST as groupsUsers } from "@/app/v1/groups/users/route";
import { POST as users } from "@/app/v1/users/route";
import { POST as usersSync } from "@/app/v1/users/synchronize/route";

const ROUTES = {
  "/v1/groups/users": groupsUsers,
  "/v1/groups/users-sync": groupsUsersSync,
  "/v1/users": users,
  "/v1/users/synchronize": usersSync,
} as const;

export type NddPath = keyof typeof ROUTES;

export function nddCaller(auth: () => { token: string; tenant: string }) {
  return (path: NddPath, body: unknown, query = "") => {
    const { token, tenant } = auth();
    return ROUTES[path](
      new Request(`http://portal.test${path}${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", Tenant: tenant, Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }),
    );
  };
}
