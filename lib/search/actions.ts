"use server";

// The global search's one server action (reads only; each source checks its own permission).
import { z } from "zod";

import { defineAction } from "@/lib/auth/action";
import { zodMessage } from "@/lib/i18n/scope";
import { globalSearch } from "@/lib/search/service";

const searchSchema = z.object({
  q: z
    .string()
    .trim()
    .min(
      2,
      zodMessage((t) => t("search.tooShort")),
    )
    .max(
      200,
      zodMessage((t) => t("search.tooLong")),
    ),
});

export const globalSearchAction = defineAction({
  name: "search.global",
  permission: "dashboard.read",
  mutation: false,
  input: searchSchema,
  handler: (ctx, input) => globalSearch(ctx, input.q),
});
