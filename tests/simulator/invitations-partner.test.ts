// Invitations (§3.3) and the partner organizations API (§3.1).
import { beforeEach, describe, expect, it } from "vitest";

import {
  startSimulator,
  type AccountUser,
  type Invitation,
  type Organization,
  type Page,
  type PrintingUser,
} from "@/lib/ezeep-simulator";

import { authCode, call, ccToken, inDays, tokenRequest, useSim, type Json } from "./helpers";

const { sim } = useSim({ seed: "demo" });
let tok = "";
beforeEach(async () => {
  sim().reset("demo");
  tok = await ccToken(sim());
});

const get = <T = Json>(path: string) => call<T>(sim(), tok, "GET", path);
const send = <T = Json>(method: string, path: string, body?: unknown) =>
  call<T>(sim(), tok, method, path, body);

describe("invitations", () => {
  it("§3.3 demo seed has 4 pending invitations, one of them EXPIRED", async () => {
    const r = await get<Page<Invitation>>("/v1/userinvitations/");
    expect(r.body.count).toBe(4);
    const statuses = r.body.results.map((i) => i.invitation_status).sort();
    expect(statuses).toEqual(["EXPIRED", "OPEN", "OPEN", "OPEN"]);
    for (const i of r.body.results) expect(i.delivery_status).toBe("SENT");
  });

  it("§3.3 POST creates an OPEN invitation (201) and an unverified account user embedding it, without a printing row", async () => {
    const r = await send<Invitation>("POST", "/v1/userinvitations/", {
      email: "grace.hopper@acme.example",
      expire_date: "2099-07-22T15:15:33",
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.any(String),
      updated: expect.stringMatching(/Z$/),
      email: "grace.hopper@acme.example",
      expire_date: "2099-07-22T15:15:33.000000Z",
      delivery_status: "SENT",
      invitation_status: "OPEN",
    });
    const users = (await get<Page<AccountUser>>("/v1/users/?per_page=100")).body.results;
    const u = users.find((x) => x.email === "grace.hopper@acme.example");
    expect(u?.is_verified).toBe(false);
    expect(u?.user_invitations).toEqual([r.body]);
    expect((await get(`/printing/v1/users/${u?.id}/`)).status).toBe(404);
  });

  it("§4 #1 the alias /v1/users/userinvitations/ serves the same collection", async () => {
    const r = await send<Invitation>("POST", "/v1/users/userinvitations/", {
      email: "alias@acme.example",
      expire_date: inDays(3),
    });
    expect(r.status).toBe(201);
    const list = await get<Page<Invitation>>("/v1/userinvitations/");
    expect(list.body.results.map((i) => i.id)).toContain(r.body.id);
    expect((await get<Page<Invitation>>("/v1/users/userinvitations")).body.count).toBe(list.body.count);
  });

  it("§2.5/§3.3 validation: email and expire_date required and well-formed, future date", async () => {
    const cases: [Json, string][] = [
      [{ expire_date: inDays(3) }, "email"],
      [{ email: "nope", expire_date: inDays(3) }, "email"],
      [{ email: "a@acme.example" }, "expire_date"],
      [{ email: "a@acme.example", expire_date: "next tuesday" }, "expire_date"],
      [{ email: "a@acme.example", expire_date: "2020-01-01T00:00:00" }, "expire_date"],
    ];
    for (const [body, field] of cases) {
      const r = await send("POST", "/v1/userinvitations/", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body)).toEqual([field]);
    }
  });

  it("§6.7 an email that belongs to a user or an OPEN invitation → 400 email error; an expired one can be re-invited", async () => {
    const member = (await get<Page<AccountUser>>("/v1/users/")).body.results[0];
    const dup = await send("POST", "/v1/userinvitations/", {
      email: member.email.toUpperCase(),
      expire_date: inDays(3),
    });
    expect(dup.status).toBe(400);
    expect(Object.keys(dup.body)).toEqual(["email"]);
    const open = await send("POST", "/v1/userinvitations/", {
      email: "new.hire@acme.example",
      expire_date: inDays(3),
    });
    expect(open.status).toBe(400);
    expect(Object.keys(open.body)).toEqual(["email"]);
    const again = await send<Invitation>("POST", "/v1/userinvitations/", {
      email: "old.invite@acme.example",
      expire_date: inDays(3),
    });
    expect(again.status).toBe(201);
    const users = (await get<Page<AccountUser>>("/v1/users/?per_page=100")).body.results.filter(
      (u) => u.email === "old.invite@acme.example",
    );
    expect(users).toHaveLength(1);
    expect(users[0].user_invitations?.map((i) => i.invitation_status).sort()).toEqual(["EXPIRED", "OPEN"]);
  });

  it("§3.3 resend (PATCH) → {id}, bumps updated and keeps at least 7 days of validity", async () => {
    const list = (await get<Page<Invitation>>("/v1/userinvitations/")).body.results;
    const open = list.find((i) => i.invitation_status === "OPEN") as Invitation;
    const r = await send("PATCH", `/v1/userinvitations/${open.id}/`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: open.id });
    const after = (await get<Invitation>(`/v1/userinvitations/${open.id}/`)).body;
    expect(Date.parse(after.updated)).toBeGreaterThan(Date.parse(open.updated));
    expect(Date.parse(after.expire_date)).toBeGreaterThanOrEqual(Date.parse(open.expire_date));
    // An expired invitation becomes OPEN again after a resend.
    const expired = list.find((i) => i.invitation_status === "EXPIRED") as Invitation;
    await send("PATCH", `/v1/userinvitations/${expired.id}`);
    const revived = (await get<Invitation>(`/v1/userinvitations/${expired.id}/`)).body;
    expect(revived.invitation_status).toBe("OPEN");
    expect(Date.parse(revived.expire_date)).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    expect((await send("PATCH", "/v1/userinvitations/00000000-0000-4000-8000-000000000000/")).status).toBe(
      404,
    );
  });

  it("Appendix A: status turns EXPIRED once now > expire_date", async () => {
    const soon = new Date(Date.now() + 1200).toISOString(); // fractional seconds and Z are accepted
    const r = await send<Invitation>("POST", "/v1/userinvitations/", {
      email: "short.lived@acme.example",
      expire_date: soon,
    });
    expect(r.status).toBe(201);
    expect(r.body.invitation_status).toBe("OPEN");
    await new Promise((res) => setTimeout(res, 1500));
    expect((await get<Invitation>(`/v1/userinvitations/${r.body.id}/`)).body.invitation_status).toBe(
      "EXPIRED",
    );
    const u = (await get<Page<AccountUser>>("/v1/users/?per_page=100")).body.results.find(
      (x) => x.email === "short.lived@acme.example",
    );
    expect(u?.user_invitations?.[0].invitation_status).toBe("EXPIRED");
  });

  it("§3.3 accepting (test hook) marks ACCEPTED, verifies the user and creates the printing-side row", async () => {
    const inv = await send<Invitation>("POST", "/v1/userinvitations/", {
      email: "katherine.johnson@acme.example",
      expire_date: inDays(5),
    });
    const user = sim().acceptInvitation(inv.body.id, { firstName: "Katherine", lastName: "Johnson" });
    expect(user).toMatchObject({
      is_verified: true,
      first_name: "Katherine",
      display_name: "Katherine Johnson",
    });
    expect(user.user_invitations?.[0].invitation_status).toBe("ACCEPTED");
    const pu = await get<PrintingUser>(`/printing/v1/users/${user.id}/`);
    expect(pu.status).toBe(200);
    expect(pu.body.groups).toEqual([]);
    expect(() => sim().acceptInvitation(inv.body.id)).toThrow();
    // Resending an accepted invitation is refused.
    expect((await send("PATCH", `/v1/userinvitations/${inv.body.id}/`)).status).toBe(400);
    // The same over HTTP control: an expired invitation cannot be accepted.
    const expired = (await get<Page<Invitation>>("/v1/userinvitations/")).body.results.find(
      (i) => i.invitation_status === "EXPIRED",
    ) as Invitation;
    const h = await fetch(`${sim().apiUrl}/__sim/invitations/${expired.id}/accept`, {
      method: "POST",
      body: "{}",
    });
    expect(h.status).toBe(400);
  });

  it("§3.3 the HTTP accept hook works on both listeners", async () => {
    const open = (await get<Page<Invitation>>("/v1/userinvitations/")).body.results.find(
      (i) => i.invitation_status === "OPEN",
    ) as Invitation;
    const h = await fetch(`${sim().accountUrl}/__sim/invitations/${open.id}/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ firstName: "New", lastName: "Hire" }),
    });
    expect(h.status).toBe(200);
    expect(((await h.json()) as AccountUser).display_name).toBe("New Hire");
  });

  it("§3.2 deleting an invited user removes the invitation", async () => {
    const inv = await send<Invitation>("POST", "/v1/userinvitations/", {
      email: "temp@acme.example",
      expire_date: inDays(5),
    });
    const u = (await get<Page<AccountUser>>("/v1/users/?per_page=100")).body.results.find(
      (x) => x.email === "temp@acme.example",
    ) as AccountUser;
    expect((await send("DELETE", `/v1/users/${u.id}/`)).status).toBe(204);
    expect((await get(`/v1/userinvitations/${inv.body.id}/`)).status).toBe(404);
  });
});

describe("partner organizations", () => {
  it("§3.1 create with an existing admin user → 201 and the org is added to the client's organizations", async () => {
    const admin = (await get<Page<AccountUser>>("/v1/users/")).body.results[0];
    const r = await send<Organization>("POST", "/partner/v1/organizations/", {
      name: "Initech",
      admin_user: admin.id,
      currency_code: "USD",
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.any(String),
      name: "Initech",
      currency_code: "USD",
      admin_user: admin.id,
    });
    expect(sim().clients[0].organizationIds).toContain(r.body.id);
    // A token can now be issued for it.
    const t = await ccToken(sim(), sim().clients[0], { organization_id: r.body.id });
    expect((await call<Page<unknown>>(sim(), t, "GET", "/printing/v1/groups/")).body.count).toBe(0);
  });

  it("§3.1 create with an invitation → new org whose unverified admin carries an OPEN invitation", async () => {
    const r = await send<Organization>("POST", "/partner/v1/organizations/", {
      name: "Example Org",
      admin_user_invitation: {
        email: "admin@example.com",
        expire_date: inDays(30),
        user: { first_name: "Ada", last_name: "Admin", preferred_language: "en" },
      },
      currency_code: "EUR",
    });
    expect(r.status).toBe(201);
    const t = await ccToken(sim(), sim().clients[0], { organization_id: r.body.id });
    const users = await call<Page<AccountUser>>(sim(), t, "GET", "/v1/users/");
    expect(users.body.results).toHaveLength(1);
    expect(users.body.results[0]).toMatchObject({
      id: r.body.admin_user,
      email: "admin@example.com",
      roles: ["admin"],
      is_verified: false,
      display_name: "Ada Admin",
    });
    expect(users.body.results[0].user_invitations?.[0].invitation_status).toBe("OPEN");
  });

  it("§3.1 create validation → 400 (missing name, bad currency, both/neither admin, unknown user, nested invitation errors)", async () => {
    const admin = (await get<Page<AccountUser>>("/v1/users/")).body.results[0].id;
    const bad: [Json, string][] = [
      [{ admin_user: admin, currency_code: "EUR" }, "name"],
      [{ name: "X", admin_user: admin, currency_code: "GBP" }, "currency_code"],
      [{ name: "X", admin_user: admin }, "currency_code"],
      [{ name: "X", currency_code: "EUR" }, "non_field_errors"],
      [{ name: "X", currency_code: "EUR", admin_user: "00000000-0000-4000-8000-000000000000" }, "admin_user"],
      [
        {
          name: "X",
          currency_code: "EUR",
          admin_user_invitation: {
            email: "bad",
            expire_date: inDays(3),
            user: { first_name: "a", last_name: "b", preferred_language: "en" },
          },
        },
        "admin_user_invitation",
      ],
      [
        {
          name: "X",
          currency_code: "EUR",
          admin_user_invitation: {
            email: "a@b.co",
            expire_date: inDays(3),
            user: { first_name: "a", last_name: "b", preferred_language: "fr" },
          },
        },
        "admin_user_invitation",
      ],
    ];
    for (const [body, field] of bad) {
      const r = await send("POST", "/partner/v1/organizations/", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.body)).toEqual([field]);
    }
    const nested = await send<Json>("POST", "/partner/v1/organizations/", bad[6][0]);
    expect(nested.body).toEqual({
      admin_user_invitation: { user: { preferred_language: ['"fr" is not a valid choice.'] } },
    });
  });

  it("§3.1 list, get, patch and delete (204, cascades, removed from the client)", async () => {
    const admin = (await get<Page<AccountUser>>("/v1/users/")).body.results[0].id;
    const c = await send<Organization>("POST", "/partner/v1/organizations/", {
      name: "Umbrella",
      admin_user: admin,
      currency_code: "EUR",
    });
    const id = c.body.id;
    const list = await get<Page<Organization>>("/partner/v1/organizations/");
    expect(list.body.results.map((o) => o.id)).toEqual([sim().organizationId, id]);
    expect((await get<Organization>(`/partner/v1/organizations/${id}/`)).body.name).toBe("Umbrella");
    const p = await send<Organization>("PATCH", `/partner/v1/organizations/${id}`, {
      name: "Umbrella Corp",
      currency_code: "USD",
    });
    expect(p.body).toMatchObject({ name: "Umbrella Corp", currency_code: "USD" });
    const t = await ccToken(sim(), sim().clients[0], { organization_id: id });
    expect((await send("DELETE", `/partner/v1/organizations/${id}/`)).status).toBe(204);
    expect((await get(`/partner/v1/organizations/${id}/`)).status).toBe(404);
    expect(sim().clients[0].organizationIds).not.toContain(id);
    // Tokens of the deleted org stop working and no new ones can be minted for it.
    expect((await call(sim(), t, "GET", "/printing/v1/groups/")).status).toBe(403);
    expect((await call(sim(), tok, "GET", "/printing/v1/groups/")).status).toBe(200);
  });

  it("§1.8 the partner API refuses non-partner clients and user tokens (403); other partners' orgs are 404", async () => {
    const s = await startSimulator({
      seed: "demo",
      clients: [
        { clientId: "plain", clientSecret: "s1", organizationIds: [] },
        { clientId: "partnerA", clientSecret: "s2", organizationIds: [], partner: true },
        { clientId: "partnerB", clientSecret: "s3", organizationIds: [], partner: true },
      ],
    });
    try {
      const plain = await ccToken(s, s.clients[0]);
      const r = await call(s, plain, "GET", "/partner/v1/organizations/");
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ detail: "You do not have permission to perform this action." });
      const a = await ccToken(s, s.clients[1]);
      const admin = (await call<Page<AccountUser>>(s, a, "GET", "/v1/users/")).body.results[0].id;
      const mine = await call<Organization>(s, a, "POST", "/partner/v1/organizations/", {
        name: "P1",
        admin_user: admin,
        currency_code: "EUR",
      });
      expect(mine.status).toBe(201);
      expect(s.clients[1].organizationIds).toContain(mine.body.id);
      expect(s.clients[2].organizationIds).not.toContain(mine.body.id);
      const b = await ccToken(s, s.clients[2]);
      expect((await call(s, b, "GET", `/partner/v1/organizations/${mine.body.id}/`)).status).toBe(404);
      expect((await call(s, b, "DELETE", `/partner/v1/organizations/${mine.body.id}/`)).status).toBe(404);
      const tokenForeign = await fetch(`${s.accountUrl}/oauth/access_token/`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("partnerB:s3").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ grant_type: "client_credentials", organization_id: mine.body.id }),
      });
      expect(tokenForeign.status).toBe(400);
      // A user (authorization_code) token of a partner client is not a partner token.
      const code = await authCode(s, {}, s.clients[1]);
      const ut = await tokenRequest(
        s,
        { grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/code" },
        s.clients[1],
      );
      expect(
        (await call(s, ut.body.access_token as string, "GET", "/partner/v1/organizations/")).status,
      ).toBe(403);
    } finally {
      await s.close();
    }
  });
});
