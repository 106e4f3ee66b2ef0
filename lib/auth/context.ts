// Who is acting, for which organization, with which role. Built once per request by
// lib/auth/session.ts (admins) or by the API-token check (route handlers), then passed down.
import type { Role } from "@/lib/auth/permissions";

export interface Actor {
  type: "admin" | "api_token" | "system";
  id: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  /** The admin's server-side session (lib/auth/sessions.ts), when acting from a browser. */
  sessionId?: string | null;
}

export interface OrganizationRef {
  id: string;
  ezeepId: string;
  name: string;
  connection: string;
}

export interface OrgContext {
  actor: Actor;
  organization: OrganizationRef;
  /** The actor's role in this organization; null for API tokens and system jobs. */
  role: Role | null;
}
