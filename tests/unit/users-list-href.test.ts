// The users list's address (lib/users/list-href.ts): filters, sort and page survive every link,
// defaults stay out of the address, and bad values fall back instead of failing the page.
import { describe, expect, it } from "vitest";

import { isFiltered, readUsersListParams, usersListHref, usersRefreshHref } from "@/lib/users/list-href";

describe("users list address", () => {
  it("reads filters, sort and page and falls back to defaults for bad values", () => {
    const { query, deletedName, refresh } = readUsersListParams({
      q: "  mira ",
      role: "owner",
      status: "invited",
      sort: "email",
      dir: "desc",
      page: "-3",
      group: ["a", "b"],
    });
    expect(query).toMatchObject({
      q: "mira",
      group: "",
      role: "all",
      status: "invited",
      sort: "email",
      dir: "desc",
      page: 1,
    });
    expect(deletedName).toBeUndefined();
    expect(refresh).toBe(false);
  });

  it("says who was deleted only with the notice, and asks for a refresh only with refresh=1", () => {
    expect(readUsersListParams({ notice: "deleted", name: "Mira Moss" }).deletedName).toBe("Mira Moss");
    expect(readUsersListParams({ notice: "deleted" }).deletedName).toBe("");
    expect(readUsersListParams({ name: "Mira Moss" }).deletedName).toBeUndefined();
    expect(readUsersListParams({ refresh: "1" }).refresh).toBe(true);
    expect(readUsersListParams({ refresh: "yes" }).refresh).toBe(false);
  });

  it("keeps only non-default values in links and applies a change", () => {
    const plain = readUsersListParams({}).query;
    expect(usersListHref(plain)).toBe("/users");
    expect(usersRefreshHref(plain)).toBe("/users?refresh=1");
    const query = readUsersListParams({ q: "a&b", status: "active", sort: "role", page: "3" }).query;
    expect(usersListHref(query)).toBe("/users?q=a%26b&status=active&sort=role&page=3");
    expect(usersListHref(query, { sort: "name", dir: "desc", page: 1 })).toBe(
      "/users?q=a%26b&status=active&dir=desc",
    );
    expect(usersRefreshHref(query)).toBe("/users?q=a%26b&status=active&sort=role&page=3&refresh=1");
  });

  it("counts search, group, role and status as filters, but not sort or page", () => {
    expect(isFiltered(readUsersListParams({ sort: "email", dir: "desc", page: "2" }).query)).toBe(false);
    expect(isFiltered(readUsersListParams({ q: "x" }).query)).toBe(true);
    expect(isFiltered(readUsersListParams({ group: "g1" }).query)).toBe(true);
    expect(isFiltered(readUsersListParams({ role: "admin" }).query)).toBe(true);
    expect(isFiltered(readUsersListParams({ status: "invited" }).query)).toBe(true);
  });
});
