"use server";

// Server actions for the driver catalogue: the searchable driver picker reads through this
// (server-side search; only the matches reach the browser).
import { defineAction } from "@/lib/auth/action";
import { searchDriversSchema } from "@/lib/drivers/schemas";
import { searchDrivers } from "@/lib/drivers/service";

export const searchDriversAction = defineAction({
  name: "driver.search",
  permission: "drivers.read",
  mutation: false,
  input: searchDriversSchema,
  handler: (ctx, input) => searchDrivers(ctx, input),
});
