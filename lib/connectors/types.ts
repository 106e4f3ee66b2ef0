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
