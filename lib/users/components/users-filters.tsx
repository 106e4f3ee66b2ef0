// The users list's search and filters: a plain GET form to /users, so filtering works without
// JavaScript and every filtered view has its own address.
import { getTranslations } from "next-intl/server";

import { FilterSelect } from "@/lib/ui/filter-select";
import { SearchForm } from "@/lib/ui/search-form";
import { buttonClass } from "@/lib/ui/styles";
import type { ListUsersQuery } from "@/lib/users/schemas";

type ListT = Awaited<ReturnType<typeof getTranslations<"users.list">>>;
type Option = { value: string; label: string };

function sortLabels(t: ListT): Record<ListUsersQuery["sort"], string> {
  return {
    name: t("sortName"),
    email: t("sortEmail"),
    role: t("sortRole"),
    groups: t("sortGroups"),
    joined: t("sortJoined"),
  };
}

/** The choices of each filter; the group filter lists the organization's groups (none if unloaded). */
function filterOptions(t: ListT, groups: { id: string; name: string }[]): Record<string, Option[]> {
  return {
    group: [{ value: "", label: t("allGroups") }, ...groups.map((g) => ({ value: g.id, label: g.name }))],
    role: [
      { value: "all", label: t("allRoles") },
      { value: "admin", label: t("admins") },
      { value: "user", label: t("users") },
    ],
    status: [
      { value: "all", label: t("allStatuses") },
      { value: "active", label: t("active") },
      { value: "invited", label: t("invited") },
    ],
    sort: Object.entries(sortLabels(t)).map(([value, label]) => ({
      value,
      label: t("sortOption", { label }),
    })),
  };
}

export async function UsersFilters(props: { query: ListUsersQuery; groups: { id: string; name: string }[] }) {
  const t = await getTranslations("users.list");
  const { query } = props;
  const options = filterOptions(t, props.groups);
  return (
    <SearchForm
      action="/users"
      messages="users.list"
      fieldId="user-search"
      q={query.q}
      className="mb-4 grid grid-cols-2 gap-2 lg:grid-cols-[minmax(0,2fr)_repeat(4,minmax(0,1fr))_auto]"
      fieldClassName="col-span-2 lg:col-span-1"
      submitClassName={`${buttonClass.secondary} col-span-2 lg:col-span-1`}
    >
      <div>
        <FilterSelect
          id="user-group"
          name="group"
          label={t("groupFilter")}
          defaultValue={query.group}
          options={options.group}
        />
      </div>
      <div>
        <FilterSelect
          id="user-role"
          name="role"
          label={t("roleFilter")}
          defaultValue={query.role}
          options={options.role}
        />
      </div>
      <div>
        <FilterSelect
          id="user-status"
          name="status"
          label={t("statusFilter")}
          defaultValue={query.status}
          options={options.status}
        />
      </div>
      <div>
        <FilterSelect
          id="user-sort"
          name="sort"
          label={t("sortFilter")}
          defaultValue={query.sort}
          options={options.sort}
        />
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      </div>
    </SearchForm>
  );
}
