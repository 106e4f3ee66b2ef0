// User limits, roles and printing flags (ezeep account and printing hosts; see docs/ezeep.md), free of
// zod so client components can import them without shipping the validation library to the browser.
export const USER_NAME_MAX = 150;

export const USER_ROLES = ["admin", "user"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = { admin: "Admin", user: "User" };

export const PRINTING_FLAGS = [
  "local_printing_enabled",
  "self_service_enabled",
  "myprinters_enabled",
  "pull_printing_enabled",
] as const;
export type PrintingFlag = (typeof PRINTING_FLAGS)[number];
export const PRINTING_FLAG_LABELS: Record<PrintingFlag, { label: string; hint: string }> = {
  local_printing_enabled: {
    label: "Local printing",
    hint: "Print to printers attached to their own computer.",
  },
  self_service_enabled: { label: "Self service", hint: "Add printers themselves in the ezeep app." },
  myprinters_enabled: { label: "My printers", hint: "Keep a personal list of printers." },
  pull_printing_enabled: { label: "Pull printing", hint: "Release jobs at the printer." },
};
