"use server";

// The global search's one server action (reads only; each source checks its own permission).
import { z } from "zod";

import { defineAction } from "@/lib/auth/action";
import { globalSearch } from "@/lib/search/service";

const searchSchema = z.object({
  q: z.string().trim().min(2, "Type at least two characters.").max(200, "Search for at most 200 characters."),
});

export const globalSearchAction = defineAction({
  name: "search.global",
  permission: "dashboard.read",
  mutation: false,
  input: searchSchema,
  handler: (ctx, input) => globalSearch(ctx, input.q),
});
