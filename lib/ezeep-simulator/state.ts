// In-memory state (docs/ezeep.md), shared by both listeners, plus serializers and the
// mutations that keep derived fields and invariants (membership, assignments) consistent.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";

import type {
  AuthCode,
  ConnectorRec,
  DriverRec,
  GroupRec,
  InvitationRec,
  OrgRec,
  PrinterRec,
  PrintingFlags,
  RefreshRec,
  UserRec,
} from "./records";
import type {
  AccountUser,
  Connector,
  Driver,
  Group,
  Invitation,
  Organization,
  Printer,
  PrinterAssignments,
  PrintingUser,
  SimulatorClient,
} from "./types";
import { isoMicro } from "./util";

export type * from "./records";

export const DEFAULT_PRINTING_FLAGS: PrintingFlags = {
  local_printing_enabled: false,
  self_service_enabled: true,
  myprinters_enabled: true,
  pull_printing_enabled: false,
};

// Opaque capability blob in the lower-case driver shape (§3.7); content is irrelevant.
const DRIVER_CAPS = gzipSync(Buffer.from('{"PaperFormats":["A4","Letter"],"Duplex":true}')).toString(
  "base64",
);

export function newOrg(id: string, name: string, currency = "EUR"): OrgRec {
  return {
    id,
    name,
    currency_code: currency,
    admin_user: null,
    users: new Map(),
    groups: new Map(),
    printers: new Map(),
    connectors: new Map(),
    invitations: new Map(),
  };
}

export class SimState {
  orgs = new Map<string, OrgRec>();
  drivers = new Map<string, DriverRec>();
  codes = new Map<string, AuthCode>();
  refreshTokens = new Map<string, RefreshRec>();
  /** jti of every live access token; expireAllTokens() empties it. */
  activeJtis = new Set<string>();
  primaryOrgId = "";

  constructor(public clients: SimulatorClient[]) {}

  now(): number {
    return Date.now();
  }

  clearData(): void {
    this.orgs.clear();
    this.drivers.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.activeJtis.clear();
  }

  findUserAnywhere(userId: string): UserRec | undefined {
    for (const org of this.orgs.values()) {
      const u = org.users.get(userId);
      if (u) return u;
    }
    return undefined;
  }

  findInvitationAnywhere(invitationId: string): { org: OrgRec; inv: InvitationRec } | undefined {
    for (const org of this.orgs.values()) {
      const inv = org.invitations.get(invitationId);
      if (inv) return { org, inv };
    }
    return undefined;
  }

  // ---- serializers ----

  invitationStatus(inv: InvitationRec): Invitation["invitation_status"] {
    if (inv.accepted) return "ACCEPTED";
    return this.now() > inv.expire ? "EXPIRED" : "OPEN";
  }

  toInvitation(inv: InvitationRec): Invitation {
    return {
      id: inv.id,
      updated: isoMicro(inv.updated),
      email: inv.email,
      expire_date: isoMicro(inv.expire),
      delivery_status: inv.delivery_status,
      invitation_status: this.invitationStatus(inv),
    };
  }

  toAccountUser(org: OrgRec, u: UserRec): AccountUser {
    const invs = u.invitationIds
      ? u.invitationIds
          .map((id) => org.invitations.get(id))
          .filter((x): x is InvitationRec => !!x)
          .map((i) => this.toInvitation(i))
      : null;
    return {
      id: u.id,
      email: u.email,
      first_name: u.first_name,
      last_name: u.last_name,
      display_name: `${u.first_name} ${u.last_name}`.trim(),
      date_joined: isoMicro(u.date_joined),
      azure_profile: null,
      id_profile: u.id_profile,
      user_invitations: invs,
      roles: [...u.roles],
      is_verified: u.is_verified,
    };
  }

