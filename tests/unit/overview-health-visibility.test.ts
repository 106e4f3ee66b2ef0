// The overview's health figures are shown only to admins who may open the list each one links to.
import { describe, expect, it } from "vitest";

import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { visibleHealthItems, type HealthItem } from "@/lib/overview/health";

const ITEMS: HealthItem[] = (["printers", "connectors", "invitations", "failed", "unknown"] as const).map(
  (key) => ({
    key,
    label: key,
    count: 1,
    href: `/${key}`,
  }),
);

const keysFor = (allowed: (permission: Permission) => boolean) =>
  visibleHealthItems(ITEMS, allowed).map((item) => item.key);

describe("visibleHealthItems", () => {
  it("maps each figure to the permission of the list it links to", () => {
    expect(keysFor((p) => p === "printers.read")).toEqual(["printers"]);
    expect(keysFor((p) => p === "connectors.read")).toEqual(["connectors"]);
    expect(keysFor((p) => p === "invitations.read")).toEqual(["invitations"]);
    expect(keysFor((p) => p === "audit.read")).toEqual(["failed", "unknown"]);
  });

  it("shows nothing without any of those permissions, everything with all of them", () => {
    expect(keysFor(() => false)).toEqual([]);
    expect(keysFor(() => true)).toEqual(["printers", "connectors", "invitations", "failed", "unknown"]);
  });

  it("follows the role matrix: an owner sees every figure", () => {
    const owner: Role = "owner";
    expect(keysFor((p) => can(owner, p))).toHaveLength(ITEMS.length);
  });
});
