// Deterministic fixtures: the "Acme Corp" demo org, an empty org, and large benchmark orgs.
// All ids come from a seeded PRNG so they are stable across runs; only invitation expiry dates
// are relative to "now" (so open ones stay open and the expired one stays expired).
import { CATALOGUE, CITIES, DEPARTMENTS, FIRST, LAST } from "./seed-data";
import {
  DEFAULT_PRINTING_FLAGS,
  newOrg,
  type GroupRec,
  type OrgRec,
  type PrinterRec,
  type SimState,
  type UserRec,
} from "./state";
import type { SeedSpec } from "./types";
import { Prng } from "./util";

const DEMO_ORG_NAME = "Acme Corp";
const DOMAIN = "acme.example";

interface BuildResult {
  orgId: string;
}

function normEmailPart(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ü/g, "ue")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function buildCatalogue(state: SimState): void {
  const rng = new Prng(0xd71e5);
  for (const [vendor, names] of Object.entries(CATALOGUE)) {
    for (const name of names) {
      const id = rng.uuid();
      state.drivers.set(id, { id, name, readable_name: name, vendor, os: "Windows", arch: "x64" });
    }
  }
}

function makeUsers(state: SimState, org: OrgRec, rng: Prng, count: number, joinedBase: number): UserRec[] {
  const used = new Map<string, number>();
  const users: UserRec[] = [];
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${normEmailPart(first)}.${normEmailPart(last)}`;
    const n = (used.get(local) ?? 0) + 1;
    used.set(local, n);
    const email = `${n === 1 ? local : `${local}${n}`}@${DOMAIN}`;
    const u: UserRec = {
      id: rng.uuid(),
      orgId: org.id,
      email,
      first_name: first,
      last_name: last,
      date_joined: joinedBase + i * 3_600_000 + rng.int(0, 3_599_999),
      roles: ["user"],
      is_verified: true,
      id_profile: null,
      invitationIds: null,
      printing: {
        ...DEFAULT_PRINTING_FLAGS,
        local_printing_enabled: rng.next() < 0.2,
        myprinters_enabled: rng.next() < 0.8,
      },
      groupIds: [],
    };
    org.users.set(u.id, u);
    users.push(u);
  }
  users[0].roles = ["admin"];
  org.admin_user = users[0].id;
  return users;
}

function addConnectors(state: SimState, org: OrgRec, rng: Prng, count: number): string[] {
  const base = [
    {
      readable_name: "HQ ezeep Hub",
      type: "TPHub",
      os_type: "Linux",
      location: "Berlin HQ, 2nd floor",
      status: "ON",
    },
    {
      readable_name: "Munich Print Server",
      type: "Printserver",
      os_type: "Windows",
      location: "Munich office",
      status: "ON",
    },
    {
      readable_name: "Warehouse ezeep Hub",
      type: "TPHub",
      os_type: "Linux",
      location: "Hamburg warehouse",
      status: "OFF",
    },
  ];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const b = base[i % base.length];
    const id = rng.uuid();
    const suffix = i < base.length ? "" : ` ${Math.floor(i / base.length) + 1}`;
    org.connectors.set(id, {
      id,
      orgId: org.id,
      readable_name: b.readable_name + suffix,
      description: b.type === "TPHub" ? "ezeep Hub appliance" : "Windows print server connector",
      type: b.type,
      status: b.status,
      location: b.location,
      os_type: b.os_type,
      serial_string: `${b.type === "TPHub" ? "TPH" : "PSV"}-${rng.hex(5).toUpperCase()}`,
      supported_formats: b.type === "TPHub" ? ["RAW", "PDF"] : ["RAW", "EMF", "XPS"],
    });
    ids.push(id);
  }
  return ids;
}

function addPrinters(
  state: SimState,
  org: OrgRec,
  rng: Prng,
  count: number,
  connectorIds: string[],
): PrinterRec[] {
  const drivers = [...state.drivers.values()];
  const printers: PrinterRec[] = [];
  const tpByConnector = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const connector_id = connectorIds[i % connectorIds.length];
    const conn = org.connectors.get(connector_id);
    const tp = (tpByConnector.get(connector_id) ?? 0) + 1;
    tpByConnector.set(connector_id, tp);
    const d = rng.pick(drivers);
    const model = d.name
      .replace(/ (PCL ?6|PCL-6|PS|UFR II|KX|XL|Series|series)$/, "")
      .replace(/^(HP|Canon|EPSON|Kyocera|Lexmark|RICOH|Xerox|Brother) /i, "");
    const roll = rng.next();
    // ~half auto-assigned drivers, a few manual overrides, the rest without driver.
    const auto = roll < 0.5;
    const manual = roll >= 0.5 && roll < 0.65;
    const status = demoPrinterStatus(i);
    const floor = rng.int(0, 5);
    const p: PrinterRec = {
      id: rng.uuid(),
      orgId: org.id,
      name: `${(conn?.location ?? "Office").split(/[ ,]/)[0]}-F${floor}-${d.vendor}-${model.replace(/[^A-Za-z0-9]+/g, "-")}${count > 15 ? `-${i + 1}` : ""}`,
      tp_id: tp,
      status,
      vendor_name: d.vendor,
      model_name: model,
      location: `${conn?.location ?? ""}, floor ${floor}`,
      connector_id,
      driver_id: auto ? d.id : null,
      manual_driver_id: manual ? d.id : null,
      supported_formats: conn?.type === "TPHub" ? ["RAW", "PDF"] : ["RAW", "XPS"],
      pnp_id: `MFG:${d.vendor};MDL:${model};CMD:PCL,PJL;`,
      auto_driver_assignment_state: auto ? "SUCCEEDED" : "SKIPPED",
      groupIds: [],
    };
    org.printers.set(p.id, p);
    printers.push(p);
  }
  return printers;
}

/** Every 11th printer offline and every 13th misconfigured, so lists show all three states. */
function demoPrinterStatus(i: number): string {
  if (i % 11 === 5) return "Offline";
  if (i % 13 === 7) return "Inproperly Configured";
  return "Online";
}

function demoGroupDescription(group: { name: string; size: number; azure?: boolean }): string {
  if (group.azure) return `Synchronised from Azure AD (${group.name})`;
  return group.size === 0 ? "" : `${group.name} team at Acme`;
}

// 10 groups, mixed sizes (one empty, one org-wide); the last two come from Azure AD.
const DEMO_GROUPS: { name: string; size: number; azure?: boolean; local?: boolean; mine?: boolean }[] = [
  { name: "Engineering", size: 14, local: true },
  { name: "Sales", size: 9, mine: true },
  { name: "Marketing", size: 6 },
  { name: "Finance", size: 5, mine: true },
  { name: "Human Resources", size: 3 },
  { name: "Support", size: 8, local: true, mine: true },
  { name: "Operations", size: 4 },
  { name: "Legal", size: 0 },
  { name: "Design Studio", size: 7, azure: true, mine: true },
  { name: "All Employees", size: 52, azure: true },
];

function buildDemo(state: SimState): BuildResult {
  const rng = new Prng(0xac3e);
  const org = newOrg(rng.uuid(), DEMO_ORG_NAME, "EUR");
  state.orgs.set(org.id, org);
  const users = makeUsers(state, org, rng, 60, Date.UTC(2023, 0, 9, 8, 0, 0));
  users[1].roles = ["admin"];
  users[2].roles = ["admin"];

  const spec = DEMO_GROUPS;
  const groups = spec.map((s) =>
    state.addGroup(org, {
      id: rng.uuid(),
      name: s.name,
      description: demoGroupDescription(s),
      local_printing_enabled: !!s.local,
      myprinters_enabled: !!s.mine,
      origin: s.azure ? { provider: "Azure", foreign_id: rng.uuid() } : { provider: "Ezeep" },
    }),
  );
  const membership = new Map<UserRec, string[]>();
  spec.forEach((s, gi) => {
    for (const u of rng.sample(users, s.size))
      membership.set(u, [...(membership.get(u) ?? []), groups[gi].id]);
  });
  for (const [u, gids] of membership) state.setUserGroups(org, u, gids);
  // Members of Azure groups look like Azure users.
  for (const u of users) {
    if (u.groupIds.includes(groups[8].id)) {
      u.id_profile = { oid: rng.uuid(), preferred_username: u.email, name: `${u.first_name} ${u.last_name}` };
    }
  }

  const connectorIds = addConnectors(state, org, rng, 3);
  const printers = addPrinters(state, org, rng, 15, connectorIds);
  // Assignments: most groups get 1–4 printers; Legal none; two printers stay unassigned.
  spec.forEach((s, gi) => {
    if (s.name === "Legal") return;
    for (const p of rng.sample(printers.slice(0, 13), rng.int(1, 4)))
      state.addPrinterGroups(org, p, [groups[gi].id]);
  });

  addDemoInvitations(state, org, rng);
  return { orgId: org.id };
}

/** 4 pending invitations, one already expired. */
function addDemoInvitations(state: SimState, org: OrgRec, rng: Prng): void {
  const now = state.now();
  const day = 86_400_000;
  const invites: [string, number][] = [
    ["new.hire@acme.example", now + 14 * day],
    ["contractor.jane@acme.example", now + 7 * day],
    ["intern.max@acme.example", now + 30 * day],
    ["old.invite@acme.example", now - 2 * day],
  ];
  invites.forEach(([email, expire], i) => {
    const at = expire - (i === 3 ? 14 : 10) * day;
    state.createInvitation(org, email, expire, { invitationId: rng.uuid(), userId: rng.uuid(), at });
  });
}

function buildEmpty(state: SimState): BuildResult {
  const rng = new Prng(0xe3);
  const org = newOrg(rng.uuid(), DEMO_ORG_NAME, "EUR");
  state.orgs.set(org.id, org);
  makeUsers(state, org, rng, 1, Date.UTC(2023, 0, 9, 8, 0, 0));
  return { orgId: org.id };
}

function buildLarge(
  state: SimState,
  spec: { users: number; groups?: number; printers?: number },
): BuildResult {
  const rng = new Prng(0x1a4e + spec.users);
  const org = newOrg(rng.uuid(), `${DEMO_ORG_NAME} (${spec.users} users)`, "EUR");
  state.orgs.set(org.id, org);
  const nUsers = Math.max(1, Math.floor(spec.users));
  const nGroups = spec.groups ?? Math.max(10, Math.ceil(nUsers / 100));
  const nPrinters = spec.printers ?? Math.max(15, Math.ceil(nUsers / 200));
  const users = makeUsers(state, org, rng, nUsers, Date.UTC(2020, 0, 1));
  const groups: GroupRec[] = [];
  for (let i = 0; i < nGroups; i++) {
    const name = `${DEPARTMENTS[i % DEPARTMENTS.length]} ${CITIES[Math.floor(i / DEPARTMENTS.length) % CITIES.length]}${i >= 100 ? ` ${Math.floor(i / 100) + 1}` : ""}`;
    groups.push(
      state.addGroup(org, {
        id: rng.uuid(),
        name,
        description: `${name} staff`,
        origin: i % 10 === 9 ? { provider: "Azure", foreign_id: rng.uuid() } : { provider: "Ezeep" },
      }),
    );
  }
  // Each user in 1–3 groups; writes go straight to the sets to stay fast for 10k+ users.
  for (const u of users) {
    if (!groups.length) break;
    const k = rng.int(1, 3);
    const picked = new Set<number>();
    for (let j = 0; j < k; j++) picked.add(rng.int(0, groups.length - 1));
    u.groupIds = [...picked].map((gi) => groups[gi].id);
    for (const gi of picked) groups[gi].members.add(u.id);
  }
  const connectorIds = addConnectors(state, org, rng, Math.max(3, Math.ceil(nPrinters / 10)));
  const printers = addPrinters(state, org, rng, nPrinters, connectorIds);
  for (const p of printers) {
    if (!groups.length) break;
    const k = rng.int(0, 3);
    for (let j = 0; j < k; j++) state.addPrinterGroups(org, p, [groups[rng.int(0, groups.length - 1)].id]);
  }
  const day = 86_400_000;
  const now = state.now();
  const nInv = Math.min(50, Math.max(4, Math.floor(nUsers / 500)));
  for (let i = 0; i < nInv; i++) {
    state.createInvitation(org, `invitee${i + 1}@${DOMAIN}`, now + (i === 0 ? -day : 14 * day), {
      invitationId: rng.uuid(),
      userId: rng.uuid(),
      at: now - day,
    });
  }
  return { orgId: org.id };
}

/** Rebuilds all data for a seed; returns the primary organization id. */
function buildSeed(state: SimState, seed: SeedSpec): BuildResult {
  if (seed === "demo") return buildDemo(state);
  if (seed === "empty") return buildEmpty(state);
  return buildLarge(state, seed);
}

export function applySeed(state: SimState, seed: SeedSpec): string {
  state.clearData();
  buildCatalogue(state);
  const { orgId } = buildSeed(state, seed);
  state.primaryOrgId = orgId;
  // Clients keep their credentials across resets; org ids that vanished are dropped, and a
  // client left without organizations controls the primary one.
  for (const c of state.clients) {
    c.organizationIds = c.organizationIds.filter((id) => state.orgs.has(id));
    if (c.organizationIds.length === 0) c.organizationIds.push(orgId);
  }
  return orgId;
}
