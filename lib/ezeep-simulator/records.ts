// The simulator's stored records: what it keeps per organization (users, groups, invitations,
// connectors, printers) and for OAuth (codes, refresh tokens). lib/ezeep-simulator/state.ts
// turns them into ezeep's answers.
import type { GroupOrigin, IdProfile } from "./types";

export interface PrintingFlags {
  local_printing_enabled: boolean;
  self_service_enabled: boolean;
  myprinters_enabled: boolean;
  pull_printing_enabled: boolean;
}

export interface UserRec {
  id: string;
  orgId: string;
  email: string;
  first_name: string;
  last_name: string;
  date_joined: number;
  roles: string[];
  is_verified: boolean;
  id_profile: IdProfile | null;
  /** null for users who signed up / came from Azure (§3.2); ids otherwise. */
  invitationIds: string[] | null;
  /** Printing-side row (§3.4); null until the user is verified (invitation accepted). */
  printing: PrintingFlags | null;
  /** Ordered group ids (membership); mirrored in GroupRec.members. */
  groupIds: string[];
}

export interface GroupRec {
  id: string;
  orgId: string;
  name: string;
  description: string;
  local_printing_enabled: boolean;
  myprinters_enabled: boolean;
  origin: GroupOrigin;
  members: Set<string>;
  printers: Set<string>;
}

export interface InvitationRec {
  id: string;
  orgId: string;
  userId: string;
  email: string;
  expire: number;
  updated: number;
  delivery_status: string;
  accepted: boolean;
}

export interface ConnectorRec {
  id: string;
  orgId: string;
  readable_name: string;
  description: string;
  type: string;
  status: string;
  location: string;
  os_type: string;
  serial_string: string;
  supported_formats: string[];
}

export interface PrinterRec {
  id: string;
  orgId: string;
  name: string;
  tp_id: number;
  status: string;
  vendor_name: string;
  model_name: string;
  location: string;
  connector_id: string;
  driver_id: string | null;
  manual_driver_id: string | null;
  supported_formats: string[];
  pnp_id: string;
  auto_driver_assignment_state: string;
  /** Ordered assigned group ids; mirrored in GroupRec.printers. */
  groupIds: string[];
}

export interface DriverRec {
  id: string;
  name: string;
  readable_name: string;
  vendor: string;
  os: string;
  arch: string;
}

export interface OrgRec {
  id: string;
  name: string;
  currency_code: string;
  admin_user: string | null;
  users: Map<string, UserRec>;
  groups: Map<string, GroupRec>;
  printers: Map<string, PrinterRec>;
  connectors: Map<string, ConnectorRec>;
  invitations: Map<string, InvitationRec>;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  orgId: string;
  scope: string;
  challenge: string | null;
}

export interface RefreshRec {
  clientId: string;
  userId: string | null;
  orgId: string;
  scope: string;
}