  /** Like ezeep, the answer never carries `pull_printing_enabled` (§3.4): it can be set, not read. */
  toPrintingUser(u: UserRec): PrintingUser {
    const { pull_printing_enabled: _notReported, ...f } = u.printing ?? DEFAULT_PRINTING_FLAGS;
    return { id: u.id, ...f, groups: u.groupIds.map((group_id) => ({ group_id })) };
  }

  toGroup(g: GroupRec): Group {
    return {
      id: g.id,
      name: g.name,
      description: g.description,
      local_printing_enabled: g.local_printing_enabled,
      myprinters_enabled: g.myprinters_enabled,
      origin: { ...g.origin },
      organization_id: g.orgId,
      num_members: g.members.size,
      num_printers: g.printers.size,
    };
  }

  toPrinter(p: PrinterRec): Printer {
    return {
      id: p.id,
      name: p.name,
      tp_id: p.tp_id,
      status: p.status,
      vendor_name: p.vendor_name,
      model_name: p.model_name,
      location: p.location,
      connector_id: p.connector_id,
      driver_id: p.driver_id,
      manual_driver_id: p.manual_driver_id,
      supported_formats: [...p.supported_formats],
      blob_capabilities: null,
      pnp_id: p.pnp_id,
      auto_driver_assignment_state: p.auto_driver_assignment_state,
    };
  }

  toAssignments(org: OrgRec, p: PrinterRec): PrinterAssignments {
    const groups = p.groupIds
      .map((id) => org.groups.get(id))
      .filter((g): g is GroupRec => !!g)
      .map((g) => ({
        group_id: g.id,
        group_name: g.name,
        group_foreign_id: g.origin.foreign_id ?? null,
        force_chosen: false,
      }));
    return {
      printer_id: p.id,
      printer_name: p.name,
      assignments: groups.length ? [{ settings: null, groups }] : [],
    };
  }

  toConnector(c: ConnectorRec): Connector {
    const { orgId: _orgId, ...rest } = c;
    return { ...rest, supported_formats: [...c.supported_formats] };
  }

  /** printers_using_driver counts the caller's org only (the catalogue is global). */
  toDriver(d: DriverRec, org: OrgRec | undefined): Driver {
    let using = 0;
    if (org)
      for (const p of org.printers.values()) if (p.driver_id === d.id || p.manual_driver_id === d.id) using++;
    return {
      ...d,
      printers_using_driver: using,
      blob_capabilities: { options: 2, count: 6, capabilities: DRIVER_CAPS },
    };
  }

  toOrganization(o: OrgRec): Organization {
    return { id: o.id, name: o.name, currency_code: o.currency_code, admin_user: o.admin_user };
  }

  // ---- mutations keeping invariants ----

  addGroup(
    org: OrgRec,
    init: Partial<Omit<GroupRec, "members" | "printers" | "orgId">> & { name: string },
  ): GroupRec {
    const g: GroupRec = {
      id: init.id ?? randomUUID(),
      orgId: org.id,
      name: init.name,
      description: init.description ?? "",
      local_printing_enabled: init.local_printing_enabled ?? false,
      myprinters_enabled: init.myprinters_enabled ?? false,
      origin: init.origin ?? { provider: "Ezeep" },
      members: new Set(),
      printers: new Set(),
    };
    org.groups.set(g.id, g);
    return g;
  }

  /** Replace semantics (§3.4): the list becomes the user's whole membership. */
  setUserGroups(org: OrgRec, u: UserRec, groupIds: string[]): void {
    for (const gid of u.groupIds) org.groups.get(gid)?.members.delete(u.id);
    u.groupIds = [...new Set(groupIds)];
    for (const gid of u.groupIds) org.groups.get(gid)?.members.add(u.id);
  }

  addPrinterGroups(org: OrgRec, p: PrinterRec, groupIds: string[]): void {
    for (const gid of groupIds) {
      if (p.groupIds.includes(gid)) continue;
      p.groupIds.push(gid);
      org.groups.get(gid)?.printers.add(p.id);
    }
  }

