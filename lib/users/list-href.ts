// The users list's address: its filters, sort and page live in the query string, so every link on
// the page (sort headers, pagination, export, refresh) is built from the current query plus a change.
import { listUsersSchema, type ListUsersQuery } from "@/lib/users/schemas";

type SearchParams = Record<string, string | string[] | undefined>;

export interface UsersListParams {
  query: ListUsersQuery;
  /** The name of a user just deleted (the page says so), "" when unknown; undefined without the notice. */
  deletedName?: string;
  /** Read the list from ezeep again instead of the index. */
  refresh: boolean;
}

export function readUsersListParams(params: SearchParams): UsersListParams {
  const str = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const query = listUsersSchema.parse({
    q: str("q"),
    group: str("group"),
    role: str("role"),
    status: str("status"),
    sort: str("sort"),
    dir: str("dir"),
    page: str("page"),
  });
  const deletedName = str("notice") === "deleted" ? (str("name") ?? "") : undefined;
  return { query, deletedName, refresh: str("refresh") === "1" };
}

export type ListChange = Partial<Record<keyof ListUsersQuery, string | number>>;

/** `/users` with the current query changed by `change`; defaults are left out of the address. */
export function usersListHref(query: ListUsersQuery, change: ListChange = {}): string {
  const next = new URLSearchParams();
  const merged = { ...query, ...change };
  if (merged.q) next.set("q", String(merged.q));
  if (merged.group) next.set("group", String(merged.group));
  if (merged.role !== "all") next.set("role", String(merged.role));
  if (merged.status !== "all") next.set("status", String(merged.status));
  if (merged.sort !== "name") next.set("sort", String(merged.sort));
  if (merged.dir !== "asc") next.set("dir", String(merged.dir));
  if (Number(merged.page) > 1) next.set("page", String(merged.page));
  const qs = next.toString();
  return qs ? `/users?${qs}` : "/users";
}

/** The same list, read from ezeep again. */
export function usersRefreshHref(query: ListUsersQuery): string {
  const href = usersListHref(query);
  return `${href}${href.includes("?") ? "&" : "?"}refresh=1`;
}

export function isFiltered(query: ListUsersQuery): boolean {
  return Boolean(query.q || query.group || query.role !== "all" || query.status !== "all");
}
