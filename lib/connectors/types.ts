// Connector types as ezeep names them (docs/ezeep.md#printers-connectors-drivers) and how the portal labels them.
export const HUB_TYPE = "TPHub";

const TYPE_LABELS: Record<string, string> = {
  TPHub: "ezeep Hub",
  Printserver: "Print server",
  Virtual: "Virtual",
  Embedded: "Embedded",
};

export function connectorTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? (type || "Unknown type");
}

const KNOWN_TYPES = ["TPHub", "Printserver", "Virtual", "Embedded"] as const;
export type KnownConnectorType = (typeof KNOWN_TYPES)[number];

/** The types the catalogue names (connectors.types.*); others are shown as ezeep spells them. */
export function isKnownConnectorType(type: string): type is KnownConnectorType {
  return (KNOWN_TYPES as readonly string[]).includes(type);
}