  removePrinterGroups(org: OrgRec, p: PrinterRec, groupIds: string[]): void {
    const drop = new Set(groupIds);
    p.groupIds = p.groupIds.filter((g) => !drop.has(g));
    for (const gid of drop) org.groups.get(gid)?.printers.delete(p.id);
  }

  /** Cascade (§3.5 / Appendix A): a deleted group leaves users' memberships and assignments. */
  deleteGroup(org: OrgRec, g: GroupRec): void {
    for (const uid of g.members) {
      const u = org.users.get(uid);
      if (u) u.groupIds = u.groupIds.filter((x) => x !== g.id);
    }
    for (const pid of g.printers) {
      const p = org.printers.get(pid);
      if (p) p.groupIds = p.groupIds.filter((x) => x !== g.id);
    }
    org.groups.delete(g.id);
  }

  deleteUser(org: OrgRec, u: UserRec): void {
    this.setUserGroups(org, u, []);
    for (const id of u.invitationIds ?? []) org.invitations.delete(id);
    org.users.delete(u.id);
    if (org.admin_user === u.id) org.admin_user = null;
  }

  deletePrinter(org: OrgRec, p: PrinterRec): void {
    this.removePrinterGroups(org, p, p.groupIds);
    org.printers.delete(p.id);
  }

  /** Deleting a connector deletes its printers (they cannot exist without one). */
  deleteConnector(org: OrgRec, c: ConnectorRec): void {
    for (const p of [...org.printers.values()]) if (p.connector_id === c.id) this.deletePrinter(org, p);
    org.connectors.delete(c.id);
  }

  deleteOrg(org: OrgRec): void {
    this.orgs.delete(org.id);
    for (const c of this.clients) c.organizationIds = c.organizationIds.filter((id) => id !== org.id);
    for (const [code, rec] of this.codes) if (rec.orgId === org.id) this.codes.delete(code);
    for (const [rt, rec] of this.refreshTokens) if (rec.orgId === org.id) this.refreshTokens.delete(rt);
  }

  /** Invitation (§3.3): a new or existing unverified user carrying the invitation. */
  createInvitation(
    org: OrgRec,
    email: string,
    expire: number,
    opts: { user?: UserRec; roles?: string[]; invitationId?: string; userId?: string; at?: number } = {},
  ): { inv: InvitationRec; user: UserRec } {
    const now = opts.at ?? this.now();
    let u = opts.user;
    if (!u) {
      u = {
        id: opts.userId ?? randomUUID(),
        orgId: org.id,
        email,
        first_name: "",
        last_name: "",
        date_joined: now,
        roles: opts.roles ?? ["user"],
        is_verified: false,
        id_profile: null,
        invitationIds: [],
        printing: null,
        groupIds: [],
      };
      org.users.set(u.id, u);
    }
    const inv: InvitationRec = {
      id: opts.invitationId ?? randomUUID(),
      orgId: org.id,
      userId: u.id,
      email,
      expire,
      updated: now,
      delivery_status: "SENT",
      accepted: false,
    };
    org.invitations.set(inv.id, inv);
    (u.invitationIds ??= []).push(inv.id);
    return { inv, user: u };
  }

  acceptInvitation(
    org: OrgRec,
    inv: InvitationRec,
    profile: { firstName?: string; lastName?: string } = {},
  ): UserRec {
    const u = org.users.get(inv.userId);
    if (!u) throw new Error(`invitation ${inv.id} has no user`);
    inv.accepted = true;
    inv.updated = Math.max(this.now(), inv.updated + 1);
    u.is_verified = true;
    const [localFirst = "", localLast = ""] = inv.email.split("@")[0].split(/[._-]/);
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    u.first_name = profile.firstName ?? (u.first_name || cap(localFirst));
    u.last_name = profile.lastName ?? (u.last_name || cap(localLast));
    u.printing ??= { ...DEFAULT_PRINTING_FLAGS };
    return u;
  }
}
