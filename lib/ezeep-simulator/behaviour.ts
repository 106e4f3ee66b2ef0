// The simulator's readings of ezeep where its documentation is silent (README "Choices"), per
// instance: set at start (`behaviour` option), by `sim.setBehaviour()`, or `POST /__sim/behaviour`.
import type { SimulatorBehaviour } from "./types";

export const DEFAULT_BEHAVIOUR: SimulatorBehaviour = { assignmentPut: "add", groupNames: "unique" };

const CHOICES: { [K in keyof SimulatorBehaviour]: readonly SimulatorBehaviour[K][] } = {
  assignmentPut: ["add", "replace"],
  groupNames: ["unique", "duplicates-allowed"],
};

/** Checks a partial change; throws with a message naming the allowed values. */
export function validateBehaviour(change: unknown): Partial<SimulatorBehaviour> {
  if (typeof change !== "object" || change === null) throw new Error("behaviour must be an object");
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(change)) {
    const allowed = (CHOICES as Record<string, readonly unknown[]>)[key];
    if (!allowed) throw new Error(`unknown behaviour "${key}" (known: ${Object.keys(CHOICES).join(", ")})`);
    if (!allowed.includes(value)) throw new Error(`${key} must be one of ${allowed.join(", ")}`);
    out[key] = value;
  }
  return out as Partial<SimulatorBehaviour>;
}
