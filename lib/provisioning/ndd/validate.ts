// Item-by-item validation of NDD bodies (seed 003): a bad user is reported as "Domain//Logon" with
// its message, a bad grouping with the grouping's message; the rest is processed.
// Choices where seed 003 is silent (README "NDD-compatible provisioning API"):
// - Logon and Domain: letters, digits, ".", "_" and "-" only, at most 100 characters.
// - Email is optional ("joao.souza" in the seed has none): such a person is kept as "waiting for
//   an e-mail" and matched or invited once a request brings one.
// - GroupName at most 100 characters; GroupDescription at most 255 (ezeep's limit).
// - The same Domain//Logon twice in one grouping counts once (the first).
export const NDD_GROUP_NAME_MAX = 100;
export const NDD_GROUP_DESCRIPTION_MAX = 255;
const IDENT = /^[A-Za-z0-9._-]{1,100}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MESSAGES = {
  allGroupsInvalid: "All groups are invalid.",
  allUsersInvalid: "All users are invalid.",
  groupNameRequired: "Group Name is required.",
  groupNameTooLong: "Group Name is too long.",
  groupNameRepeated: "Group Name is repeated in this request.",
  groupDescription: "Group Description is not valid.",
  groupDescriptionTooLong: "Group Description is too long.",
  usersRequired: "Users is required.",
  logon: "Logon is not valid.",
  domain: "Domain is not valid.",
  email: "E-mail is not valid.",
  name: "Name is not valid.",
  groupFailed: "The group could not be created or updated in ezeep.",
} as const;

export interface NddUserError {
  user: string;
  errorMessage: string;
}
export interface NddGroupError {
  groupName: string;
  users: NddUserError[];
  errorMessage: string;
}

/** A valid NDD user: key = lower-case "domain//logon". */
export interface NddUser {
  ref: string;
  key: string;
  domain: string;
  logon: string;
  name: string | null;
  email: string | null;
}

export interface NddGrouping {
  index: number;
  groupName: string;
  name: string;
  description: string | undefined;
  users: NddUser[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const given = (v: unknown) => v !== undefined && v !== null;

function userMessage(
  u: Record<string, unknown>,
  logon: string,
  domain: string,
  email: string | undefined,
): string {
  if (!IDENT.test(logon)) return MESSAGES.logon;
  if (!IDENT.test(domain)) return MESSAGES.domain;
  if (given(u.Name) && (typeof u.Name !== "string" || u.Name.length > 255)) return MESSAGES.name;
  if (given(u.Email) && u.Email !== "" && (!email || email.length > 254 || !EMAIL.test(email)))
    return MESSAGES.email;
  return "";
}

export function validateUser(raw: unknown): { user: NddUser } | { error: NddUserError } {
  const u = obj(raw);
  const logon = str(u.Logon) ?? "";
  const domain = str(u.Domain) ?? "";
  const ref = `${domain}//${logon}`;
  const email = str(u.Email)?.trim();
  const message = userMessage(u, logon, domain, email);
  if (message) return { error: { user: ref, errorMessage: message } };
  const name = str(u.Name)?.trim() || null;
  return {
    user: {
      ref,
      key: `${domain.toLowerCase()}//${logon.toLowerCase()}`,
      domain,
      logon,
      name,
      email: email ? email.toLowerCase() : null,
    },
  };
}

/** Valid users (first of each key) and the errors of the others. */
export function validateUsers(list: unknown[]): { users: NddUser[]; errors: NddUserError[] } {
  const users: NddUser[] = [];
  const errors: NddUserError[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    const v = validateUser(raw);
    if ("error" in v) errors.push(v.error);
    else if (!seen.has(v.user.key)) {
      seen.add(v.user.key);
      users.push(v.user);
    }
  }
  return { users, errors };
}

function groupMessage(g: Record<string, unknown>, name: string, seen: Set<string>, maxUsers: number): string {
  if (!name) return MESSAGES.groupNameRequired;
  if (name.length > NDD_GROUP_NAME_MAX) return MESSAGES.groupNameTooLong;
  if (seen.has(name)) return MESSAGES.groupNameRepeated;
  if (given(g.GroupDescription) && typeof g.GroupDescription !== "string") return MESSAGES.groupDescription;
  if ((str(g.GroupDescription) ?? "").trim().length > NDD_GROUP_DESCRIPTION_MAX)
    return MESSAGES.groupDescriptionTooLong;
  if (!Array.isArray(g.Users)) return MESSAGES.usersRequired;
  if (g.Users.length > maxUsers) return `At most ${maxUsers} users per grouping.`;
  return "";
}

/** Per-grouping validation: the groupings to process and one error entry per grouping (or null). */
export function validateGroupings(
  groups: unknown[],
  maxUsers: number,
): { valid: NddGrouping[]; errors: (NddGroupError | null)[] } {
  const seen = new Set<string>();
  const valid: NddGrouping[] = [];
  const errors = groups.map((raw, index): NddGroupError | null => {
    const g = obj(raw);
    const groupName = str(g.GroupName) ?? "";
    const name = groupName.trim();
    const groupError = groupMessage(g, name, seen, maxUsers);
    if (name) seen.add(name);
    const { users, errors: userErrors } = validateUsers(
      Array.isArray(g.Users) ? g.Users.slice(0, maxUsers) : [],
    );
    if (!groupError) {
      const description = given(g.GroupDescription) ? str(g.GroupDescription)!.trim() : undefined;
      valid.push({ index, groupName, name, description, users });
    }
    return groupError || userErrors.length > 0
      ? { groupName, users: userErrors, errorMessage: groupError }
      : null;
  });
  return { valid, errors };
}
