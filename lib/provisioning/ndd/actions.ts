"use server";

// NDD settings (Settings → NDD Orbix): owners register Client names and set the mass-removal guard.
import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/auth/action";
import { addClient, removeClient } from "@/lib/provisioning/ndd/clients";
import { massRemovalSchema, nddClientSchema } from "@/lib/provisioning/ndd/schemas";
import { setMassRemovalPercent } from "@/lib/provisioning/ndd/settings";

function refresh() {
  try {
    revalidatePath("/settings");
  } catch {
    // Outside a Next request (tests, scripts) there is no cache to refresh.
  }
}

export const addNddClientAction = defineAction({
  name: "ndd.client_add",
  permission: "settings.manage",
  mutation: true,
  input: nddClientSchema,
  handler: async (ctx, input) => {
    const row = await addClient(ctx, input);
    refresh();
    return { id: row.id, name: row.name };
  },
});

export const removeNddClientAction = defineAction({
  name: "ndd.client_remove",
  permission: "settings.manage",
  mutation: true,
  input: nddClientSchema,
  handler: async (ctx, input) => {
    const removed = await removeClient(ctx, input);
    refresh();
    return removed;
  },
});

export const setMassRemovalAction = defineAction({
  name: "ndd.settings_update",
  permission: "settings.manage",
  mutation: true,
  input: massRemovalSchema,
  handler: async (ctx, input) => {
    const result = await setMassRemovalPercent(ctx, input);
    refresh();
    return result;
  },
});
