// Input rules for users (docs/ezeep.md#users, account host: first_name/last_name ≤150, roles admin|user;
// §3.4 printing host: four boolean flags).
import { z } from "zod";

import { englishTranslator, type NamespaceTranslator } from "@/lib/i18n/english";
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

type UsersT = NamespaceTranslator<"users">;

const userIdWith = (t: UsersT) =>
  z
    .string({ error: t("validation.idRequired") })
    .trim()
    .min(1, t("validation.idRequired"))
    .max(100);

const personName = (t: UsersT, which: "firstName" | "lastName") =>
  z
    .string({ error: t(`validation.${which}Required`) })
    .trim()
    .min(1, t(`validation.${which}Required`))
    .max(USER_NAME_MAX, t(`validation.${which}TooLong`, { max: USER_NAME_MAX }))
    .refine((v) => !/[<>]/.test(v), t(`validation.${which}Chars`));

/** The user schemas with messages from `t` (English here; the request's language in actions). */
export function userSchemas(t: UsersT) {
  const id = userIdWith(t);
  const onOff = () => z.boolean({ error: t("validation.onOff") }).optional();
  return {
    update: z.object({
      id,
      firstName: personName(t, "firstName"),
      lastName: personName(t, "lastName"),
      role: z.enum(USER_ROLES, { error: t("validation.role") }),
    }),
    setFlags: z
      .object({
        id,
        local_printing_enabled: onOff(),
        self_service_enabled: onOff(),
        myprinters_enabled: onOff(),
        pull_printing_enabled: onOff(),
      })
      .refine((v) => PRINTING_FLAGS.some((f) => v[f] !== undefined), {
        message: t("validation.flagsRequired"),
        path: ["flags"],
      }),
    delete: z.object({ id }),
  };
}

const english = userSchemas(englishTranslator("users"));
export const userId = userIdWith(englishTranslator("users"));
export const updateUserSchema = english.update;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
export const setFlagsSchema = english.setFlags;
export type SetFlagsInput = z.output<typeof setFlagsSchema>;
export const deleteUserSchema = english.delete;

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
