// The portal's areas, in navigation order. `permission` hides an area a role cannot read;
// the page itself checks again on the server.
import type { Permission } from "@/lib/auth/permissions";
import type { Messages } from "@/lib/i18n/messages";

/** The item's name in the `shell.nav` messages. */
export type NavLabel = keyof Messages["shell"]["nav"];

export interface NavItem {
  href: string;
  label: NavLabel;
  permission: Permission;
  icon: string; // an SVG path (24×24, stroke)
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "overview", permission: "dashboard.read", icon: "M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10" },
  {
    href: "/users",
    label: "users",
    permission: "users.read",
    icon: "M16 19v-1a4 4 0 00-4-4H7a4 4 0 00-4 4v1M9.5 10a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM21 19v-1a4 4 0 00-3-3.87M16 3.13a3.5 3.5 0 010 6.74",
  },
  { href: "/groups", label: "groups", permission: "groups.read", icon: "M4 6h16M4 12h16M4 18h10" },
  {
    href: "/invitations",
    label: "invitations",
    permission: "invitations.read",
    icon: "M3 7l9 6 9-6M4 5h16a1 1 0 011 1v12a1 1 0 01-1 1H4a1 1 0 01-1-1V6a1 1 0 011-1z",
  },
  {
    href: "/printers",
    label: "printers",
    permission: "printers.read",
    icon: "M6 9V3h12v6M6 18H4a1 1 0 01-1-1v-6a2 2 0 012-2h14a2 2 0 012 2v6a1 1 0 01-1 1h-2M7 14h10v7H7z",
  },
  {
    href: "/connectors",
    label: "connectors",
    permission: "connectors.read",
    icon: "M9 7V3M15 7V3M7 7h10v5a5 5 0 01-10 0V7zM12 17v4",
  },
  {
    href: "/drivers",
    label: "drivers",
    permission: "drivers.read",
    icon: "M4 4h16v4H4zM4 12h16v8H4zM8 16h.01",
  },
  {
    href: "/ndd",
    label: "ndd",
    permission: "users.read",
    icon: "M8 7h8M8 12h8M8 17h5M5 3h14a1 1 0 011 1v16a1 1 0 01-1 1H5a1 1 0 01-1-1V4a1 1 0 011-1z",
  },
  {
    href: "/domains",
    label: "domains",
    permission: "groups.read",
    icon: "M12 21a9 9 0 100-18 9 9 0 000 18zM3.6 9h16.8M3.6 15h16.8M12 3a15 15 0 010 18M12 3a15 15 0 000 18",
  },
  { href: "/import", label: "import", permission: "groups.write", icon: "M12 3v12M7 10l5 5 5-5M5 21h14" },
  {
    href: "/organizations",
    label: "organizations",
    permission: "organizations.read",
    icon: "M3 21h18M5 21V7l7-4 7 4v14M9 10h.01M15 10h.01M9 14h.01M15 14h.01",
  },
  {
    href: "/audit",
    label: "audit",
    permission: "audit.read",
    icon: "M9 5H7a2 2 0 00-2 2v12a2 2 0 002 2h10a2 2 0 002-2V7a2 2 0 00-2-2h-2M9 5a2 2 0 002 2h2a2 2 0 002-2M9 5a2 2 0 012-2h2a2 2 0 012 2M9 13l2 2 4-4",
  },
  {
    href: "/settings",
    label: "settings",
    permission: "settings.read",
    icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z",
  },
];
