// Input rules for users (docs/ezeep.md#users, account host: first_name/last_name ≤150, roles admin|user;
// §3.4 printing host: four boolean flags). Messages are English sentences, catalogued in the
// `validation` namespace and shown in the request's language (lib/i18n/validation.ts).
import { z } from "zod";

import {
  PRINTING_FLAG_LABELS,
  PRINTING_FLAGS,
  USER_NAME_MAX,
  USER_ROLE_LABELS,
  USER_ROLES,
  type PrintingFlag,
  type UserRole,
} from "@/lib/users/constants";

export { PRINTING_FLAG_LABELS, PRINTING_FLAGS, USER_NAME_MAX, USER_ROLE_LABELS, USER_ROLES };
export type { PrintingFlag, UserRole };

const userId = z.string({ error: "A user id is required." }).trim().min(1, "A user id is required.").max(100);

const firstName = z
  .string({ error: "Enter a first name." })
  .trim()
  .min(1, "Enter a first name.")
  .max(USER_NAME_MAX, `Use at most ${USER_NAME_MAX} characters for the first name.`)
  .refine((v) => !/[<>]/.test(v), "The first name cannot contain < or >.");

const lastName = z
  .string({ error: "Enter a last name." })
  .trim()
  .min(1, "Enter a last name.")
  .max(USER_NAME_MAX, `Use at most ${USER_NAME_MAX} characters for the last name.`)
  .refine((v) => !/[<>]/.test(v), "The last name cannot contain < or >.");

const onOff = () => z.boolean({ error: "Choose on or off." }).optional();

export const updateUserSchema = z.object({
  id: userId,
  firstName,
  lastName,
  role: z.enum(USER_ROLES, { error: "Choose Admin or User as the role." }),
});
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const setFlagsSchema = z
  .object({
    id: userId,
    local_printing_enabled: onOff(),
    self_service_enabled: onOff(),
    myprinters_enabled: onOff(),
    pull_printing_enabled: onOff(),
  })
  .refine((v) => PRINTING_FLAGS.some((f) => v[f] !== undefined), {
    message: "Choose at least one printing setting to change.",
    path: ["flags"],
  });
export type SetFlagsInput = z.output<typeof setFlagsSchema>;

export const deleteUserSchema = z.object({ id: userId });

export const USER_SORTS = ["name", "email", "role", "groups", "joined"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const listUsersSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  group: z.string().trim().max(100).catch("").default(""),
  role: z
    .enum(["all", ...USER_ROLES])
    .catch("all")
    .default("all"),
  status: z.enum(["all", "active", "invited"]).catch("all").default("all"),
  sort: z.enum(USER_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(5).max(100).catch(25).default(25),
});
export type ListUsersQuery = z.output<typeof listUsersSchema>;

export const searchUsersSchema = z.object({
  q: z.string().trim().max(200).default(""),
  /** Leave out the members of this group (the picker adds people who are not in it yet). */
  notInGroup: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
