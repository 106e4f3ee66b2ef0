// The message catalogue: one JSON file per feature and language, so each feature's texts live
// together. English is the reference; German must have the same keys (tests/unit/i18n.test.ts).
import type { AppLocale } from "@/lib/i18n/locales";

import de_audit from "./de/audit.json";
import de_auth from "./de/auth.json";
import de_common from "./de/common.json";
import de_connectors from "./de/connectors.json";
import de_domains from "./de/domains.json";
import de_drivers from "./de/drivers.json";
import de_errors from "./de/errors.json";
import de_groups from "./de/groups.json";
import de_imports from "./de/imports.json";
import de_invitations from "./de/invitations.json";
import de_language from "./de/language.json";
import de_ndd from "./de/ndd.json";
import de_organizations from "./de/organizations.json";
import de_overview from "./de/overview.json";
import de_printers from "./de/printers.json";
import de_search from "./de/search.json";
import de_settings from "./de/settings.json";
import de_shell from "./de/shell.json";
import de_users from "./de/users.json";
import de_validation from "./de/validation.json";
import en_audit from "./en/audit.json";
import en_auth from "./en/auth.json";
import en_common from "./en/common.json";
import en_connectors from "./en/connectors.json";
import en_domains from "./en/domains.json";
import en_drivers from "./en/drivers.json";
import en_errors from "./en/errors.json";
import en_groups from "./en/groups.json";
import en_imports from "./en/imports.json";
import en_invitations from "./en/invitations.json";
import en_language from "./en/language.json";
import en_ndd from "./en/ndd.json";
import en_organizations from "./en/organizations.json";
import en_overview from "./en/overview.json";
import en_printers from "./en/printers.json";
import en_search from "./en/search.json";
import en_settings from "./en/settings.json";
import en_shell from "./en/shell.json";
import en_users from "./en/users.json";
import en_validation from "./en/validation.json";

const en = {
  language: en_language,
  common: en_common,
  shell: en_shell,
  auth: en_auth,
  overview: en_overview,
  settings: en_settings,
  users: en_users,
  groups: en_groups,
  invitations: en_invitations,
  imports: en_imports,
  domains: en_domains,
  printers: en_printers,
  connectors: en_connectors,
  drivers: en_drivers,
  organizations: en_organizations,
  ndd: en_ndd,
  audit: en_audit,
  search: en_search,
  errors: en_errors,
  validation: en_validation,
};

const de = {
  language: de_language,
  common: de_common,
  shell: de_shell,
  auth: de_auth,
  overview: de_overview,
  settings: de_settings,
  users: de_users,
  groups: de_groups,
  invitations: de_invitations,
  imports: de_imports,
  domains: de_domains,
  printers: de_printers,
  connectors: de_connectors,
  drivers: de_drivers,
  organizations: de_organizations,
  ndd: de_ndd,
  audit: de_audit,
  search: de_search,
  errors: de_errors,
  validation: de_validation,
};

/** The shape every language follows (English, the reference). */
export type Messages = typeof en;

export const NAMESPACES = Object.keys(en) as (keyof Messages)[];

const catalogues: Record<AppLocale, Messages> = { en, de: de as Messages };

export function messagesFor(locale: AppLocale): Messages {
  return catalogues[locale];
}
