// E-mail domain patterns of the domain rules: "acme.example" matches addresses at exactly that
// domain; "*.acme.example" matches any subdomain of it (eu.acme.example, a.b.acme.example) but
// not acme.example itself — an admin who wants both writes two rules. Compared in lower case.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The canonical form of a pattern, or null when it is not a domain / `*.domain`. */
export function normalizePattern(input: string): string | null {
  const raw = input.trim().toLowerCase().replace(/^@/, "");
  const wildcard = raw.startsWith("*.");
  const domain = wildcard ? raw.slice(2) : raw;
  if (domain.length === 0 || domain.length > 253) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return wildcard ? `*.${domain}` : domain;
}

/** The lower-case domain of an address ("" when it has none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Whether `email` falls under the (normalized) `pattern`. */
export function matchesPattern(email: string, pattern: string): boolean {
  const domain = domainOf(email);
  if (!domain) return false;
  if (pattern.startsWith("*.")) return domain.endsWith(pattern.slice(1));
  return domain === pattern;
}

/** Whether two patterns can match the same address (same pattern, or a domain under a wildcard). */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (wild: string, other: string) =>
    wild.startsWith("*.") && (other.endsWith(wild.slice(1)) || other === wild);
  return covers(a, b) || covers(b, a);
}
