import { describe, expect, it } from "vitest";

import { can, PERMISSIONS, ROLES } from "@/lib/auth/permissions";

describe("permission matrix", () => {
  it("denies by default: no role, unknown role or unknown permission is refused", () => {
    expect(can(null, "groups.read")).toBe(false);
    expect(can(undefined, "groups.read")).toBe(false);
    // @ts-expect-error an unknown role must not pass
    expect(can("superuser", "groups.read")).toBe(false);
    // @ts-expect-error an unknown permission must not pass
    expect(can("owner", "groups.nuke")).toBe(false);
  });

  it("gives the auditor every read permission and no write permission (except over their own account)", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      // Auditors manage their own account, and may start the drift check (it only reads ezeep and records).
      const isRead =
        permission.endsWith(".read") || permission === "account.manage" || permission === "audit.drift_run";
      expect(can("auditor", permission), permission).toBe(isRead);
    }
  });

  it("lets only owners and auditors run the drift check on demand", () => {
    expect(ROLES.filter((role) => can(role, "audit.drift_run"))).toEqual(["owner", "auditor"]);
  });

  it("lets helpdesk invite but not change groups, users or printers", () => {
    expect(can("helpdesk", "invitations.write")).toBe(true);
    expect(can("helpdesk", "groups.write")).toBe(false);
    expect(can("helpdesk", "users.delete")).toBe(false);
    expect(can("helpdesk", "printers.write")).toBe(false);
  });

  it("reserves organization and settings management for owners", () => {
    for (const role of ROLES) {
      expect(can(role, "organizations.manage")).toBe(role === "owner");
      expect(can(role, "settings.manage")).toBe(role === "owner");
    }
  });
});
